"""Everything the macros read, loaded once per build: catalog, exam, note index, traceability, questions."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog, load_catalog
from .notes import Note, scan_docs
from .notesources import NoteSources, check_notes_exist, load_note_sources
from .questions import Question, load_bank
from .skills import SkillMap, load_skills
from .traceability import SourceNote, load_traceability


@dataclass(frozen=True)
class Context:
    docs_dir: Path
    catalog: Catalog
    notes: dict[str, Note]
    trace: dict[int, SourceNote]
    note_sources: dict[str, NoteSources]
    skills: SkillMap
    questions: dict[str, Question]
    # MkDocs' use_directory_urls: False in the offline copy (mkdocs-offline.yml), where pages are page.html.
    directory_urls: bool = True

    def domains_of_note(self, note_id: str) -> tuple[str, ...]:
        """The exam domains a note counts for, in the exam's order: those of the skills that list it
        (skills.yml); for a note no skill lists, its page's domains (services.yml), or every domain."""
        found = self.skills.domains_of_note(note_id)
        if found:
            return found
        entry = self.catalog.by_src_path(self.notes[note_id].src_path)
        return entry.domains if entry and entry.domains else tuple(d.id for d in self.catalog.exam.domains)

    @classmethod
    def load(cls, docs_dir: Path, directory_urls: bool = True) -> Context:
        catalog = load_catalog()
        notes = scan_docs(docs_dir)
        note_sources = load_note_sources()
        check_notes_exist(note_sources, set(notes))
        trace = load_traceability()
        return cls(docs_dir, catalog, notes, trace, note_sources, load_skills(catalog.exam, set(notes)),
                   load_bank(set(notes), trace), directory_urls)


class ContextRef:
    """The build's Context as a mkdocs-macros variable (`_dva_context`), for the hooks that run after the pages.

    mkdocs-macros writes every variable to JSON for its debug log on each build, whether or not that log is
    shown; a dataclass is expanded field by field, which for the Context was 1.5 MB of JSON (15 ms) each
    build. This holder is written as its name.
    """

    __slots__ = ("context",)

    def __init__(self, context: Context) -> None:
        self.context = context

    def __repr__(self) -> str:
        return "<DVA Notes context>"


def rel_link(from_src: str, to_src: str, fragment: str = "") -> str:
    """A Markdown link target from one page's source path to another's, valid at any depth.

    Links point at .md sources so that MkDocs resolves and validates them (pages and anchors).
    """
    target = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return f"{target}#{fragment}" if fragment else target


def built_url(from_src: str, to_src: str, fragment: str = "", directory_urls: bool = True) -> str:
    """A relative URL between two built pages, for HTML the macros write themselves (Markdown links use
    rel_link, which MkDocs checks). With directory URLs a page is its folder and index.md is the folder
    itself; without them (the offline copy) each page is page.html. The same page is just `#fragment`.
    The gate's link check (rule 2) resolves every such link in the built HTML.
    """
    if from_src == to_src and fragment:
        return f"#{fragment}"
    if directory_urls:
        def folder(src: str) -> str:
            return posixpath.dirname(src) if posixpath.basename(src) == "index.md" else src.removesuffix(".md")

        target = posixpath.relpath(folder(to_src) or ".", folder(from_src) or ".")
        url = "./" if target == "." else f"{target}/"
    else:
        url = posixpath.relpath(to_src.removesuffix(".md") + ".html", posixpath.dirname(from_src) or ".")
    return f"{url}#{fragment}" if fragment else url


def unsearched(markdown: str, css_class: str) -> str:
    """A Markdown block that Material's search leaves out of its index (data-search-exclude).

    For blocks that repeat what other pages say (Related summaries, link tables to notes): indexed,
    they bloat the index every reader downloads and rank a page for another page's words.
    """
    return f'<div class="{css_class}" data-search-exclude markdown>\n\n{markdown}\n\n</div>'
