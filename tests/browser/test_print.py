"""Printing a page (docs/stylesheets/extra.css, "Print"), in Debian's chromium: the DOM under print-media
emulation at the width of an A4 page's text column, and the real PDF from page.pdf() for page counts.

What must hold on paper: no site chrome (header, search, tabs, both sidebars, footer navigation, copy
buttons, "Edit this page", feedback, permalink anchors, quiz and practice controls); the page's URL and
its "Facts checked ... on" date are printed; calculators print their worked example with the inputs as
plain boxes; quiz questions print without their answers; code stays dark on paper in the dark palette;
a heading never ends a page; nothing is cut off at the right edge.

The `page` fixture fails every test on a console error or an uncaught exception.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import come_near, wait_for

pytestmark = pytest.mark.browser

# A4 (210 mm) less the 15 mm margins of the print stylesheet: 180 mm = 680 CSS pixels at 96 per inch.
A4_TEXT_COLUMN = {"width": 680, "height": 962}
# The SQS page: notes with three tables and code blocks, then 13 questions. 25 A4 pages with Material's
# own print styles (25 mm margins, every answer opened under its question); 15 with ours on 2 December
# 2026. The bound leaves room for a few more notes and catches the answers or a layout bug coming back.
SQS_MAX_PAGES = 18

READY = ("() => window.document$ !== undefined && document.querySelector('article .md-typeset__scrollwrap') !== null"
         " && document.querySelector('.quiz-list form.quiz[data-quiz-bound]') !== null")
CALC_READY = ("() => document.querySelectorAll('form.calc').length > 0 && "
              "document.querySelectorAll('form.calc:not([data-calc-bound])').length === 0")

CHROME = {
    "header": ".md-header",
    "search": ".md-search",
    "tabs": ".md-tabs",
    "navigation sidebar": ".md-sidebar--primary",
    "table of contents sidebar": ".md-sidebar--secondary",
    "footer navigation": ".md-footer",
    "back-to-top button": ".md-top",
    "code copy buttons": ".md-clipboard, .md-code__nav",
    "Edit this page": ".md-content__button",
    "feedback widget": ".md-feedback",
    "permalink anchors": ".headerlink",
    "quiz buttons": ".quiz__actions",
    "practice controls": ".practice",
}

SHOWN = """selector => [...document.querySelectorAll(selector)].filter(e => {
  if (!e.getClientRects().length) return false;
  const s = getComputedStyle(e);
  return s.visibility !== 'hidden' && s.opacity !== '0';
}).length"""

HEADINGS = """() => [...document.querySelectorAll('article :is(h1, h2, h3, h4)')].map(h => {
  const s = getComputedStyle(h);
  return {tag: h.tagName, after: s.breakAfter, inside: s.breakInside};
})"""

# Every box of the article that ends right of the text column, and every box whose content is wider
# than itself (a table or code block in a scroll container, or text running out of a paragraph): on
# paper both are cut off. Inline elements are covered by their paragraph (a space that hangs at the end
# of a wrapped line of inline code reaches past the column but is not content).
CLIPPED = """() => {
  const article = document.querySelector('article');
  const right = article.getBoundingClientRect().right + 1;
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string'
                    ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  const out = [];
  for (const e of article.querySelectorAll('*')) {
    const display = getComputedStyle(e).display;
    if (display === 'inline' || display === 'none' || display === 'contents') continue;
    const rect = e.getBoundingClientRect();
    if (!rect.width && !rect.height) continue;
    if (rect.right > right) out.push(`${name(e)} ends at ${Math.round(rect.right)} > ${Math.round(right)}`);
    if (e.scrollWidth > e.clientWidth + 1) out.push(`${name(e)} overflows: ${e.scrollWidth} > ${e.clientWidth}`);
  }
  return out;
}"""

PRINTED_URL = """() => {
  const shown = e => e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const element = document.querySelector('.dva-print-url');
  return shown(element) ? {by: 'element', text: element.textContent.trim()} : null;
}"""

CALC_STATE = """() => [...document.querySelectorAll('form.calc')].map(form => {
  const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const inputs = [...form.querySelectorAll('input')];
  return {
    id: form.dataset.calc,
    inputs: inputs.map(i => {
      const s = getComputedStyle(i);
      return {name: i.name, shown: shown(i), value: i.value, served: i.defaultValue, appearance: s.appearance,
              background: s.backgroundColor, border: s.borderTopStyle};
    }),
    outputs: [...form.querySelectorAll('output[data-result]')].filter(shown).map(o => o.textContent.trim()),
    working: [...form.querySelectorAll('[data-calc-working] li')].filter(shown).map(li => li.textContent.trim()),
    hint: [...form.querySelectorAll('.calc-nojs, .calc-status, .calc-msg')].filter(shown).length,
  };
})"""


def open_for_print(page, url: str, ready: str = READY) -> None:  # type: ignore[no-untyped-def]
    """Load a page at the width of the printed text column, let its scripts finish, then switch to print media."""
    page.set_viewport_size(A4_TEXT_COLUMN)
    page.goto(url)
    come_near(page)
    wait_for(page, ready)
    page.emulate_media(media="print")
    # Material fades code colours and backgrounds (125 ms): read the print values, not a mix.
    wait_for(page, "document.getAnimations().every(a => a.playState !== 'running')")


def pdf_pages(pdf: bytes) -> int:
    """The number of page objects in a PDF (chromium writes them uncompressed: one /Type /Page each)."""
    assert pdf.startswith(b"%PDF-"), pdf[:20]
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


def test_site_chrome_is_not_printed(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    open_for_print(page, site_url + "services/sqs/")
    assert page.evaluate(SHOWN, "article h1") == 1, "the H1 itself should print"
    shown = {what: n for what, selector in CHROME.items() if (n := page.evaluate(SHOWN, selector))}
    assert not shown, f"printed although they are controls or site chrome: {shown}"
    page.emulate_media(media="screen")
    assert page.evaluate(SHOWN, ".md-header") == 1 and page.evaluate(SHOWN, ".quiz__options") > 0, "screen layout broken"


def test_practice_controls_are_not_printed(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    open_for_print(page, site_url + "practice/", "document.querySelector('.practice__progress:not([hidden])') !== null")
    assert page.evaluate(SHOWN, ".practice") == 0, "the practice form printed"
    assert page.evaluate(SHOWN, "article h1") == 1


def test_headings_never_end_a_page(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    open_for_print(page, site_url + "services/sqs/")
    headings = page.evaluate(HEADINGS)
    assert sum(h["tag"] == "H3" for h in headings) >= 5, headings
    wrong = [h for h in headings if h["after"] != "avoid" or h["inside"] != "avoid"]
    assert not wrong, f"headings a page break may follow or split: {wrong}"


def test_url_and_checked_date_are_printed(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    open_for_print(page, site_url + "services/sqs/")
    printed = page.evaluate(PRINTED_URL)
    assert printed and printed["text"].endswith("/services/sqs/"), f"the page URL is not printed: {printed}"
    assert printed["text"].startswith("Printed from https://"), printed
    verified = page.evaluate("() => { const v = document.querySelector('article .dva-verified');"
                             " return v && v.getClientRects().length ? v.textContent.replace(/\\s+/g, ' ').trim() : null; }")
    assert verified and re.search(r"checked against AWS documentation on \d{1,2} \w+ \d{4}", verified), verified
    page.emulate_media(media="screen")
    assert page.evaluate(PRINTED_URL) is None, "the printed URL must not show on screen"


def test_questions_print_without_their_answers(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """Material opens every <details> on `beforeprint` (print emulation alone does not fire it): the
    notes' collapsed blocks print, but a question's answer must not appear right under it."""
    open_for_print(page, site_url + "services/sqs/")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    try:
        assert page.evaluate(SHOWN, "form.quiz .quiz__options") >= 10, "the questions should print"
        assert page.evaluate(SHOWN, "form.quiz .quiz__answer") == 0, "answers printed under their questions"
    finally:
        page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")


# The contrast of every highlighted token of every code block against the paper (white; backgrounds
# are not printed by default) and against the code background, whichever is lower.
CODE_CONTRAST = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const over = (fg, bg) => (fg.length > 3 && fg[3] < 1
    ? fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3])) : fg.slice(0, 3));
  const lum = c => c.map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
                    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
  const low = [];
  for (const code of document.querySelectorAll('article .highlight pre > code')) {
    const codeBg = over(rgb(getComputedStyle(code).backgroundColor), [255, 255, 255]);
    for (const span of code.querySelectorAll('span[class]')) {
      if (!span.textContent.trim()) continue;
      const worst = Math.min(...[[255, 255, 255], codeBg].map(bg => ratio(over(rgb(getComputedStyle(span).color), bg), bg)));
      if (worst < 4.5) low.push(`.${span.className} "${span.textContent.slice(0, 20)}" ${worst.toFixed(2)}:1`);
    }
  }
  return low;
}"""


