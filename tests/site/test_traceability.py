"""Every raw source note (1-90) is carried by the site: mapped, checked, sourced, corrected where needed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from macros.catalog import load_catalog
from macros.traceability import load_traceability

TRACE = load_traceability()
CATALOG = load_catalog()
SOURCE_NOTES = 90


def _page_of(anchor: str) -> str:
    """The built page that must carry an anchor: the catalog page whose id prefixes it."""
    owners = [e for e in CATALOG.entries if anchor.startswith(e.id + "-")]
    assert owners, f"anchor {anchor!r} carries no catalog page prefix"
    entry = max(owners, key=lambda e: len(e.id))
    return entry.src_path.removesuffix(".md") + "/index.html"


def test_all_source_notes_are_mapped() -> None:
    assert sorted(TRACE) == list(range(1, SOURCE_NOTES + 1))


def test_every_note_has_a_verdict_and_a_source() -> None:
    counts = Counter(n.verdict for n in TRACE.values())
    assert sum(counts.values()) == SOURCE_NOTES
    assert all(n.sources for n in TRACE.values())


@pytest.mark.parametrize("number", sorted(TRACE))
def test_mapped_anchor_exists_in_built_site(built_site: Path, number: int) -> None:
    for anchor in TRACE[number].anchors:
        html = LexborHTMLParser((built_site / _page_of(anchor)).read_text(encoding="utf-8"))
        heading = html.css_first(f"h3#{anchor}")
        assert heading is not None, f"note {number}: no <h3 id={anchor}> on {_page_of(anchor)}"


@pytest.mark.parametrize("number", sorted(n for n, t in TRACE.items() if t.corrected))
def test_corrected_note_shows_correction_box(built_site: Path, number: int) -> None:
    """The Correction box sits in the note's own section (between its h3 and the next heading)."""
    anchor = TRACE[number].anchors[0]
    html = LexborHTMLParser((built_site / _page_of(anchor)).read_text(encoding="utf-8"))
    node = html.css_first(f"h3#{anchor}").next
    found = False
    while node is not None and node.tag not in ("h2", "h3"):
        if node.tag == "div" and "admonition" in (node.attributes.get("class") or ""):
            found = found or f"original note {number} said" in node.text()
        node = node.next
    assert found, f"note {number} is {TRACE[number].verdict} but {anchor} has no Correction box for it"


def test_correction_boxes_only_for_corrected_notes(built_site: Path) -> None:
    texts = "\n".join(p.read_text(encoding="utf-8") for p in (built_site / "services").rglob("index.html"))
    texts += "\n".join(p.read_text(encoding="utf-8") for p in (built_site / "topics").rglob("index.html"))
    for number, note in TRACE.items():
        shown = f"original note {number} said" in texts
        assert shown == note.corrected, f"note {number} ({note.verdict}): Correction box shown={shown}"


def test_errata_lists_every_corrected_note(built_site: Path) -> None:
    html = LexborHTMLParser((built_site / "errata/index.html").read_text(encoding="utf-8"))
    rows = html.css("article table tbody tr")
    listed = {int(r.css_first("td").text()) for r in rows}
    assert listed == {n for n, t in TRACE.items() if t.corrected}
    for row in rows:
        assert row.css_first("a[href*='#']") is not None, "each errata row links to its note"

