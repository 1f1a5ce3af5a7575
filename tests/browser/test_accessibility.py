"""Accessibility gate: axe-core (npm, pinned in package.json) on every built page in chromium.

Every page is checked in the light palette with all of axe's rules, then switched to the dark
palette (prefers-color-scheme emulation, which Material follows) and checked again with the rules
that depend on colour. The gate: no serious or critical violation, no heading that skips a level, no
content outside the landmarks and no two landmarks a screen reader cannot tell apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.test_csp import RECORD as CSP_RECORD
from tests.conftest import ROOT, copy_project, mkdocs_build, serve, wait_for

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules/axe-core/axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}
# Moderate in axe, but gate rules here: they break screen-reader navigation by headings and landmarks.
ALWAYS_BLOCKING = {"heading-order", "region", "landmark-unique"}
# The rules whose result depends on the palette; the others see the same DOM in both.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
SCHEMES = {"light": "default", "dark": "slate"}  # palette -> Material's data-md-color-scheme
# Material fades colours when the palette changes; axe must measure the final colours.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


@dataclass(frozen=True)
class Violation:
    page: str
    palette: str
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:3]) + (f" (+{len(self.targets) - 3} more)" if len(self.targets) > 3 else "")
        return f"{self.page} [{self.palette}] {self.rule} ({self.impact}): {self.help}; at {shown}"

    @property
    def blocking(self) -> bool:
        return self.impact in BLOCKING_IMPACTS or self.rule in ALWAYS_BLOCKING


def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` in the repository root (make test does)")
    return AXE.read_text(encoding="utf-8")


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as URL paths; redirect stubs are not pages."""
    return sorted(
        path.relative_to(site).as_posix().removesuffix("index.html")
        for path in site.rglob("*.html")
        if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")
    )


def _switch_palette(tab: object, palette: str) -> None:
    tab.emulate_media(color_scheme=palette)  # type: ignore[attr-defined]
    expected = SCHEMES[palette]
    try:
        wait_for(tab, f"document.body.dataset.mdColorScheme === {expected!r}", timeout=5000)  # type: ignore[attr-defined]
    except PlaywrightTimeoutError:
        actual = tab.evaluate("document.body.dataset.mdColorScheme")  # type: ignore[attr-defined]
        raise AssertionError(f"the {palette} palette did not apply: data-md-color-scheme is {actual!r}") from None


