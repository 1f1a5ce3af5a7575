"""The bench's own parts: the gzip server, the generated project copies, the alternating runner.

`make bench` itself is not part of the gate (it takes minutes); these tests keep its machinery
working as the content changes, so the numbers it prints are about the site we publish. They carry the
`bench` marker: `make bench` runs them first; `make test` leaves them out to stay within CI's time.
"""

from __future__ import annotations

import gzip
import re
import urllib.request
from pathlib import Path

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.bench import bench, server, variants
from tests.bench import browser as measure
from tests.bench.browser import FirstLoad
from tests.conftest import ROOT
from tests.gate.project import nav_files

pytestmark = pytest.mark.bench


def _get(url: str, accept_gzip: bool) -> tuple[str | None, bytes]:
    headers = {"Accept-Encoding": "gzip"} if accept_gzip else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        return response.headers.get("Content-Encoding"), response.read()


def test_server_gzips_text_only_when_asked(tmp_path: Path) -> None:
    (tmp_path / "page").mkdir()
    html = b"<p>" + b"study notes " * 500 + b"</p>"
    (tmp_path / "page/index.html").write_bytes(html)
    (tmp_path / "icon.png").write_bytes(b"\x89PNG" + bytes(100))
    srv, url = server.start(tmp_path)
    try:
        encoding, body = _get(url + "page/", accept_gzip=True)
        assert encoding == "gzip" and gzip.decompress(body) == html and len(body) < len(html) / 10
        assert _get(url + "page/", accept_gzip=False) == (None, html)
        assert _get(url + "icon.png", accept_gzip=True)[0] is None
    finally:
        srv.shutdown()
    plain, url = server.start(tmp_path, gzip_enabled=False)
    try:
        assert _get(url + "page/", accept_gzip=True) == (None, html)
    finally:
        plain.shutdown()


def test_server_compresses_a_rebuilt_file_again(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_bytes(b"<p>first build</p>")
    srv, url = server.start(tmp_path)
    try:
        assert gzip.decompress(_get(url, accept_gzip=True)[1]) == b"<p>first build</p>"
        (tmp_path / "index.html").write_bytes(b"<p>rebuilt</p>")
        assert gzip.decompress(_get(url, accept_gzip=True)[1]) == b"<p>rebuilt</p>"
    finally:
        srv.shutdown()


def test_alternate_rotates_which_side_goes_first() -> None:
    order: list[str] = []
    tasks = {name: (lambda name=name: order.append(name) or 0.0) for name in ("a", "b", "c")}
    results = bench.alternate(tasks, 3, "test")
    assert order == ["a", "b", "c", "b", "c", "a", "c", "a", "b"]
    assert {name: len(values) for name, values in results.items()} == {"a": 3, "b": 3, "c": 3}


def _heading_ids(docs: Path) -> list[str]:
    return [m for p in docs.rglob("*.md") for m in re.findall(r"\{:\s*#([a-z0-9-]+)", p.read_text(encoding="utf-8"))]


def _note_ids(docs: Path) -> list[str]:
    """Every explicit heading id of `docs` but the section ids every page repeats (`check-yourself`, and
    `check-yourself-r<k>` in replicas): ids need to be unique on their page, and note ids across the site."""
    real = _heading_ids(ROOT / "docs")
    sections = {i for i in real if real.count(i) > 1}
    return [i for i in _heading_ids(docs) if re.sub(r"-r\d+$", "", i) not in sections]


def test_scaled_copy_builds_with_unique_ids(tmp_path: Path) -> None:
    project = variants.scaled_copy(tmp_path / "project", 70)
    nav = nav_files(variants.read_config(project)["nav"])
    assert len(nav) == 70 and len(set(nav)) == 70
    catalog = yaml.safe_load((project / "macros/data/services.yml").read_text(encoding="utf-8"))
    ids = [e["id"] for e in catalog["entries"]]
    assert len(ids) == len(set(ids))
    heading_ids = _note_ids(project / "docs")
    assert len(heading_ids) == len(set(heading_ids)), "replicated note ids must stay unique"
    variants.build(project, tmp_path / "site")
    assert len(list((tmp_path / "site").rglob("index.html"))) >= 70


def _article_text(site: Path, page: str) -> str:
    article = HTMLParser((site / page).read_text(encoding="utf-8")).css_first("article")
    assert article is not None
    for chrome in article.css(".dva-verified, .dva-print-url, .md-source-file, .md-tags"):  # our page chrome
        chrome.decompose()
    return " ".join(article.text(separator=" ").split())


def test_plain_copy_builds_the_same_text_with_plain_material(tmp_path: Path) -> None:
    plain = variants.plain_copy(tmp_path / "plain", tmp_path / "work")
    config = variants.read_config(plain)
    assert "hooks" not in config and "custom_dir" not in config["theme"] and "extra_css" not in config
    assert [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]] == ["search"]
    assert not (plain / "macros").exists()
    variants.build(plain, tmp_path / "plain-site")
    full_site = tmp_path / "work/capture-site"  # the real project, built by the capture step
    for page in ("services/sqs/index.html", "errata/index.html"):
        assert _article_text(tmp_path / "plain-site", page) == _article_text(full_site, page), page


