"""MkDocs hook: note-level sharing. Each note's link icon copies a short share URL, and each note gets
a tiny share page at /n/<note-id>/ that chat apps can preview.

Chat apps ignore a link's #fragment, so a pasted `page/#note-id` previews as the whole page. The
share page carries the note's own heading (og:title) and first sentence (og:description), a canonical
link to `page/#note-id`, `noindex`, and sends the reader there at once (meta refresh, no script).

On the page, the note heading's permalink (the ¶ that Python-Markdown's toc extension writes) gets
`data-clipboard-text` with the share URL: Material's own clipboard handler copies it on click and shows
its "Copied to clipboard" message; docs/javascripts/loader.js adds the phone's share sheet. Headings that
are not notes keep the neutral title from mkdocs.yml (toc.permalink_title).

A page's share pages are handed to a child process as soon as the page is rendered (_SiteWriter), so the
disk work of the 820 folders and files runs beside the build instead of at its end.
"""

from __future__ import annotations

import contextlib
import html as htmlmod
import importlib
import io
import posixpath
import re
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SHARE_DIR = "n"
# The child that writes the share pages (_SiteWriter): a tar stream on stdin, unpacked into the folder named.
EXTRACT = ("import sys, tarfile; archive = tarfile.open(fileobj=sys.stdin.buffer, mode='r|'); "
           "archive.extractall(sys.argv[1], **({'filter': 'data'} if hasattr(tarfile, 'data_filter') else {}))")
NOTE_TITLE = "Copy a link to this note"
CARD_ALT = "DVA Notes: checked study notes for the AWS Certified Developer - Associate exam"
HEADERLINK = re.compile(r'<a class="headerlink" href="#(?P<id>[a-z0-9-]+)" title="[^"]*">')
NOTE_HEADING = re.compile(r'<h3 id="(?P<id>[a-z0-9-]+)"')
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
TAGS = re.compile(r"<[^>]+>")
SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]`'\"])[.!?](?=\s+[A-Z(`\"]|\s*$)")


@dataclass
class _Build:
    notes: dict[str, Any] = field(default_factory=dict)  # note id -> macros.notes.Note
    card: str = ""  # the link-preview image's path from the site root (macros/hooks/page_meta.py CARD)
    aliases: dict[str, str] = field(default_factory=dict)  # a renamed note's old id -> its id now
    page_location: Any = None  # macros.search_index.page_location, set in on_config
    first_sentence: dict[str, str] = field(default_factory=dict)
    writer: _SiteWriter | None = None  # this build's share pages, on their way into the site
    written: set[str] = field(default_factory=set)  # note ids whose share pages are written


class _SiteWriter:
    """Files handed, as a tar stream, to a child Python process that writes them into the site while MkDocs goes on.

    The share pages are 820 folders and files. Creating them in the hook took 0.07-0.31 s of the build on the
    machine `make bench` runs on (0.3-0.6 ms per folder or file when its disk is slow); the child does that
    work on another core, and the build only packs the pages (about 0.04 s). on_post_build waits for it.
    """

    def __init__(self, site: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", EXTRACT, str(site)], stdin=subprocess.PIPE,
                                        stderr=subprocess.PIPE)
        # Open across the build and ended by close(), so not a context manager.
        self.archive = tarfile.open(fileobj=self, mode="w|", format=tarfile.PAX_FORMAT)  # noqa: SIM115
        self.mtime = int(time.time())  # a whole second: a fraction would add a header to every file

    def add(self, path: str, text: str) -> None:
        data = text.encode("utf-8")
        info = tarfile.TarInfo(path)
        info.size, info.mtime, info.mode = len(data), self.mtime, 0o644
        self.archive.addfile(info, io.BytesIO(data))

    def write(self, data: bytes) -> int:
        """The tar stream's output, to the child. Once the child has stopped it is dropped: close() says why."""
        with contextlib.suppress(BrokenPipeError):
            self.process.stdin.write(data)
        return len(data)

    def close(self) -> None:
        """Wait for every file to be written; a failure raises with the child's own message."""
        error = self._finish()
        if self.process.returncode != 0:
            raise OSError(f"the share pages could not be written: {error.splitlines()[-1] if error else 'no message'}")

    def stop(self) -> None:
        """The build failed: end the child, and drop what it has not written."""
        self.process.kill()
        self._finish()

    def _finish(self) -> str:
        self.archive.close()
        with contextlib.suppress(BrokenPipeError):
            self.process.stdin.close()
        error = self.process.stderr.read().decode("utf-8", "replace").strip()
        self.process.stderr.close()
        self.process.wait()
        return error


_build = _Build()


def share_path(note_id: str) -> str:
    """The share page's URL path from the site root: n/<note-id>/."""
    return f"{SHARE_DIR}/{note_id}/"


def page_path(src_path: str) -> str:
    """services/sqs.md -> services/sqs/: the search index's page location (macros/search_index.py), which the
    share page links with directory URLs (the offline copy has no share pages)."""
    return _build.page_location(src_path)


