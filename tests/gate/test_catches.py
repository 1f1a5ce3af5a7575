"""Proof that each gate rule catches its defect: break a temporary copy, run the gate, read the complaint.

One copy carries many independent defects and is built once (`broken` fixture); each test asserts that
one defect is reported under its rule, in the Markdown file and line where it was written, with a fix.
That the one run reports all of them also proves the gate lists every problem at once. Defects that
stop the build (a macro error) get their own copy; deep links are in test_registry.py.
"""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from macros import macro_names
from macros.notes import scan_markdown
from tests.conftest import copy_project
from tests.gate.__main__ import main
from tests.gate.build import build, check_config
from tests.gate.macro_calls import check_file
from tests.gate.problem import (
    ASSETS,
    BUILD,
    COVERAGE,
    EXTERNAL,
    LINKS,
    LINT,
    MACRO_CALLS,
    QUESTIONS,
    SHAPE,
    TEMPLATE,
    THIRD_PARTY,
    Problem,
)
from tests.gate.project import Project
from tests.gate.runner import check_sources, run_gate

FUTURE = "2099-01-01"
CODE_SAMPLE = "Password: '{{resolve:ssm-secure:/db/password:1}}'"  # a CloudFormation dynamic reference


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found; the test's assumption about the page changed"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def break_pages(project: Path) -> None:
    """Rules 1, 2, 4, 5, 6, 7, 9 (spelling): defects written in Markdown."""
    docs = project / "docs"
    sqs, sns, s3, ec2 = (docs / "services" / f"{name}.md" for name in ("sqs", "sns", "s3", "ec2"))
    first_note = scan_markdown(sqs.read_text(encoding="utf-8"), "services/sqs.md")[0]
    replace(sqs, "\n## Exam tips", f"\n### Copied note {{: #{first_note.id} }}\n\nSame id twice.\n\n## Exam tips")
    append(sqs, "\n\nSee [a page that never existed](no-such-page.md).\n")  # rule 1 (mkdocs) and rule 2
    append(sqs, '\n<a href="../sns/#no-such-note">dead anchor</a> and <a href="../no-such-service/">dead page</a>\n')
    append(sqs, "\nConsumers recieve each message once.\n")  # codespell: recieve ==> receive
    append(sqs, "\n[plain http](http://docs.aws.amazon.com/lambda/) [short](https://bit.ly/3xyzabc) "
                "[local](https://127.0.0.1:8000/) [blog](https://example.com/aws-tips)\n")
    append(sns, "\n{% raw %}Call {{ service(\"lambda\") }} here, and a stray {# opener.{% endraw %}\n"
                "\n{% raw %}\n```yaml\n" + CODE_SAMPLE + "\n```\n{% endraw %}\n"
                "\nMacro Rendering Error\n")
    append(sns, '\nBeyond macro calls: {{ config.site_name }} and {{ "loud" | upper }} and {{ range(3) }}.\n'
                "{# a hidden remark #}\n")  # rule 11
    append(s3, '\n<img src="../../img/missing-diagram.png" alt="A diagram">\n'
               '\n<script src="https://cdn.example.com/lib.js"></script>\n')
    replace(ec2, "last_verified: '", f"last_verified: '{FUTURE}'\nold_verified: '")
    replace(ec2, "## Exam tips", "## Exam hints")
    replace(ec2, "## Key facts\n", "## Key facts\n\n### A note without an id\n\nText.\n\n# A second title\n")
    (docs / "draft.md").write_text("---\ntitle: Draft\ndescription: A draft.\n---\n\n# Draft\n", encoding="utf-8")
    (docs / "img").mkdir()
    (docs / "img" / "unused.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (docs / "includes" / "unused.md").write_text("Nobody includes this.\n", encoding="utf-8")
    (project / "overrides" / "notes.yml").write_text("a data file left in the theme folder\n", encoding="utf-8")


def break_assets_and_code(project: Path) -> None:
    """Rules 8 and 9 (lint): a tracker script, a font CDN, Material's repo facts, Python and workflow errors."""
    docs = project / "docs"
    (docs / "javascripts").mkdir(exist_ok=True)
    (docs / "javascripts" / "tracker.js").write_text(
        'fetch("https://telemetry.example.com/hit");\ndocument.querySelector("h1").innerHTML = location.hash;\n',
        encoding="utf-8")
    append(docs / "stylesheets" / "extra.css", '\n@import url("https://fonts.googleapis.com/css?family=Roboto");\n')
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "\nextra_javascript:\n" in text:
        replace(config, "\nextra_javascript:\n", "\nextra_javascript:\n  - javascripts/tracker.js\n")
    else:
        append(config, "\nextra_javascript:\n  - javascripts/tracker.js\n")
    patches = project / "macros" / "hooks" / "partials.yml"
    edits = yaml.safe_load(patches.read_text(encoding="utf-8"))
    edits.pop("partials/source.html")
    patches.write_text(yaml.safe_dump(edits), encoding="utf-8")
    (project / "macros" / "unused.py").write_text('"""A module with a lint error."""\n\nimport os\n', encoding="utf-8")
    workflows = project / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "broken.yml").write_text(
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.evnt.name }}\n",
        encoding="utf-8",
    )
    (workflows / "unpinned.yml").write_text(
        "on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n",
        encoding="utf-8",
    )


