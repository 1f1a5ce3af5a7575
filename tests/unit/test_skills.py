"""The skill map (macros/data/skills.yml) and the per-page note sources (macros/data/sources/):
loaded from the real data, and each validation error on a broken copy of it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from macros import corrections, coverage
from macros.catalog import DATA_DIR, CatalogError, load_exam
from macros.context import Context
from macros.errors import MacroInputError
from macros.notesources import check_notes_exist, load_note_sources
from macros.skills import load_skills

ROOT = Path(__file__).resolve().parents[2]
EXAM = load_exam()


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context.load(ROOT / "docs")


def _skills_copy(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    data = yaml.safe_load((DATA_DIR / "skills.yml").read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "skills.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _first_skill(data: dict) -> dict:
    return data["domains"][0]["tasks"][0]["skills"][0]


def test_every_task_of_the_exam_is_mapped(ctx: Context) -> None:
    tasks = [t.id for d in ctx.skills.domains for t in d.tasks]
    assert tasks == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3"]
    assert [d.domain for d in ctx.skills.domains] == [d.id for d in EXAM.domains]


def test_c03_additions_are_marked_as_aws_text(ctx: Context) -> None:
    added = [s for d in ctx.skills.domains for s in d.skills if s.origin == "c03-new"]
    assert {s.id.rsplit(".", 1)[0] for s in added} >= {"1.1", "2.1", "2.3", "3.1", "3.2", "3.3", "4.1", "4.3"}
    assert all(s.confidence == "aws-text" for s in added)


def test_unknown_note_id_names_the_nearest(tmp_path: Path, ctx: Context) -> None:
    path = _skills_copy(tmp_path, lambda d: _first_skill(d).update(notes=["sqs-visibilty-timeout"]))
    with pytest.raises(CatalogError, match=r"skills.yml: skill '1.1.a': unknown note id 'sqs-visibilty-timeout'; "
                                           r"did you mean: sqs-visibility-timeout"):
        load_skills(EXAM, set(ctx.notes), path)


@pytest.mark.parametrize(("change", "complaint"), [
    ({"origin": "c04"}, "origin 'c04'"),
    ({"confidence": "sure"}, "confidence 'sure'"),
    ({"origin": "c03-moved"}, "`was` (where the skill came from) goes with c03-moved and c03-merged only"),
    ({"id": "1.2.a"}, "a skill id is its task id, a dot and a letter, e.g. 1.1.a"),
    ({"notes": ["sqs-dead-letter-queues", "sqs-dead-letter-queues"]}, "a note is listed twice"),
])
def test_bad_skill_is_refused(tmp_path: Path, ctx: Context, change: dict, complaint: str) -> None:
    path = _skills_copy(tmp_path, lambda d: _first_skill(d).update(change))
    with pytest.raises(CatalogError) as err:
        load_skills(EXAM, set(ctx.notes), path)
    assert complaint in str(err.value)


def test_domains_must_be_the_exams(tmp_path: Path, ctx: Context) -> None:
    path = _skills_copy(tmp_path, lambda d: d["domains"].reverse())
    with pytest.raises(CatalogError, match="list the exam's domains once each, in order"):
        load_skills(EXAM, set(ctx.notes), path)


def test_uncovered_lists_only_complete_domains(tmp_path: Path, ctx: Context) -> None:
    def edit(d: dict) -> None:
        for domain in d["domains"]:
            domain["complete"] = domain["domain"] == "troubleshooting"
        d["domains"][3]["tasks"][0]["skills"][0]["notes"] = []
    skills = load_skills(EXAM, set(ctx.notes), _skills_copy(tmp_path, edit))
    assert {(d.domain, s.id) for d, s in skills.uncovered()} >= {("troubleshooting", "4.1.a")}
    assert {d.domain for d, _ in skills.uncovered()} == {"troubleshooting"}


def test_skill_map_links_every_note_of_every_skill(ctx: Context) -> None:
    text = coverage.skill_map(ctx, "exam.md")
    for domain in ctx.skills.domains:
        for skill in domain.skills:
            assert f"| {skill.id} | {skill.text} |" in text
            for note_id in skill.notes:
                assert f"#{note_id})" in text


def test_scope_notice_follows_the_data_flag(ctx: Context) -> None:
    assert ctx.catalog.exam.in_scope_confirmed is False, "the DVA-C03 list is not confirmed in exam.yml"
    assert coverage.exam_scope_notice(ctx, "exam.md").startswith('!!! warning "Which list this is"')
    exam = dataclasses.replace(ctx.catalog.exam, in_scope_confirmed=True)
    flipped = dataclasses.replace(ctx, catalog=dataclasses.replace(ctx.catalog, exam=exam))
    assert coverage.exam_scope_notice(flipped, "exam.md").startswith('!!! info "Which list this is"')


def test_in_scope_list_is_the_v2_1_list() -> None:
    assert len(EXAM.in_scope) == 47
    names = {i.name for i in EXAM.in_scope}
    assert "Amazon Q Developer" in names and "AWS CodeCommit" not in names and "Amazon MemoryDB" not in names


# Sources of the site's own notes ---------------------------------------------------------------------


def _sources_copy(tmp_path: Path, page: str, notes: object) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir(exist_ok=True)
    (folder / f"{page}.yml").write_text(yaml.safe_dump({"notes": notes}), encoding="utf-8")
    return folder


GOOD = {"checked": "2026-12-02", "sources": [{"title": "SQS guide", "url": "https://docs.aws.amazon.com/sqs/"}]}


@pytest.mark.parametrize(("notes", "complaint"), [
    ({"sqs-x": {**GOOD, "sources": [{"title": "Blog", "url": "https://example.com/post"}]}}, "source host must be one of"),
    ({"sqs-x": {**GOOD, "sources": [{"title": "Guide", "url": "http://docs.aws.amazon.com/sqs/"}]}}, "must be https"),
    ({"sqs-x": {**GOOD, "sources": []}}, "needs at least one AWS documentation source"),
    ({"sqs-x": {**GOOD, "checked": "20261202"}}, "`checked: 20261202` is not a date"),
    ({"sns-x": GOOD}, "note ids in this file start with 'sqs'-"),
    ({"sqs-x": {"sources": GOOD["sources"]}}, "keys must be exactly ['checked', 'sources']"),
])
def test_bad_sources_file_names_file_and_note(tmp_path: Path, notes: dict, complaint: str) -> None:
    with pytest.raises(CatalogError) as err:
        load_note_sources(_sources_copy(tmp_path, "sqs", notes))
    assert str(err.value).startswith("macros/data/sources/sqs.yml: note ")
    assert complaint in str(err.value)


def test_sources_for_a_note_that_does_not_exist(tmp_path: Path, ctx: Context) -> None:
    found = load_note_sources(_sources_copy(tmp_path, "sqs", {"sqs-visibilty-timeout": GOOD}))
    with pytest.raises(CatalogError, match="no such note on the site; did you mean: sqs-visibility-timeout"):
        check_notes_exist(found, set(ctx.notes))


def test_sources_by_note_id_and_by_number(ctx: Context) -> None:
    note_id = next(iter(ctx.note_sources))
    line = corrections.sources(ctx, "x.md", note_id)
    for source in ctx.note_sources[note_id].sources:
        assert f"[{source.title}]({source.url})" in line
    assert corrections.sources(ctx, "x.md", 24).startswith("Source")


def test_sources_unknown_note_id_suggests(ctx: Context) -> None:
    note_id = next(iter(ctx.note_sources))
    with pytest.raises(MacroInputError, match=f"unknown note id with sources {note_id[:-1]!r}; did you mean: {note_id}"):
        corrections.sources(ctx, "x.md", note_id[:-1])


def test_the_note_index_answers_what_a_scan_of_every_skill_does(ctx: Context) -> None:
    """SkillMap indexes the skills by note once; for every note (and an unknown id) it gives what reading
    every skill of every domain gives, in the exam's order, each domain once."""
    skills = ctx.skills
    for note_id in [*ctx.notes, "no-such-note"]:
        scanned = [s for d in skills.domains for s in d.skills if note_id in s.notes]
        assert skills.skills_of_note(note_id) == scanned, note_id
        domains = tuple(d.domain for d in skills.domains if any(note_id in s.notes for s in d.skills))
        assert skills.domains_of_note(note_id) == domains, note_id
    assert any(len(skills.domains_of_note(n)) > 1 for n in ctx.notes), "a note in two domains keeps both"
