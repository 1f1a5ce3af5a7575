"""Rule 4: page shape, read from the Markdown so every problem names the file and line.

Front matter keys and values, exactly one H1, the required sections in order on catalog pages,
every note an `###` heading with an explicit id carrying its page's prefix, note ids unique across
the site. Notes are parsed by macros/notes.py, the same parser the note() macro uses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pathspec
from mkdocs.exceptions import PluginError

from macros.catalog import KIND_FOLDERS, Catalog, load_catalog
from macros.errors import suggest
from macros.hooks.page_meta import parse_verified
from macros.notes import FENCE, NOTE_HEADING, Note, scan_markdown

from .config import gate_config
from .problem import SHAPE, Problem
from .project import Project, read_text, split_front_matter

HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.*?)\s*(?:\{:[^}]*\})?\s*$")
NOTE_ID_FORM = "### Statement of the fact {: #<page-id>-short-slug }"
EXAM_ANGLE = "**Exam angle:**"
SOURCES_CALL = re.compile(r"\{\{\s*sources\(")


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    line: int
    text: str


def headings(body: str, first_line: int) -> Iterator[Heading]:
    """ATX headings outside fenced code; line numbers are those of the whole file."""
    in_fence = False
    for number, line in enumerate(body.splitlines(), start=first_line):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else HEADING.match(line)
        if match:
            yield Heading(len(match["hashes"]), match["title"], number, line)


def page_sources(project: Project) -> list[str]:
    """Markdown sources that become pages (exclude_docs in mkdocs.yml removes snippets and drafts)."""
    spec = pathspec.GitIgnoreSpec.from_lines(str(project.config.get("exclude_docs") or "").splitlines())
    return [src for src in project.markdown_sources() if not spec.match_file(src)]


def catalog_id(src: str) -> str | None:
    """services/sqs.md -> sqs: the pages that must follow the catalog page shape."""
    folder, _, name = src.partition("/")
    return name[:-3] if folder in KIND_FOLDERS.values() and "/" not in name else None


class PageCheck:
    """All shape checks for one Markdown page; collects Problems instead of stopping at the first."""

    def __init__(self, project: Project, src: str, catalog: Catalog, today: dt.date) -> None:
        self.file = project.doc_path(src)
        self.src = src
        self.text = read_text(project.docs / src)
        self.catalog = catalog
        self.today = today
        self.page_id = catalog_id(src)
        self.problems: list[Problem] = []

    def add(self, line: int | None, message: str, fix: str) -> None:
        self.problems.append(Problem(SHAPE, self.file, line, message, fix))

    def run(self) -> list[Problem]:
        meta, body, body_line = split_front_matter(self.text)
        if meta is None:
            self.add(1, "no front matter", "start the page with a `---` YAML block: title, description, ...")
            meta = {}
        self.front_matter(meta)
        found = list(headings(body, body_line))
        self.one_h1(found)
        if self.page_id:
            self.sections(found)
            self.notes(found)
        return self.problems

    def _key_line(self, key: str) -> int:
        return next((i for i, line in enumerate(self.text.splitlines(), 1) if line.startswith(f"{key}:")), 1)

    def front_matter(self, meta: dict[str, Any]) -> None:
        shape = gate_config()["page_shape"]
        required = shape["catalog_front_matter"] if self.page_id else shape["front_matter"]
        for key in required:
            value = meta.get(key)
            if value is None or (isinstance(value, str | list) and not value):
                self.add(1, f"front matter has no `{key}`", f"add `{key}:` to the front matter ({shape['why'][key]})")
        if not self.page_id:
            return
        self._service(meta.get("service"))
        self._tags(meta.get("tags"))
        self._last_verified(meta.get("last_verified"))

    def _service(self, service: Any) -> None:
        if service is None:
            return
        if service != self.page_id:
            where = "" if self.catalog.find(str(service)) is None else " (that id is another page's)"
            self.add(self._key_line("service"), f"`service: {service}` does not match the file name{where}",
                     f"write `service: {self.page_id}`; the file name is the catalog id")
        elif self.catalog.find(self.page_id) is None:
            self.add(self._key_line("service"), f"service id {self.page_id!r} is not in the catalog",
                     f"add it to macros/data/services.yml; {suggest(self.page_id, self.catalog.ids())}")

    def _tags(self, tags: Any) -> None:
        if tags is None:
            return
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            self.add(self._key_line("tags"), "`tags` must be a list of names", "one `- Tag` line per tag")
            return
        known = [*self.catalog.categories, *(d.name for d in self.catalog.exam.domains)]
        for tag in tags:
            if tag not in known:
                self.add(self._key_line("tags"), f"unknown tag {tag!r}",
                         f"tags are a category or an exam domain; {suggest(tag, known)}")

    def _last_verified(self, value: Any) -> None:
        if value is None:
            return
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        line = self._key_line("last_verified")
        try:  # the same parser the page chrome uses to show the date
            day: dt.date | None = dt.date.fromisoformat(parse_verified(value, self.src).iso)
        except PluginError:
            day = None
        if day is None:
            self.add(line, f"`last_verified: {text}` is not a date", "write the day you checked the facts: 'YYYY-MM-DD'")
        elif day > self.today:
            self.add(line, f"`last_verified: {text}` is in the future",
                     f"use the day you checked the facts (today is {self.today})")

    def one_h1(self, found: list[Heading]) -> None:
        h1 = [h for h in found if h.level == 1]
        if not h1:
            self.add(1, "the page has no H1", "add one `# Title` line after the front matter")
        for extra in h1[1:]:
            self.add(extra.line, f"a second H1 ({extra.title!r}); a page has exactly one",
                     "make it `##` or `###`, or put it in a code block if it is a shell comment")

    def sections(self, found: list[Heading]) -> None:
        required = gate_config()["page_shape"]["sections"]
        h2 = [h for h in found if h.level == 2]
        titles = [h.title for h in h2]
        for title in required:
            if titles.count(title) != 1:
                self.add(None, f"section `## {title}` {'is missing' if title not in titles else 'appears twice'}",
                         f"catalog pages have exactly these sections, in order: {', '.join(required)}")
        ordered = [h for h in h2 if h.title in required]
        present = [h.title for h in ordered]
        if len(set(present)) != len(present):
            return
        for heading, expected in zip(ordered, sorted(present, key=required.index), strict=True):
            if heading.title != expected:
                self.add(heading.line, f"section `## {heading.title}` is out of order",
                         f"order the sections: {', '.join(required)}")
                return

    def notes(self, found: list[Heading]) -> None:
        key_facts = gate_config()["page_shape"]["sections"][0]
        in_key_facts = False
        for heading in found:
            if heading.level <= 2:
                in_key_facts = heading.level == 2 and heading.title == key_facts
            if heading.level != 3 or not in_key_facts:
                continue
            match = NOTE_HEADING.match(heading.text)
            if match is None:
                self.add(heading.line, f"note heading without an explicit id: {heading.text.strip()!r}",
                         f"write it as `{NOTE_ID_FORM.replace('<page-id>', self.page_id or '')}` ({{: #id }}, never {{#id}})")
            elif not match["id"].startswith(f"{self.page_id}-"):
                self.add(heading.line, f"note id {match['id']!r} does not start with the page id {self.page_id!r}-",
                         f"rename it `{self.page_id}-...`; if it was published, add the old id to macros/data/anchor_aliases.yml")
            if match is not None:
                self.note_body(match["id"], heading, found)

    def note_body(self, note_id: str, heading: Heading, found: list[Heading]) -> None:
        """A note explains itself, says how the exam asks about it, and ends with its AWS sources."""
        end = next((h.line for h in found if h.line > heading.line and h.level <= 3), None)
        lines = self.text.splitlines()[heading.line:(end - 1) if end else None]
        body = "\n".join(lines)
        if EXAM_ANGLE not in body:
            self.add(heading.line, f"note {note_id!r} has no `{EXAM_ANGLE}` paragraph",
                     f"add a paragraph starting `{EXAM_ANGLE}`: how the exam asks about this fact")
        if not SOURCES_CALL.search(body):
            self.add(heading.line, f"note {note_id!r} has no source line",
                     f'end it with `{{{{ sources("{note_id}") }}}}` and list its AWS documentation pages under '
                     f"`{note_id}:` in macros/data/sources/{self.page_id}.yml (a raw note uses `{{{{ sources(N) }}}}`)")


def duplicate_ids(project: Project, sources: list[str]) -> list[Problem]:
    """Note ids must be unique across the site: a deep link names one note."""
    first: dict[str, Note] = {}
    problems = []
    for src in sources:
        for note in scan_markdown(read_text(project.docs / src), src):
            if note.id in first:
                seen = first[note.id]
                problems.append(Problem(
                    SHAPE, project.doc_path(src), note.line,
                    f"note id {note.id!r} is already used by docs/{seen.src_path}:{seen.line}",
                    "give this note its own id (ids are unique across the site)",
                ))
            else:
                first[note.id] = note
    return problems


def check_shape(project: Project, today: dt.date | None = None) -> list[Problem]:
    catalog = load_catalog(project.root / "macros" / "data" / "services.yml")
    sources = page_sources(project)
    problems = [p for src in sources for p in PageCheck(project, src, catalog, today or dt.date.today()).run()]
    return problems + duplicate_ids(project, sources)