def test_code_stays_dark_on_paper_in_the_dark_palette(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.emulate_media(color_scheme="dark")
    open_for_print(page, site_url + "services/sqs/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert page.evaluate("document.querySelectorAll('article .highlight pre > code span[class]').length") > 20
    low = page.evaluate(CODE_CONTRAST)
    assert not low, f"code tokens too light for paper ({len(low)}): {low[:10]}"


@pytest.mark.parametrize("path", ["services/lambda/", "calculators/"])
def test_calculators_print_their_worked_example(page, site_url: str, path: str) -> None:  # type: ignore[no-untyped-def]
    open_for_print(page, site_url + path, CALC_READY)
    calcs = page.evaluate(CALC_STATE)
    assert calcs, path
    for calc in calcs:
        assert calc["outputs"] and all(calc["outputs"]), f"{calc['id']}: results not printed: {calc}"
        assert calc["working"], f"{calc['id']}: the worked example is not printed: {calc}"
        assert not calc["hint"], f"{calc['id']}: screen-only hints or errors printed: {calc}"
        for field in calc["inputs"]:
            assert field["shown"] and field["value"] == field["served"], f"{calc['id']}: {field}"
            assert field["appearance"] == "none" and field["border"] != "none", f"{calc['id']}: not a plain box: {field}"
            assert field["background"] in ("rgba(0, 0, 0, 0)", "transparent"), f"{calc['id']}: {field}"


@pytest.mark.parametrize(("path", "ready"), [
    ("services/sqs/", READY), ("services/lambda/", READY), ("services/dynamodb/", READY),
    ("calculators/", CALC_READY), ("glossary/", "() => window.document$ !== undefined"),
])
def test_nothing_is_cut_off_at_the_right_edge(page, site_url: str, path: str, ready: str) -> None:  # type: ignore[no-untyped-def]
    open_for_print(page, site_url + path, ready)
    clipped = page.evaluate(CLIPPED)
    assert not clipped, f"{path}: cut off on paper:\n" + "\n".join(clipped[:20])


def test_sqs_page_prints_on_a_reasonable_number_of_a4_pages(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "services/sqs/")
    come_near(page)
    wait_for(page, READY)
    pages = pdf_pages(page.pdf(format="A4"))
    print(f"services/sqs/ prints on {pages} A4 pages")
    assert 3 <= pages <= SQS_MAX_PAGES, f"the SQS page prints on {pages} A4 pages (at most {SQS_MAX_PAGES})"
