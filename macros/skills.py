"""The exam's skill map (data/skills.yml): domains -> tasks -> skills -> the notes that teach them.

Loaded with the catalog's exam so that every domain is the current exam's, and with the note index
so that an unknown note id fails the build with the nearest ids, as note() does.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .catalog import DATA_DIR, CatalogError, Exam, require_in
from .datafile import load_yaml

FILE = "macros/data/skills.yml"
ORIGINS = {
    "c02": "DVA-C02 v2.1 skill, kept",
    "c03-new": "added in DVA-C03",
    "c03-moved": "moved here in DVA-C03",
    "c03-merged": "merged in DVA-C03",
}
CONFIDENCE = {
    "aws-text": "stated in AWS's own text",
    "copies": "several copies of the guide agree",
    "one-copy": "one copy only: recheck",
}
SKILL_KEYS = {"id", "skill", "origin", "confidence", "notes"}


@dataclass(frozen=True)
class Skill:
    id: str
    text: str
    origin: str
    confidence: str
    notes: tuple[str, ...]
    was: str = ""


@dataclass(frozen=True)
class Task:
    id: str
    title: str
    skills: tuple[Skill, ...]


@dataclass(frozen=True)
class DomainSkills:
    domain: str  # exam.yml domain id
    complete: bool
    tasks: tuple[Task, ...]

    @property
    def skills(self) -> tuple[Skill, ...]:
        return tuple(s for t in self.tasks for s in t.skills)

    @property
    def covered(self) -> int:
        return sum(1 for s in self.skills if s.notes)


@dataclass(frozen=True)
class SkillMap:
    domains: tuple[DomainSkills, ...]

    @cached_property
    def _by_note(self) -> dict[str, list[tuple[str, Skill]]]:
        """Note id -> (domain, skill) for each skill that lists it, in the exam's order. Built once: every
        question and page asks (a scan of every skill each time cost 0.06 s a build, make bench)."""
        index: dict[str, list[tuple[str, Skill]]] = {}
        for d in self.domains:
            for s in d.skills:
                for note_id in s.notes:
                    index.setdefault(note_id, []).append((d.domain, s))
        return index

    def skills_of_note(self, note_id: str) -> list[Skill]:
        return [s for _, s in self._by_note.get(note_id, [])]

    def domains_of_note(self, note_id: str) -> tuple[str, ...]:
        """The domains (exam.yml ids, in the exam's order) of the skills that list the note."""
        return tuple(dict.fromkeys(d for d, _ in self._by_note.get(note_id, [])))

    def uncovered(self) -> list[tuple[DomainSkills, Skill]]:
        """Skills without a note in domains declared complete: what the gate refuses."""
        return [(d, s) for d in self.domains if d.complete for s in d.skills if not s.notes]


def _require(cond: bool, where: str, problem: str) -> None:
    if not cond:
        raise CatalogError(f"{FILE}: {where}: {problem}")


def _skill(raw: dict, task_id: str, note_ids: set[str]) -> Skill:
    where = f"skill {raw.get('id', '?')!r}"
    keys = set(raw) - {"was"}
    _require(keys == SKILL_KEYS, where,
             f"keys must be {sorted(SKILL_KEYS)} (and `was` for moved or merged skills), got {sorted(raw)}")
    skill_id = str(raw["id"])
    _require(skill_id.startswith(f"{task_id}.") and len(skill_id) > len(task_id) + 1, where,
             f"a skill id is its task id, a dot and a letter, e.g. {task_id}.a")
    require_in(raw["origin"], ORIGINS, f"{FILE}: {where}", "origin")
    require_in(raw["confidence"], CONFIDENCE, f"{FILE}: {where}", "confidence")
    moved = raw["origin"] in ("c03-moved", "c03-merged")
    _require(moved == bool(raw.get("was")), where, "`was` (where the skill came from) goes with c03-moved and c03-merged only")
    notes = tuple(str(n) for n in raw["notes"] or ())
    for note_id in notes:  # require_in computes its costly "did you mean" only for an unknown id
        require_in(note_id, note_ids, f"{FILE}: {where}", "unknown note id")
    _require(len(set(notes)) == len(notes), where, "a note is listed twice")
    return Skill(skill_id, str(raw["skill"]).strip(), raw["origin"], raw["confidence"], notes, str(raw.get("was") or ""))


def _domain(raw: dict, number: int, note_ids: set[str]) -> DomainSkills:
    tasks = []
    for task in raw["tasks"]:
        task_id = str(task["id"])
        _require(task_id.startswith(f"{number}."), f"task {task_id}", f"tasks of domain {number} are numbered {number}.x")
        skills = tuple(_skill(s, task_id, note_ids) for s in task["skills"])
        _require(bool(skills), f"task {task_id}", "a task needs at least one skill")
        tasks.append(Task(task_id, str(task["title"]), skills))
    return DomainSkills(str(raw["domain"]), bool(raw["complete"]), tuple(tasks))


def load_skills(exam: Exam, note_ids: set[str], path: Path = DATA_DIR / "skills.yml") -> SkillMap:
    raw = load_yaml(path)
    domain_ids = [d.id for d in exam.domains]
    listed = [str(d.get("domain")) for d in raw["domains"]]
    _require(listed == domain_ids, "domains", f"list the exam's domains once each, in order: {domain_ids} (got {listed})")
    domains = tuple(_domain(d, i, note_ids) for i, d in enumerate(raw["domains"], start=1))
    ids = [s.id for d in domains for s in d.skills]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    _require(not dupes, "skills", f"skill ids appear twice: {dupes}")
    return SkillMap(domains)
