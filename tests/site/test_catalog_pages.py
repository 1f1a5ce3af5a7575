"""The catalog, the nav and the pages agree: one page per entry, each in the nav, with matching metadata."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.catalog import load_catalog
from tests.conftest import ROOT

CATALOG = load_catalog()


def _nav_files(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [f for item in node for f in _nav_files(item)]
    if isinstance(node, dict):
        return [f for value in node.values() for f in _nav_files(value)]
    return []


def _mkdocs_nav() -> list[str]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *a: None)
    Loader.add_multi_constructor("!", lambda *a: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    return _nav_files(config["nav"])


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path} has no front matter"
    return yaml.safe_load(text.split("---\n", 2)[1])


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
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *a: None)
    nav = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["nav"]
    sections = {k: v for item in nav if isinstance(item, dict) for k, v in item.items()}
    for category, entries in CATALOG.by_category():
        assert sorted(_nav_files(sections.get(category, []))) == sorted(e.src_path for e in entries), category


@pytest.mark.parametrize("entry", CATALOG.entries, ids=lambda e: e.id)
def test_front_matter_matches_catalog(entry) -> None:  # type: ignore[no-untyped-def]
    meta = _front_matter(ROOT / "docs" / entry.src_path)
    assert meta.get("service") == entry.id
    assert meta.get("title") == entry.name
    assert meta.get("tags") == CATALOG.tags_for(entry), (
        f"tags of {entry.src_path} must be its category then its domains: {CATALOG.tags_for(entry)}"
    )
    assert str(meta.get("description", "")).strip(), "description is required (search and link previews)"
