"""The generated reference pages say what their data says: Glossary, Exam coverage, Tags."""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from macros.catalog import load_catalog
from macros.glossary import ABBREVIATIONS, parse
from tests.conftest import ROOT

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
        else:
            assert link is None and cells[2].text().strip() == "Not covered yet"


def test_exam_coverage_shows_current_domains_and_weights(built_site: Path) -> None:
    text = _html(built_site, "exam/index.html").css_first("article").text()
    assert CATALOG.exam.code in text
    for domain in CATALOG.exam.domains:
        assert domain.name in text and f"{domain.weight} %" in text


def test_tags_index_lists_every_tag(built_site: Path) -> None:
    text = _html(built_site, "tags/index.html").css_first("article").text()
    for tag in {t for e in CATALOG.entries for t in CATALOG.tags_for(e)}:
        assert tag in text, f"tag {tag!r} missing from the tags index"
