"""Load and validate the traceability file: each raw source note (1-90) -> anchors, verdict, sources.

The Correction boxes, the per-note source lines and the Errata page are all rendered from this one
file, so a contributor who re-checks a fact edits data here, not Python or page templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .catalog import DATA_DIR, CatalogError
from .datafile import load_yaml

VERDICTS = ("correct", "imprecise", "outdated", "wrong")
CORRECTED = ("outdated", "wrong")
# AWS documentation hosts; docs.amplify.aws is where AWS publishes the Amplify Gen 2 documentation.
SOURCE_HOSTS = ("docs.aws.amazon.com", "aws.amazon.com", "docs.amplify.aws")
NOTE_KEYS = {"note", "text", "anchors", "verdict", "finding", "sources"}


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class SourceNote:
    number: int
    text: str
    anchors: tuple[str, ...]
    verdict: str
    finding: str
    sources: tuple[Source, ...]

    @property
    def corrected(self) -> bool:
        return self.verdict in CORRECTED


def _check(cond: bool, where: str, problem: str) -> None:
    if not cond:
        raise CatalogError(f"traceability.yml: {where}: {problem}")


def parse_source(raw: dict) -> Source:
    """One AWS documentation source: an https URL on an AWS documentation host, with a title."""
    url = str(raw.get("url", ""))
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise ValueError(f"source URL must be https: {url!r}")
    if parts.hostname not in SOURCE_HOSTS:
        raise ValueError(f"source host must be one of {SOURCE_HOSTS}: {url!r}")
    if not str(raw.get("title", "")).strip():
        raise ValueError(f"source {url} has no title")
    return Source(title=str(raw["title"]).strip(), url=url)


def _source(raw: dict, where: str) -> Source:
    try:
        return parse_source(raw)
    except ValueError as exc:
        raise CatalogError(f"traceability.yml: {where}: {exc}") from None


def _note(raw: dict) -> SourceNote:
    where = f"note {raw.get('note', '?')}"
    _check(set(raw) <= NOTE_KEYS and {"note", "text", "anchors", "verdict", "sources"} <= set(raw),
           where, f"keys must be {sorted(NOTE_KEYS)} (finding optional only for correct), got {sorted(raw)}")
    _check(raw["verdict"] in VERDICTS, where, f"verdict must be one of {VERDICTS}")
    finding = str(raw.get("finding") or "").strip()
    _check(raw["verdict"] == "correct" or bool(finding), where, "a finding is required unless the verdict is correct")
    _check(bool(raw["anchors"]), where, "needs at least one anchor")
    _check(bool(raw["sources"]), where, "needs at least one source")
    return SourceNote(
        number=int(raw["note"]),
        text=str(raw["text"]).strip(),
        anchors=tuple(raw["anchors"]),
        verdict=raw["verdict"],
        finding=finding,
        sources=tuple(_source(s, where) for s in raw["sources"]),
    )


def load_traceability(path: Path = DATA_DIR / "traceability.yml") -> dict[int, SourceNote]:
    raw = load_yaml(path)
    notes = [_note(n) for n in raw["notes"]]
    numbers = [n.number for n in notes]
    _check(len(numbers) == len(set(numbers)), "notes", "a note number appears twice")
    return {n.number: n for n in notes}
