"""The home page (issue 13's bugs): its title names the site once, and the service directory has one
list item per service, each with its own description (not run into the next service's link)."""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from macros.catalog import load_catalog

CATALOG = load_catalog()


def home(built_site: Path) -> LexborHTMLParser:
    return LexborHTMLParser((built_site / "index.html").read_text(encoding="utf-8"))


def test_title_names_the_site_once(built_site: Path) -> None:
    title = home(built_site).css_first("title").text()
    assert title.count("DVA Notes") == 1, title


def test_each_category_lists_one_item_per_service(built_site: Path) -> None:
    grids = home(built_site).css("div.grid.cards")
    categories = [(c, entries) for c, entries in CATALOG.by_category() if entries]
    assert len(grids) == len(categories)
    for grid, (category, entries) in zip(grids, categories, strict=True):
        items = grid.css("ul > li")
        assert len(items) == len(entries), f"{category}: {len(items)} items for {len(entries)} pages"
        for item, entry in zip(items, entries, strict=True):
            links = item.css("a")
            assert [a.text() for a in links] == [entry.name], f"{category}: {item.text()[:80]!r}"
            assert " ".join(entry.summary.split())[:40] in " ".join(item.text().split()), entry.id
