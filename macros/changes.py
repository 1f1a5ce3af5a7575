"""What changed: corrections and new or changed notes, as the "What changed" page and an Atom feed.

Both are rendered from one data file, `macros/data/changes.yml` (its header says how to add an entry):

    changes:
      - date: 2026-12-02                  # the day of the change, YYYY-MM-DD, not in the future
        kind: correction                  # new | changed | correction
        notes: [cloudtrail-event-types]   # the notes it concerns; an unknown id fails the build
        summary: >-                       # one line in our own words; `backticks` for identifiers
          CloudTrail Insights also analyzes the data events a trail logs.

`changes()` renders the page (docs/changes.md), newest day first; `write_feed` writes `feed.xml` at the
site root after the build (Atom 1.0, RFC 4287: links absolute from `site_url`, each date the entry's day
at midnight UTC, so the same data gives the same file), and every page's <head> links to it
(macros/hooks/page_meta.py, `feed`). The data comes from us, not from git history: an entry names notes
(git only knows pages), says in words what changed, and does not depend on the depth of CI's checkout
or on commits that only move text around.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .catalog import DATA_DIR, CatalogError, require_in
from .context import Context, built_url
from .datafile import SafeLoader
from .errors import MacroInputError
from .hooks.page_meta import MONTHS
from .notes import Note
from .quiz import CODE, inline
from .templating import render

CHANGES_PATH = DATA_DIR / "changes.yml"
FEED_FILE = "feed.xml"  # macros/hooks/page_meta.py advertises it in every page's <head> (FEED)
CHANGES_PAGE = "changes.md"
FEED_TITLE = "DVA Notes: what changed"
FEED_SUBTITLE = "Corrections and new or changed notes on DVA Notes, newest first."
FEED_AUTHOR = "DVA Notes contributors"
ATOM = "http://www.w3.org/2005/Atom"
KINDS = {"new": "New", "changed": "Changed", "correction": "Correction"}
ORDER = ("correction", "changed", "new")  # within one day, corrections come first
ENTRY_KEYS = {"date", "kind", "notes", "summary"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Loader(SafeLoader):  # type: ignore[misc,valid-type]
    """Dates stay text, so that a date that is not a real one fails with the entry, not a YAML trace."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


@dataclass(frozen=True)
class Change:
    date: dt.date
    kind: str
    notes: tuple[str, ...]
    summary: str
    number: int  # its place in the file, from 1: messages name it, and entries of one day and kind keep its order

    @property
    def label(self) -> str:
        return KINDS[self.kind]


def _file(path: Path) -> str:
    return f"macros/data/{path.name}"


def _fail(file: str, where: str, problem: str) -> CatalogError:
    return CatalogError(f"{file}: {where}: {problem}")


def _date(value: object, file: str, where: str, today: dt.date) -> dt.date:
    text = str(value)
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError(text)
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise _fail(file, where, f"date {text!r} is not a real date written YYYY-MM-DD") from None
    if day > today:
        raise _fail(file, where, f"date {text} is in the future (today is {today.isoformat()}); "
                                 "write the day the change was made")
    return day


def _entry(raw: object, number: int, file: str, note_ids: Collection[str], today: dt.date) -> Change:
    where = f"entry {number}"
    if not isinstance(raw, dict) or set(raw) != ENTRY_KEYS:
        got = sorted(raw) if isinstance(raw, dict) else type(raw).__name__
        raise _fail(file, where, f"keys must be exactly {sorted(ENTRY_KEYS)}, got {got}")
    where = f"entry {number} ({raw['date']}, {raw['kind']})"
    day = _date(raw["date"], file, where, today)
    if raw["kind"] not in KINDS:
        raise _fail(file, where, f"kind must be one of {', '.join(KINDS)}, got {raw['kind']!r}")
    notes = raw["notes"]
    if not isinstance(notes, list) or not notes or not all(isinstance(n, str) for n in notes):
        raise _fail(file, where, "notes must be a list of one or more note ids, e.g. notes: [sqs-long-polling]")
    for note_id in notes:
        require_in(note_id, note_ids, f"{file}: {where}", "unknown note id")
    twice = sorted({n for n in notes if notes.count(n) > 1})
    if twice:
        raise _fail(file, where, f"note id {twice[0]!r} is listed twice")
    summary = raw["summary"]
    if not isinstance(summary, str) or not summary.strip():
        raise _fail(file, where, "summary is empty: say in one line, in our own words, what changed")
    if "\n" in summary.strip():
        raise _fail(file, where, "summary must be one line (write it with `>-` to fold a long line)")
    return Change(day, raw["kind"], tuple(notes), summary.strip(), number)


def load_changes(note_ids: Collection[str], path: Path = CHANGES_PATH, today: dt.date | None = None) -> tuple[Change, ...]:
    """Every entry of the data file, validated; newest day first, within a day corrections, then changes,
    then new notes, each in file order."""
    file = _file(path)
    today = today or dt.date.today()
    with path.open(encoding="utf-8") as fh:
        raw = yaml.load(fh, Loader=_Loader)  # _Loader is a SafeLoader
    if not isinstance(raw, dict) or set(raw) != {"changes"} or not isinstance(raw["changes"], list) or not raw["changes"]:
        raise CatalogError(f"{file}: the file holds one key, `changes:`, with a list of one or more entries")
    changes = [_entry(item, number, file, note_ids, today) for number, item in enumerate(raw["changes"], start=1)]
    seen: dict[tuple[dt.date, str, str], int] = {}
    for c in changes:
        key = (c.date, c.kind, c.notes[0])
        if key in seen:
            raise _fail(file, f"entry {c.number} ({c.date}, {c.kind})",
                        f"same date, kind and first note as entry {seen[key]}; merge the two into one entry")
        seen[key] = c.number
    return tuple(sorted(changes, key=lambda c: (-c.date.toordinal(), ORDER.index(c.kind), c.number)))


