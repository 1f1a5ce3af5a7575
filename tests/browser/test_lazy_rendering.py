"""A long page renders its lower parts as the reader comes near them, and nothing a reader does notices:
content-visibility: auto on the question forms, sources lines and related-notes lists (extra.css), and
Material's content.lazy for the code blocks' copy buttons (mkdocs.yml). Checked on Lambda, the longest
service page: what is skipped at load and drawn on the way down, a deep link to a note far down landing
on it and staying there, and every code block ending up with its copy button and no extra landmark."""

from __future__ import annotations

import pytest

from tests.browser.test_calculators import serve_sitemap_locally
from tests.conftest import PHONE, wait_for

pytestmark = pytest.mark.browser

PAGE = "services/lambda/"
# What the stylesheet skips, read from the page (the rule with content-visibility: auto), and each such
# element's state: where it is, in screens below the top of the viewport, and whether its contents are drawn
# (checkVisibility says false inside a skipped element; the element itself keeps its box).
STATES = """() => {
  const rule = [...document.styleSheets].flatMap(s => [...s.cssRules]).find(r => r.style?.contentVisibility === 'auto');
  if (!rule) return null;
  return [...document.querySelectorAll(rule.selectorText)].map(el => ({
    screens: el.getBoundingClientRect().top / innerHeight,
    drawn: [...el.querySelectorAll('*')].some(c => c.checkVisibility({contentVisibilityAuto: true})),
  }));
}"""
HEADER = "document.querySelector('.md-header').getBoundingClientRect().bottom"


def _open(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)  # content-visibility decides what is near after the first frames


def test_lower_parts_are_drawn_when_the_reader_comes_near(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(**PHONE)
    page = context.new_page()
    _open(page, site_url + PAGE)
    states = page.evaluate(STATES)
    assert states, "no content-visibility: auto rule in the page's stylesheet, or nothing it applies to"
    far = [s for s in states if s["screens"] > 3]
    assert len(far) > 20 and not any(s["drawn"] for s in far), "what is screens below is not drawn at load"
    last = page.locator(".quiz-list form.quiz").last
    assert last.evaluate("el => el.textContent.length") > 50, "skipped, not removed: the text is in the page"
    last.evaluate("el => el.scrollIntoView()")
    wait_for(page, "[...document.querySelectorAll('.quiz-list form.quiz')].pop().firstElementChild"
                   ".checkVisibility({contentVisibilityAuto: true})")
    context.close()


def test_a_deep_link_far_down_lands_on_its_note_and_stays(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """Blocks above the note are drawn at their estimated height until the reader passes them; the note the
    link names must still be at the top of the screen, under the header, once the page has settled."""
    _open(page, site_url + PAGE)
    note = page.evaluate("""() => { const notes = [...document.querySelectorAll('.md-typeset h3[id]')];
        return notes[notes.length - 2].id; }""")
    _open(page, f"{site_url}{PAGE}#{note}")
    page.wait_for_timeout(1000)
    top = page.evaluate(f"document.getElementById({note!r}).getBoundingClientRect().top - {HEADER}")
    assert -2 <= top <= 60, f"#{note} is {top:.0f} px below the header, not at the top of the screen"
    page.mouse.wheel(0, -600)  # the reader scrolls up through blocks drawn only now
    page.wait_for_timeout(500)
    page.mouse.wheel(0, 600)
    page.wait_for_timeout(500)
    again = page.evaluate(f"document.getElementById({note!r}).getBoundingClientRect().top - {HEADER}")
    assert abs(again - top) <= 40, f"#{note} moved by {again - top:.0f} px after scrolling up and back"


@pytest.mark.parametrize("arrival", ["load", "instant navigation"])
def test_every_code_block_gets_its_copy_button_without_a_landmark(page, site_url: str, arrival: str) -> None:  # type: ignore[no-untyped-def]
    if arrival == "load":
        _open(page, site_url + PAGE)
    else:  # Material swaps the page's container in place: the blocks arrive in a new one
        serve_sitemap_locally(page, site_url)
        _open(page, site_url)
        page.evaluate("window.__sameDocument = true")
        page.locator(f'a[href$="{PAGE}"]').first.dispatch_event("click")
        page.wait_for_url(site_url + PAGE)
        wait_for(page, "document.querySelector('.md-typeset .highlight pre') !== null")
        page.wait_for_timeout(500)
        assert page.evaluate("window.__sameDocument") is True, "Material's instant navigation, not a reload"
    blocks = page.locator(".md-typeset .highlight pre").count()
    assert blocks >= 5, "the test needs a page with several code blocks"
    at_load = page.locator("nav.md-code__nav").count()
    assert at_load < blocks, "copy buttons are built as the blocks come into view, not all at load"
    waiting = page.evaluate("[...document.querySelectorAll('.md-typeset .highlight pre:not(:has(> nav)) > code')]"
                            ".map(c => c.getAttribute('tabindex'))")
    assert waiting and set(waiting) == {"0"}, "a block not yet mounted can take keyboard focus (hooks/code_focus.py)"
    for i in range(blocks):
        page.locator(".md-typeset .highlight pre").nth(i).scroll_into_view_if_needed()
    wait_for(page, f"document.querySelectorAll('.md-typeset .highlight pre > nav.md-code__nav button').length === {blocks}")
    roles = page.evaluate("[...document.querySelectorAll('nav.md-code__nav')].map(n => n.getAttribute('role'))")
    assert roles == ["none"] * blocks, "a copy button's <nav> is not a navigation landmark (loader.js)"
    focusable = page.evaluate("""[...document.querySelectorAll('.md-typeset .highlight pre > code')]
        .map(c => [c.hasAttribute('tabindex'), c.scrollWidth > c.clientWidth])""")
    assert [f for f, _ in focusable] == [wide for _, wide in focusable], \
        "once mounted, Material keeps keyboard focus only on the blocks that scroll sideways"
    assert any(wide for _, wide in focusable), "the test needs a block that scrolls sideways"
