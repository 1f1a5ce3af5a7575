"""Load and validate the service catalog (data/services.yml) and the exam data (data/exam.yml).

Everything a page says about a service (name, aliases, category, related pages) comes from here.
Validation is strict so that a typo in the data fails the build with a message that names it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .datafile import load_yaml
from .errors import suggest

DATA_DIR = Path(__file__).parent / "data"
ENTRY_KEYS = {"id", "kind", "name", "aliases", "category", "domains", "summary", "docs", "related"}
KIND_FOLDERS = {"service": "services", "topic": "topics"}


class CatalogError(ValueError):
    """The data files are inconsistent; the message names the entry and the key."""


@dataclass(frozen=True)
class Domain:
    id: str
    name: str
    weight: int
    previous: int | None = None


@dataclass(frozen=True)
class InScope:
    category: str
    name: str
    page: str | None
    anchor: str | None = None  # a note that covers the service on another page
    c03: str = ""  # where DVA-C03 is known to go further


@dataclass(frozen=True)
class Addition:
    """Something DVA-C03 is known to add beyond the in-scope list, with how sure we are."""

    name: str
    c03: str
    confidence: str


@dataclass(frozen=True)
class ExamFormat:
    questions: int
    scored: int
    minutes: int
    score_min: int
    score_max: int
    passing_score: int


@dataclass(frozen=True)
class Exam:
    code: str
    name: str
    first_exam_date: str
    guide: str
    replaces: str
    domains: tuple[Domain, ...]
    in_scope: tuple[InScope, ...]
    in_scope_source: str
    in_scope_confirmed: bool
    in_scope_source_url: str = ""
    additions: tuple[Addition, ...] = ()
    format: ExamFormat | None = None

    def domain(self, domain_id: str) -> Domain:
        for d in self.domains:
            if d.id == domain_id:
                return d
        raise KeyError(domain_id)


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    name: str
    aliases: tuple[str, ...]
    category: str
    domains: tuple[str, ...]
    summary: str
    docs: str
    related: tuple[str, ...]

    @property
    def src_path(self) -> str:
        """The page's path relative to docs/, e.g. services/sqs.md."""
        return f"{KIND_FOLDERS[self.kind]}/{self.id}.md"


@dataclass(frozen=True)
class Catalog:
    categories: tuple[str, ...]
    entries: tuple[Entry, ...]
    exam: Exam

    def ids(self) -> list[str]:
        return [e.id for e in self.entries]

    def find(self, entry_id: str) -> Entry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def by_src_path(self, src_path: str) -> Entry | None:
        return next((e for e in self.entries if e.src_path == src_path), None)

    def by_category(self) -> list[tuple[str, list[Entry]]]:
        return [(c, [e for e in self.entries if e.category == c]) for c in self.categories]

    def tags_for(self, entry: Entry) -> list[str]:
        """The tags a page must carry: its category, then its exam domains' names."""
        return [entry.category] + [self.exam.domain(d).name for d in entry.domains]


def _require(cond: bool, where: str, problem: str) -> None:
    if not cond:
        raise CatalogError(f"{where}: {problem}")


def require_in(value: object, valid: Iterable[str], where: str, what: str) -> None:
    """Fail with the nearest valid values; suggestions are only computed on failure."""
    if value not in valid:
        raise CatalogError(f"{where}: {what} {value!r}; {suggest(str(value), valid)}")


def _load_yaml(path: Path) -> Any:
    return load_yaml(path)


def _format(raw: Any, where: str) -> ExamFormat:
    keys = sorted(ExamFormat.__dataclass_fields__)
    _require(isinstance(raw, dict) and sorted(raw) == keys, f"{where}.format", f"give exactly {keys}")
    _require(all(isinstance(v, int) and v > 0 for v in raw.values()), f"{where}.format", "every value is a whole number")
    fmt = ExamFormat(**raw)
    _require(fmt.score_min < fmt.passing_score <= fmt.score_max and fmt.scored <= fmt.questions,
             f"{where}.format", "need score_min < passing_score <= score_max and scored <= questions")
    return fmt


def load_exam(path: Path = DATA_DIR / "exam.yml") -> Exam:
    raw = _load_yaml(path)
    code = raw["current"]
    where = f"{path.name}: exams.{code}"
    _require(code in raw["exams"], path.name, f"current exam {code!r} is not under exams")
    data = raw["exams"][code]
    domains = tuple(Domain(d["id"], d["name"], int(d["weight"]), d.get("previous")) for d in data["domains"])
    _require(sum(d.weight for d in domains) == 100, where, "domain weights must add up to 100")
    scope = data["in_scope"]
    in_scope = tuple(
        InScope(category, item["name"], item.get("page"), item.get("anchor"), str(item.get("c03") or ""))
        for category, items in scope["services"].items()
        for item in items
    )
    for item in in_scope:
        _require(not (item.page and item.anchor), f"{where}.in_scope: {item.name!r}", "give `page` or `anchor`, not both")
    additions = tuple(Addition(a["name"], a["c03"], a["confidence"]) for a in scope.get("c03_additions") or ())
    return Exam(
        code=code,
        name=data["name"],
        first_exam_date=str(data["first_exam_date"]),
        guide=data["guide"],
        replaces=data.get("replaces", ""),
        domains=domains,
        in_scope=in_scope,
        in_scope_source=scope["source"],
        in_scope_confirmed=bool(scope["confirmed_for_current"]),
        in_scope_source_url=str(scope.get("source_url") or ""),
        additions=additions,
        format=_format(data.get("format"), where),
    )


def _entry(raw: dict[str, Any], categories: tuple[str, ...], exam: Exam) -> Entry:
    where = f"services.yml: entry {raw.get('id', '?')!r}"
    _require(set(raw) == ENTRY_KEYS, where, f"keys must be exactly {sorted(ENTRY_KEYS)}, got {sorted(raw)}")
    _require(raw["kind"] in KIND_FOLDERS, where, f"kind must be one of {sorted(KIND_FOLDERS)}")
    require_in(raw["category"], categories, where, "category")
    domain_ids = [d.id for d in exam.domains]
    for d in raw["domains"]:
        require_in(d, domain_ids, where, "domain")
    _require(str(raw["docs"]).startswith("https://"), where, "docs must be an https URL")
    _require(bool(str(raw["summary"]).strip()), where, "summary is empty")
    return Entry(
        id=raw["id"],
        kind=raw["kind"],
        name=raw["name"],
        aliases=tuple(str(a) for a in raw["aliases"]),
        category=raw["category"],
        domains=tuple(raw["domains"]),
        summary=str(raw["summary"]).strip(),
        docs=raw["docs"],
        related=tuple(raw["related"]),
    )


def load_catalog(path: Path = DATA_DIR / "services.yml", exam: Exam | None = None) -> Catalog:
    raw = _load_yaml(path)
    exam = exam or load_exam(path.parent / "exam.yml")
    categories = tuple(raw["categories"])
    entries = tuple(_entry(e, categories, exam) for e in raw["entries"])
    counts = Counter(e.id for e in entries)
    dupes = sorted(i for i, n in counts.items() if n > 1)
    _require(not dupes, path.name, f"duplicate ids {dupes}")
    ids = set(counts)
    for item in exam.in_scope:
        if item.page is not None:
            require_in(item.page, ids, f"exam.yml: in-scope {item.name!r}", "page")
    for e in entries:
        for r in e.related:
            _require(r != e.id, f"services.yml: entry {e.id!r}", "related lists the entry itself")
            require_in(r, ids, f"services.yml: entry {e.id!r}", "related id")
    return Catalog(categories=categories, entries=entries, exam=exam)