# Material builds a code block's buttons when the block comes into view (content.lazy, mkdocs.yml): scroll
# each one into view, as a reader reading down would, so that axe checks every block's buttons too.
SHOW_EVERY_CODE_BLOCK = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  for (const block of document.querySelectorAll('.md-typeset .highlight pre')) {
    block.scrollIntoView();
    await frame();
  }
  scrollTo(0, 0);
  await frame();
}"""


def _run_axe(tab: object, rules: list[str] | None) -> list[dict]:
    options: dict = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    script = f"async () => (await axe.run(document, {json.dumps(options)})).violations"
    return tab.evaluate(script)  # type: ignore[attr-defined,no-any-return]


def audit_page(tab: object, base_url: str, path: str) -> list[Violation]:
    """All axe violations of one page: every rule in light, the colour rules again in dark."""
    tab.emulate_media(color_scheme="light")  # type: ignore[attr-defined]
    tab.goto(base_url + path, wait_until="load")  # type: ignore[attr-defined]
    tab.add_style_tag(content=NO_TRANSITIONS)  # type: ignore[attr-defined]
    tab.evaluate(SHOW_EVERY_CODE_BLOCK)  # type: ignore[attr-defined]
    found = []
    for palette, rules in (("light", None), ("dark", COLOUR_RULES)):
        _switch_palette(tab, palette)
        for v in _run_axe(tab, rules):
            targets = tuple(" ".join(map(str, node["target"])) for node in v["nodes"])
            found.append(Violation(path or "/", palette, v["id"], v["impact"] or "none", v["help"], targets))
    return found


@pytest.fixture(scope="module")
def axe_tab(browser: object) -> Iterator[object]:
    """One tab for the whole module, with axe-core loaded into every document it opens."""
    context = browser.new_context()  # type: ignore[attr-defined]
    context.add_init_script(script=axe_source())
    context.add_init_script(script=CSP_RECORD)  # Content-Security-Policy violations, checked on the same visit
    yield context.new_page()
    context.close()


SHARDS = 4  # every page is audited by exactly one shard; pytest-xdist runs the shards side by side


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_page_passes_axe_in_both_palettes_and_keeps_the_csp(
    axe_tab: object, built_site: Path, site_url: str, shard: int
) -> None:
    pages = site_pages(built_site)[shard::SHARDS]
    assert pages, "no pages to audit"
    found, csp = [], {}
    for path in pages:
        found += audit_page(axe_tab, site_url, path)
        html = built_site / (path if path.endswith(".html") else path + "index.html")
        assert 'http-equiv="Content-Security-Policy"' in html.read_text(encoding="utf-8"), f"/{path}: no CSP"
        if violations := axe_tab.evaluate("window.__cspViolations"):  # type: ignore[attr-defined]
            csp[path or "/"] = violations
    blocking = [v for v in found if v.blocking]
    assert not blocking, f"{len(blocking)} accessibility violations:\n" + "\n".join(map(str, blocking))
    assert not csp, f"Content-Security-Policy violations: {csp}"


def test_audit_catches_broken_copy(axe_tab: object, tmp_path: Path) -> None:
    """Undo four fixes in a copy (search dialog name, dark code colours, the progress bar's landmark, the
    code-copy navs' role) and skip a heading level: each is reported."""
    project = copy_project(tmp_path / "project")
    patches = project / "macros/hooks/partials.yml"
    text = patches.read_text(encoding="utf-8")
    start = text.index("partials/search.html:")
    text = text[:start] + text[text.index("partials/progress.html:"):]
    patches.write_text(text[:text.index("base.html:")] + text[text.index("partials/tags.html:"):], encoding="utf-8")
    loader = project / "docs/javascripts/loader.js"
    demoted = loader.read_text(encoding="utf-8")
    assert 'nav.setAttribute("role", "none")' in demoted, "the catch test no longer matches loader.js"
    loader.write_text(demoted.replace('nav.setAttribute("role", "none")', "void nav"), encoding="utf-8")
    css = project / "docs/stylesheets/extra.css"
    text = css.read_text(encoding="utf-8")
    css.write_text(text.replace('[data-md-color-scheme="slate"] {', ".dva-fix-removed {"), encoding="utf-8")
    errata = project / "docs/errata.md"
    two_code_blocks = "```python\nretries = 10\n```\n\n```python\nretries = 3\n```\n"
    errata.write_text(errata.read_text(encoding="utf-8") + "\n#### A skipped level\n\n" + two_code_blocks, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr

    server, url = serve(tmp_path / "site")
    try:
        found = [str(v) for v in audit_page(axe_tab, url, "errata/") if v.blocking]
    finally:
        server.shutdown()
    expected = [
        "errata/ [light] aria-dialog-name (serious): ARIA dialog and alertdialog nodes should have an accessible name;"
        " at .md-search",
        "errata/ [light] heading-order (moderate): Heading levels should only increase by one; at ",
        "errata/ [light] region (moderate): All page content should be contained by landmarks; at .md-progress",
        "errata/ [light] landmark-unique (moderate): Landmarks should have a unique role or role/label/title",
    ]
    for complaint in expected:
        assert any(s.startswith(complaint) for s in found), f"not reported: {complaint}\nfound: {found}"
    dark = [s for s in found if s.startswith("errata/ [dark] color-contrast (serious)")]
    assert dark and ".mi" in dark[0], f"the dark palette's code colours were not checked: {found}"
    assert not any(s.startswith("errata/ [light] color-contrast") for s in found), found
