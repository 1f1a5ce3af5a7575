"""The palette toggle in Debian's chromium. javascripts/loader.js switches the palette in place of Material's
palette component, which recoloured every element two or three times on each load (README "Performance").

A reader's click and the keyboard cycle system → light → dark → system, with one toggle shown at a time; the
choice is stored under Material's key, so the next page opens in it (Material's inline script applies it
before the first paint) and instant navigation keeps it; the system's preference is followed in the
system's mode only; the browser's theme colour and colour scheme follow the header (a light page at load
writes no colour-scheme meta, which would restyle every element); a load that changes nothing recolours
nothing; an unreadable stored value does not stop the toggle. Each test but the last runs in the `page`
fixture, which fails it on any console error or uncaught exception.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import recording_tab, wait_for

pytestmark = pytest.mark.browser

PAGE = "services/sqs/"
SCHEME = "document.body.dataset.mdColorScheme"
SHOWN = "[...document.querySelectorAll('form[data-dva-palette] label')].filter((l) => !l.hidden).map((l) => l.title)"
STORED = "localStorage.getItem(new URL(__md_scope).pathname + '.__palette')"
# What the browser's metas say, and what the header's colours are (as hex), read in the page.
METAS = """() => {
  const meta = (name) => document.head.querySelector(`meta[name="${name}"]`)?.content ?? null;
  const style = getComputedStyle(document.querySelector("header"));
  const hex = "#" + style.backgroundColor.match(/\\d+/g).slice(0, 3).map((c) => (+c).toString(16).padStart(2, "0")).join("");
  return { colorScheme: meta("color-scheme"), themeColor: meta("theme-color"), header: hex, headerScheme: style.colorScheme };
}"""
# Recorded from the first byte: every time the body is marked as switching (transitions off, every element
# restyled).
RECORD_SWITCHING = """
window.__switching = 0;
new MutationObserver((records) => {
  for (const r of records) {
    if (r.target === document.body && document.body.hasAttribute("data-md-color-switching")) window.__switching++;
  }
}).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-md-color-switching"] });
"""


def _ready(tab, shown: str) -> None:  # type: ignore[no-untyped-def]
    wait_for(tab, f"JSON.stringify({SHOWN}) === {json.dumps(json.dumps([shown]))}", timeout=10000)


def _click_toggle(tab) -> None:  # type: ignore[no-untyped-def]
    tab.locator("form[data-dva-palette] label:not([hidden])").click()


def test_material_does_not_mount_its_palette_and_a_load_recolours_nothing(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.add_init_script(RECORD_SWITCHING)
    page.goto(site_url + PAGE)
    _ready(page, "Switch to light mode")  # the system's mode, the first palette
    assert page.locator('[data-md-component="palette"]').count() == 0
    assert page.evaluate(SCHEME) == "default"
    assert page.evaluate("window.__switching") == 0, "a load that changes no colour marked the body as switching"
    wait_for(page, "document.head.querySelector('meta[name=\"theme-color\"]')", timeout=10000)
    metas = page.evaluate(METAS)
    assert metas["themeColor"] == metas["header"] and metas["headerScheme"] == "light"
    assert metas["colorScheme"] is None, "a light page wrote a colour-scheme meta at load (every element restyled)"


def test_a_click_cycles_system_light_dark_and_the_choice_is_kept(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + PAGE)
    _ready(page, "Switch to light mode")
    _click_toggle(page)
    _ready(page, "Switch to dark mode")
    assert page.evaluate(SCHEME) == "default"
    assert json.loads(page.evaluate(STORED))["index"] == 1
    assert page.evaluate(METAS)["colorScheme"] == "light"  # a reader's switch writes it
    _click_toggle(page)
    _ready(page, "Switch to system preference")
    assert page.evaluate(SCHEME) == "slate"
    dark = page.evaluate(METAS)
    assert dark["colorScheme"] == "dark" and dark["themeColor"] == dark["header"]  # indigo in both schemes
    wait_for(page, "!document.body.hasAttribute('data-md-color-switching')", timeout=5000)
    # A new page opens dark before our script runs (Material's inline script reads the stored choice):
    # the scheme is read when parsing ends, before module scripts run.
    page.add_init_script("document.addEventListener('readystatechange', () => { if (document.readyState === "
                        "'interactive') window.__parsedScheme = document.body.dataset.mdColorScheme; });")
    page.goto(site_url + "services/lambda/")
    _ready(page, "Switch to system preference")
    assert page.evaluate("window.__parsedScheme") == "slate"
    # Instant navigation keeps it.
    page.locator(".md-content a[href$='/sqs/']").first.click()
    wait_for(page, "location.pathname.endsWith('/services/sqs/')", timeout=10000)
    _ready(page, "Switch to system preference")  # the new page's header comes with every toggle hidden
    assert page.evaluate(SCHEME) == "slate"
    _click_toggle(page)
    _ready(page, "Switch to light mode")
    assert page.evaluate(SCHEME) == "default"  # the system is light


def test_the_system_preference_is_followed_in_the_systems_mode_only(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + PAGE)
    _ready(page, "Switch to light mode")
    page.emulate_media(color_scheme="dark")
    wait_for(page, f"{SCHEME} === 'slate'", timeout=5000)
    assert page.evaluate(METAS)["colorScheme"] == "dark"
    page.emulate_media(color_scheme="light")
    wait_for(page, f"{SCHEME} === 'default'", timeout=5000)
    _click_toggle(page)  # light, chosen
    _ready(page, "Switch to dark mode")
    page.emulate_media(color_scheme="dark")
    page.wait_for_timeout(300)
    assert page.evaluate(SCHEME) == "default", "a chosen light palette followed the system to dark"


def test_a_dark_system_opens_dark_on_a_first_visit(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + PAGE)
    wait_for(page, f"{SCHEME} === 'slate'", timeout=10000)
    _ready(page, "Switch to light mode")
    wait_for(page, "!document.body.hasAttribute('data-md-color-switching')", timeout=5000)


def test_enter_cycles_the_palette_from_the_keyboard(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + PAGE)
    _ready(page, "Switch to light mode")
    page.focus("#__palette_0")
    page.keyboard.press("Enter")
    _ready(page, "Switch to dark mode")
    assert page.evaluate("document.activeElement.id") == "__palette_1"
    page.keyboard.press("Enter")
    _ready(page, "Switch to system preference")
    assert page.evaluate(SCHEME) == "slate"


def test_an_unreadable_stored_palette_does_not_stop_the_toggle(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context, tab, errors = recording_tab(browser)  # not the `page` fixture: Material's own error is expected
    tab.goto(site_url + PAGE)
    _ready(tab, "Switch to light mode")
    tab.evaluate("localStorage.setItem(new URL(__md_scope).pathname + '.__palette', '{not json')")
    errors.clear()
    tab.reload()
    _ready(tab, "Switch to light mode")  # the system's mode
    # Material's own inline script cannot parse it either and says so; nothing else fails.
    assert all("JSON" in error for error in errors), errors
    _click_toggle(tab)
    _ready(tab, "Switch to dark mode")
    assert json.loads(tab.evaluate(STORED))["index"] == 1, "the next switch stores a readable value"
    context.close()
