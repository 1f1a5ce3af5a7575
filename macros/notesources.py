"""Sources of the notes written for the site itself (not carried from the raw study notes).

Each catalog page with such notes has one data file, `macros/data/sources/<page-id>.yml`:

    notes:
      eventbridge-event-patterns:
        checked: 2026-12-02          # the day the fact was checked against these pages
        sources:
          - title: "Amazon EventBridge User Guide: Event patterns"
            url: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html

`sources("eventbridge-event-patterns")` renders the note's source line from it, exactly as
`sources(24)` does for a raw note in traceability.yml; the gate requires a source for every note.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .catalog import DATA_DIR, CatalogError
from .datafile import load_yaml
from .errors import suggest
from .traceability import Source, parse_source

SOURCES_DIR = DATA_DIR / "sources"
NOTE_KEYS = {"checked", "sources"}


@dataclass(frozen=True)
class NoteSources:
    note_id: str
    checked: dt.date
    sources: tuple[Source, ...]
    file: str  # e.g. macros/data/sources/eventbridge.yml


def _fail(file: str, where: str, problem: str) -> CatalogError:
    return CatalogError(f"{file}: {where}: {problem}")


def _checked(value: object, file: str, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    text = str(value)
    try:
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise _fail(file, where, f"`checked: {text}` is not a date; write the day you checked the facts as YYYY-MM-DD")


def _entry(note_id: str, raw: object, file: str, page_id: str) -> NoteSources:
    where = f"note {note_id!r}"
    if not note_id.startswith(f"{page_id}-"):
        raise _fail(file, where, f"note ids in this file start with {page_id!r}- (the file is the page's sources)")
    if not isinstance(raw, dict) or set(raw) != NOTE_KEYS:
        got = sorted(raw) if isinstance(raw, dict) else type(raw).__name__
        raise _fail(file, where, f"keys must be exactly {sorted(NOTE_KEYS)}, got {got}")
    if not raw["sources"]:
        raise _fail(file, where, "needs at least one AWS documentation source")
    sources = []
    for item in raw["sources"]:
        try:
            sources.append(parse_source(item if isinstance(item, dict) else {}))
        except ValueError as exc:
            raise _fail(file, where, str(exc)) from None
    return NoteSources(note_id, _checked(raw["checked"], file, where), tuple(sources), file)


def load_note_sources(folder: Path = SOURCES_DIR) -> dict[str, NoteSources]:
    """Map note id -> its sources, from every file in the folder (file name = page id)."""
    found: dict[str, NoteSources] = {}
    for path in sorted(folder.glob("*.yml")):
        file = f"macros/data/sources/{path.name}"
        raw = load_yaml(path) or {}
        if set(raw) != {"notes"} or not isinstance(raw["notes"], dict):
            raise CatalogError(f"{file}: the file holds one key, `notes:`, mapping note ids to their sources")
        for note_id, entry in raw["notes"].items():
            if note_id in found:
                raise _fail(file, f"note {note_id!r}", f"already has sources in {found[note_id].file}")
            found[note_id] = _entry(str(note_id), entry, file, path.stem)
    return found


def check_notes_exist(sources: dict[str, NoteSources], note_ids: set[str]) -> None:
    """Every sourced note must exist on the site: a typo in a data file fails the build."""
    for note_id, entry in sources.items():
        if note_id not in note_ids:
            raise _fail(entry.file, f"note {note_id!r}", f"no such note on the site; {suggest(note_id, note_ids)}")
