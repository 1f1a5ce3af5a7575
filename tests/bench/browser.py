"""What `make bench` measures in chromium: first load, search latency, calculator latency.

Every measurement opens a fresh browser context (empty cache, no storage), so no run warms the next.
Times are taken inside the page with performance.now(), so Playwright's own overhead is not in them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page

from tests.conftest import come_near, wait_for

SEARCH_READY = "Type to start searching"  # Material's search.result.placeholder once the index is loaded
INDEX_TIMEOUT_MS = 120_000

# Arms a MutationObserver on Material's result list; resolves with the time from a keydown to the first
# result item in the DOM. `from` is where that keydown is heard: the search box (the keystroke that
# completes the query, index already loaded) or the whole window (a reader who starts typing as soon as
# the page has loaded: the "/" that opens the search box, so the index's fetch and build are in it).
ARM_SEARCH = """([from, timeout]) => {
  const list = document.querySelector(".md-search-result__list");
  const source = from === "box" ? document.querySelector("[data-md-component=search-query]") : window;
  window.__dvaBench = new Promise((resolve) => {
    let start = 0;
    const observer = new MutationObserver(() => {
      const first = list.querySelector(".md-search-result__item a");
      if (start && first) {
        observer.disconnect();
        resolve({ ms: performance.now() - start, href: first.getAttribute("href") });
      }
    });
    observer.observe(list, { childList: true, subtree: true });
    source.addEventListener("keydown", () => { start = performance.now(); }, { capture: true, once: true });
    setTimeout(() => { observer.disconnect(); resolve({ ms: null, href: null }); }, timeout);
  });
}"""


# Sets one field of one calculator and resolves with the time from the input event to the moment
# the outputs changed and their layout was recomputed (ms: null when the outputs did not change).
CALC_SET = """([formIndex, fieldIndex, value]) => new Promise((resolve) => {
  const form = document.querySelectorAll("form.calc[data-calc]")[formIndex];
  const input = form.querySelectorAll("input:not([type=hidden]):not([disabled])")[fieldIndex];
  const outputs = [...form.querySelectorAll("output[data-result]")];
  const text = () => outputs.map((o) => o.textContent).join("|");
  const before = text();
  const done = (ms) => {
    observer.disconnect();
    resolve({ id: form.dataset.calc, ms, ok: outputs.some((o) => o.textContent.trim() !== "") });
  };
  const observer = new MutationObserver(() => {
    if (text() === before) return;
    outputs[0].getBoundingClientRect();  // force style and layout: the update as the reader sees it
    done(performance.now() - start);
  });
  for (const o of outputs) observer.observe(o, { childList: true, characterData: true, subtree: true });
  input.value = value;
  const start = performance.now();
  input.dispatchEvent(new Event("input", { bubbles: true }));
  setTimeout(() => done(null), 2000);
})"""
CALC_FIELDS = """(formIndex) => [...document.querySelectorAll("form.calc[data-calc]")[formIndex]
  .querySelectorAll("input:not([type=hidden]):not([disabled])")].map((input) => input.value)"""


# Resolves with the page's first-contentful-paint time, waiting for the entry if the paint has not happened yet.
FIRST_PAINT = """() => new Promise((resolve) => {
  const fcp = (entries) => entries.find((entry) => entry.name === "first-contentful-paint");
  const observer = new PerformanceObserver((list) => {
    const entry = fcp(list.getEntries());
    if (entry) { observer.disconnect(); resolve(entry.startTime); }
  });
  observer.observe({ type: "paint", buffered: true });
  setTimeout(() => { observer.disconnect(); resolve(null); }, 5000);
})"""


@dataclass(frozen=True)
class FirstLoad:
    bytes: int
    requests: int
    other_hosts: int
    other_urls: tuple[str, ...]
    dcl_ms: float


def _fresh_page(browser: Browser) -> Page:
    return browser.new_context().new_page()


def _close(page: Page) -> None:
    page.context.close()


def first_load(browser: Browser, base_url: str, path: str) -> FirstLoad:
    """Open `path` cold and wait for the network to go quiet; count what was fetched and from where."""
    own = urlsplit(base_url).netloc
    page = _fresh_page(browser)
    finished: list[Any] = []
    failed: list[Any] = []
    page.context.on("requestfinished", lambda request: finished.append(request))
    page.context.on("requestfailed", lambda request: failed.append(request))
    try:
        page.goto(base_url + path, wait_until="networkidle")
        dcl = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
        fetched = [r for r in finished + failed if not r.url.startswith(("data:", "blob:"))]
        size = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in finished
                   if not r.url.startswith(("data:", "blob:")))
        others = tuple(r.url for r in fetched if urlsplit(r.url).netloc != own)
        return FirstLoad(bytes=size, requests=len(fetched), other_hosts=len(others), other_urls=others, dcl_ms=dcl)
    finally:
        _close(page)


def first_paint(browser: Browser, base_url: str, path: str) -> float | None:
    """Open `path` cold and return its first contentful paint (ms, the paint timing API; None: no entry within
    5 s), read once the `load` event has fired. Quicker than first_load, which waits for the network to go
    quiet, so make bench can take the many rounds this figure needs (budgets.yml `paint_runs`)."""
    page = _fresh_page(browser)
    try:
        page.goto(base_url + path, wait_until="load")
        return page.evaluate(FIRST_PAINT)
    finally:
        _close(page)


def _type_and_time(page: Page, query: str, heard_on: str, timeout_ms: int, where: str) -> tuple[float, str]:
    """Arm the observer, type `query` (all but the last character without a keyup, so Material searches
    once) and return (ms from the keydown heard on `heard_on` to the first result, its href)."""
    page.evaluate(ARM_SEARCH, [heard_on, timeout_ms])
    if heard_on == "window":
        page.keyboard.press("/")
    page.keyboard.insert_text(query[:-1])
    page.keyboard.press(query[-1])
    result = page.evaluate("window.__dvaBench")
    if result["ms"] is None:
        raise RuntimeError(f"no search result for {query!r} within {timeout_ms // 1000} s on {where}")
    return float(result["ms"]), str(result["href"])


def search_latency(browser: Browser, base_url: str, path: str, query: str) -> tuple[float, str]:
    """Open the search box with the keyboard, type `query`; ms from its last keystroke to the first result."""
    page = _fresh_page(browser)
    try:
        page.goto(base_url + path, wait_until="load")
        page.keyboard.press("/")
        wait_for(page,
            f"document.querySelector('.md-search-result__meta').textContent.trim() === {SEARCH_READY!r}",
            timeout=INDEX_TIMEOUT_MS,
        )
        return _type_and_time(page, query, "box", 10_000, base_url + path)
    finally:
        _close(page)


def search_after_load(browser: Browser, base_url: str, path: str, query: str) -> tuple[float, str]:
    """Open `path` cold, and as soon as its `load` event has fired press "/" and type `query`: ms from
    that first keydown to the first result, the search index's download and build included."""
    page = _fresh_page(browser)
    try:
        page.goto(base_url + path, wait_until="load")
        return _type_and_time(page, query, "window", 60_000, base_url + path)
    finally:
        _close(page)


