"""Search by service, alias and exam keyword through the real Material search box in chromium.

Material lists results grouped by page: the first link is the page, and the links after it are
its best-matching sections. A page query must put that page first; a note query must put the
note's page first with the note as its top section.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.conftest import recording_tab, wait_for

pytestmark = pytest.mark.browser

HERE = Path(__file__).parent
QUERIES = yaml.safe_load((HERE / "search_queries.yml").read_text(encoding="utf-8"))


def _top3_queries() -> list[tuple[str, str, str]]:
    """(file, query, expected) from search_queries.d/<page-id>.yml: one file per page, `top3:` mapping."""
    found = []
    for path in sorted((HERE / "search_queries.d").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        assert set(data) == {"top3"}, f"{path.name}: one key, `top3:`, mapping queries to page or page#note"
        found += [(path.stem, str(q), str(e)) for q, e in data["top3"].items()]
    return found


TOP3 = _top3_queries()
RESULT_LINKS = ".md-search-result__item a.md-search-result__link"


def _location(href: str, base: str) -> str:
    """`services/sqs/#sqs-x` from an absolute result URL, dropping Material's ?h= highlight query."""
    parts = urlsplit(href)
    path = parts.path[len(urlsplit(base).path):]
    return f"{path}#{parts.fragment}" if parts.fragment else path


@pytest.fixture(scope="module")
def search_page(browser, site_url: str):  # type: ignore[no-untyped-def]
    """One tab on the home page for all queries; fails on any console error or page exception."""
    context, tab, errors = recording_tab(browser)
    tab.goto(site_url)
    yield tab
    context.close()
    assert not errors, f"console errors: {errors}"


# The query is in the box and at least the first three result groups (or all of them, when Material
# counts fewer in its "N matching documents" line) are on the page.
RESULTS_SHOWN = """q => {
  if (document.querySelector('input.md-search__input').value !== q) return false;
  const total = parseInt(document.querySelector('.md-search-result__meta').textContent, 10);
  const shown = document.querySelectorAll('.md-search-result__item').length;
  return shown > 0 && Number.isInteger(total) && shown >= Math.min(3, total);
}"""


def search(page, site_url: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Open the search with the keyboard, type the query, return the result locations in order."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.keyboard.press("/")
    box.fill("")
    wait_for(page, "() => !document.querySelector('.md-search-result__item')")
    # Material searches on each keystroke; a slow search for an earlier prefix could paint its results
    # after the last one. So the text goes in at once and only the last key is typed: one search.
    box.fill(query[:-1])
    box.press(query[-1])
    wait_for(page, RESULTS_SHOWN, arg=query)
    # Material renders the result groups in batches: read until two reads 20 ms apart agree.
    previous = None
    for _ in range(25):
        hrefs = page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.href)")
        if hrefs == previous:
            break
        previous = hrefs
        page.wait_for_timeout(20)
    return [_location(h, site_url) for h in hrefs]