@dataclass(frozen=True)
class Broken:
    project: Path
    site: Path
    problems: list[Problem]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Broken:
    """A copy with every defect below, built once, and the problems of one gate run on it."""
    root = tmp_path_factory.mktemp("broken")
    project = copy_project(root / "project")
    break_pages(project)
    break_assets_and_code(project)
    return Broken(project, root / "site", run_gate(project, root / "site"))


def find(problems: list[Problem], rule: str, file: str, message: str) -> Problem:
    """The one problem of `rule` in `file` whose message contains `message` (fails listing the rule's problems)."""
    matches = [p for p in problems if p.rule == rule and p.file == file and message in p.message]
    assert matches, f"no [{rule}] problem in {file} saying {message!r}; got:\n" + "\n".join(
        str(p) for p in problems if p.rule == rule
    )
    return matches[0]


def test_one_run_reports_every_rule(broken: Broken) -> None:
    rules = {p.rule for p in broken.problems}
    assert {BUILD, LINKS, SHAPE, EXTERNAL, ASSETS, TEMPLATE, THIRD_PARTY, LINT, MACRO_CALLS} <= rules
    assert not [p for p in broken.problems if "crashed" in p.message]


def test_command_line_prints_every_problem_and_fails(broken: Broken) -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        status = main([str(broken.site), "--project", str(broken.project)])
    printed = out.getvalue()
    site_and_source = [p for p in broken.problems if p.rule != BUILD]
    assert status == 1
    assert f"The publishing gate found {len(set(site_and_source))} problem(s):" in printed
    assert "Traceback" not in printed
    for problem in site_and_source:
        assert f"{problem.where}: [{problem.rule}] {problem.message}\n    fix: {problem.fix}" in printed


# Rule 1: the strict build ------------------------------------------------------------------------


def test_dead_markdown_link_fails_the_strict_build(broken: Broken) -> None:
    project, problems = broken.project, broken.problems
    found = find(problems, BUILD, "docs/services/sqs.md", "contains a link 'no-such-page.md'")
    assert found.line == line_of(project / "docs/services/sqs.md", "(no-such-page.md)")
    assert "not found among documentation files" in found.message


def test_page_missing_from_nav_fails_the_strict_build(broken: Broken) -> None:
    found = find(broken.problems, BUILD, "docs/draft.md", "page exists in docs/ but is not in the nav")
    assert "add it to `nav` in mkdocs.yml" in found.fix


