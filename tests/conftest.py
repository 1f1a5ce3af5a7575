"""Shared fixtures: one strict build of the real site per test session, a local server for it,
and Debian's chromium driven by Playwright for anything a reader clicks or types."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import macros

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def mkdocs_build(project: Path, site_dir: Path, strict: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs build` on a project folder, with `--strict` unless told otherwise (the
    project's own `strict:` setting still applies); returns the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)]
    return subprocess.run(command + (["--strict"] if strict else []), cwd=project, env=env,
                          capture_output=True, text=True, check=False)


def one_page_project(project: Path, page: str) -> Path:
    """Turn a project copy into a tiny one: MkDocs renders only `page` (docs/<page>); the other pages
    stay on disk, so the macros' note index and data checks see the whole site. For tests about one
    macro call; build it with `mkdocs_build(..., strict=False)` (links to the other pages are not built)."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"\nexclude_docs: |\n  *.md\n  !{page}\n", encoding="utf-8")
    return project


def front_matter(src: Path) -> dict:
    """A page's front matter exactly as MkDocs reads it (invalid YAML gives no metadata at all)."""
    from mkdocs.utils.meta import get_data

    return get_data(src.read_text(encoding="utf-8"))[1]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built strictly once per session."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    if result.returncode != 0:
        pytest.fail(f"strict build failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a folder on a free loopback port; returns the server and its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    server, url = serve(built_site)
    yield url
    server.shutdown()


def _browser_available() -> None:
    if os.environ.get("SKIP_BROWSER") and not os.environ.get("CI"):
        pytest.skip("SKIP_BROWSER is set: browser test skipped")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'sudo apt-get install -y chromium' (make test does this as root)")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    _browser_available()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


def recording_tab(browser: object, **context_options: object) -> tuple[object, object, list[str]]:
    """A new browser context and tab, and the list it appends every console error and uncaught exception to.
    `context_options` go to browser.new_context (a phone's viewport, touch)."""
    context = browser.new_context(**context_options)  # type: ignore[attr-defined]
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, tab, errors


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser page; fails the test on any console error or uncaught exception."""
    context, tab, errors = recording_tab(browser)
    yield tab
    context.close()
    assert not errors, f"console errors: {errors}"


PROJECT_PARTS = ("mkdocs.yml", "docs", "macros", "overrides")


def bound_macro(ctx: object, name: str, fn: object, page: str) -> Any:
    """`fn` as mkdocs-macros calls it on `page`: through macros._bind, with the page's errors and its call."""
    bound: dict[str, Any] = {}
    env = SimpleNamespace(page=SimpleNamespace(file=SimpleNamespace(src_uri=page)),
                          macro=lambda f, n: bound.setdefault(n, f))
    macros._bind(env, ctx, name, fn)  # type: ignore[arg-type]
    return bound[name]


def copy_project(dest: Path) -> Path:
    """Copy what the build reads into `dest`, for tests that break a temporary copy of the site."""
    import shutil

    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A private copy of the project's sources that a test may break."""
    return copy_project(tmp_path / "project")


def wait_for(page: object, expression: str, arg: object = None, timeout: float = 30000, interval: float = 20) -> None:
    """Poll a JavaScript expression or function until it returns a truthy value.

    Playwright's own wait_for_function evaluates its predicate with eval() inside the page, which the
    site's Content-Security-Policy (rightly) refuses. page.evaluate goes through the DevTools protocol,
    which the policy does not govern, so this polls with it from Python instead. Raises Playwright's
    TimeoutError like wait_for_function did.
    """
    import time

    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    function = expression if "=>" in expression.split("\n")[0][:40] else f"() => ({expression})"
    deadline = time.monotonic() + timeout / 1000
    while True:
        try:
            if page.evaluate(function, arg):  # type: ignore[attr-defined]
                return
        except PlaywrightError as exc:  # a navigation replaced the document: try again
            if "Execution context was destroyed" not in str(exc) and "navigat" not in str(exc):
                raise
        if time.monotonic() > deadline:
            raise PlaywrightTimeoutError(f"wait_for: {expression!r} still false after {timeout:.0f} ms")
        page.wait_for_timeout(interval)  # type: ignore[attr-defined]


# A phone for browser.new_context(**PHONE): its screen, touch and no hover.
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


# True once the element's place on screen has held for three frames in a row (false as soon as it moves).
_HELD = """(element) => new Promise((done) => {
  let top = element.getBoundingClientRect().top, held = 0;
  const frame = () => {
    const now = element.getBoundingClientRect().top;
    if (now !== top) return done(false);
    if (++held === 3) return done(true);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})"""


def tap(page: object, locator: object) -> None:
    """Tap `locator` like a finger, once it has stopped moving. A tap's click is the browser's, a few
    milliseconds after the touch, at the same point: if the page moves in between, the click lands on
    whatever is there now. Scrolling a long page straight to a note does move it: the parts drawn only near
    the screen (content-visibility, docs/stylesheets/extra.css) take their real height on the next frame
    (a sources line above the note: 140 px reserved, 77 px drawn), and Playwright's own tap, which waits for
    the element to be stable before the touch, cannot see the move after it."""
    locator.scroll_into_view_if_needed()  # type: ignore[attr-defined]
    wait_for(page, _HELD, arg=locator.element_handle())  # type: ignore[attr-defined]
    locator.tap()  # type: ignore[attr-defined]


def fetched(page: object) -> list[str]:
    """Every URL the page has requested so far (resource timing), in order."""
    return list(page.evaluate("performance.getEntriesByType('resource').map(e => e.name)"))  # type: ignore[attr-defined]


# docs/javascripts/loader.js loads the calculators' and the questions' modules when the reader comes within a
# screen of one: each target, and what shows that its module has bound the page's forms.
NEAR = {
    "form.calc[data-calc]": "form.calc[data-calc-bound]",
    ".quiz-list": ".quiz-list form.quiz[data-quiz-bound]",
}


def come_near(page: object, targets: tuple[str, ...] = tuple(NEAR), timeout: float = 15000) -> None:
    """Scroll to the page's first calculator, then its first question list (or only `targets`), each until its
    module has bound it, as a reader scrolling down would. No scrolling for what is bound already (from
    file:// they load at once)."""
    for target in targets:
        bound = NEAR[target]
        if page.evaluate(f"document.querySelector({target!r}) !== null"):  # type: ignore[attr-defined]
            wait_for(page, f"document.querySelector({bound!r}) !== null || "
                           f"(document.querySelector({target!r}).scrollIntoView({{block: 'center'}}), false)",
                     timeout=timeout)