@pytest.mark.parametrize(("query", "expected"), sorted(QUERIES["pages"].items()))
def test_alias_finds_service_page_first(search_page, site_url: str, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    results = search(search_page, site_url, query)
    assert results, f"no result for {query!r}"
    assert results[0] == expected, f"{query!r}: first result {results[0]}, expected {expected}; top: {results[:4]}"


@pytest.mark.parametrize(("query", "expected"), sorted(QUERIES["notes"].items()))
def test_keyword_finds_note_first(search_page, site_url: str, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    results = search(search_page, site_url, query)
    expected_page = expected.split("#")[0]
    assert results and results[0].split("#")[0] == expected_page, f"{query!r}: top results {results[:4]}"
    first_note = next((r for r in results if "#" in r), None)
    assert first_note == expected, f"{query!r}: first section {first_note}, expected {expected}; top: {results[:4]}"


def search_groups(page, site_url: str, query: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The results as Material shows them: one group per page (the page, then its matching sections,
    including those folded under "N more on this page", one click away), in order."""
    search(page, site_url, query)
    groups = page.eval_on_selector_all(
        ".md-search-result__item",
        "items => items.map(item => [...item.querySelectorAll('a.md-search-result__link')].map(a => a.href))",
    )
    return [[_location(h, site_url) for h in group] for group in groups]


@pytest.mark.parametrize(("page_id", "query", "expected"), TOP3, ids=[f"{p}:{q}" for p, q, _ in TOP3])
def test_query_lands_in_top_three(search_page, site_url: str, page_id: str, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    """A service's names, aliases and key terms land on its page among the first three results (Material
    groups results by page), and a key term's note is listed under that page."""
    groups = search_groups(search_page, site_url, query)[:3]
    shown = [links for links in groups if links and links[0] == expected.split("#")[0]]
    assert shown, f"{query!r}: {expected.split('#')[0]} is not among the first 3 pages: {[g[:1] for g in groups]}"
    if "#" in expected:
        assert expected in shown[0], f"{query!r}: {expected} is not listed under its page: {shown[0]}"


# Each of these made Material's worker throw inside lunr 2.3.9 (a TokenSet signature collision between
# tokens with digits), so the reader saw "No matching documents". Fixed in
# docs/assets/javascripts/workers/dva-search.js; without that file every one of them fails here.
WORKER_CRASHES = ["local", "local invoke", "sam local", "SSE-C"]


@pytest.mark.parametrize("query", WORKER_CRASHES)
def test_queries_that_crashed_the_worker_find_results(search_page, site_url: str, query: str) -> None:  # type: ignore[no-untyped-def]
    assert search(search_page, site_url, query), f"{query!r}: no results"


def test_search_runs_in_our_worker(built_site: Path) -> None:
    """Material starts docs/assets/javascripts/workers/dva-search.js, passing its own worker's file name."""
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                                  (built_site / "index.html").read_text(encoding="utf-8"), re.S).group(1))
    worker, _, material = config["search"].partition("?material=")
    assert worker == "assets/javascripts/workers/dva-search.js", config["search"]
    assert (built_site / "assets/javascripts/workers" / material).is_file(), f"Material's worker {material} is not in the site"


# --- Did you mean ---------------------------------------------------------------------------------

MISSPELT = {"lamda": "services/lambda/", "dynamdb": "services/dynamodb/", "kenesis": "services/kinesis/",
            "cloudfromation": "services/cloudformation/", "elasticbeanstlk": "services/elastic-beanstalk/"}


@pytest.mark.parametrize(("query", "expected"), sorted(MISSPELT.items()))
def test_misspelt_name_is_one_click_from_its_page(page, site_url: str, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    """A search that finds nothing offers the closest service names; one click lands on the page."""
    page.goto(site_url)
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.fill(query[:-1])
    box.press(query[-1])
    wait_for(page, "document.querySelector('.dva-didyoumean a') !== null")
    first = page.locator(".dva-didyoumean a").first
    assert first.inner_text().endswith("?"), first.inner_text()
    assert page.locator(".dva-didyoumean a").last.get_attribute("href").endswith("/#services-and-topics")
    first.click()
    page.wait_for_url(lambda url: _location(url, site_url) == expected)


def test_did_you_mean_stays_away_when_results_exist(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url)
    search(page, site_url, "lambda")
    assert page.locator(".dva-didyoumean").count() == 0


def test_aliases_are_a_search_field_not_page_text(built_site: Path) -> None:
    """Aliases rank a page through the boosted `aliases` field; printed into the page they would also
    pollute its text, snippets and ranking ("step functions" finding Lambda's "serverless functions")."""
    from macros.catalog import load_catalog

    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    by_location = {d["location"]: d for d in index["docs"]}
    for entry in load_catalog().entries:
        doc = by_location[entry.src_path.removesuffix(".md") + "/"]
        assert doc["aliases"] == [entry.name, *entry.aliases]
        html = (built_site / entry.src_path.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        assert "searched as" not in html.lower()
        if len(entry.aliases) >= 2:
            assert ", ".join(entry.aliases) not in html, entry.id