def test_notes_scaled_copy_has_every_catalog_page_three_times(tmp_path: Path) -> None:
    nav, entries = variants.catalog_size()
    project = variants.notes_scaled_copy(tmp_path / "project", 3)
    pages = nav_files(variants.read_config(project)["nav"])
    assert len(pages) == nav + 2 * entries and len(set(pages)) == len(pages)
    catalog = yaml.safe_load((project / "macros/data/services.yml").read_text(encoding="utf-8"))
    ids = [e["id"] for e in catalog["entries"]]
    originals = ids[:entries]
    assert sorted(ids) == sorted([*originals, *(f"{i}-r1" for i in originals), *(f"{i}-r2" for i in originals)])
    notes = _note_ids(project / "docs")
    assert len(notes) == len(set(notes)), "replicated note ids must stay unique"
    assert len(notes) == 3 * len(_note_ids(ROOT / "docs"))
    banks = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (project / "macros/data/questions").glob("*.yml")]
    questions = [q for bank in banks for q in bank["questions"]]
    assert len({q["id"] for q in questions}) == len(questions), "replicated question ids must stay unique"
    replica = yaml.safe_load((project / "macros/data/questions/sqs-r2.yml").read_text(encoding="utf-8"))["questions"]
    assert all(q["id"].endswith("-r2") and "trap" not in q for q in replica)
    assert {n for q in replica for n in q["notes"]} <= set(notes), "a replica's questions test notes that exist"


def test_plain_copy_of_a_generated_project_keeps_its_replicas(tmp_path: Path) -> None:
    nav, _ = variants.catalog_size()
    scaled = variants.scaled_copy(tmp_path / "scaled", nav + 2)
    replicas = sorted(p.relative_to(scaled / "docs").as_posix() for p in (scaled / "docs").rglob("*-r1.md"))
    assert len(replicas) == 2
    plain = variants.plain_copy(tmp_path / "plain", tmp_path / "work", source=scaled)
    for page in replicas:
        text = (plain / "docs" / page).read_text(encoding="utf-8")
        assert "{{" not in text and "(copy 1)" in text, page  # rendered by the capture build, front matter kept
    assert len(nav_files(variants.read_config(plain)["nav"])) == nav + 2
    variants.build(plain, tmp_path / "plain-site")
    for page in replicas:
        assert (tmp_path / "plain-site" / page.removesuffix(".md") / "index.html").is_file()


# The table and verdict logic of the side-by-side stages, on made-up measurements (no browser, no build).


def test_ratio_row_passes_at_the_limit_and_fails_above_or_unmeasured() -> None:
    row = bench.ratio_row("3", "DCL", 110.0, 100.0, 1.1, bench.ms)
    assert (row.figure, row.budget, row.result) == ("1.10× (110 ms / 100 ms)", "≤ 1.1×", "PASS")
    assert bench.ratio_row("3", "DCL", 111.0, 100.0, 1.1, bench.ms).result == "FAIL"
    assert bench.ratio_row("3", "FCP", None, 100.0, 1.1, bench.ms).result == "FAIL"
    assert bench.ratio_row("3", "FCP", 100.0, None, 1.1, bench.ms).figure == "not measured (plain Material)"
    assert bench.ratio_row("3", "x", 0.0, 0.0, 1.1, bench.ms).result == "PASS"
    assert bench.ratio_row("3", "x", 5.0, 0.0, 1.1, bench.ms).result == "FAIL"


def _load(size: int, dcl: float, requests: int = 10, others: tuple[str, ...] = ()) -> FirstLoad:
    return FirstLoad(bytes=size, requests=requests, other_hosts=len(others), other_urls=others, dcl_ms=dcl)


