"""Search without a mouse: open Material's search box from the keyboard, type, pick a result, land on it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from macros.catalog import load_catalog
from tests.conftest import wait_for

pytestmark = pytest.mark.browser

SEARCH_INPUT = "[data-md-component=search-query]"
INDEX_READY = "Type to start searching"
ENTRY = load_catalog().find("dynamodb")
MAX_TABS = 15
QUIET_MS = 400
# Material re-renders the result list for every query the typing produces ("D", "Dy", ... "DynamoDB"):
# a focus moved into a list that is then replaced is lost. Record when the list last changed.
WATCH_RESULTS = """() => {
  const list = document.querySelector('.md-search-result__list');
  window.__resultsChanged = performance.now();
  new MutationObserver(() => { window.__resultsChanged = performance.now(); })
    .observe(list, {childList: true, subtree: true});
}"""
RESULTS_SETTLED = (f"document.querySelector('.md-search-result__item a') && "
                   f"performance.now() - window.__resultsChanged > {QUIET_MS}")


def _wait_for_index(page: object) -> None:
    wait_for(page,   # type: ignore[attr-defined]
        f"document.querySelector('.md-search-result__meta').textContent.trim() === {INDEX_READY!r}", timeout=20000
    )


def _focused_is(page: object, selector: str) -> bool:
    return bool(page.evaluate(f"document.activeElement && document.activeElement.matches({selector!r})"))  # type: ignore[attr-defined]


def _wait_or_fail(page: object, expression: str, message: str) -> None:
    try:
        wait_for(page, expression, timeout=2000)  # type: ignore[attr-defined]
    except PlaywrightTimeoutError:
        pytest.fail(message)


def _wait_for_focus(page: object, selector: str, message: str) -> None:
    """Material moves focus from its keyboard observers; wait for it rather than read it once."""
    _wait_or_fail(page, f"document.activeElement && document.activeElement.matches({selector!r})", message)


def _pick_first_result_and_land(page: object, site_url: str) -> None:
    assert ENTRY is not None
    page.evaluate(WATCH_RESULTS)  # type: ignore[attr-defined]
    page.keyboard.type(ENTRY.name)  # type: ignore[attr-defined]
    wait_for(page, RESULTS_SETTLED, timeout=10000)
    page.keyboard.press("ArrowDown")  # type: ignore[attr-defined]
    _wait_for_focus(page, ".md-search-result__item a", "ArrowDown did not move focus to the first result")
    href = page.evaluate("document.activeElement.href")  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(rf"{re.escape(site_url)}services/{ENTRY.id}/"), timeout=5000)  # type: ignore[attr-defined]
    assert href.startswith(f"{site_url}services/{ENTRY.id}/"), f"the first result for {ENTRY.name!r} is {href}"
    heading = page.locator("article h1").first.text_content()  # type: ignore[attr-defined]
    assert heading and ENTRY.name in heading


def test_slash_opens_search_and_enter_follows_a_result(page: object, site_url: str) -> None:
    page.goto(site_url + "services/sqs/")  # type: ignore[attr-defined]
    page.keyboard.press("/")  # type: ignore[attr-defined]
    _wait_for_focus(page, SEARCH_INPUT, "'/' did not focus the search box")
    # Material opens the dialog from a focus observer debounced by 1 ms, so the toggle follows the focus
    # asynchronously: wait for it (a fixed evaluate right after the key press raced under load in CI).
    _wait_or_fail(page, "document.getElementById('__search').checked", "'/' did not open the search dialog")
    _wait_for_index(page)
    _pick_first_result_and_land(page, site_url)


def test_search_box_is_reachable_with_tab(page: object, site_url: str) -> None:
    """No shortcut needed: Tab from the top of the page reaches the search box within a few stops."""
    page.goto(site_url + "services/sqs/")  # type: ignore[attr-defined]
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        if _focused_is(page, SEARCH_INPUT):
            break
    else:
        pytest.fail(f"the search box was not reached in {MAX_TABS} presses of Tab")
    _wait_for_index(page)
    _pick_first_result_and_land(page, site_url)