def _changing_field(page: Page, form: int) -> tuple[int, str, str] | None:
    """A field of the form whose value, doubled, gives other valid results: (index, value, doubled)."""
    for field, value in enumerate(page.evaluate(CALC_FIELDS, form)):
        try:
            number = float(value)
        except ValueError:
            continue
        doubled = f"{number * 2:g}" if number else "1"
        changed = page.evaluate(CALC_SET, [form, field, doubled])
        page.evaluate(CALC_SET, [form, field, value])
        if changed["ms"] is not None and changed["ok"]:
            return field, value, doubled
    return None


def calculator_latencies(browser: Browser, base_url: str, path: str) -> dict[str, float | None]:
    """Each calculator on `path`: ms from an input event to its updated outputs (None: no field changes them).

    Finding the field also warms the calculator up (its arithmetic modules load on the first input),
    so the figure is the reader's every keystroke after the first.
    """
    page = _fresh_page(browser)
    try:
        response = page.goto(base_url + path, wait_until="networkidle")
        if response is None or response.status != 200:
            return {}
        times: dict[str, float | None] = {}
        for form in range(page.evaluate("document.querySelectorAll('form.calc[data-calc]').length")):
            calc_id = page.evaluate(f"document.querySelectorAll('form.calc[data-calc]')[{form}].dataset.calc")
            found = _changing_field(page, form)
            times[calc_id] = None if found is None else page.evaluate(CALC_SET, [form, found[0], found[2]])["ms"]
        return times
    finally:
        _close(page)


# The time from a submit to the feedback in the question's aria-live region, laid out as the reader sees it.
QUIZ_ANSWER = """(questionId) => new Promise((resolve) => {
  const form = document.querySelector(`form.quiz[data-question="${questionId}"]`);
  const feedback = form.querySelector(".quiz__feedback");
  form.querySelector('input[name="answer"]').checked = true;
  const observer = new MutationObserver(() => {
    if (!form.dataset.state) return;
    observer.disconnect();
    feedback.getBoundingClientRect();
    resolve(performance.now() - start);
  });
  observer.observe(feedback, { childList: true, subtree: true });
  const start = performance.now();
  form.requestSubmit();
  setTimeout(() => { observer.disconnect(); resolve(null); }, 2000);
})"""
PRACTICE_READY = "document.querySelector('.practice__progress:not([hidden])') !== null"


def practice_ready(browser: Browser, base_url: str, path: str) -> float:
    """ms from navigation start until the Practice page is usable: the bank's index fetched, progress view drawn."""
    page = _fresh_page(browser)
    try:
        page.goto(base_url + path, wait_until="commit")
        wait_for(page, PRACTICE_READY, interval=5)
        return float(page.evaluate("performance.now()"))
    finally:
        _close(page)


def quiz_feedback(browser: Browser, base_url: str, path: str) -> float | None:
    """ms from submitting the first question on `path` to its feedback (None: no feedback within 2 s)."""
    page = _fresh_page(browser)
    try:
        page.goto(base_url + path, wait_until="networkidle")
        come_near(page)
        wait_for(page, "document.querySelector('.quiz-list form.quiz[data-quiz-bound]') !== null")
        first = page.evaluate("document.querySelector('.quiz-list form.quiz').dataset.question")
        page.evaluate(QUIZ_ANSWER, first)  # warm-up: the first submit also lays out the page once
        second = page.evaluate("document.querySelectorAll('.quiz-list form.quiz')[1].dataset.question")
        result = page.evaluate(QUIZ_ANSWER, second)
        return None if result is None else float(result)
    finally:
        _close(page)
