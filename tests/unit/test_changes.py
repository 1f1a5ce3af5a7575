"""The change log's data file (macros/changes.py, macros/data/changes.yml): each bad file fails with the
file, the entry and the fix (the nearest note ids for an unknown one); a good file loads in page order.
The built page and feed are checked in tests/site/test_feed.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from macros.catalog import CatalogError
from macros.changes import CHANGES_PATH, Change, entry_id, load_changes, plain
from macros.hooks.page_meta import FEED, feed_url
from macros.notes import scan_docs
from macros.traceability import load_traceability
from tests.conftest import ROOT

NOTES = {"sqs-long-polling", "sqs-visibility-timeout", "sqs-fifo-deduplication", "sns-email-subscriptions"}
TODAY = dt.date(2026, 12, 2)
FILE = "macros/data/changes.yml"

GOOD = [
    {"date": "2026-11-30", "kind": "correction", "notes": ["sqs-fifo-deduplication"],
     "summary": "The parameter is `MessageDeduplicationId`, for FIFO queues only."},
    {"date": "2026-12-02", "kind": "new", "notes": ["sqs-long-polling", "sqs-visibility-timeout"],
     "summary": "Two notes on polling and visibility."},
    {"date": "2026-12-02", "kind": "correction", "notes": ["sns-email-subscriptions"],
     "summary": "Users subscribe to email through SNS."},
    {"date": "2026-11-30", "kind": "changed", "notes": ["sqs-long-polling"], "summary": "Reworded."},
]


def write(tmp_path: Path, entries: object, raw: str | None = None) -> Path:
    path = tmp_path / "changes.yml"
    path.write_text(raw if raw is not None else yaml.safe_dump({"changes": entries}, sort_keys=False), encoding="utf-8")
    return path


def fails(tmp_path: Path, entries: object, *expected: str, raw: str | None = None) -> str:
    with pytest.raises(CatalogError) as caught:
        load_changes(NOTES, write(tmp_path, entries, raw), today=TODAY)
    message = str(caught.value)
    assert message.startswith(f"{FILE}: "), message
    for text in expected:
        assert text in message, message
    return message


def one(**values: object) -> list[dict]:
    """GOOD with its second entry changed."""
    return [GOOD[0], {**GOOD[1], **values}]


def test_a_good_file_loads_newest_first_corrections_first(tmp_path: Path) -> None:
    changes = load_changes(NOTES, write(tmp_path, GOOD), today=TODAY)
    assert [(c.date.isoformat(), c.kind, c.number) for c in changes] == [
        ("2026-12-02", "correction", 3), ("2026-12-02", "new", 2),
        ("2026-11-30", "correction", 1), ("2026-11-30", "changed", 4),
    ]
    assert changes[1].notes == ("sqs-long-polling", "sqs-visibility-timeout")
    assert changes[2].summary == "The parameter is `MessageDeduplicationId`, for FIFO queues only."


def test_unquoted_yaml_dates_load_too(tmp_path: Path) -> None:
    raw = "changes:\n  - date: 2026-12-01\n    kind: new\n    notes: [sqs-long-polling]\n    summary: Added.\n"
    (change,) = load_changes(NOTES, write(tmp_path, None, raw), today=TODAY)
    assert change.date == dt.date(2026, 12, 1)


def test_unknown_note_id_names_the_entry_and_the_nearest_ids(tmp_path: Path) -> None:
    message = fails(tmp_path, one(notes=["sqs-long-polling", "sqs-visibilty-timeout"]))
    assert message == (f"{FILE}: entry 2 (2026-12-02, new): unknown note id 'sqs-visibilty-timeout'; "
                       "did you mean: sqs-visibility-timeout?")


@pytest.mark.parametrize("value", ["2026-02-30", "2026-12-2", "20261201", "2026-12-01T10:00:00", "yesterday"])
def test_date_must_be_a_real_iso_date(tmp_path: Path, value: str) -> None:
    fails(tmp_path, one(date=value), "entry 2", f"date {value!r} is not a real date written YYYY-MM-DD")


def test_unquoted_impossible_date_fails_with_the_entry_not_a_yaml_error(tmp_path: Path) -> None:
    raw = "changes:\n  - date: 2026-02-30\n    kind: new\n    notes: [sqs-long-polling]\n    summary: Added.\n"
    fails(tmp_path, None, "entry 1 (2026-02-30, new): date '2026-02-30' is not a real date", raw=raw)


def test_date_must_not_be_in_the_future(tmp_path: Path) -> None:
    fails(tmp_path, one(date="2026-12-03"), "entry 2 (2026-12-03, new): date 2026-12-03 is in the future (today is 2026-12-02)")


def test_kind_must_be_known(tmp_path: Path) -> None:
    fails(tmp_path, one(kind="fix"), "entry 2 (2026-12-02, fix): kind must be one of new, changed, correction, got 'fix'")


@pytest.mark.parametrize(
    ("values", "complaint"),
    [
        ({"notes": "sqs-long-polling"}, "notes must be a list of one or more note ids"),
        ({"notes": []}, "notes must be a list of one or more note ids"),
        ({"notes": ["sqs-long-polling", "sqs-long-polling"]}, "note id 'sqs-long-polling' is listed twice"),
        ({"summary": "  "}, "summary is empty"),
        ({"summary": "Line one.\nLine two.\n"}, "summary must be one line"),
    ],
    ids=["notes-not-a-list", "notes-empty", "note-twice", "summary-empty", "summary-two-lines"],
)
def test_entry_values(tmp_path: Path, values: dict, complaint: str) -> None:
    fails(tmp_path, one(**values), "entry 2 (2026-12-02, new): " + complaint)


def test_keys_are_exactly_the_four(tmp_path: Path) -> None:
    missing = {k: v for k, v in GOOD[1].items() if k != "summary"}
    fails(tmp_path, [GOOD[0], missing], "entry 2: keys must be exactly ['date', 'kind', 'notes', 'summary'], got")
    fails(tmp_path, one(note="sqs-long-polling"), "entry 2: keys must be exactly")
    fails(tmp_path, [GOOD[0], "just text"], "entry 2: keys must be exactly", "got str")


def test_same_date_kind_and_first_note_is_one_entry(tmp_path: Path) -> None:
    fails(tmp_path, [*GOOD, {**GOOD[1], "summary": "Again."}],
          "entry 5 (2026-12-02, new): same date, kind and first note as entry 2; merge the two")


@pytest.mark.parametrize("raw", ["", "changes: []\n", "- date: 2026-12-01\n", "entries: []\n"])
def test_file_holds_one_non_empty_changes_list(tmp_path: Path, raw: str) -> None:
    fails(tmp_path, None, "the file holds one key, `changes:`, with a list of one or more entries", raw=raw)


def test_feed_ids_stay_with_date_kind_and_first_note() -> None:
    change = Change(dt.date(2026, 12, 2), "correction", ("cloudtrail-event-types",), "Reworded.", 7)
    assert entry_id("https://dva-notes.github.io/", change) == (
        "tag:dva-notes.github.io,2026-12-02:changes/correction/cloudtrail-event-types")
    assert entry_id("https://example.org/dva-notes", change) == (
        "tag:example.org,2026-12-02:dva-notes/changes/correction/cloudtrail-event-types")
    assert plain("`AWS_XRAY_CONTEXT_MISSING` is set") == "AWS_XRAY_CONTEXT_MISSING is set"


def test_head_link_points_at_the_feed_the_build_writes() -> None:
    from macros.changes import FEED_FILE

    assert FEED == FEED_FILE
    # Relative: Material fetches sitemap.xml next to every link[rel=alternate], so it must stay on this host.
    assert [feed_url(u) for u in ("", "changes/", "services/sqs/")] == ["feed.xml", "../feed.xml", "../../feed.xml"]


# The real data file.

REAL = load_changes(set(scan_docs(ROOT / "docs")))


def test_real_file_loads() -> None:
    assert REAL and CHANGES_PATH == ROOT / FILE
    assert [c.date for c in REAL] == sorted((c.date for c in REAL), reverse=True)


def test_every_errata_note_has_a_correction_entry() -> None:
    """A raw note the Errata page lists (verdict outdated or wrong) is announced as a correction."""
    corrected = {n.anchors[0] for n in load_traceability().values() if n.corrected}
    announced = {note for c in REAL if c.kind == "correction" for note in c.notes}
    assert corrected - announced == set()


def test_todays_cloudtrail_correction_is_listed() -> None:
    assert any(c.kind == "correction" and c.notes == ("cloudtrail-event-types",) and c.date == TODAY for c in REAL)
