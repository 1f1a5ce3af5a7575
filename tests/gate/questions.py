"""Rule 12: question coverage. Every note on the site is tested by at least one question in
macros/data/questions/, and every raw note the Errata page lists (outdated or wrong) has a trap
question whose tempting distractor is the raw note's claim. The bank must also load (known note ids,
one correct option per single question, matching counts), which the build checks too; the problem is
reported here with the data file's line.
"""

from __future__ import annotations

from macros.catalog import CatalogError
from macros.notes import scan_docs
from macros.questions import load_bank, missing_traps, untested_notes
from macros.traceability import load_traceability

from .problem import QUESTIONS, Problem
from .project import Project, find_line

BANK = "macros/data/questions"


def check_questions(project: Project) -> list[Problem]:
    notes = scan_docs(project.docs)
    try:
        trace = load_traceability(project.root / "macros" / "data" / "traceability.yml")
        bank = load_bank(set(notes), trace, project.root / BANK)
    except CatalogError as exc:
        where = str(exc).split(":", 1)[0]
        file = where if where.startswith(BANK) else BANK
        return [Problem(QUESTIONS, file, None, str(exc), "correct the question it names")]
    problems = []
    for note_id in untested_notes(bank, set(notes)):
        note = notes[note_id]
        page = note.src_path.rsplit("/", 1)[-1].removesuffix(".md")
        problems.append(Problem(
            QUESTIONS, project.doc_path(note.src_path), note.line, f"note {note_id!r} has no question",
            f"add a question with `notes: [{note_id}]` to {BANK}/{page}.yml (format: macros/questions.py)",
        ))
    for number in missing_traps(bank, trace):
        anchor = trace[number].anchors[0]
        problems.append(Problem(
            QUESTIONS, "macros/data/traceability.yml",
            find_line(project.root / "macros/data/traceability.yml", f"- note: {number}"),
            f"raw note {number} was {trace[number].verdict} but no question uses its claim as a trap",
            f"add `trap: {number}` to a question on {anchor!r} and mark the option stating the raw claim `trap: true`",
        ))
    return problems
