"""The catalog, the nav and the pages agree: one page per entry, each in the nav, with matching metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.catalog import load_catalog
from tests.conftest import ROOT, front_matter, mkdocs_build
from tests.gate.project import Project, nav_files, plugin_config

CATALOG = load_catalog()


PROJECT = Project(ROOT)


def _mkdocs_nav() -> list[str]:
    return nav_files(PROJECT.config["nav"])


def test_every_catalog_entry_has_a_page_in_nav() -> None:
    nav = _mkdocs_nav()
    for entry in CATALOG.entries:
        assert (ROOT / "docs" / entry.src_path).is_file(), f"no page for catalog entry {entry.id}"
        assert entry.src_path in nav, f"{entry.src_path} is missing from nav in mkdocs.yml"


def test_every_service_page_has_a_catalog_entry() -> None:
    known = {e.src_path for e in CATALOG.entries}
    for folder in ("services", "topics"):
        for path in (ROOT / "docs" / folder).glob("*.md"):
            src = path.relative_to(ROOT / "docs").as_posix()
            assert src in known, f"{src} has no entry in macros/data/services.yml"


def test_nav_is_grouped_by_catalog_category() -> None:
    nav = PROJECT.config["nav"]
    sections = {k: v for item in nav if isinstance(item, dict) for k, v in item.items()}
    for category, entries in CATALOG.by_category():
        assert sorted(nav_files(sections.get(category, []))) == sorted(e.src_path for e in entries), category


@pytest.mark.parametrize("entry", CATALOG.entries, ids=lambda e: e.id)
def test_front_matter_matches_catalog(entry) -> None:  # type: ignore[no-untyped-def]
    meta = front_matter(ROOT / "docs" / entry.src_path)
    assert meta.get("service") == entry.id
    assert meta.get("title") == entry.name
    assert meta.get("tags") == CATALOG.tags_for(entry), (
        f"tags of {entry.src_path} must be its category then its domains: {CATALOG.tags_for(entry)}"
    )
    assert str(meta.get("description", "")).strip(), "description is required (search and link previews)"


def test_tags_allowed_match_catalog_and_exam() -> None:
    expected = [*CATALOG.categories, *(d.name for d in CATALOG.exam.domains)]
    assert (plugin_config(PROJECT.config, "tags") or {}).get("tags_allowed") == expected, (
        f"set plugins.tags.tags_allowed in mkdocs.yml to the catalog categories then the exam domains: {expected}"
    )


def test_tag_typo_fails_build(project_copy: Path, tmp_path: Path) -> None:
    page = project_copy / "docs/services/sqs.md"
    page.write_text(page.read_text(encoding="utf-8").replace("- Integration & messaging", "- Integration & mesaging", 1),
                    encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "Integration & mesaging" in result.stdout + result.stderr
