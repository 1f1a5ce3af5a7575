"""The question bank's validation (macros/questions.py): each bad bank fails with the file, the
question and the fix; a good bank loads. The real bank is checked by the build and gate rule 12."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from macros.catalog import CatalogError
from macros.questions import BankError, load_bank, missing_traps, untested_notes
from macros.traceability import load_traceability

TRACE = load_traceability()
NOTES = {"sqs-visibility-timeout", "sqs-long-polling", "sqs-fifo-deduplication", "sqs-delay-seconds"}


def option(text: str, correct: bool = False, why: str = "Because.") -> dict:
    return {"text": text, "correct": correct, "why": why}


SINGLE = {
    "id": "sqs-q-one", "notes": ["sqs-visibility-timeout"], "kind": "single",
    "stem": "A worker processes a message twice. What should the developer change?",
    "options": [option("A", True), option("B"), option("C"), option("D")],
}
MULTIPLE = {
    "id": "sqs-q-two", "notes": ["sqs-long-polling", "sqs-delay-seconds"], "kind": "multiple",
    "stem": "Which settings reduce empty receives? (Choose two.)",
    "options": [option("A", True), option("B", True), option("C"), option("D"), option("E")],
}


def write(directory: Path, name: str, questions: list[dict]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(yaml.safe_dump({"questions": questions}), encoding="utf-8")


def load(tmp_path: Path, *questions: dict, name: str = "sqs.yml") -> dict:
    write(tmp_path, name, list(questions))
    return load_bank(NOTES, TRACE, tmp_path)


def fails(tmp_path: Path, question: dict, *expected: str) -> str:
    with pytest.raises(CatalogError) as caught:
        load(tmp_path, question)
    message = str(caught.value)
    assert message.startswith("macros/data/questions/sqs.yml: question"), message
    for text in expected:
        assert text in message, message
    return message


def changed(base: dict, **values: object) -> dict:
    out = copy.deepcopy(base)
    out.update(values)
    return out


def test_a_good_bank_loads(tmp_path: Path) -> None:
    bank = load(tmp_path, SINGLE, MULTIPLE)
    assert list(bank) == ["sqs-q-one", "sqs-q-two"]
    assert bank["sqs-q-two"].answer == (0, 1)
    assert untested_notes(bank, NOTES) == ["sqs-fifo-deduplication"]


def test_unknown_note_id_names_the_nearest(tmp_path: Path) -> None:
    fails(tmp_path, changed(SINGLE, notes=["sqs-visibilty-timeout"]),
          "'sqs-q-one'", "unknown note id", "did you mean: sqs-visibility-timeout")


def test_single_needs_exactly_one_correct(tmp_path: Path) -> None:
    two = changed(SINGLE, options=[option("A", True), option("B", True), option("C"), option("D")])
    fails(tmp_path, two, "exactly one correct option, got 2")
    fails(tmp_path, changed(SINGLE, options=[option("A", True), option("B"), option("C")]), "exactly 4 options, got 3")


def test_multiple_count_must_match_the_stem(tmp_path: Path) -> None:
    fails(tmp_path, changed(MULTIPLE, stem="Which settings help? (Choose three.)"), "(Choose three.) but 2 options are correct")
    fails(tmp_path, changed(MULTIPLE, stem="Which settings help?"), "(Choose two.)")
    fails(tmp_path, changed(MULTIPLE, options=MULTIPLE["options"][:4]), "at least 5 options, got 4")
    fails(tmp_path, changed(SINGLE, stem="Which one? (Choose two.)"), "use kind: multiple")


def test_every_option_needs_a_why(tmp_path: Path) -> None:
    no_why = copy.deepcopy(SINGLE)
    del no_why["options"][2]["why"]
    fails(tmp_path, no_why, "option 3", "exactly text, correct and why")
    empty = copy.deepcopy(SINGLE)
    empty["options"][1]["why"] = "  "
    fails(tmp_path, empty, "option 2", "`why` is empty")


def test_duplicate_id_names_both_files(tmp_path: Path) -> None:
    write(tmp_path, "lambda.yml", [SINGLE])
    with pytest.raises(BankError, match=r"sqs.yml: question 'sqs-q-one': the id is already used in .*/lambda.yml"):
        load(tmp_path, SINGLE)


def test_kind_and_id_and_keys(tmp_path: Path) -> None:
    fails(tmp_path, changed(SINGLE, kind="multi"), "kind 'multi'", "did you mean: multiple")
    fails(tmp_path, changed(SINGLE, id="SQS One"), "lowercase letters, digits and hyphens")
    fails(tmp_path, changed(SINGLE, id="sqs-long-polling"), "the id is a note's id")
    fails(tmp_path, changed(SINGLE, answer=0), "keys must be")


def test_trap_questions(tmp_path: Path) -> None:
    trap = copy.deepcopy(SINGLE)
    trap.update(trap=28, notes=["sqs-fifo-deduplication"])
    trap["options"][3]["trap"] = True
    bank = load(tmp_path, trap)
    assert 28 not in missing_traps(bank, TRACE) and 9 in missing_traps(bank, TRACE)
    fails(tmp_path, changed(trap, trap=1), "outdated or wrong notes only")
    fails(tmp_path, changed(trap, notes=["sqs-long-polling"]), "add 'sqs-fifo-deduplication' to notes")
    right = copy.deepcopy(trap)
    right["options"][0]["trap"] = True
    right["options"][3]["trap"] = False
    fails(tmp_path, right, "must be incorrect")
    no_number = copy.deepcopy(trap)
    del no_number["trap"]
    fails(tmp_path, no_number, "names no `trap:` raw note number")


def test_bad_yaml_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "sqs.yml").write_text("questions:\n  - id: a\n    stem: Why: this\n", encoding="utf-8")
    with pytest.raises(BankError, match=r"^macros/data/questions/sqs.yml: not valid YAML .*line 3"):
        load_bank(NOTES, TRACE, tmp_path)