def plain(fragment: str) -> str:
    """Text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(htmlmod.unescape(TAGS.sub("", fragment)).split())


def first_sentence(text: str, limit: int = 300) -> str:
    match = SENTENCE_END.search(text)
    sentence = text[: match.end()] if match else text
    return sentence if len(sentence) <= limit else sentence[: limit - 3].rstrip() + "..."


def note_summaries(html: str, note_ids: set[str]) -> dict[str, str]:
    """note id -> the first sentence of the first paragraph after its heading, in this page's HTML."""
    found = {}
    for match in NOTE_HEADING.finditer(html):
        if match["id"] not in note_ids:
            continue
        paragraph = PARAGRAPH.search(html, match.end())  # from the heading on, without copying the page
        found[match["id"]] = first_sentence(plain(paragraph.group(1))) if paragraph else ""
    return found


def mark_permalinks(html: str, note_ids: set[str], site_url: str) -> str:
    """Note headings' permalinks copy the share URL and say so; other headings are left alone."""
    def one(match: re.Match[str]) -> str:
        note_id = match["id"]
        if note_id not in note_ids:
            return match.group(0)
        url = site_url + share_path(note_id)
        # class stays exactly "headerlink": Material's search leaves the ¶ out of titles only for that value.
        return (f'<a class="headerlink" href="#{note_id}" title="{NOTE_TITLE}" '
                f'aria-label="{NOTE_TITLE}" data-clipboard-text="{url}" data-share-url="{url}">')
    return HEADERLINK.sub(one, html)


def share_page(note: Any, summary: str, site_url: str, site_name: str, card: str, favicon: str) -> str:
    """The whole share page: preview tags for the note, canonical link, noindex, and an instant redirect.

    It names the site's icon: without one the browser asks for /favicon.ico, which the site has not.
    """
    e = htmlmod.escape
    title = note.title.replace("`", "")
    relative = posixpath.relpath(page_path(note.src_path), share_path(note.id)) + "/#" + note.id
    icon = posixpath.relpath(favicon, share_path(note.id))
    canonical = f"{site_url}{page_path(note.src_path)}#{note.id}"
    image = f"{site_url}{card}"
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{e(title)} - {e(site_name)}</title>
<meta name="robots" content="noindex">
<meta name="description" content="{e(summary)}">
<link rel="canonical" href="{e(canonical)}">
<link rel="icon" href="{e(icon)}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{e(site_name)}">
<meta property="og:title" content="{e(title)}">
<meta property="og:description" content="{e(summary)}">
<meta property="og:url" content="{e(canonical)}">
<meta property="og:image" content="{e(image)}">
<meta property="og:image:alt" content="{e(CARD_ALT)}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="{e(title)}">
<meta name="twitter:description" content="{e(summary)}">
<meta name="twitter:image" content="{e(image)}">
<meta http-equiv="refresh" content="0; url={e(relative)}">
</head>
<body>
<p><a href="{e(relative)}">{e(title)}</a></p>
</body>
</html>
"""


def _favicon(config: Any) -> str:
    """The theme's icon, from the site root (Material's default when mkdocs.yml names none)."""
    return str(config["theme"].get("favicon") or "assets/images/favicon.png")


def _site_url(config: Any) -> str:
    url = str(config.get("site_url") or "")
    return url if url.endswith("/") else url + "/"


def _project_module(config: Any, name: str) -> Any:
    """A module of the project (the note index's parser, macros/notes.py; the card's path, page_meta.py).

    MkDocs imports a hook as a lone file, before mkdocs-macros puts the project on sys.path.
    """
    root = str(Path(config.config_file_path).resolve().parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    return importlib.import_module(name)


def on_config(config: Any) -> Any:
    global _build
    notes = _project_module(config, "macros.notes").scan_docs(Path(config["docs_dir"]))
    _build = _Build(notes=notes, card=_project_module(config, "macros.hooks.page_meta").CARD,
                    aliases=_project_module(config, "macros.hooks.anchors").load_aliases(),
                    page_location=_project_module(config, "macros.search_index").page_location)
    return config


def share_ids(note_id: str) -> list[str]:
    """The share pages that show a note: its own, and one per old id of it (macros/data/anchor_aliases.yml),
    so a share link pasted before a rename still previews and lands on the note."""
    return [note_id] + [old for old, new in _build.aliases.items() if new == note_id]


def _write_share_pages(note_id: str, config: Any) -> None:
    """Hand the note's share pages to this build's writer (started with the first)."""
    if _build.writer is None:
        _build.writer = _SiteWriter(Path(config["site_dir"]))
    note = _build.notes[note_id]
    page = share_page(note, _build.first_sentence.get(note_id, ""), _site_url(config), config["site_name"],
                      _build.card, _favicon(config))
    for share_id in share_ids(note_id):
        _build.writer.add(share_path(share_id) + "index.html", page)
    _build.written.add(note_id)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    ids = set(_build.notes)
    summaries = note_summaries(html, ids)
    _build.first_sentence.update(summaries)
    for note_id in summaries:
        _write_share_pages(note_id, config)
    return mark_permalinks(html, ids, _site_url(config))


def on_post_build(config: Any) -> None:
    """Every note has its share pages once the build ends: those of a page MkDocs did not render (none in a full
    build) are handed on now. Then wait for the writer; a failed write fails the build here."""
    for note_id in _build.notes:
        if note_id not in _build.written:
            _write_share_pages(note_id, config)
    writer = _take_writer()
    if writer is not None:
        writer.close()


def on_build_error(error: Exception) -> None:
    writer = _take_writer()
    if writer is not None:
        writer.stop()


def _take_writer() -> _SiteWriter | None:
    """This build's writer, if one started; the next build starts its own."""
    writer, _build.writer = _build.writer, None
    return writer
