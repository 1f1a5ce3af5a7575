"""The question bank (data/questions/<page>.yml): exam-style questions tied to notes.

Each file holds the questions of one page (its name is the page's file name without `.md`, e.g.
`sqs.yml` for services/sqs.md). A question tests one or more notes; its domain comes from those
notes through the skill map. A bad bank fails the build with the file, the question and the fix.

Per question:
  id        stable, published (practice links and stored progress name it); [a-z0-9-]
  notes     the note ids it tests (at least one)
  kind      single   one correct option of exactly four
            multiple two or more correct of five or more; the stem ends "(Choose two.)" etc.
  stem      the scenario and the question, in the exam's style
  options   each with `text`, `correct` (true/false) and a one-line `why` (the wrong ones too)
  trap      optional: the raw source note number (traceability.yml) whose wrong or outdated claim is
            this question's most tempting distractor; that option carries `trap: true`
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .catalog import DATA_DIR, CatalogError, require_in
from .datafile import load_yaml
from .traceability import SourceNote

QUESTIONS_DIR = DATA_DIR / "questions"
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
KINDS = ("single", "multiple")
COUNT_WORDS = {"two": 2, "three": 3, "four": 4}
CHOOSE = re.compile(r"\(Choose (two|three|four)\.\)\s*$")
QUESTION_KEYS = {"id", "notes", "kind", "stem", "options"}
OPTION_KEYS = {"text", "correct", "why"}


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    why: str
    trap: bool = False


@dataclass(frozen=True)
class Question:
    id: str
    page: str  # the bank file's stem: the page's file name without .md
    notes: tuple[str, ...]
    kind: str
    stem: str
    options: tuple[Option, ...]
    trap: int | None = None

    @property
    def answer(self) -> tuple[int, ...]:
        return tuple(i for i, o in enumerate(self.options) if o.correct)


class BankError(CatalogError):
    """The question bank is inconsistent; the message names the file, the question and the fix."""


def _require(cond: bool, where: str, problem: str) -> None:
    if not cond:
        raise BankError(f"{where}: {problem}")


def _option(raw: object, where: str) -> Option:
    _require(isinstance(raw, dict), where, "an option is a mapping with text, correct and why")
    assert isinstance(raw, dict)
    keys = set(raw) - {"trap"}
    _require(keys == OPTION_KEYS, where,
             f"an option has exactly text, correct and why (and trap: true for the raw note's claim); got {sorted(raw)}")
    _require(isinstance(raw["correct"], bool), where, f"correct must be true or false, got {raw['correct']!r}")
    for key in ("text", "why"):
        _require(isinstance(raw[key], str) and raw[key].strip() != "", where,
                 f"`{key}` is empty: every option, right or wrong, says {'what it is' if key == 'text' else 'why in one line'}")
    _require(raw.get("trap", False) in (True, False), where, "trap must be true or left out")
    return Option(raw["text"].strip(), raw["correct"], raw["why"].strip(), bool(raw.get("trap", False)))


def _check_kind(q: Question, where: str) -> None:
    correct = len(q.answer)
    if q.kind == "single":
        _require(len(q.options) == 4, where, f"a single question has exactly 4 options, got {len(q.options)}")
        _require(correct == 1, where, f"a single question has exactly one correct option, got {correct}")
        _require(CHOOSE.search(q.stem) is None, where, "a single question's stem does not say (Choose ...); use kind: multiple")
        return
    match = CHOOSE.search(q.stem)
    _require(match is not None, where, 'a multiple question\'s stem ends with "(Choose two.)" or "(Choose three.)"')
    assert match is not None
    said = COUNT_WORDS[match[1]]
    _require(len(q.options) >= 5, where, f"a multiple question has at least 5 options, got {len(q.options)}")
    _require(correct == said, where, f"the stem says (Choose {match[1]}.) but {correct} options are correct")


def _check_trap(q: Question, where: str, trace: dict[int, SourceNote]) -> None:
    traps = [i for i, o in enumerate(q.options) if o.trap]
    if q.trap is None:
        _require(not traps, where, "an option has trap: true but the question names no `trap:` raw note number")
        return
    corrected = sorted(n for n, s in trace.items() if s.corrected)
    _require(q.trap in corrected, where,
             f"trap: {q.trap} is not an outdated or wrong raw note (outdated or wrong notes only: {corrected})")
    anchor = trace[q.trap].anchors[0]
    _require(anchor in q.notes, where, f"a trap question for raw note {q.trap} tests its note: add {anchor!r} to notes")
    _require(len(traps) == 1, where,
             f"a trap question has exactly one option with trap: true (the raw note's claim), got {len(traps)}")
    _require(not q.options[traps[0]].correct, where, "the trap option (the raw note's claim) must be incorrect")


def _question(raw: object, page: str, where_file: str, note_ids: set[str], trace: dict[int, SourceNote]) -> Question:
    _require(isinstance(raw, dict), where_file, "each entry under questions is a mapping")
    assert isinstance(raw, dict)
    qid = str(raw.get("id", "?"))
    where = f"{where_file}: question {qid!r}"
    _require(set(raw) - {"trap"} == QUESTION_KEYS, where,
             f"keys must be {sorted(QUESTION_KEYS)} (and `trap` for a trap question), got {sorted(raw)}")
    _require(bool(ID.match(qid)), where, "an id is lowercase letters, digits and hyphens")
    _require(qid not in note_ids, where, "the id is a note's id; question ids are anchors too: use <page>-q-<slug>")
    notes = raw["notes"]
    _require(isinstance(notes, list) and bool(notes), where, "notes lists at least one note id, e.g. [sqs-long-polling]")
    for note_id in notes:
        require_in(note_id, note_ids, where, "unknown note id")
    require_in(raw["kind"], KINDS, where, "kind")
    _require(isinstance(raw["stem"], str) and raw["stem"].strip() != "", where, "the stem is empty")
    options = raw["options"]
    _require(isinstance(options, list), where, "options is a list")
    opts = tuple(_option(o, f"{where}: option {i + 1}") for i, o in enumerate(options))
    trap = raw.get("trap")
    _require(trap is None or isinstance(trap, int), where, f"trap is a raw note number, got {trap!r}")
    q = Question(qid, page, tuple(notes), raw["kind"], " ".join(raw["stem"].split()), opts, trap)
    _check_kind(q, where)
    _check_trap(q, where, trace)
    return q


def load_file(path: Path, note_ids: set[str], trace: dict[int, SourceNote]) -> list[Question]:
    where = f"macros/data/questions/{path.name}"
    try:
        raw = load_yaml(path)
    except yaml.YAMLError as exc:
        problem = " ".join(str(exc).split())
        raise BankError(f"{where}: not valid YAML ({problem}); quote text that holds ': ' or use a >- block") from None
    _require(isinstance(raw, dict) and isinstance(raw.get("questions"), list), where,
             "the file is a mapping with one key, questions: a list")
    return [_question(q, path.stem, where, note_ids, trace) for q in raw["questions"]]


def load_bank(note_ids: set[str], trace: dict[int, SourceNote], directory: Path = QUESTIONS_DIR) -> dict[str, Question]:
    """Every question of every bank file, by id; duplicate ids fail with both files."""
    bank: dict[str, Question] = {}
    for path in sorted(directory.glob("*.yml")):
        for q in load_file(path, note_ids, trace):
            other = bank.get(q.id)
            first = f"macros/data/questions/{other.page}.yml" if other else ""
            _require(other is None, f"macros/data/questions/{path.name}: question {q.id!r}",
                     f"the id is already used in {first}; question ids are unique site-wide")
            bank[q.id] = q
    return bank


def untested_notes(bank: dict[str, Question], note_ids: set[str]) -> list[str]:
    """Notes no question tests: what the gate refuses."""
    tested = {n for q in bank.values() for n in q.notes}
    return sorted(note_ids - tested)


def missing_traps(bank: dict[str, Question], trace: dict[int, SourceNote]) -> list[int]:
    """Outdated or wrong raw notes without a trap question."""
    trapped = {q.trap for q in bank.values()}
    return sorted(n for n, s in trace.items() if s.corrected and n not in trapped)


def main(argv: list[str]) -> int:  # pragma: no cover - contributor tool: python -m macros.questions [page ...]
    from .notes import scan_docs
    from .traceability import load_traceability

    notes = scan_docs(Path("docs"))
    trace = load_traceability()
    try:
        bank = load_bank(set(notes), trace)
    except BankError as exc:
        print(exc)
        return 1
    untested = untested_notes(bank, set(notes))
    print(f"{len(bank)} questions; {len(untested)} of {len(notes)} notes untested; "
          f"trap questions missing for raw notes {missing_traps(bank, trace)}")
    for page in argv:
        mine = [n for n in untested if Path(notes[n].src_path).stem == page]
        print(f"{page}: untested notes: {mine or 'none'}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.exit(main(sys.argv[1:]))
