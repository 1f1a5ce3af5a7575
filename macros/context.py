"""Everything the macros read, loaded once per build: catalog, exam, note index, traceability."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog, load_catalog
from .notes import Note, scan_docs
from .traceability import SourceNote, load_traceability


@dataclass(frozen=True)
class Context:
    docs_dir: Path
    catalog: Catalog
    notes: dict[str, Note]
    trace: dict[int, SourceNote]

    @classmethod
    def load(cls, docs_dir: Path) -> Context:
        return cls(docs_dir, load_catalog(), scan_docs(docs_dir), load_traceability())


def rel_link(from_src: str, to_src: str, fragment: str = "") -> str:
    """A Markdown link target from one page's source path to another's, valid at any depth.

    Links point at .md sources so that MkDocs resolves and validates them (pages and anchors).
    """
    target = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return f"{target}#{fragment}" if fragment else target
