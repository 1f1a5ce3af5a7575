"""The calculators in built pages: the form survives Markdown, the worked example is the function of
record's answer, and a bad macro call or data file fails the build with the exact complaint.

Uses the session's strict build (`built_site`) and, for breakage, private copies of the project.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from macros import links
from macros.calculators import calculator, calculators
from macros.calculators.evaluate import defaults, evaluate
from macros.calculators.spec import SPEC_PATH, Calculator, load_spec
from macros.context import Context
from macros.errors import MacroInputError
from tests.conftest import ROOT, copy_project, mkdocs_build

SPEC = load_spec()

# Where each calculator sits: (page, the note it follows, or None = elsewhere on that page).
PLACEMENTS = {
    "dynamodb-capacity": ("services/dynamodb.md", "dynamodb-capacity-units"),
    "lambda-concurrency": ("services/lambda.md", "lambda-concurrency-formula"),
    "lambda-cost": ("services/lambda.md", "lambda-memory-and-cpu"),
    "kinesis-shards": ("services/kinesis.md", "kinesis-kcl-workers-per-shard"),
    "s3-prefixes": ("services/s3.md", None),
    "backoff": ("topics/error-handling.md", "error-handling-retry-5xx-with-backoff"),
}


def html(site: Path, page: str) -> HTMLParser:
    return HTMLParser((site / page).read_text(encoding="utf-8"))


def form_of(tree: HTMLParser, calc_id: str):  # type: ignore[no-untyped-def]
    found = tree.css(f'form.calc[data-calc="{calc_id}"]')
    assert len(found) == 1, f"expected one {calc_id} form, found {len(found)}"
    return found[0]


def assert_intact(tree: HTMLParser, c: Calculator) -> None:
    """The form arrived as HTML (not escaped, not split into paragraphs) with the page contract."""
    form = form_of(tree, c.id)
    block = form.parent
    assert block is not None and block.tag == "div" and "calc-block" in (block.attributes.get("class") or "")
    assert block.parent is not None and block.parent.tag != "p", "the calculator was wrapped in a paragraph"
    assert not form.css("p > div, p > form, p > fieldset"), "Markdown split the form into paragraphs"
    assert json.loads(form.attributes["data-spec"] or "") == c.to_js()
    for spec in c.inputs:
        control = form.css_first(f'[name="{spec.name}"]')
        assert control is not None, spec.name
        label = form.css_first(f'label[for="{control.attributes["id"]}"]')
        assert label is not None and spec.label in label.text(), f"{c.id}: no visible label for {spec.name}"
    region = form.css_first(".calc-results")
    assert region is not None and region.attributes.get("aria-live") == "polite"
    outputs = [o.attributes.get("data-result") for o in region.css("output[data-result]")]
    assert outputs == [r.name for r in c.results]
    example = evaluate(c, defaults(c))
    assert {o.attributes["data-result"]: o.text() for o in form.css("output[data-result]")} == example.results
    assert [li.text() for li in form.css("[data-calc-working] li")] == list(example.working)
    assert [[td.text() for td in tr.css("td")] for tr in form.css("tbody tr")] == [list(r) for r in example.table]
    cited = {a.attributes.get("href") for a in form.css(".calc-sources a")}
    assert cited == {f.url for f in c.facts}, f"{c.id}: every fact cites its AWS page"


# --- The session build: the Calculators page ----------------------------------------------------

def test_calculators_page_embeds_all_six_intact(built_site: Path) -> None:
    tree = html(built_site, "calculators/index.html")
    assert len(tree.css("form.calc")) == len(SPEC.calculators) == 6
    for c in SPEC.calculators:
        assert_intact(tree, c)
    text = tree.body.text() if tree.body else ""
    assert "&lt;form" not in text and "<form" not in text, "escaped form markup leaked into the text"


def test_calculators_page_links_each_calculator_to_its_note(built_site: Path) -> None:
    tree = html(built_site, "calculators/index.html")
    ctx = Context.load(ROOT / "docs")
    for c in SPEC.calculators:
        heading = tree.css_first(f"h2#{c.id}")
        assert heading is not None and c.title in heading.text()
        paragraph = heading.next
        while paragraph is not None and paragraph.tag != "p":
            paragraph = paragraph.next
        assert paragraph is not None
        hrefs = [a.attributes.get("href") for a in paragraph.css("a")]
        entry = ctx.catalog.find(c.service)
        assert entry is not None
        page_url = "../" + entry.src_path.removesuffix(".md") + "/"
        expected = [page_url + f"#{c.note}", page_url] if c.note else [page_url]
        assert hrefs == expected, c.id


def test_the_page_loads_one_module_script(built_site: Path) -> None:
    tree = html(built_site, "calculators/index.html")
    # The site's one deferred entry point imports calculators/mount.js only where a calculator is.
    scripts = [s for s in tree.css("script[src]") if (s.attributes.get("src") or "").startswith("../javascripts/")]
    assert [(s.attributes["src"], s.attributes.get("type")) for s in scripts] == [
        ("../javascripts/loader.js", "module")
    ]
    assert not [s for s in tree.css("form.calc script")], "no inline scripts in a calculator"


# --- Inline on the service pages ------------------------------------------------------------------

def test_each_calculator_works_inline_on_its_service_page(built_site: Path) -> None:
    site = built_site
    for c in SPEC.calculators:
        page, note = PLACEMENTS[c.id]
        tree = html(site, page.removesuffix(".md") + "/index.html")
        assert_intact(tree, c)
        if note:  # the calculator follows its note, before the next note
            heading = tree.css_first(f"h3#{note}")
            assert heading is not None
            node = heading.next
            while node is not None and not (node.tag in ("h2", "h3") or "calc-block" in (node.attributes.get("class") or "")):
                node = node.next
            assert node is not None and node.attributes.get("id") == f"calc-{c.id}", f"{c.id} is not right after {note}"


def test_two_calculators_on_one_page_have_distinct_ids(built_site: Path) -> None:
    tree = html(built_site, "services/lambda/index.html")
    ids = [n.attributes.get("id") for n in tree.css("[id]")]
    assert len(tree.css("form.calc")) == 2
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


# --- Failures: the macro and the data file ------------------------------------------------------

@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context.load(ROOT / "docs")


def test_unknown_calculator_id_suggests_the_nearest(ctx: Context) -> None:
    with pytest.raises(MacroInputError, match=r"unknown calculator id 'dynamo-capacity'; did you mean: dynamodb-capacity\?"):
        calculator(ctx, "services/dynamodb.md", "dynamo-capacity")


def test_calculator_macro_returns_one_raw_html_block(ctx: Context) -> None:
    for c in SPEC.calculators:
        out = calculator(ctx, "services/dynamodb.md", c.id)
        assert out.startswith(f'<div class="calc-block" id="calc-{c.id}">') and out.endswith("</div>")
        assert "\n\n" not in out and not re.search(r"^\s", out, re.MULTILINE), "blank or indented lines break the block"


def test_listing_uses_note_links_resolved_from_the_page(ctx: Context) -> None:
    out = calculators(ctx, "calculators.md")
    assert links.note(ctx, "calculators.md", "dynamodb-capacity-units") in out
    assert "## DynamoDB capacity units {: #dynamodb-capacity }" in out


def _with_spec(tmp_path: Path, old: str, new: str) -> Path:
    project = copy_project(tmp_path / "project")
    path = project / "macros" / "data" / SPEC_PATH.name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return project


def test_build_fails_on_unknown_calculator_id(project_copy: Path, tmp_path: Path) -> None:
    page = project_copy / "docs" / "calculators.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ calculator("dynamo-capacity") }}\n', encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert ("calculators.md: calculator('dynamo-capacity'): unknown calculator id 'dynamo-capacity'; "
            "did you mean: dynamodb-capacity?") in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        ("note: dynamodb-capacity-units", "note: dynamodb-capacity-unit",
         "calculators.md: calculators(): calculators.yml: calculator 'dynamodb-capacity': "
         "unknown note id 'dynamodb-capacity-unit'; did you mean: dynamodb-capacity-units"),
        ("default: 1024\n", "default: 20000\n",
         "calculators.md: calculators(): calculators.yml: calculator 'lambda-cost': input 'memory_mb': default 20000 "
         "is invalid: Too large: 10,240 MB is the Lambda maximum."),
    ],
    ids=["note-not-there", "default-out-of-range"],
)
def test_build_fails_on_a_bad_data_file(tmp_path: Path, old: str, new: str, complaint: str) -> None:
    project = _with_spec(tmp_path, old, new)
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert complaint in result.stdout + result.stderr


def test_note_on_another_page_is_rejected(ctx: Context) -> None:
    from dataclasses import replace

    from macros.calculators import _checked

    c = SPEC.find("lambda-cost")
    assert c is not None
    with pytest.raises(MacroInputError) as caught:
        _checked(ctx, replace(c, note="dynamodb-capacity-units"))
    assert "note 'dynamodb-capacity-units' is on services/dynamodb.md, not on the page of 'lambda'" in str(caught.value)
