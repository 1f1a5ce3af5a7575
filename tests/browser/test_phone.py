"""A service page on a phone (390 x 844 CSS pixels, an iPhone 12-class screen) in Debian's chromium:
the tag chips above the H1 stay a compact, wrapping row instead of a tall stack, abbreviations in
headings carry no dotted underline or help cursor, and inline code in tables never breaks inside an
identifier (the table scrolls sideways instead, in Material's .md-typeset__scrollwrap).

The `page` fixture fails every test on a console error or an uncaught exception.
"""

from __future__ import annotations

import pytest

from tests.conftest import wait_for

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# Material wraps each table in its scroll container once its script has run on the page.
TABLES_READY = "document.querySelector('article .md-typeset__scrollwrap') !== null"
# WCAG 2.2 target size (minimum): a chip is a link, so it stays at least 24 CSS pixels tall.
MIN_TARGET = 24

TAG_LAYOUT = """() => {
  const article = document.querySelector('article');
  const style = getComputedStyle(article);
  const contentRight = article.getBoundingClientRect().right - parseFloat(style.paddingRight);
  const tags = article.querySelector('.md-tags').getBoundingClientRect();
  const h1 = article.querySelector('h1').getBoundingClientRect();
  const chips = [...article.querySelectorAll('.md-tags .md-tag')].map(c => c.getBoundingClientRect());
  return {
    count: chips.length,
    rows: new Set(chips.map(r => Math.round(r.top))).size,
    height: tags.height,
    chipHeights: chips.map(r => r.height),
    overflow: Math.max(...chips.map(r => r.right)) - contentRight,
    gapToH1: h1.top - tags.bottom,
  };
}"""

HEADING_ABBRS = """() => [...document.querySelectorAll('article :is(h1, h2, h3, h4, h5, h6) abbr')].map(a => {
  const s = getComputedStyle(a);
  return {text: a.textContent, heading: a.closest('h1, h2, h3, h4, h5, h6').tagName, decoration: s.textDecorationLine,
          border: s.borderBottomStyle === 'none' ? 0 : parseFloat(s.borderBottomWidth), cursor: s.cursor};
})"""

TEXT_ABBR = """() => {
  const a = document.querySelector('article p abbr');
  return a && getComputedStyle(a).borderBottomStyle;
}"""

# Every word of inline code in a table cell (a run of letters, digits and underscores: a break after a
# hyphen, a slash or a space is a line break, not a broken word) and the number of lines it is laid out
# on: a word on two lines was split inside it ("ChangeMessageVisibili|ty"). And every element of the
# article that reaches past the screen's right edge without a scroll container around it.
TABLE_CODE_WORDS = """() => {
  const words = [];
  for (const code of document.querySelectorAll('article :is(td, th) code')) {
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[\\p{L}\\p{N}_]+/gu)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        words.push({word: match[0], lines: lines.size});
      }
    }
  }
  const article = document.querySelector('article');
  const inScroller = e => {
    for (let a = e.parentElement; a && a !== article; a = a.parentElement)
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    return false;
  };
  const edge = document.documentElement.clientWidth + 1;
  return {
    words,
    scrolling: [...article.querySelectorAll('.md-typeset__scrollwrap')].filter(w => w.scrollWidth > w.clientWidth + 1).length,
    sticking: [...article.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > edge && !inScroller(e))
      .map(e => e.tagName + ': ' + e.textContent.slice(0, 60)),
  };
}"""


def open_on_phone(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size(PHONE)
    page.goto(url)
    wait_for(page, TABLES_READY)


@pytest.mark.parametrize(("path", "max_rows"), [("services/sqs/", 2), ("services/api-gateway/", 3)])
def test_tag_chips_are_a_compact_row_above_the_title(page, site_url: str, path: str, max_rows: int) -> None:  # type: ignore[no-untyped-def]
    """SQS has three long tags, API Gateway five: before the fix each chip took a line of its own."""
    open_on_phone(page, site_url + path)
    layout = page.evaluate(TAG_LAYOUT)
    assert layout["count"] >= 3, layout
    assert layout["rows"] <= max_rows, f"{path}: {layout['count']} chips on {layout['rows']} lines: {layout}"
    # One row of chips is about 25 px; the block may be no taller than its rows and the gaps between them.
    assert layout["height"] <= max_rows * 32, f"{path}: the tags take {layout['height']:.0f} px above the H1: {layout}"
    assert min(layout["chipHeights"]) >= MIN_TARGET, f"{path}: chips below the 24 px target size: {layout}"
    assert layout["overflow"] <= 1, f"{path}: a chip sticks out of the text column: {layout}"
    assert layout["gapToH1"] >= 0, f"{path}: the chips overlap the H1: {layout}"


def test_abbreviations_in_headings_are_not_underlined(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """'Amazon <abbr>SQS</abbr>': no dotted underline (Material draws it as a border) and no help cursor
    in a heading; running text keeps its dotted cue."""
    open_on_phone(page, site_url + "services/sqs/")
    abbrs = page.evaluate(HEADING_ABBRS)
    assert any(a["heading"] == "H1" for a in abbrs), f"the SQS H1 no longer has an <abbr>: {abbrs}"
    styled = [a for a in abbrs if a["decoration"] != "none" or a["border"] > 0 or a["cursor"] == "help"]
    assert not styled, f"abbreviations in headings still styled: {styled}"
    assert page.evaluate(TEXT_ABBR) == "dotted", "abbreviations in running text lost their dotted underline"


ABBR_AFTER = """(index) => {
  const a = document.querySelectorAll('article p abbr[title]')[index];
  return {title: a.title, after: getComputedStyle(a, '::after').content};
}"""


def test_a_tapped_abbreviation_shows_its_expansion(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """No Material tooltips (make audit: their cost), so a tap writes the expansion after the term, and
    another tap takes it away; a mouse still gets the title on hover."""
    open_on_phone(page, site_url + "services/sqs/")
    abbr = page.locator("article p abbr[title]").first
    before = page.evaluate(ABBR_AFTER, 0)
    assert before["title"] and before["after"] in ("none", "normal"), before
    abbr.click()
    shown = page.evaluate(ABBR_AFTER, 0)
    # Chromium reports the declared value, others the resolved one.
    assert shown["after"] in ('" (" attr(title) ")"', f'" ({before["title"]})"'), shown
    abbr.click()
    assert page.evaluate(ABBR_AFTER, 0)["after"] in ("none", "normal")
    assert page.locator("article p abbr[title]").first.get_attribute("title") == before["title"]


@pytest.mark.parametrize("path", ["services/sqs/", "services/lambda/", "services/dynamodb/"])
def test_code_in_tables_does_not_break_inside_a_word(page, site_url: str, path: str) -> None:  # type: ignore[no-untyped-def]
    open_on_phone(page, site_url + path)
    found = page.evaluate(TABLE_CODE_WORDS)
    assert len(found["words"]) >= 10, f"{path}: expected inline code in tables: {found}"
    broken = sorted({w["word"] for w in found["words"] if w["lines"] > 1})
    assert not broken, f"{path}: identifiers broken across lines in table cells: {broken}"
    assert not found["sticking"], f"{path}: past the right edge of the screen: {found['sticking'][:10]}"
    if path == "services/sqs/":
        assert found["scrolling"] >= 1, "the SQS tables should scroll sideways in their wrapper on a phone"
