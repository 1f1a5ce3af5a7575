"""Sharing a note in Debian's chromium: the link icon copies the share URL (clipboard permission granted)
and shows Material's "Copied to clipboard"; on a phone it is visible and opens the share sheet, or copies
where there is none; the share page sends the reader to the note."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.conftest import PHONE, tap, wait_for

pytestmark = pytest.mark.browser

NOTE = "sqs-long-polling"
# The phone's share sheet is the browser's, not ours: record what the page asks it to share.
RECORD_SHARE = "navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };"


def share_link(page):  # type: ignore[no-untyped-def]
    return page.locator(f'h3#{NOTE} a.headerlink')


def test_link_icon_copies_the_share_url(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{site_url}services/sqs/")
    link = share_link(page)
    assert link.get_attribute("title") == "Copy a link to this note"
    page.locator(f"h3#{NOTE}").hover()
    link.click()
    wait_for(page, "document.querySelector('.md-dialog__inner') && "
                   "document.querySelector('.md-dialog__inner').textContent.includes('Copied to clipboard')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert urlsplit(copied).path == f"/n/{NOTE}/"
    assert urlsplit(page.url).fragment == NOTE, "the address bar still points at the note"
    page.goto(site_url)
    titles = page.evaluate("[...document.querySelectorAll('a.headerlink')].map(a => a.title)")
    assert titles and set(titles) == {"Link to this section"}, "headings that are not notes say so"
    context.close()
    assert not errors


def test_phone_shows_the_control_and_opens_the_share_sheet(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(**PHONE)
    context.add_init_script(script=RECORD_SHARE)
    page = context.new_page()
    page.goto(f"{site_url}services/sqs/")
    wait_for(page, "window.matchMedia('(hover: none)').matches")
    link = share_link(page)
    assert float(link.evaluate("a => getComputedStyle(a).opacity")) == 1, "visible without hover"
    tap(page, link)
    wait_for(page, "window.__shared !== undefined")
    shared = page.evaluate("window.__shared")
    assert urlsplit(shared["url"]).path == f"/n/{NOTE}/"
    assert shared["title"].startswith("Long polling waits up to 20 seconds")
    context.close()


def test_phone_without_share_sheet_copies(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(**PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    context.add_init_script(script="delete Navigator.prototype.share;")
    page = context.new_page()
    page.goto(f"{site_url}services/sqs/")
    tap(page, share_link(page))
    wait_for(page, "document.querySelector('.md-dialog__inner') && "
                   "document.querySelector('.md-dialog__inner').textContent.includes('Copied to clipboard')")
    assert urlsplit(page.evaluate("navigator.clipboard.readText()")).path == f"/n/{NOTE}/"
    context.close()


def test_share_page_lands_on_the_note(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}n/{NOTE}/")
    page.wait_for_url(lambda url: urlsplit(url).path == "/services/sqs/")
    assert urlsplit(page.url).fragment == NOTE
