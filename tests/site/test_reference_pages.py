"""The generated reference pages say what their data says: Glossary, Exam coverage, Tags."""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from macros.catalog import load_catalog
from macros.context import Context
from macros.glossary import ABBREVIATIONS, parse
from tests.conftest import ROOT, mkdocs_build

CATALOG = load_catalog()
TERMS = parse((ROOT / "docs" / ABBREVIATIONS).read_text(encoding="utf-8"))


def _html(site: Path, page: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / page).read_text(encoding="utf-8"))


def test_glossary_lists_every_abbreviation(built_site: Path) -> None:
    cells = [row.css("td") for row in _html(built_site, "glossary/index.html").css("article table tbody tr")]
    listed = {c[0].text().strip(): c[1].text().strip() for c in cells}
    assert listed == dict(TERMS)


def test_abbreviations_are_tooltips_on_every_page(built_site: Path) -> None:
    meanings = dict(TERMS)
    sqs = _html(built_site, "services/sqs/index.html")
    titles = {a.text(): a.attributes.get("title") for a in sqs.css("article abbr")}
    assert titles.get("DLQ") == meanings["DLQ"]
    for entry in CATALOG.entries:
        assert "<abbr" in (built_site / entry.src_path.removesuffix(".md") / "index.html").read_text(encoding="utf-8")


def test_abbreviations_file_is_not_published(built_site: Path) -> None:
    assert not (built_site / "includes").exists()


def test_exam_coverage_lists_every_in_scope_service(built_site: Path) -> None:
    services = _html(built_site, "exam/index.html").css("article table")[-1].css("tbody tr")
    assert len(services) == len(CATALOG.exam.in_scope)
    for item, row in zip(CATALOG.exam.in_scope, services, strict=True):
        cells = row.css("td")
        assert cells[1].text().strip() == item.name
        link = cells[2].css_first("a")
        if item.page:
            entry = CATALOG.find(item.page)
            assert entry is not None and link is not None and link.text() == entry.name
        elif item.anchor:
            assert link is not None and link.attributes["href"].endswith(f"#{item.anchor}")
        else:
            assert link is None and cells[2].text().strip() == "Not covered yet"
        assert cells[3].text().strip() == item.c03


def test_exam_coverage_shows_the_skill_map_with_totals(built_site: Path) -> None:
    article = _html(built_site, "exam/index.html").css_first("article")
    totals = article.css("table")[1].css("tbody tr")
    assert len(totals) == len(CATALOG.exam.domains) + 1
    ctx = Context.load(ROOT / "docs")
    for domain, row in zip(ctx.skills.domains, totals, strict=False):
        assert row.css("td")[2].text().strip() == f"{domain.covered} / {len(domain.skills)}"
    rows = {r.css_first("td").text().strip(): r for r in article.css("table tbody tr") if r.css_first("td")}
    for domain in ctx.skills.domains:
        for skill in domain.skills:
            hrefs = [a.attributes["href"] for a in rows[skill.id].css("a")]
            assert [h.rsplit("#", 1)[1] for h in hrefs] == list(skill.notes), skill.id
            if not skill.notes:
                assert "No note yet" in rows[skill.id].text()


def test_scope_warning_follows_the_data_flag(built_site: Path, project_copy: Path, tmp_path: Path) -> None:
    """exam.yml's confirmed_for_current decides the box: flipping it in a copy changes the built page."""
    def box(site: Path) -> str:
        found = [a for a in _html(site, "exam/index.html").css("div.admonition") if "Which list this is" in a.text()]
        assert len(found) == 1
        return found[0].attributes["class"]
    assert "warning" in box(built_site)
    data = project_copy / "macros/data/exam.yml"
    text = data.read_text(encoding="utf-8")
    assert "confirmed_for_current: false" in text
    data.write_text(text.replace("confirmed_for_current: false", "confirmed_for_current: true"), encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "info" in box(tmp_path / "site") and "warning" not in box(tmp_path / "site")


def test_exam_coverage_shows_current_domains_and_weights(built_site: Path) -> None:
    text = _html(built_site, "exam/index.html").css_first("article").text()
    assert CATALOG.exam.code in text
    for domain in CATALOG.exam.domains:
        assert domain.name in text and f"{domain.weight} %" in text


def test_tags_index_lists_every_tag(built_site: Path) -> None:
    text = _html(built_site, "tags/index.html").css_first("article").text()
    for tag in {t for e in CATALOG.entries for t in CATALOG.tags_for(e)}:
        assert tag in text, f"tag {tag!r} missing from the tags index"


def test_home_directory_has_one_item_per_service(built_site: Path) -> None:
    """Each category of the home page directory is a list with one item per catalog page, each item
    holding that page's own link and summary (not the next page's link run into it)."""
    grids = _html(built_site, "index.html").css("article div.grid.cards")
    categories = [(c, es) for c, es in CATALOG.by_category() if es]
    assert len(grids) == len(categories)
    for grid, (category, entries) in zip(grids, categories, strict=True):
        items = grid.css("li")
        assert len(items) == len(entries), f"{category}: {len(items)} list items for {len(entries)} pages"
        for item, entry in zip(items, entries, strict=True):
            assert [a.text() for a in item.css("a")] == [entry.name]
            assert entry.summary in " ".join(item.text().split())


def test_home_page_title_is_not_the_site_name_twice(built_site: Path) -> None:
    title = _html(built_site, "index.html").css_first("title").text()
    assert title.count("DVA Notes") == 1 and "DVA-C03" in title
