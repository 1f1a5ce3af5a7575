"""Index of every note on the site: `### Statement {: #page-id-slug }` headings in docs/.

The index is read from the Markdown sources (not the built HTML) so that `note()` can resolve a
link to a page that has not been rendered yet in the same build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# A note heading: level 3, explicit id in attr_list form. `{#` would open a Jinja comment.
NOTE_HEADING = re.compile(r"^###\s+(?P<title>.+?)\s*\{:\s*#(?P<id>[a-z0-9][a-z0-9-]*)(?P<rest>[^}]*)\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Note:
    id: str
    title: str
    src_path: str  # relative to docs/, posix
    line: int


def scan_markdown(text: str, src_path: str) -> list[Note]:
    """Return the notes declared in one Markdown file, skipping fenced code blocks."""
    notes: list[Note] = []
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else NOTE_HEADING.match(line)
        if match:
            notes.append(Note(match["id"], match["title"].strip(), src_path, number))
    return notes


def scan_docs(docs_dir: Path) -> dict[str, Note]:
    """Map note id -> Note for every Markdown page under docs_dir (first declaration wins)."""
    index: dict[str, Note] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        for note in scan_markdown(path.read_text(encoding="utf-8"), src):
            index.setdefault(note.id, note)
    return index
