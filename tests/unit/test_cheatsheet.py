"""The Cheat sheet and the home page's Start here block (macros/cheatsheet.py), called as plain functions
on the real data: every note once with a working link, the domains from the skill map, the exam's
numbers and weights from exam.yml, and a study order with an unknown page id failing with the nearest ids."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

import macros
from macros import cheatsheet
from macros.catalog import DATA_DIR
from macros.context import Context, built_url
from macros.datafile import load_yaml
from macros.errors import MacroError, MacroInputError
from macros.notes import scan_markdown
from tests.conftest import bound_macro

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGE = "cheat-sheet.md"
LINE = re.compile(r'<li data-note="(?P<id>[^"]+)" data-domains="(?P<domains>[^"]*)" markdown="span">'
                  r"\[(?P<text>.*)\]\((?P<url>[^)\s]+)\)</li>")
GROUP = re.compile(r'<h2 id="(?P<anchor>[^"]+)" data-search-exclude markdown="span">\[(?P<name>.*)\]\((?P<url>[^)\s]+)\)</h2>')


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context.load(DOCS)


@pytest.fixture(scope="module")
def sheet(ctx: Context) -> str:
    return cheatsheet.cheat_sheet(ctx, PAGE)


@pytest.fixture(scope="module")
def lines(sheet: str) -> list[re.Match[str]]:
    return [m for line in sheet.splitlines() if (m := LINE.fullmatch(line))]


def test_every_note_appears_exactly_once(ctx: Context, sheet: str, lines: list[re.Match[str]]) -> None:
    ids = [m["id"] for m in lines]
    assert len(ids) == len(set(ids)), "a note is listed twice"
    assert set(ids) == set(ctx.notes)
    assert sheet.count("<li ") == len(ctx.notes), "every <li> is a note line of the expected shape"
    assert f"{len(ctx.notes)} notes from " in sheet


def test_each_line_links_to_its_note_and_shows_its_heading(ctx: Context, lines: list[re.Match[str]]) -> None:
    for m in lines:
        note = ctx.notes[m["id"]]
        path, _, fragment = m["url"].partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(PAGE), path))
        assert (target, fragment) == (note.src_path, note.id), m["url"]
        declared = scan_markdown((DOCS / target).read_text(encoding="utf-8"), target)
        assert note.id in {n.id for n in declared}, f"{m['url']}: no such note heading in docs/{target}"
        assert re.sub(r"</?strong>", "", m["text"]) == note.title


def test_groups_follow_the_catalog_and_link_their_page(ctx: Context, sheet: str) -> None:
    groups = [m for line in sheet.splitlines() if (m := GROUP.fullmatch(line))]
    with_notes = [e for e in ctx.catalog.entries if any(n.src_path == e.src_path for n in ctx.notes.values())]
    assert [g["anchor"] for g in groups] == [e.id for e in with_notes]
    for group, entry in zip(groups, with_notes, strict=True):
        assert (group["name"], group["url"]) == (entry.name, entry.src_path)


def expected_domains(ctx: Context, note_id: str) -> set[str]:
    """The domains the skill map gives a note: skill "1.2.a" counts for the first domain."""
    domains = ctx.catalog.exam.domains
    from_skills = {domains[int(s.id.split(".")[0]) - 1].id for s in ctx.skills.skills_of_note(note_id)}
    if from_skills:
        return from_skills
    entry = ctx.catalog.by_src_path(ctx.notes[note_id].src_path)
    assert entry is not None
    return set(entry.domains) or {d.id for d in domains}


def test_domains_attribute_matches_the_skill_map(ctx: Context, lines: list[re.Match[str]]) -> None:
    order = [d.id for d in ctx.catalog.exam.domains]
    fallback = multiple = 0
    for m in lines:
        listed = m["domains"].split()
        assert set(listed) == expected_domains(ctx, m["id"]), m["id"]
        assert listed == sorted(listed, key=order.index), "domains in the exam's order"
        fallback += not ctx.skills.skills_of_note(m["id"])
        multiple += len(listed) > 1
    assert fallback and multiple, "both cases (no skill: the page's domains; several domains) are exercised"


def test_filter_has_one_labelled_checkbox_per_domain(ctx: Context, sheet: str) -> None:
    boxes = re.findall(r'<label><input type="checkbox" name="domain" value="([^"]+)" checked> ([^<]+)</label>', sheet)
    assert [b[0] for b in boxes] == [d.id for d in ctx.catalog.exam.domains]
    for (_, label), d in zip(boxes, ctx.catalog.exam.domains, strict=True):
        assert label.startswith(f"{d.name} ({d.weight} %, ")
    assert re.search(r'<form class="cheatsheet__filter" data-cheatsheet-filter autocomplete="off" hidden>', sheet), \
        "hidden without JavaScript"
    assert 'role="status" aria-live="polite" data-cheatsheet-count' in sheet


def test_the_sheet_stays_out_of_the_search_index(sheet: str) -> None:
    assert sheet.startswith('<div class="cheatsheet" data-search-exclude markdown>')
    inner = sheet.split("\n", 1)[1].rsplit("</div>", 1)[0]
    assert "<div" not in inner and "</div" not in inner, "Material's search parser ends the exclusion at the first </div>"
    assert sheet.count("<h2 ") == sheet.count("<h2 id=") == sheet.count(" data-search-exclude markdown=\"span\">")


@pytest.mark.parametrize(("title", "bold"), [
    ("Long polling waits up to 20 seconds for a message", "Long polling waits up to <strong>20 seconds</strong> for a message"),
    ("10,000 requests per second with a 5,000-request burst", "<strong>10,000</strong> requests per second with a "
                                                              "<strong>5,000</strong>-request burst"),
    ("by default 5% of the rest, 125 MiB/s, 429", "by default <strong>5%</strong> of the rest, <strong>125 MiB/s</strong>, "
                                                  "<strong>429</strong>"),
    ("closed since November 7, 2025", "closed since <strong>November 7, 2025</strong>"),
    ("S3, SHA-256, x86_64, max-age=0, HTTP/2, DVA-C03, Route 53, Gen 2, OAuth 2.0", None),
    ("set `--max-items 10` or 10", "set `--max-items 10` or <strong>10</strong>"),
])
def test_numbers_are_bold_but_not_inside_names_or_code(title: str, bold: str | None) -> None:
    assert cheatsheet.bold_numbers(title) == (bold or title)


# --- Start here ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def start(ctx: Context) -> str:
    return cheatsheet.start_here(ctx, "index.md")


def test_start_here_shows_the_exam_in_numbers_from_exam_yml(start: str) -> None:
    raw = load_yaml(DATA_DIR / "exam.yml")
    fmt = raw["exams"][raw["current"]]["format"]
    assert f"**{fmt['questions']} questions** in **{fmt['minutes']} minutes**" in start
    assert f"{fmt['scored']} of them are scored; the other {fmt['questions'] - fmt['scored']} do not count." in start
    assert f"**{fmt['score_min']}** to **{fmt['score_max']:,}**; you pass at **{fmt['passing_score']}**" in start


def test_start_here_lists_the_four_domains_with_their_weights(ctx: Context, start: str) -> None:
    raw = load_yaml(DATA_DIR / "exam.yml")
    domains = raw["exams"][raw["current"]]["domains"]
    rows = re.findall(r'^\| <a href="(tags/#tag:[^"]+)">([^<]+)</a> \| (\d+) % \| (\d+) \| (\d+) \|$', start, re.MULTILINE)
    assert len(rows) == len(domains) == 4
    assert sum(int(r[2]) for r in rows) == 100
    for (href, name, weight, pages, _notes), d in zip(rows, domains, strict=True):
        assert (name, int(weight)) == (d["name"], d["weight"])
        assert href == "tags/#" + cheatsheet.tag_anchor(d["name"])
        assert int(pages) == sum(1 for e in ctx.catalog.entries if d["id"] in e.domains)
    assert cheatsheet.tag_anchor("Testing and Deployment") == "tag:testing-and-deployment"


def test_start_here_links_practice_cheat_sheet_and_exam_coverage(start: str) -> None:
    for target in ("exam.md", "practice.md", "cheat-sheet.md"):
        assert f"]({target})" in start
    for target in ("exam.md", "practice.md", "cheat-sheet.md", "services/lambda.md", "topics/observability.md"):
        assert (DOCS / target).is_file()


def test_study_order_follows_the_data_file(ctx: Context, start: str) -> None:
    steps = load_yaml(DATA_DIR / "study_order.yml")["steps"]
    items = re.findall(r"^(\d+)\. (.+)$", start, re.MULTILINE)
    assert [int(n) for n, _ in items] == list(range(1, len(steps) + 1))
    refs = cheatsheet.page_refs(ctx)
    for (_, item), step in zip(items, steps, strict=True):
        links = re.findall(r"\]\(([^)]+)\)", item.split("): ")[0] + ")")
        assert links == [refs[p].src_path for p in step["pages"]]
    assert items[0][1].startswith("[Exam coverage](exam.md): ")


def test_built_urls_between_pages() -> None:
    assert built_url("index.md", "tags.md", "tag:security") == "tags/#tag:security"
    assert built_url("services/sqs.md", "tags.md") == "../../tags/"
    assert built_url("cheat-sheet.md", "index.md") == "../"


def write_order(tmp_path: Path, pages: str) -> Path:
    path = tmp_path / "study_order.yml"
    path.write_text(f"steps:\n  - pages: [exam]\n    why: first.\n  - pages: {pages}\n    why: then.\n", encoding="utf-8")
    return path


def test_unknown_study_order_id_names_the_nearest_ids(ctx: Context, tmp_path: Path) -> None:
    path = write_order(tmp_path, "[lambda, dynamo]")
    with pytest.raises(MacroInputError, match=r"step 2: unknown page id 'dynamo'; did you mean: dynamodb\?"):
        cheatsheet.load_study_order(ctx, path)
    with pytest.raises(MacroInputError, match=r"unknown page id 'cheatsheet'; did you mean: cheat-sheet"):
        cheatsheet.load_study_order(ctx, write_order(tmp_path, "[cheatsheet]"))


def test_bad_study_order_fails_the_macro_call_with_page_and_file(ctx: Context, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the binding mkdocs-macros calls: one line naming the page, the call, the file and the fix."""
    monkeypatch.setattr(cheatsheet, "STUDY_ORDER", write_order(tmp_path, "[lamda]"))
    with pytest.raises(MacroError) as caught:
        bound_macro(ctx, "start_here", cheatsheet.start_here, "index.md")()
    message = str(caught.value)
    assert message.startswith("index.md: start_here(): ")
    assert "macros/data/study_order.yml, step 2: unknown page id 'lamda'; did you mean: lambda, " in message


def test_malformed_study_step_is_an_error(ctx: Context, tmp_path: Path) -> None:
    path = tmp_path / "study_order.yml"
    path.write_text("steps:\n  - pages: [exam]\n", encoding="utf-8")
    with pytest.raises(MacroInputError, match=r"step 1: give exactly `pages`"):
        cheatsheet.load_study_order(ctx, path)


def test_macros_are_registered() -> None:
    assert {"cheat_sheet", "start_here"} <= macros.macro_names()
