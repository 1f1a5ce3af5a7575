"""The real strict build, and how it fails: macro errors name the page, the call and the fix."""

from __future__ import annotations

import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.conftest import ROOT, mkdocs_build, one_page_project


def _html(site: Path, page: str) -> HTMLParser:
    return HTMLParser((site / page).read_text(encoding="utf-8"))


def test_strict_build_renders_macros(built_site: Path) -> None:
    sqs = _html(built_site, "services/sqs/index.html")
    related = [a.attributes.get("href") for a in sqs.css("article a") if a.attributes.get("href")]
    assert "../sns/" in related, "related() should link to the SNS page with a working relative URL"


def test_one_page_project_builds_cleanly(project_copy: Path, tmp_path: Path) -> None:
    """The tiny project the macro tests below use builds without their defect, so their failures are theirs."""
    one_page_project(project_copy, "services/sqs.md")
    result = mkdocs_build(project_copy, tmp_path / "out", strict=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "out/services/sqs/index.html").is_file()
    assert not (tmp_path / "out/services/sns/index.html").exists(), "only the one page is rendered"


def test_unknown_service_fails_build_with_suggestion(project_copy: Path, tmp_path: Path) -> None:
    one_page_project(project_copy, "services/sqs.md")  # a macro test: render only the page it changes
    page = project_copy / "docs/services/sqs.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ service("dynamo") }}\n', encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out", strict=False)
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "services/sqs.md: service('dynamo'): unknown service id 'dynamo'; did you mean: dynamodb?" in out


def test_missing_argument_fails_build(project_copy: Path, tmp_path: Path) -> None:
    one_page_project(project_copy, "services/sqs.md")  # a macro test: render only the page it changes
    page = project_copy / "docs/services/sqs.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ note() }}\n", encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out", strict=False)
    assert result.returncode != 0
    assert "services/sqs.md: note(): wrong arguments" in result.stdout + result.stderr


def test_undefined_variable_fails_build(project_copy: Path, tmp_path: Path) -> None:
    one_page_project(project_copy, "services/sqs.md")  # a macro test: render only the page it changes
    page = project_copy / "docs/services/sqs.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ no_such_thing }}\n", encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out", strict=False)
    assert result.returncode != 0


def test_front_matter_does_not_shadow_macros(built_site: Path) -> None:
    """`service: dynamodb` in the front matter and `service("lambda")` in the body both work."""
    md = (ROOT / "docs/services/dynamodb.md").read_text(encoding="utf-8")
    assert "\nservice: dynamodb\n" in md and '{{ service("lambda") }}' in md
    links = [a.attributes.get("href") for a in _html(built_site, "services/dynamodb/index.html").css("article a")]
    assert "../lambda/" in links


def test_without_the_guard_front_matter_shadows_the_macro(project_copy: Path, tmp_path: Path) -> None:
    """Negative control: drop on_pre_page_macros and `service:` hides service() again."""
    init = project_copy / "macros/__init__.py"
    init.write_text(init.read_text(encoding="utf-8").replace("def on_pre_page_macros(", "def _unused_pre_page_macros("),
                    encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "'str' object is not callable" in result.stdout + result.stderr


def test_template_syntax_in_code_renders_literally(project_copy: Path, tmp_path: Path) -> None:
    """CloudFormation dynamic references use {{...}}; pages escape them with {% raw %}."""
    page = project_copy / "docs/services/sqs.md"
    block = (
        "\n{% raw %}\n```yaml\nPassword: '{{resolve:ssm-secure:/db/password:1}}'\n```\n{% endraw %}\n"
    )
    page.write_text(page.read_text(encoding="utf-8") + block, encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    code = HTMLParser((tmp_path / "out/services/sqs/index.html").read_text(encoding="utf-8")).css("pre code")
    assert any("{{resolve:ssm-secure:/db/password:1}}" in c.text() for c in code)


def test_no_jinja_comment_opener_in_docs() -> None:
    """`{#` opens a Jinja comment under mkdocs-macros: heading ids must be written `{: #id }`."""
    offenders = [
        f"{p.relative_to(ROOT)}:{i}"
        for p in (ROOT / "docs").rglob("*.md")
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if "{#" in line
    ]
    assert not offenders, f"write heading ids as {{: #id }}, not {{#id}}: {offenders}"


def test_heading_ids_are_explicit_on_notes(built_site: Path) -> None:
    sqs = _html(built_site, "services/sqs/index.html")
    ids = [h.attributes.get("id") for h in sqs.css("article h3")]
    assert ids and all(re.fullmatch(r"sqs-[a-z0-9-]+", i or "") for i in ids), ids
