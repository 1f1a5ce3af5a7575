"""Each cross-link macro, called as plain functions on the real data, and each of its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros import corrections, links
from macros.context import Context, rel_link
from macros.errors import MacroError, MacroInputError
from tests.conftest import bound_macro

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context.load(ROOT / "docs")


def test_rel_link_is_correct_from_any_depth() -> None:
    assert rel_link("services/sqs.md", "services/sns.md") == "sns.md"
    assert rel_link("index.md", "services/sns.md") == "services/sns.md"
    assert rel_link("topics/serverless.md", "services/sns.md", "sns-x") == "../services/sns.md#sns-x"


def test_service_links_by_display_name(ctx: Context) -> None:
    assert links.service(ctx, "topics/serverless.md", "sqs") == "[Amazon SQS](../services/sqs.md)"


def test_unknown_service_suggests_nearest_id(ctx: Context) -> None:
    with pytest.raises(MacroInputError, match=r"unknown service id 'dynamo'; did you mean: dynamodb"):
        links.service(ctx, "services/sqs.md", "dynamo")


def test_note_link_text_is_the_heading(ctx: Context) -> None:
    target = ctx.notes["sqs-dead-letter-queues"]
    md = links.note(ctx, "services/lambda.md", "sqs-dead-letter-queues")
    assert md == f"[{target.title}](sqs.md#sqs-dead-letter-queues)"


def test_unknown_note_suggests_nearest_id(ctx: Context) -> None:
    with pytest.raises(MacroInputError, match=r"unknown note id 'sqs-dead-letter-queue'; did you mean: sqs-dead-letter-queues"):
        links.note(ctx, "services/lambda.md", "sqs-dead-letter-queue")


def test_related_lists_catalog_neighbours(ctx: Context) -> None:
    md = links.related(ctx, "services/sqs.md")
    entry = ctx.catalog.find("sqs")
    assert entry is not None
    items = [line for line in md.splitlines() if line.startswith("- [")]
    assert len(items) == len(entry.related)
    assert "- [Amazon SNS](sns.md): " in md
    assert md.startswith('<div class="dva-related" data-search-exclude markdown>'), "Related stays out of the search index"


def test_related_outside_a_catalog_page_is_an_error(ctx: Context) -> None:
    with pytest.raises(MacroInputError, match="only works on a catalog page"):
        links.related(ctx, "index.md")


def test_aws_docs_uses_catalog_url(ctx: Context) -> None:
    entry = ctx.catalog.find("lambda")
    assert entry is not None
    assert f"({entry.docs})" in links.aws_docs(ctx, "services/lambda.md")


def test_service_directory_has_every_page_grouped(ctx: Context) -> None:
    md = links.service_directory(ctx, "index.md")
    for entry in ctx.catalog.entries:
        assert f"]({entry.src_path})" in md
    assert md.count('<div class="grid cards" markdown>') == len([c for c, es in ctx.catalog.by_category() if es])


def test_sources_needs_a_number_or_a_note_id(ctx: Context) -> None:
    with pytest.raises(MacroInputError, match="needs a raw note number or a note id"):
        corrections.sources(ctx, "services/sqs.md")


def test_sources_unknown_number(ctx: Context) -> None:
    with pytest.raises(MacroInputError, match="unknown source note number 91"):
        corrections.sources(ctx, "services/sqs.md", 91)


def test_correction_only_for_corrected_notes(ctx: Context) -> None:
    plain = next(n for n in ctx.trace.values() if not n.corrected)
    with pytest.raises(MacroInputError, match="only for outdated or wrong"):
        corrections.correction(ctx, "services/sqs.md", plain.number)


def test_correction_box_quotes_note_and_links_source(ctx: Context) -> None:
    fixed = [n for n in ctx.trace.values() if n.corrected]
    if not fixed:
        pytest.skip("no corrected note in the traceability file")
    n = fixed[0]
    box = corrections.correction(ctx, "services/sqs.md", n.number)
    assert box.startswith('!!! warning "Correction"')
    assert n.sources[0].url in box
    assert f"original note {n.number} said" in box


def test_a_call_with_wrong_arguments_names_the_call(ctx: Context) -> None:
    note = bound_macro(ctx, "note", links.note, "services/sqs.md")
    with pytest.raises(MacroError, match=r"services/sqs.md: note\('a', 'b', 'c'\): wrong arguments"):
        note("a", "b", "c")


def test_a_fault_inside_a_macro_is_not_blamed_on_its_arguments(ctx: Context) -> None:
    def broken(ctx: Context, page: str, note_id: str) -> str:
        return len(note_id) + "x"  # a TypeError raised inside the macro, for a call that is right

    with pytest.raises(TypeError, match="unsupported operand"):
        bound_macro(ctx, "broken", broken, "services/sqs.md")("sqs-long-polling")