def test_first_load_rows_compare_each_size_with_its_plain_twin() -> None:
    budget = yaml.safe_load(bench.BUDGETS.read_text(encoding="utf-8"))["first_load"]
    loads = {
        "gzip": [_load(500_000, 900, 13), _load(500_000, 1000, 13), _load(500_000, 950, 13)],
        "nogzip": [_load(1_700_000, 800, 13)] * 3,
        "plain": [_load(480_000, 940, 10)] * 3,
        "today-nx": [_load(1_300_000, 1000, 13)] * 3,
        "plain-nx": [_load(1_200_000, 800, 10, ("https://example.org/x",))] * 3,
    }
    paints = {"gzip": [300, 320, None], "plain": [300] * 5, "today-nx": [400], "plain-nx": [300, 300]}
    rows = {r.measure: r for r in bench.first_load_rows(loads, paints, budget, "3× the notes")}
    today = rows["First load (gzip): DOMContentLoaded, ours / plain Material, today's site"]
    assert (today.figure, today.result) == ("1.01× (950 ms / 940 ms)", "PASS")
    fcp = rows["First load (gzip): first contentful paint, ours / plain Material, today's site"]
    assert fcp.figure == "1.03× (310 ms / 300 ms)" and fcp.result == "PASS"  # the paint without an entry is left out
    assert rows["First load (gzip): DOMContentLoaded, ours / plain Material, 3× the notes"].result == "FAIL"
    assert rows["First load (gzip): first contentful paint, ours / plain Material, 3× the notes"].result == "FAIL"
    assert rows["First load (gzip): bytes, ours / plain Material, 3× the notes"].result == "PASS"
    assert rows["First load (gzip): requests"].figure == "13 (plain Material: 10)"
    assert rows["First load (no gzip): requests to other hosts"].result == "PASS"
    assert {r.result for r in rows.values()} <= {"PASS", "FAIL", "info"}


def test_search_after_load_rows_use_the_ratio_budget() -> None:
    budget = {"query": "visibility timeout", "after_load_ratio_max": 1.2}
    rows = bench.search_after_load_rows({"today": 1200.0, "plain": 1000.0, "today-nx": 3000.0, "plain-nx": 2000.0},
                                        budget, "3× the notes")
    assert [(r.figure, r.budget, r.result) for r in rows] == [
        ("1.20× (1,200 ms / 1,000 ms)", "≤ 1.2×", "PASS"),
        ("1.50× (3,000 ms / 2,000 ms)", "≤ 1.2×", "FAIL"),
    ]
    assert rows[1].measure.endswith("3× the notes")


def test_only_runs_the_stages_named_and_builds_what_they_need() -> None:
    assert set(bench.STAGE_SITES) == set(bench.BROWSER_STAGES)
    assert {site for sites in bench.STAGE_SITES.values() for site in sites} <= set(bench.BUILDERS)


def test_a_stage_keeps_its_own_rounds_unless_the_command_line_sets_them(tmp_path: Path) -> None:
    budgets = yaml.safe_load(bench.BUDGETS.read_text(encoding="utf-8"))
    assert budgets["first_load"]["runs"] > budgets["runs"]  # the A/A figure in budgets.yml
    from_file = bench.Bench(work=tmp_path, budgets=budgets, runs=None, sites={})
    assert from_file.rounds("first_load") == budgets["first_load"]["runs"]
    assert from_file.rounds("build") == from_file.rounds("quiz") == budgets["runs"]
    own, paint = budgets["first_load"]["runs"], budgets["first_load"]["paint_runs"]
    assert (bench.rounds_label(from_file, ["build", "first_load"])
            == f"{budgets['runs']} (first_load: {own}, first_load paint_runs: {paint})")
    assert bench.rounds_label(from_file, ["build"]) == str(budgets["runs"])
    assert from_file.rounds("first_load", "paint_runs") == budgets["first_load"]["paint_runs"]
    assert from_file.rounds("build", "paint_runs") == budgets["runs"]
    forced = bench.Bench(work=tmp_path, budgets=budgets, runs=3, sites={})
    assert forced.rounds("first_load") == forced.rounds("first_load", "paint_runs") == forced.rounds("build") == 3
    assert bench.rounds_label(forced, ["build", "first_load"]) == "3"


def test_first_paint_reads_the_paint_or_says_there_was_none(tmp_path: Path, browser: object) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "text/index.html").write_text("<!doctype html><title>t</title><p>A note to paint.</p>", encoding="utf-8")
    (tmp_path / "blank").mkdir()
    (tmp_path / "blank/index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    srv, url = server.start(tmp_path)
    try:
        painted = measure.first_paint(browser, url, "text/")  # type: ignore[arg-type]
        assert isinstance(painted, (int, float)) and painted > 0
        assert measure.first_paint(browser, url, "blank/") is None  # type: ignore[arg-type]
    finally:
        srv.shutdown()
