"""Rule 3, proven: a published deep link that stops landing fails the gate, and the documented fixes
(an alias for a renamed note, a redirect for a moved page, `make registry` for new links) make it pass.

The registry used here is written from this run's real build (`built_site`), so the tests do not
depend on whether tests/gate/published.txt is up to date; test_gate.py checks that separately.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from macros.notes import scan_markdown
from tests.conftest import ROOT, copy_project
from tests.gate.build import build
from tests.gate.problem import Problem
from tests.gate.project import Inputs, Project, Site
from tests.gate.registry import check_registry, published, read_registry, update_registry, write_registry

OLD_PAGE, NEW_PAGE = "errata.md", "corrections-list.md"


@pytest.fixture(scope="module")
def baseline(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A registry of everything the real site publishes now."""
    registry = tmp_path_factory.mktemp("registry") / "published.txt"
    write_registry(registry, set(published(Inputs(Project(ROOT), Site(built_site)))))
    return registry


def rename_note_and_move_page(project: Path) -> tuple[str, str]:
    """Rename the first SQS note's id everywhere it is used, and move the Errata page; returns (old, new) id."""
    sqs = project / "docs/services/sqs.md"
    old = scan_markdown(sqs.read_text(encoding="utf-8"), "services/sqs.md")[0].id
    new = f"{old}-renamed"
    data = project.joinpath("macros/data").rglob("*.yml")  # the question bank names note ids too
    for path in [*project.joinpath("docs").rglob("*.md"), *data, project / "mkdocs.yml"]:
        text = path.read_text(encoding="utf-8")
        changed = re.sub(rf"\b{re.escape(old)}\b", new, text).replace(OLD_PAGE, NEW_PAGE)
        if changed != text:
            path.write_text(changed, encoding="utf-8")
    (project / "docs" / OLD_PAGE).rename(project / "docs" / NEW_PAGE)
    return old, new


def deep_link_problems(project: Path, site: Path, registry: Path) -> list[Problem]:
    """Rule 3 alone on a strict build of the copy (the other rules have their own catch tests)."""
    complete, problems = build(Project(project), site)
    assert complete, problems
    return check_registry(Inputs(Project(project), Site(site), registry))


def test_registry_file_is_sorted_and_lists_only_site_paths() -> None:
    entries = [entry for _, entry in read_registry(ROOT / "tests/gate/published.txt")]
    assert entries == sorted(set(entries)), "tests/gate/published.txt must be sorted and without duplicates: run `make registry`"
    assert all(entry.startswith("/") for entry in entries)


def test_renamed_note_and_moved_page_fail_with_the_fix(tmp_path: Path, baseline: Path) -> None:
    project = copy_project(tmp_path / "project")
    old, new = rename_note_and_move_page(project)
    problems = deep_link_problems(project, tmp_path / "site", baseline)
    registered = dict((entry, number) for number, entry in read_registry(baseline))

    note = next(p for p in problems if f"#{old} " in p.message)
    assert note.file.endswith("published.txt") and note.line == registered[f"/services/sqs/#{old}"]
    assert note.message == f"published note anchor #{old} no longer exists on /services/sqs/ (/services/sqs/#{old})"
    assert f"add `{old}: <its new id>` under `aliases:` in macros/data/anchor_aliases.yml" in note.fix
    assert new in note.fix, "the fix names the closest current ids, the renamed one among them"

    page = next(p for p in problems if "/errata/" in p.message)
    assert page.message == "published page /errata/ is gone (/errata/)"
    assert "redirect_maps" in page.fix

    added = {p.message.split(" ")[0] for p in problems if "is published but not listed" in p.message}
    assert {f"/services/sqs/#{new}", "/corrections-list/"} <= added
    assert all("run `make registry`" in p.fix for p in problems if "is published but not listed" in p.message)


def test_alias_redirect_and_make_registry_make_the_gate_pass(tmp_path: Path, baseline: Path) -> None:
    project = copy_project(tmp_path / "project")
    old, new = rename_note_and_move_page(project)
    aliases = project / "macros/data/anchor_aliases.yml"
    aliases.write_text(aliases.read_text(encoding="utf-8").replace("aliases: {}", f"aliases:\n  {old}: {new}"), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("redirect_maps: {}", f"redirect_maps:\n        {OLD_PAGE}: {NEW_PAGE}"),
        encoding="utf-8",
    )
    registry = tmp_path / "published.txt"
    registry.write_text(baseline.read_text(encoding="utf-8"), encoding="utf-8")
    site = tmp_path / "site"

    problems = deep_link_problems(project, site, registry)
    assert problems and all("is published but not listed" in p.message for p in problems), problems

    html = LexborHTMLParser((site / "services/sqs/index.html").read_text(encoding="utf-8"))
    alias = html.css_first(f"#{old}")
    assert alias is not None and alias.attributes.get("data-anchor-alias") == new
    assert alias.next is not None and alias.next.tag == "h3" and alias.next.attributes.get("id") == new

    inputs = Inputs(Project(project), Site(site), registry)
    assert update_registry(inputs), "make registry adds the new links"
    assert check_registry(inputs) == []
    kept = {entry for _, entry in read_registry(registry)}
    assert {f"/services/sqs/#{old}", "/errata/", f"/services/sqs/#{new}"} <= kept, "make registry never drops a link"


def test_alias_whose_note_is_gone_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    note = scan_markdown((project / "docs/services/sqs.md").read_text(encoding="utf-8"), "services/sqs.md")[0]
    aliases = project / "macros/data/anchor_aliases.yml"
    typo = note.id[:-1]
    text = aliases.read_text(encoding="utf-8").replace("aliases: {}", f"aliases:\n  old-id: {typo}")
    aliases.write_text(text, encoding="utf-8")
    _, problems = build(Project(project), tmp_path / "site")
    assert [p.file for p in problems] == ["macros/data/anchor_aliases.yml"]
    assert f"alias target not found: 'old-id' -> '{typo}' (no heading has that id; closest: {note.id}" in problems[0].message