def test_unknown_macro_id_fails_the_build_and_sources_are_still_checked(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    lambda_md = project / "docs/services/lambda.md"
    append(lambda_md, '\nSee {{ service("dynamo") }}.\n')
    replace(project / "docs/services/ec2.md", "## Related", "## See also")
    problems = run_gate(project)
    expected = "services/lambda.md: service('dynamo'): unknown service id 'dynamo'; did you mean: dynamodb?"
    found = find(problems, BUILD, "docs/services/lambda.md", f"Macro Rendering Error: {expected}")
    assert found.line == line_of(lambda_md, 'service("dynamo")')
    find(problems, SHAPE, "docs/services/ec2.md", "section `## Related` is missing")


def test_macro_syntax_error_names_the_markdown_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs/services/sns.md"
    replace(page, "## Exam tips\n", '## Exam tips\n\n{{ service("sqs" }}\n')
    _, problems = build(Project(project), tmp_path / "site")
    found = find(problems, BUILD, "docs/services/sns.md", "Macro Syntax Error: unexpected '}'")
    assert found.line == line_of(page, '{{ service("sqs" }}')


# Rule 2: internal links and fragments in the built site --------------------------------------------


def test_dead_page_link_in_html_is_caught(broken: Broken) -> None:
    found = find(broken.problems, LINKS, "docs/services/sqs.md", "broken link to /services/no-such-service")
    assert "in built services/sqs/index.html:" in found.message


def test_dead_anchor_is_caught(broken: Broken) -> None:
    find(broken.problems, LINKS, "docs/services/sqs.md", "broken link to /services/sns#no-such-note (Cannot find fragment)")


def test_dead_markdown_link_is_also_dead_in_the_built_site(broken: Broken) -> None:
    find(broken.problems, LINKS, "docs/services/sqs.md", "broken link to /services/sqs/no-such-page.md")


# Rule 4: page shape --------------------------------------------------------------------------------


def test_duplicate_note_id_is_caught(broken: Broken) -> None:
    project, problems = broken.project, broken.problems
    sqs = project / "docs/services/sqs.md"
    note = scan_markdown(sqs.read_text(encoding="utf-8"), "services/sqs.md")[0]
    expected = f"note id {note.id!r} is already used by docs/services/sqs.md:{note.line}"
    found = find(problems, SHAPE, "docs/services/sqs.md", expected)
    assert found.line == line_of(sqs, "### Copied note")


def test_missing_section_is_caught(broken: Broken) -> None:
    found = find(broken.problems, SHAPE, "docs/services/ec2.md", "section `## Exam tips` is missing")
    assert "Key facts, Exam tips, Related, Official documentation" in found.fix


def test_note_without_explicit_id_is_caught(broken: Broken) -> None:
    project, problems = broken.project, broken.problems
    found = find(problems, SHAPE, "docs/services/ec2.md", "note heading without an explicit id: '### A note without an id'")
    assert found.line == line_of(project / "docs/services/ec2.md", "### A note without an id")
    assert "{: #ec2-short-slug }" in found.fix


def test_second_h1_is_caught(broken: Broken) -> None:
    project, problems = broken.project, broken.problems
    found = find(problems, SHAPE, "docs/services/ec2.md", "a second H1 ('A second title')")
    assert found.line == line_of(project / "docs/services/ec2.md", "# A second title")


def test_last_verified_in_the_future_is_caught(broken: Broken) -> None:
    find(broken.problems, SHAPE, "docs/services/ec2.md", f"`last_verified: {FUTURE}` is in the future")


# Rule 5: external links ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "complaint"),
    [
        ("http://docs.aws.amazon.com/lambda/", "uses http:// instead of https://"),
        ("https://bit.ly/3xyzabc", "goes through the link shortener bit.ly"),
        ("https://127.0.0.1:8000/", "points at localhost or a bare IP address"),
        ("https://example.com/aws-tips", "goes to example.com, which is not on the allow-list"),
    ],
)
def test_bad_external_link_is_caught(broken: Broken, url: str, complaint: str) -> None:
    project, problems = broken.project, broken.problems
    found = find(problems, EXTERNAL, "docs/services/sqs.md", f"external link {url} {complaint}")
    assert found.line == line_of(project / "docs/services/sqs.md", url)


