"""The Content-Security-Policy (macros/hooks/csp.py) in chromium: a script that a page's Markdown smuggles
in is refused. That no page breaks the policy is checked on every page by the accessibility audit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.hooks.csp import inline_script_hashes
from tests.conftest import copy_project, mkdocs_build, serve

pytestmark = pytest.mark.browser

RECORD = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
"""


@pytest.fixture(scope="module")
def csp_tab(browser: object) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    context.add_init_script(script=RECORD)
    tab = context.new_page()
    console: list[str] = []
    tab.on("console", lambda msg: console.append(msg.text) if msg.type == "error" else None)
    tab.console_errors = console  # type: ignore[attr-defined]
    yield tab
    context.close()


def _violations(tab: object, url: str) -> list[str]:
    tab.goto(url, wait_until="load")  # type: ignore[attr-defined]
    tab.wait_for_timeout(50)  # type: ignore[attr-defined]  # violation events are queued as tasks
    return tab.evaluate("window.__cspViolations")  # type: ignore[attr-defined,no-any-return]


# Every page is checked by the accessibility audit's shards, which load each page anyway
# (tests/browser/test_accessibility.py records violations with RECORD while axe runs).


def test_only_the_themes_inline_scripts_are_hashed() -> None:
    page = "<head><script>var a = 1</script></head><article><script>steal()</script></article>"
    assert len(inline_script_hashes(page)) == 2
    assert len(inline_script_hashes(page, content="<article><script>steal()</script></article>")) == 1
    assert inline_script_hashes('<script type="application/json">{}</script><script src="x.js"></script>') == []


def test_a_script_in_a_page_is_refused(csp_tab: object, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    errata = project / "docs/errata.md"
    errata.write_text(errata.read_text(encoding="utf-8") + '\n<script>document.title = "injected"</script>\n',
                      encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    server, url = serve(tmp_path / "site")
    try:
        violations = _violations(csp_tab, url + "errata/")
        title = csp_tab.title()  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        csp_tab.console_errors.clear()  # type: ignore[attr-defined]  # the refusal is logged as an error
    assert title != "injected"
    assert any(v.startswith("script-src") and "inline" in v for v in violations), violations
