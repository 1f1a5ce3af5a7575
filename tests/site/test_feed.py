"""The change feed and the What changed page in the built site (macros/changes.py): feed.xml is valid
Atom (RFC 4287) with RFC 3339 dates, every entry lands on a note, the page lists the same entries, every
page advertises the feed, and a bad data file fails the build with the entry and the nearest ids."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from macros.changes import CHANGES_PATH, FEED_FILE, FEED_TITLE, KINDS
from tests.conftest import ROOT, mkdocs_build, one_page_project
from tests.gate.project import Project

A = "{http://www.w3.org/2005/Atom}"
SITE_URL = Project(ROOT).site_url
FEED_URL = urljoin(SITE_URL, FEED_FILE)
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
TAG_URI = re.compile(r"tag:[a-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?:\S+")


def _feed(site: Path) -> ET.Element:
    return ET.parse(site / FEED_FILE).getroot()


def _entries(site: Path) -> list[ET.Element]:
    return _feed(site).findall(f"{A}entry")


def _only(parent: ET.Element, tag: str) -> ET.Element:
    found = parent.findall(f"{A}{tag}")
    assert len(found) == 1, f"expected exactly one atom:{tag}, found {len(found)}"
    return found[0]


def _links(element: ET.Element, rel: str) -> list[str]:
    return [link.get("href") or "" for link in element.findall(f"{A}link") if (link.get("rel") or "alternate") == rel]


def _built_file(site: Path, url: str) -> Path:
    """The built HTML file an absolute site URL lands on."""
    assert url.startswith(SITE_URL), f"{url} is not on the site ({SITE_URL})"
    path = urlsplit(url).path[len(urlsplit(SITE_URL).path):]
    return site / (path + "index.html" if path.endswith("/") or not path else path)


def _rfc3339(value: str | None) -> dt.datetime:
    assert value is not None and RFC3339.fullmatch(value), f"{value!r} is not an RFC 3339 date-time"
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def _data_entries() -> list[dict]:
    return yaml.safe_load(CHANGES_PATH.read_text(encoding="utf-8"))["changes"]


def test_feed_is_atom_with_the_required_feed_elements(built_site: Path) -> None:
    feed = _feed(built_site)
    assert feed.tag == f"{A}feed", "the root element is atom:feed in the Atom namespace"
    assert _only(feed, "id").text == FEED_URL
    assert _only(feed, "title").text == FEED_TITLE
    updated = _rfc3339(_only(feed, "updated").text)
    assert updated == max(_rfc3339(_only(e, "updated").text) for e in _entries(built_site))
    assert _links(feed, "self") == [FEED_URL]
    (page,) = _links(feed, "alternate")
    assert _built_file(built_site, page) == built_site / "changes/index.html"
    assert (built_site / "changes/index.html").is_file()
    named = [a for a in feed.findall(f"{A}author") if (a.findtext(f"{A}name") or "").strip()]
    every_entry = all(e.find(f"{A}author/{A}name") is not None for e in _entries(built_site))
    assert named or every_entry, "a feed needs an author with a name, or one on every entry (RFC 4287 4.1.1)"


def test_every_entry_has_id_title_updated_link_summary_and_kind(built_site: Path) -> None:
    ids = []
    for entry in _entries(built_site):
        ids.append(_only(entry, "id").text or "")
        assert TAG_URI.fullmatch(ids[-1]) or ids[-1].startswith(SITE_URL), f"entry id {ids[-1]!r} is not a tag: URI"
        assert (_only(entry, "title").text or "").strip()
        _rfc3339(_only(entry, "updated").text)
        assert len(_links(entry, "alternate")) == 1, f"{ids[-1]}: one alternate link to the note"
        assert (_only(entry, "summary").text or "").strip(), f"{ids[-1]}: no summary"
        assert _only(entry, "summary").get("type", "text") == "text"
        terms = [c.get("term") for c in entry.findall(f"{A}category")]
        assert len(terms) == 1 and terms[0] in KINDS, f"{ids[-1]}: category {terms}"
    assert len(ids) == len(set(ids)), "entry ids are unique"


def test_entry_count_equals_the_data_file(built_site: Path) -> None:
    assert len(_entries(built_site)) == len(_data_entries())


def test_every_entry_link_lands_on_a_built_note(built_site: Path) -> None:
    missing = []
    for entry in _entries(built_site):
        for url in _links(entry, "alternate") + _links(entry, "related"):
            file, fragment = _built_file(built_site, url.partition("#")[0]), urlsplit(url).fragment
            assert fragment, f"{url}: an entry links to a note, not only a page"
            if not file.is_file():
                missing.append(f"{url}: no built page {file.relative_to(built_site)}")
            elif HTMLParser(file.read_text(encoding="utf-8")).css_first(f'[id="{fragment}"]') is None:
                missing.append(f"{url}: no element with id {fragment!r} on that page")
    assert not missing, "\n".join(missing)


def test_page_lists_the_same_entries_as_the_feed(built_site: Path) -> None:
    page_url = urljoin(SITE_URL, "changes/")
    tree = HTMLParser((built_site / "changes/index.html").read_text(encoding="utf-8"))
    listed = []
    for item in tree.css("article li.dva-change"):
        first = item.css_first("p a")
        summary = item.css_first(".dva-change__summary")
        assert first is not None and summary is not None
        notes = [urljoin(page_url, a.attributes.get("href") or "") for a in item.css(".dva-change__notes a")]
        listed.append((item.attributes.get("data-date"), item.attributes.get("data-kind"),
                       [urljoin(page_url, first.attributes.get("href") or ""), *notes[1:]], summary.text().strip()))
    in_feed = [((_only(e, "updated").text or "")[:10], e.find(f"{A}category").get("term"),  # type: ignore[union-attr]
                _links(e, "alternate") + _links(e, "related"), (_only(e, "summary").text or "").strip())
               for e in _entries(built_site)]
    assert listed == in_feed
    feed_link = tree.css_first('article a[type="application/atom+xml"]')
    assert feed_link is not None and urljoin(page_url, feed_link.attributes.get("href") or "") == FEED_URL


def _pages(site: Path) -> list[str]:
    """Every page built from docs/ (share pages and redirects are not pages of the site's chrome)."""
    docs = ROOT / "docs"
    pages = []
    for src in sorted(docs.rglob("*.md")):
        rel = src.relative_to(docs).as_posix()
        if not rel.startswith("includes/"):
            pages.append("index.html" if rel == "index.md" else rel.removesuffix(".md") + "/index.html")
    assert all((site / p).is_file() for p in pages)
    return pages


def test_home_and_what_changed_advertise_the_feed(built_site: Path) -> None:
    """One feed link in the <head> of the home and What changed pages, relative (Material fetches sitemap.xml
    next to every link[rel=alternate], so an absolute one would send a local copy of the site to the
    published one), and none elsewhere (that fetch was a second sitemap request on every first load)."""
    from macros.hooks.page_meta import FEED_PAGES

    advertising = {src.removesuffix(".md").replace("index", "") + ("/" if src != "index.md" else "") for src in FEED_PAGES}
    others = [page for page in _pages(built_site) if page.removesuffix("index.html") not in advertising]
    assert others and all(
        not HTMLParser((built_site / page).read_text(encoding="utf-8")).css('link[type="application/atom+xml"]')
        for page in others)
    wrong = []
    for page in [p for p in _pages(built_site) if p.removesuffix("index.html") in advertising]:
        head = HTMLParser((built_site / page).read_text(encoding="utf-8")).css_first("head")
        links = head.css('link[rel="alternate"][type="application/atom+xml"]') if head else []
        found = [(link.attributes.get("href") or "", link.attributes.get("title")) for link in links]
        page_url = urljoin(SITE_URL, page.removesuffix("index.html"))
        if len(found) != 1 or urlsplit(found[0][0]).netloc or (urljoin(page_url, found[0][0]), found[0][1]) != (
                FEED_URL, FEED_TITLE):
            wrong.append(f"{page}: {found}")
    assert not wrong, "no feed link, or a wrong one, in the <head> of:\n" + "\n".join(wrong)
    assert _built_file(built_site, FEED_URL).is_file()


def test_unknown_note_id_fails_the_build_with_the_entry_and_nearest_ids(project_copy: Path, tmp_path: Path) -> None:
    one_page_project(project_copy, "changes.md")  # a macro test: render only the page it changes
    data = project_copy / "macros/data/changes.yml"
    text = data.read_text(encoding="utf-8")
    line = "\n    notes: [cloudtrail-event-types]\n"
    assert text.count(line) == 1
    data.write_text(text.replace(line, line.replace("types", "type")), encoding="utf-8")
    number, entry = next((i, e) for i, e in enumerate(_data_entries(), start=1) if e["notes"] == ["cloudtrail-event-types"])
    result = mkdocs_build(project_copy, tmp_path / "out", strict=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (f"changes.md: changes(): macros/data/changes.yml: entry {number} ({entry['date']}, correction): "
            "unknown note id 'cloudtrail-event-type'; did you mean: cloudtrail-event-types,") in output, output[-3000:]
    assert not (tmp_path / "out" / FEED_FILE).exists()