# Rule 6: assets and orphans ------------------------------------------------------------------------


def test_missing_image_is_caught(broken: Broken) -> None:
    project, problems = broken.project, broken.problems
    found = find(problems, ASSETS, "docs/services/s3.md", "<img src> refers to missing file /img/missing-diagram.png")
    assert found.line == line_of(project / "docs/services/s3.md", "missing-diagram.png")
    assert not [p for p in problems if p.rule != ASSETS and "missing-diagram" in p.message], "reported once, under rule 6"


def test_orphan_image_is_caught(broken: Broken) -> None:
    find(broken.problems, ASSETS, "docs/img/unused.png", "orphan file: docs/img/unused.png is published but no page")


def test_orphan_markdown_snippet_is_caught(broken: Broken) -> None:
    expected = "orphan file: docs/includes/unused.md is neither a built page nor a snippet"
    find(broken.problems, ASSETS, "docs/includes/unused.md", expected)


# Rule 7: unrendered template syntax --------------------------------------------------------------


def test_stray_template_syntax_is_caught(broken: Broken) -> None:
    project, problems = broken.project, broken.problems
    expected = "unrendered template syntax in the page text: 'Call {{ service(\"lambda\") }}"
    found = find(problems, TEMPLATE, "docs/services/sns.md", expected)
    assert found.line == line_of(project / "docs/services/sns.md", 'Call {{ service("lambda") }}')


def test_stray_jinja_comment_opener_is_caught(broken: Broken) -> None:
    find(broken.problems, TEMPLATE, "docs/services/sns.md", "a stray {# opener.")


def test_macro_error_text_is_caught(broken: Broken) -> None:
    find(broken.problems, TEMPLATE, "docs/services/sns.md", "the page shows mkdocs-macros error text 'Macro Rendering Error'")


def test_template_syntax_in_a_code_sample_is_allowed(broken: Broken) -> None:
    html = LexborHTMLParser((broken.site / "services/sns/index.html").read_text(encoding="utf-8"))
    assert any("{{resolve:ssm-secure:/db/password:1}}" in code.text() for code in html.css("pre code"))
    assert not [p for p in broken.problems if p.rule == TEMPLATE and "resolve" in p.message]


# Rule 8: third-party hosts -----------------------------------------------------------------------


def test_third_party_script_is_caught(broken: Broken) -> None:
    expected = "<script src> loads https://cdn.example.com/lib.js from another host"
    found = find(broken.problems, THIRD_PARTY, "docs/services/s3.md", expected)
    assert "serve the file from docs/" in found.fix


def test_remote_stylesheet_import_is_caught(broken: Broken) -> None:
    find(broken.problems, THIRD_PARTY, "docs/stylesheets/extra.css",
         "stylesheet @import loads https://fonts.googleapis.com/css?family=Roboto from another host")


def test_remote_url_in_own_script_is_caught(broken: Broken) -> None:
    expected = "script refers to https://telemetry.example.com/hit on another host"
    find(broken.problems, THIRD_PARTY, "docs/javascripts/tracker.js", expected)


def test_theme_repository_facts_fetch_is_caught(broken: Broken) -> None:
    found = next(p for p in broken.problems if p.rule == THIRD_PARTY and "api.github.com" in p.message)
    assert '[data-md-component="source"]' in found.message
    assert "macros/hooks/partials.yml" in found.fix


# Rule 9: spelling and lint -----------------------------------------------------------------------


def test_misspelling_is_caught(broken: Broken) -> None:
    project, problems = broken.project, broken.problems
    found = find(problems, LINT, "docs/services/sqs.md", "misspelling: recieve ==> receive")
    assert found.line == line_of(project / "docs/services/sqs.md", "recieve")
    assert "tests/gate/wordlist.txt" in found.fix


