"""The offline copy (`make offline`, mkdocs-offline.yml, README "Offline copy") unzipped and opened from the
file system in Debian's chromium, the way a reader who downloaded dva-notes-offline.zip opens it.

From file:// chromium starts no Web Worker, fetches no local file and runs no ES module script. So:
search works (Material's offline plugin inlines the index, and the iframe-worker shim runs our worker
in an <iframe>); the calculators, the questions and the Practice page run from the classic scripts
macros/hooks/offline.py writes (javascripts/offline/, practice/questions.js), and progress survives a
reload; the same folder served over http runs the ES modules, as the README says. Every tab fails its
test on a console error, an uncaught exception or a request that leaves the copy, and lists them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import ROOT, come_near, serve, wait_for
from tests.offline_zip import TOP, make_zip

QUERY = "visibility timeout"
EXPECTED = "services/sqs.html#sqs-visibility-timeout"
RESULT_LINKS = ".md-search-result__item a.md-search-result__link"
RESULTS_SHOWN = """q => document.querySelector('input.md-search__input').value === q &&
  document.querySelectorAll('.md-search-result__item').length > 0"""
OUTPUTS = "form => [...form.querySelectorAll('output[data-result]')].map(o => o.textContent)"
SET_VALUE = """(control, value) => {
  control.value = value;
  control.dispatchEvent(new Event('input', {bubbles: true}));
}"""


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `make offline` makes (a strict build of mkdocs-offline.yml, zipped), unzipped; built once."""
    work = tmp_path_factory.mktemp("offline")
    site = work / "site-offline"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs-offline.yml", "--site-dir", str(site)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.fail(f"offline build failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    with zipfile.ZipFile(make_zip(site, work / "dva-notes-offline.zip")) as archive:
        archive.extractall(work / "unzipped")
    return work / "unzipped" / TOP


@pytest.fixture
def tab(browser: object) -> Iterator[object]:
    """A fresh tab that fails the test on a console error, an uncaught exception or a request that is not
    for a file of the copy (over http: not for the loopback server), listing them all."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(f"exception: {exc}"))
    page.on("request", lambda req: None if urlsplit(req.url).scheme in {"file", "data", "about"}
            or urlsplit(req.url).hostname == "127.0.0.1" else problems.append(f"request: {req.url}"))
    yield page
    context.close()
    assert not problems, "\n".join(problems)


def test_zip_unpacks_to_one_folder_with_the_site(offline_copy: Path) -> None:
    for path in ("index.html", "services/sqs.html", "practice.html", "practice/questions.json",
                 "practice/questions.js", "search/search_index.js", "assets/javascripts/iframe-worker/shim.js",
                 "assets/javascripts/workers/dva-search.js", "javascripts/offline/calculators/mount.js",
                 "javascripts/offline/quiz/quiz.js", "javascripts/offline/cheatsheet.js"):
        assert (offline_copy / path).is_file(), f"{path} is missing from the offline copy"
    assert [p.name for p in offline_copy.parent.iterdir()] == [TOP]


def test_every_link_lands_on_a_file(offline_copy: Path) -> None:
    """From file:// a link to a folder shows a file listing, not its index.html: every relative href and
    src of every page must name a file of the copy (the search results are checked in the browser)."""
    missing = []
    for page in sorted(offline_copy.rglob("*.html")):
        rel = page.relative_to(offline_copy).as_posix()
        # 404.html: served by GitHub Pages at any depth, so its links are absolute; never opened here.
        # n/: the share pages (macros/hooks/share.py) exist for chat-app previews of the site's own URLs;
        # nothing in the copy links to them.
        if rel == "404.html" or rel.startswith("n/"):
            continue
        for url in re.findall(r'(?:href|src)="([^"#?]+)[^"]*"', page.read_text(encoding="utf-8")):
            if urlsplit(url).scheme or url.startswith("//"):
                continue
            if not (page.parent / unquote(url)).resolve().is_file():
                missing.append(f"{rel}: {url}")
    assert not missing, f"{len(missing)} link(s) to no file, e.g.:\n" + "\n".join(missing[:20])


def _search(tab, offline_copy: Path, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Type a query into Material's search box; the result locations (page.html#id) in order."""
    box = tab.locator("input.md-search__input")
    if not box.is_visible():
        tab.keyboard.press("/")
    box.fill(query[:-1])
    box.press(query[-1])
    wait_for(tab, RESULTS_SHOWN, arg=query)
    hrefs = tab.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.href)")
    base = offline_copy.as_uri() + "/"
    return [urlsplit(h)._replace(query="").geturl().removeprefix(base) for h in hrefs]