def _load(ctx: Context) -> tuple[Change, ...]:
    return load_changes(ctx.notes.keys())


# What an entry is called: one note's heading, or "N notes on <pages>".

def _names(ctx: Context, notes: list[Note]) -> str:
    pages: list[str] = []
    for n in notes:
        entry = ctx.catalog.by_src_path(n.src_path)
        name = entry.name if entry else n.src_path
        if name not in pages:
            pages.append(name)
    return pages[0] if len(pages) == 1 else ", ".join(pages[:-1]) + " and " + pages[-1]


def headline(ctx: Context, change: Change) -> str:
    notes = [ctx.notes[n] for n in change.notes]
    return notes[0].title if len(notes) == 1 else f"{len(notes)} notes on {_names(ctx, notes)}"


def day_text(day: dt.date) -> str:
    """2 December 2026 (English month names, whatever the build machine's locale)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def plain(text: str) -> str:
    """The summary as plain text (the feed's summary): `code` spans lose their backticks."""
    return CODE.sub(lambda m: m[1], text)


# The page.

def changes(ctx: Context, page: str) -> str:
    """The What changed page: a link to the feed, then every entry by day, newest first."""
    try:
        entries = _load(ctx)
    except CatalogError as exc:
        raise MacroInputError(str(exc)) from None
    days: list[dict] = []
    for c in entries:
        if not days or days[-1]["iso"] != c.date.isoformat():
            days.append({"iso": c.date.isoformat(), "text": day_text(c.date), "changes": []})
        notes = [{"title": inline(ctx.notes[n].title), "url": built_url(page, ctx.notes[n].src_path, n, ctx.directory_urls)}
                 for n in c.notes]
        days[-1]["changes"].append({
            "kind": c.kind, "label": c.label, "title": inline(headline(ctx, c)), "summary": inline(c.summary),
            "url": notes[0]["url"], "notes": notes if len(notes) > 1 else [],
        })
    # The page's folder: its own with directory URLs, its source's in the offline copy (page.html).
    folder = posixpath.dirname(page.removesuffix(".md") + "/index.md") if ctx.directory_urls else posixpath.dirname(page)
    feed = posixpath.relpath(FEED_FILE, folder or ".")
    return render("changes.html", days=days, feed=feed, feed_title=FEED_TITLE, count=len(entries))


# The feed.

def _absolute(site_url: str, src_path: str, fragment: str = "") -> str:
    """A page's (or a note's) absolute URL with directory URLs: services/sqs.md -> <site_url>services/sqs/#id."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    path = "" if src_path == "index.md" else src_path.removesuffix(".md").removesuffix("/index") + "/"
    return base + path + (f"#{fragment}" if fragment else "")


def _rfc3339(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entry_id(site_url: str, change: Change) -> str:
    """A tag: URI (RFC 4151) that stays the same when the summary is reworded: site, date, kind, first note."""
    parts = urlsplit(site_url)
    prefix = parts.path.strip("/") + "/" if parts.path.strip("/") else ""
    return f"tag:{parts.hostname},{change.date.isoformat()}:{prefix}changes/{change.kind}/{change.notes[0]}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element


def feed_xml(ctx: Context, entries: tuple[Change, ...], site_url: str) -> bytes:
    """The Atom 1.0 document: feed id, title, updated, author and links; per entry id, title, updated,
    links to the notes, summary and kind as category. Dates are the entries' days at midnight UTC, so the
    same data gives the same file."""
    ET.register_namespace("", ATOM)
    self_url = _absolute(site_url, FEED_FILE).removesuffix("/")
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", self_url)
    _sub(feed, "title", FEED_TITLE)
    _sub(feed, "subtitle", FEED_SUBTITLE)
    _sub(feed, "updated", _rfc3339(max(c.date for c in entries)))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=_absolute(site_url, CHANGES_PAGE))
    _sub(_sub(feed, "author"), "name", FEED_AUTHOR)
    for c in entries:
        entry = _sub(feed, "entry")
        _sub(entry, "id", entry_id(site_url, c))
        _sub(entry, "title", plain(f"{c.label}: {headline(ctx, c)}"))
        _sub(entry, "updated", _rfc3339(c.date))
        for i, note_id in enumerate(c.notes):
            note = ctx.notes[note_id]
            _sub(entry, "link", rel="alternate" if i == 0 else "related", type="text/html",
                 href=_absolute(site_url, note.src_path, note_id), title=plain(note.title))
        _sub(entry, "summary", plain(c.summary), type="text")
        _sub(entry, "category", term=c.kind, label=c.label)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def write_feed(site_dir: Path, ctx: Context, site_url: str | None) -> None:
    """Write feed.xml at the site root (called from on_post_build, like the question bank)."""
    if not site_url:
        raise CatalogError(f"{FEED_FILE} needs `site_url` in mkdocs.yml: a feed's links are absolute")
    (site_dir / FEED_FILE).write_bytes(feed_xml(ctx, _load(ctx), site_url))


MACROS = {"changes": changes}