def test_python_lint_error_is_caught(broken: Broken) -> None:
    found = find(broken.problems, LINT, "macros/unused.py", "ruff F401")
    assert found.line == 3


def test_workflow_error_is_caught_by_actionlint(broken: Broken) -> None:
    found = find(broken.problems, LINT, ".github/workflows/broken.yml", "actionlint [expression]")
    assert found.line == 6
    assert "evnt" in found.message


def test_html_sink_in_our_javascript_is_caught(broken: Broken) -> None:
    found = find(broken.problems, LINT, "docs/javascripts/tracker.js", "eslint [no-restricted-syntax] innerHTML")
    assert found.line == 2 and "textContent" in found.fix


def test_stray_file_in_the_theme_folder_is_caught(broken: Broken) -> None:
    found = find(broken.problems, ASSETS, "overrides/notes.yml", "published file /notes.yml comes from no known source")
    assert "custom_dir" in found.fix


# Rule 11: template syntax in pages ---------------------------------------------------------------


def test_template_syntax_beyond_macro_calls_is_caught(broken: Broken) -> None:
    sns = broken.project / "docs/services/sns.md"
    line = line_of(sns, "Beyond macro calls")
    found = sorted((p.line, p.message) for p in broken.problems if p.rule == MACRO_CALLS)
    assert all(p.file == "docs/services/sns.md" for p in broken.problems if p.rule == MACRO_CALLS)
    assert found == [
        (line, "`Filter` expression: only a macro call may appear inside {{ }}"),
        (line, "`Getattr` expression: only a macro call may appear inside {{ }}"),
        (line, f"`range(...)` is not one of the site's macros ({', '.join(sorted(macro_names()))})"),
        (line + 1, "a Jinja comment `{# ... #}`: it hides text from the page; delete it or use an HTML comment"),
    ], found


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ('{{ note("sqs-long-polling") }} {{ sources(16, "kms-envelope-encryption") }} {{ calculator("backoff", x=-1) }}', None),
        ("{% raw %}{{ anything | goes }}{% endraw %}", None),
        ("{{ note(page.title) }}", "`note(...)` has an argument that is not a literal"),
        ("{{ note(*ids) }}", "`note(...)` unpacks arguments"),
        ("{{ lipsum.__globals__ }}", "`Getattr` expression"),
        ("{{ cycler.__init__.__globals__.os }}", "`Getattr` expression"),
        ("{% set x = 1 %}", "a `{% set %}` statement"),
        ("{% include 'x.md' %}", "a `{% include %}` statement"),
        ("{{ note(", "template syntax error"),
    ],
)
def test_macro_call_rule_on_single_pages(tmp_path: Path, text: str, complaint: str | None) -> None:
    page = tmp_path / "page.md"
    page.write_text(f"# A page\n\n{text}\n", encoding="utf-8")
    problems = check_file(page, "docs/page.md", macro_names())
    if complaint is None:
        assert problems == []
    else:
        assert problems and problems[0].line == 3 and complaint in problems[0].message, problems
        assert "{% raw %}" in problems[0].fix


def test_unpinned_action_is_caught_by_zizmor(broken: Broken) -> None:
    found = find(broken.problems, LINT, ".github/workflows/unpinned.yml", "zizmor [unpinned-uses]")
    assert found.line == 7
    assert "docs.zizmor.sh" in found.fix


