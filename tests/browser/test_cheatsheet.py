"""The Cheat sheet in Debian's chromium: the domain filter hides and shows lines and empty groups and
announces the count, it works from the keyboard, every line shows without JavaScript, the filter is not
printed, and the whole sheet prints on a few A4 pages. Also: the home page's domain links land on the
Tags page's tag headings (anchors MkDocs cannot check at build time).

The `page` fixture fails every test on a console error or an uncaught exception.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from macros.cheatsheet import cheat_groups, note_domains
from macros.context import Context
from tests.browser.test_calculators import serve_sitemap_locally
from tests.conftest import ROOT, wait_for

pytestmark = pytest.mark.browser

CTX = Context.load(ROOT / "docs")
DOMAINS = note_domains(CTX)
TOTAL = len(CTX.notes)
READY = "document.querySelector('form[data-cheatsheet-filter]:not([hidden])') !== null"
STATUS = "[data-cheatsheet-count]"
# The whole sheet (410 notes, 57 pages on 2 December 2026) printed on 6 A4 pages in chromium's PDF. The
# bound leaves room for about 60 more notes, and catches the print styles (two columns, small type)
# breaking or the site chrome coming back.
MAX_A4_PAGES = 7
PDF_PAGE = re.compile(rb"/Type\s*/Page[^s]")


def open_sheet(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    serve_sitemap_locally(page, site_url)
    page.goto(f"{site_url}cheat-sheet/")
    wait_for(page, READY)


def box(page, domain_id: str):  # type: ignore[no-untyped-def]
    name = CTX.catalog.exam.domain(domain_id).name
    return page.get_by_role("checkbox", name=re.compile(rf"^{re.escape(name)} \("))


def shown_notes(page) -> set[str]:  # type: ignore[no-untyped-def]
    return set(page.evaluate("""() => [...document.querySelectorAll('li[data-note]')]
        .filter(li => li.getClientRects().length > 0).map(li => li.dataset.note)"""))


def shown_groups(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.evaluate("""() => [...document.querySelectorAll('[data-cheatsheet-group]')]
        .filter(g => g.getClientRects().length > 0).map(g => g.querySelector('h2').id)""")


def expected(chosen: set[str]) -> tuple[set[str], list[str]]:
    notes = {n for n, ds in DOMAINS.items() if chosen.intersection(ds)}
    groups = [g.anchor for g in cheat_groups(CTX, "cheat-sheet.md") if any(line.note_id in notes for line in g.lines)]
    return notes, groups


def test_domain_filter_hides_and_shows_lines_and_announces_the_count(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    open_sheet(page, site_url)
    status = page.locator(STATUS)
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    assert shown_notes(page) == set(CTX.notes)

    box(page, "security").uncheck()
    notes, groups = expected({"development", "deployment", "troubleshooting"})
    assert 0 < len(notes) < TOTAL
    assert shown_notes(page) == notes
    assert shown_groups(page) == groups, "a group with no line left is hidden"
    assert status.inner_text() == f"Showing {len(notes)} of {TOTAL} notes, from {len(groups)} pages."
    hidden_group = next(g.anchor for g in cheat_groups(CTX, "cheat-sheet.md") if g.anchor not in groups)
    assert page.locator(f'.md-sidebar--secondary a[href="#{hidden_group}"]').is_hidden(), "its table of contents entry too"

    for domain in ("development", "deployment", "troubleshooting"):
        box(page, domain).uncheck()
    assert shown_notes(page) == set() and shown_groups(page) == []
    assert status.inner_text().startswith("No notes shown: choose at least one domain")

    box(page, "security").check()
    notes, groups = expected({"security"})
    assert shown_notes(page) == notes and shown_groups(page) == groups
    assert status.inner_text() == f"Showing {len(notes)} of {TOTAL} notes, from {len(groups)} pages."

    for domain in ("development", "deployment", "troubleshooting"):
        box(page, domain).check()
    assert shown_notes(page) == set(CTX.notes)
    assert status.inner_text() == f"Showing all {TOTAL} notes, from {len(cheat_groups(CTX, 'cheat-sheet.md'))} pages."


def test_filter_works_from_the_keyboard(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    open_sheet(page, site_url)
    first = CTX.catalog.exam.domains[0]
    box(page, first.id).focus()
    page.keyboard.press("Space")
    assert not box(page, first.id).is_checked()
    notes, _ = expected({d.id for d in CTX.catalog.exam.domains[1:]})
    assert shown_notes(page) == notes
    assert page.locator(STATUS).inner_text().startswith(f"Showing {len(notes)} of {TOTAL} notes")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == CTX.catalog.exam.domains[1].id
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert shown_notes(page) == set(CTX.notes)


def test_filter_binds_after_instant_navigation(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """From the home page's Start here link, Material swaps the page in place; the filter still works."""
    serve_sitemap_locally(page, site_url)
    page.goto(site_url, wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator('article a[href$="/cheat-sheet/"]').first.click()
    wait_for(page, READY)
    assert page.evaluate("window.__sameDocument") is True, "Material's instant navigation, not a reload"
    box(page, "security").uncheck()
    notes, _ = expected({"development", "deployment", "troubleshooting"})
    assert shown_notes(page) == notes


def test_every_line_shows_without_javascript(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{site_url}cheat-sheet/")
        assert tab.locator("form[data-cheatsheet-filter]").is_hidden(), "no filter that cannot work"
        assert tab.locator("li[data-note]:visible").count() == TOTAL
        assert tab.locator(STATUS).inner_text() == f"{TOTAL} notes from {len(cheat_groups(CTX, 'cheat-sheet.md'))} pages."
    finally:
        context.close()


def test_print_hides_the_controls_and_sets_two_columns(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    open_sheet(page, site_url)
    page.emulate_media(media="print")
    assert page.locator("form[data-cheatsheet-filter]").is_hidden()
    assert page.locator("article > p").first.is_hidden(), "the on-screen instructions are not printed"
    assert page.evaluate("getComputedStyle(document.querySelector('.cheatsheet')).columnCount") == "2"
    assert page.locator("li[data-note]:visible").count() == TOTAL
    page.emulate_media(media="screen")
    assert page.locator("form[data-cheatsheet-filter]").is_visible()


def test_the_sheet_prints_on_a_few_a4_pages(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    open_sheet(page, site_url)
    pages = len(PDF_PAGE.findall(page.pdf(format="A4")))
    assert 0 < pages <= MAX_A4_PAGES, f"the cheat sheet prints on {pages} A4 pages (bound {MAX_A4_PAGES})"
    box(page, "security").uncheck()
    assert len(PDF_PAGE.findall(page.pdf(format="A4"))) <= pages, "a filtered sheet prints only its lines"


def test_home_page_domain_links_land_on_tag_headings(built_site: Path) -> None:
    home = LexborHTMLParser((built_site / "index.html").read_text(encoding="utf-8"))
    tags = LexborHTMLParser((built_site / "tags/index.html").read_text(encoding="utf-8"))
    ids = {node.attributes.get("id") for node in tags.css("[id]")}
    links = [a.attributes["href"] for a in home.css("article table a") if "tags/#" in (a.attributes.get("href") or "")]
    assert len(links) == len(CTX.catalog.exam.domains)
    for href in links:
        url = urlsplit(urljoin("https://x.test/", href))
        assert url.path == "/tags/" and url.fragment in ids, href
