"""MkDocs hook: the values the page chrome shows, computed here so overrides/main.html only lays out.

- `verified`: the page's `last_verified` front-matter date, as an ISO date for <time datetime> and as
  the words readers see ("30 November 2026"). A value that is not a real YYYY-MM-DD date fails the build.
- `preview`: title, description and canonical URL for the Open Graph / Twitter link-preview tags. The
  description is the page's front-matter `description` (the same text Material puts in the meta
  description), falling back to `site_description`.
- `feed`: the URL of the change feed (macros/changes.py writes it) for the <head> alternate link, relative
  to the page: Material fetches `sitemap.xml` next to every `link[rel=alternate]` (its alternate-version
  navigation), so an absolute `site_url` link would make a local copy request the published site. Only
  on FEED_PAGES: on every page that fetch was a second sitemap request on each first load (make audit);
  feed readers look for the link on the home page, and the What changed page names it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

CARD = "assets/images/card.png"  # docs/assets/images/card.png, drawn by `make card` (tests/tools/card.py)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FEED = "feed.xml"  # the Atom feed at the site root, written after the build (macros/changes.py FEED_FILE)
FEED_PAGES = ("index.md", "changes.md")  # the pages whose <head> advertises the feed
# English month names, independent of the build machine's locale.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@dataclass(frozen=True)
class Verified:
    iso: str
    text: str


@dataclass(frozen=True)
class Preview:
    title: str
    description: str
    url: str | None
    site_name: str
    image: str | None = None  # the site's link-preview card, absolute (macros/hooks/share.py CARD)


def parse_verified(value: object, src: str) -> Verified:
    """`last_verified` as YAML gives it (a date, or a quoted 'YYYY-MM-DD' string) -> Verified."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
        raise PluginError(f"docs/{src}: last_verified {value!r} must be a date written YYYY-MM-DD")
    try:
        if isinstance(value, str) and not ISO_DATE.fullmatch(value):
            raise ValueError(value)
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    except ValueError:
        raise PluginError(f"docs/{src}: last_verified {value!r} is not a real date written YYYY-MM-DD") from None
    return Verified(iso=day.isoformat(), text=f"{day.day} {MONTHS[day.month - 1]} {day.year}")


def page_preview(page: Any, config: Any) -> Preview:
    meta = page.meta or {}
    title = str(meta.get("title") or page.title or config["site_name"])
    description = str(meta.get("description") or config.get("site_description") or "").strip()
    site_url = str(config.get("site_url") or "")
    image = (site_url if site_url.endswith("/") else site_url + "/") + CARD if site_url else None
    return Preview(title=title, description=description, url=page.canonical_url, site_name=config["site_name"],
                   image=image)


def feed_url(page_url: str) -> str:
    """The feed's URL relative to a page's URL (services/sqs/ -> ../../feed.xml)."""
    return get_relative_url(FEED, page_url or ".")


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    value = (page.meta or {}).get("last_verified")
    context["verified"] = None if value is None else parse_verified(value, page.file.src_uri)
    context["preview"] = page_preview(page, config)
    context["feed"] = feed_url(page.url) if page.file.src_uri in FEED_PAGES else None
    return context