def test_relaxed_strictness_settings_are_caught(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    replace(config, "  anchors: warn", "  anchors: info")
    replace(config, "on_error_fail: true", "on_error_fail: false")
    problems = check_config(Project(project))
    assert [p.message for p in problems] == [
        "`validation.anchors` is 'info'; the strict build needs 'warn'",
        "macros plugin `on_error_fail` is False; it must be True so a failing macro fails the build instead of "
        "publishing its error text",
    ]
    assert problems[0].line == line_of(config, "anchors: info")


# Rule 4 (note bodies) and rule 10: read from the sources, so no build is needed -----------------------


def test_note_without_exam_angle_or_source_is_caught(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    sqs = project / "docs/services/sqs.md"
    replace(sqs, "## Exam tips", "### Bare claim with nothing behind it {: #sqs-bare-claim }\n\nJust text.\n\n## Exam tips")
    problems = check_sources(Project(project))
    line = line_of(sqs, "{: #sqs-bare-claim }")
    angle = find(problems, SHAPE, "docs/services/sqs.md", "note 'sqs-bare-claim' has no `**Exam angle:**` paragraph")
    source = find(problems, SHAPE, "docs/services/sqs.md", "note 'sqs-bare-claim' has no source line")
    assert angle.line == source.line == line
    assert 'sources("sqs-bare-claim")' in source.fix and "macros/data/sources/sqs.yml" in source.fix


def test_uncovered_skill_of_a_complete_domain_is_caught(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    skills_file = project / "macros/data/skills.yml"
    data = yaml.safe_load(skills_file.read_text(encoding="utf-8"))
    domain = data["domains"][1]
    domain["complete"] = True
    skill = domain["tasks"][0]["skills"][0]
    skill["notes"] = []
    skills_file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    problems = check_sources(Project(project))
    found = find(problems, COVERAGE, "macros/data/skills.yml", f"skill {skill['id']} ")
    assert "domain 'Security' is declared complete" in found.message
    assert found.line == line_of(skills_file, f"id: {skill['id']}")
    assert f"under `notes:` of skill {skill['id']}" in found.fix
    # The other skills of that domain without a note are listed too, every one at once.
    uncovered = [p for p in problems if p.rule == COVERAGE]
    assert len(uncovered) == sum(1 for t in domain["tasks"] for s in t["skills"] if not s["notes"])


def test_unknown_note_in_the_skill_map_is_caught(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    skills_file = project / "macros/data/skills.yml"
    replace(skills_file, "notes: [sqs-visibility-timeout,", "notes: [sqs-visibilty-timeout,")
    found = find(check_sources(Project(project)), COVERAGE, "macros/data/skills.yml", "unknown note id 'sqs-visibilty-timeout'")
    assert "did you mean: sqs-visibility-timeout" in found.message


def test_untested_note_and_missing_trap_are_caught(tmp_path: Path) -> None:
    """Rule 12: drop every question on one note, and the trap question of one corrected raw note."""
    project = copy_project(tmp_path / "project")
    bank = project / "macros/data/questions/sqs.yml"
    data = yaml.safe_load(bank.read_text(encoding="utf-8"))
    data["questions"] = [q for q in data["questions"] if "sqs-long-polling" not in q["notes"] and q.get("trap") != 28]
    bank.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    problems = check_sources(Project(project))
    sqs = project / "docs/services/sqs.md"
    untested = find(problems, QUESTIONS, "docs/services/sqs.md", "note 'sqs-long-polling' has no question")
    assert untested.line == line_of(sqs, "{: #sqs-long-polling }")
    assert "macros/data/questions/sqs.yml" in untested.fix
    trap = find(problems, QUESTIONS, "macros/data/traceability.yml", "raw note 28 was wrong")
    assert trap.line == line_of(project / "macros/data/traceability.yml", "- note: 28")
    assert "`trap: 28`" in trap.fix and "'sqs-fifo-deduplication'" in trap.fix


def test_bad_question_is_caught(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    bank = project / "macros/data/questions/sqs.yml"
    data = yaml.safe_load(bank.read_text(encoding="utf-8"))
    single = next(q for q in data["questions"] if q["kind"] == "single")
    for option in single["options"]:
        option["correct"] = True
    bank.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    found = find(check_sources(Project(project)), QUESTIONS, "macros/data/questions/sqs.yml", f"question {single['id']!r}")
    assert "exactly one correct option, got 4" in found.message