@pytest.mark.browser
def test_search_finds_a_note_and_lands_on_it(tab, offline_copy: Path) -> None:  # type: ignore[no-untyped-def]
    tab.goto((offline_copy / "index.html").as_uri())
    locations = _search(tab, offline_copy, QUERY)
    assert EXPECTED in locations[:5], f"{QUERY!r}: {EXPECTED} is not among the first results: {locations[:5]}"
    tab.locator(RESULT_LINKS).nth(locations.index(EXPECTED)).click()
    wait_for(tab, "() => location.hash === '#sqs-visibility-timeout' && document.readyState === 'complete'")
    assert tab.url.split("?")[0] == (offline_copy / "services/sqs.html").as_uri()
    assert tab.locator("h3#sqs-visibility-timeout").count() == 1


# Our worker's work, under the iframe shim: an alias from the catalog (the index's `aliases` field, written
# for page.html locations here), and a query that made lunr 2.3.9 throw (dva-search.js, fix 1).
@pytest.mark.browser
@pytest.mark.parametrize(("query", "expected"), [("DDB", "services/dynamodb.html"), ("local", "services/sam.html")])
def test_search_keeps_our_worker_fixes(tab, offline_copy: Path, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    tab.goto((offline_copy / "index.html").as_uri())
    locations = _search(tab, offline_copy, query)
    assert locations and locations[0] == expected, f"{query!r}: first result {locations[:3]}, expected {expected}"


def _recomputes(tab) -> None:  # type: ignore[no-untyped-def]
    """The DynamoDB calculator, bound by its script, shows other results for another item size."""
    come_near(tab)
    wait_for(tab, "() => document.querySelector('form.calc[data-calc=\"dynamodb-capacity\"][data-calc-bound]')")
    form = tab.locator('form.calc[data-calc="dynamodb-capacity"]')
    before = form.evaluate(OUTPUTS)
    assert before and all(text.strip() for text in before), f"worked example missing: {before}"
    form.locator('input[name="item_kb"]').evaluate(SET_VALUE, "13")
    changed = f"""before => ({OUTPUTS})(document.querySelector('form.calc[data-calc="dynamodb-capacity"]'))
      .join('|') !== before"""
    wait_for(tab, changed, arg="|".join(before))
    assert tab.locator(".dva-offline").count() == 0


def _answer(form) -> None:  # type: ignore[no-untyped-def]
    """Choose the right option(s), read from the form's own answer key (a multiple response asks for all), and submit."""
    for option in form.evaluate("""f => [...f.querySelectorAll('.quiz__why li[data-verdict="correct"]')]
      .map(li => li.dataset.option)"""):
        form.locator(f'input[name="answer"][value="{option}"]').check()
    form.locator('button[type="submit"]').click()


def _runs_a_practice(tab) -> None:  # type: ignore[no-untyped-def]
    """Start a practice from the Practice page and answer its first question."""
    # The progress section shows once the bank is in and the form listens (the start button shows before).
    wait_for(tab, "() => document.querySelector('.practice__progress:not([hidden])') !== null")
    tab.locator("button[name=start][value=practice]").click()
    wait_for(tab, "() => !document.querySelector('.practice__run').hidden && "
                  "document.querySelectorAll('.practice__run form.quiz').length > 0")
    _answer(tab.locator(".practice__run form.quiz").first)
    wait_for(tab, "() => document.querySelector('.practice__run form.quiz[data-state]') !== null")
    assert tab.locator(".dva-offline").count() == 0


@pytest.mark.browser
def test_calculators_recompute(tab, offline_copy: Path) -> None:  # type: ignore[no-untyped-def]
    tab.goto((offline_copy / "calculators.html").as_uri())
    _recomputes(tab)
    # The classic script, not a module: chromium would have refused the module and logged it.
    assert tab.locator('script[src$="javascripts/offline/calculators/mount.js"]').count() == 1


@pytest.mark.browser
def test_document_emits_each_page_once(tab, offline_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """loader.js and the classic scripts wait for Material's document$: without instant navigation it emits
    the page once from file:// (with it, Material completes document$ there without a value)."""
    tab.goto((offline_copy / "index.html").as_uri())
    wait_for(tab, "() => document.readyState === 'complete'")
    emitted = tab.evaluate("""() => new Promise(resolve => {
      const seen = [];
      window.document$.subscribe({next: d => seen.push(d === document), complete: () => seen.push('complete')});
      setTimeout(() => resolve(seen), 200);
    })""")
    assert emitted == [True]


@pytest.mark.browser
def test_practice_runs(tab, offline_copy: Path) -> None:  # type: ignore[no-untyped-def]
    tab.goto((offline_copy / "practice.html").as_uri())
    _runs_a_practice(tab)
    # The bank came from practice/questions.js: fetch() of a local file would have failed (and logged).
    assert tab.evaluate("() => Array.isArray(window.dvaQuestionBank?.questions)")


@pytest.mark.browser
def test_an_answer_survives_a_reload(tab, offline_copy: Path) -> None:  # type: ignore[no-untyped-def]
    """localStorage works from file:// in chromium (all file: URLs share one origin there)."""
    tab.goto((offline_copy / "services/sqs.html").as_uri())
    wait_for(tab, "() => document.querySelector('.quiz-list form.quiz[data-quiz-bound]') !== null")
    form = tab.locator(".quiz-list form.quiz").first
    question = form.get_attribute("data-question")
    _answer(form)
    assert form.get_attribute("data-state") == "correct"
    tab.reload()
    wait_for(tab, f"() => document.querySelector('form.quiz[data-question=\"{question}\"][data-last=\"correct\"]')")


@pytest.mark.browser
def test_cheatsheet_filter_runs(tab, offline_copy: Path) -> None:  # type: ignore[no-untyped-def]
    tab.goto((offline_copy / "cheat-sheet.html").as_uri())
    wait_for(tab, "() => document.querySelector('form[data-cheatsheet-filter]:not([hidden])') !== null")
    tab.locator('form[data-cheatsheet-filter] input[name="domain"]').first.uncheck()
    wait_for(tab, "() => document.querySelector('li[data-domains][hidden]') !== null")


@pytest.mark.browser
def test_a_missing_script_is_explained(browser: object, offline_copy: Path, tmp_path: Path) -> None:
    """A copy without its classic scripts (an incomplete unzip): the pages say what does not run and why, and
    our scripts log nothing (chromium itself logs the file it could not load)."""
    copy = tmp_path / "copy"
    shutil.copytree(offline_copy, copy)
    shutil.rmtree(copy / "javascripts/offline")
    (copy / "practice/questions.js").unlink()
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" and
            not msg.text.startswith("Failed to load resource") else None)
    try:
        page.goto((copy / "calculators.html").as_uri())
        wait_for(page, "() => document.querySelector('.dva-offline') !== null")
        note = page.locator(".dva-offline").inner_text()
        assert "do not recompute" in note and "javascripts/offline/calculators/mount.js" in note
        assert "http.server" in note
        assert page.locator(".dva-offline a").get_attribute("href") == "https://dva-notes.github.io/calculators/"
        page.goto((copy / "practice.html").as_uri())
        wait_for(page, "() => document.querySelector('.dva-offline') !== null")
        note = page.locator(".dva-offline").inner_text()
        assert "cannot start here" in note and "practice/questions.js" in note
        assert page.locator("button[name=start][value=practice]").is_hidden()
    finally:
        context.close()
    assert not errors, "\n".join(errors)


@pytest.mark.browser
def test_the_policy_still_holds_from_file(browser: object, offline_copy: Path) -> None:
    """'self' lets the classic scripts run from file:// (the tests above load them without a console error),
    and the Content-Security-Policy still refuses any other script there: an inline one, a data: URL."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None)
    try:
        page.goto((offline_copy / "calculators.html").as_uri())
        wait_for(page, "() => document.querySelector('form.calc[data-calc-bound]') !== null")
        ran = page.evaluate("""() => new Promise(resolve => {
          const inline = document.createElement('script');
          inline.textContent = 'window.inlineRan = true';
          document.body.append(inline);
          const data = document.createElement('script');
          data.src = 'data:text/javascript,window.dataRan=true';
          data.onload = data.onerror = () => resolve([window.inlineRan === true, window.dataRan === true]);
          document.body.append(data);
        })""")
    finally:
        context.close()
    assert ran == [False, False]
    assert len(refused) == 2, refused


@pytest.mark.browser
def test_check_yourself_answers_are_readable(tab, offline_copy: Path) -> None:  # type: ignore[no-untyped-def]
    tab.goto((offline_copy / "services/sqs.html").as_uri())
    answers = tab.locator(".quiz-list details")
    assert answers.count() > 0
    answers.first.locator("summary").click()
    assert answers.first.evaluate("d => d.open")


@pytest.fixture(scope="module")
def served_copy(offline_copy: Path) -> Iterator[str]:
    """The same unzipped folder over loopback http, as the offline notes suggest (python3 -m http.server)."""
    server, url = serve(offline_copy)
    yield url
    server.shutdown()


@pytest.mark.browser
def test_served_copy_runs_the_calculators(tab, served_copy: str) -> None:  # type: ignore[no-untyped-def]
    tab.goto(served_copy + "calculators.html")
    _recomputes(tab)
    assert tab.locator('script[src*="javascripts/offline/"]').count() == 0  # the modules, as on the site


@pytest.mark.browser
def test_served_copy_runs_a_practice(tab, served_copy: str) -> None:  # type: ignore[no-untyped-def]
    tab.goto(served_copy + "practice.html")
    _runs_a_practice(tab)
    assert tab.evaluate("() => window.dvaQuestionBank === undefined")  # fetched, as on the site
