"""The page chrome from overrides/: link-preview tags, the last_verified line, Material's patched partials."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from macros.catalog import load_catalog
from macros.hooks.page_meta import parse_verified
from tests.conftest import ROOT, front_matter, mkdocs_build


def _pages() -> list[tuple[str, dict]]:
    """(built HTML path, front matter) for every Markdown page in docs/ except snippets."""
    docs = ROOT / "docs"
    pages = []
    for src in sorted(docs.rglob("*.md")):
        rel = src.relative_to(docs).as_posix()
        if rel.startswith("includes/"):
            continue
        html = "index.html" if rel == "index.md" else rel.removesuffix(".md") + "/index.html"
        pages.append((html, front_matter(src)))
    return pages


def _meta(tree: HTMLParser, attr: str, key: str) -> str | None:
    node = tree.css_first(f'meta[{attr}="{key}"]')
    return node.attributes.get("content") if node else None


def preview_problems(site: Path, html: str, meta: dict) -> list[str]:
    """What is missing or wrong in one page's meta description and Open Graph / Twitter tags."""
    tree = HTMLParser((site / html).read_text(encoding="utf-8"))
    description = str(meta.get("description", "")).strip()
    if not description:
        return [f"{html}: no front-matter description; its meta description and link preview fall back to site_description"]
    expected = {
        ("name", "description"): description,
        ("property", "og:description"): description,
        ("name", "twitter:description"): description,
        ("property", "og:title"): str(meta.get("title", "")) or None,
        ("property", "og:site_name"): "DVA Notes",
        ("name", "twitter:card"): "summary_large_image",
        ("property", "og:image"): "https://dva-notes.github.io/assets/images/card.png",
    }
    problems = [
        f"{html}: <meta {attr}={key!r}> is {_meta(tree, attr, key)!r}, expected {want!r}"
        for (attr, key), want in expected.items()
        if want is not None and _meta(tree, attr, key) != want
    ]
    canonical = tree.css_first('link[rel="canonical"]')
    if canonical is None or _meta(tree, "property", "og:url") != canonical.attributes.get("href"):
        problems.append(f"{html}: og:url must equal the canonical URL")
    return problems


def test_every_page_has_its_own_link_preview(built_site: Path) -> None:
    problems = [p for html, meta in _pages() for p in preview_problems(built_site, html, meta)]
    assert not problems, "\n".join(problems)


def test_link_preview_check_catches_a_page_without_description(project_copy: Path, tmp_path: Path) -> None:
    errata = project_copy / "docs/errata.md"
    text = errata.read_text(encoding="utf-8")
    errata.write_text("\n".join(line for line in text.splitlines() if not line.startswith("description:")) + "\n")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert preview_problems(tmp_path / "out", "errata/index.html", front_matter(errata)) == [
        "errata/index.html: no front-matter description; its meta description and link preview fall back to site_description"
    ]


def test_last_verified_is_shown_as_a_time_element(built_site: Path) -> None:
    checked = []
    for html, meta in _pages():
        if "last_verified" not in meta:
            continue
        day = meta["last_verified"]
        day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
        node = HTMLParser((built_site / html).read_text(encoding="utf-8")).css_first("article .dva-verified time")
        assert node is not None, f"{html}: no 'Facts checked against AWS documentation' line"
        assert node.attributes.get("datetime") == day.isoformat(), html
        assert node.text() == f"{day.day} {day:%B} {day.year}", html
        checked.append(html)
    catalog_pages = {e.src_path.removesuffix(".md") + "/index.html" for e in load_catalog().entries}
    assert catalog_pages <= set(checked), f"catalog pages without a last_verified line: {sorted(catalog_pages - set(checked))}"


def test_verified_line_wording(built_site: Path) -> None:
    node = HTMLParser((built_site / "services/sqs/index.html").read_text(encoding="utf-8")).css_first(".dva-verified")
    assert node is not None
    assert " ".join(node.text().split()).startswith("Facts checked against AWS documentation on ")


def test_bad_last_verified_fails_build(project_copy: Path, tmp_path: Path) -> None:
    """The wiring: a bad date in a page's front matter stops the real build with the page and the value."""
    page = project_copy / "docs/services/sqs.md"
    text = page.read_text(encoding="utf-8")
    lines = ["last_verified: '2026-11-31'" if line.startswith("last_verified:") else line for line in text.splitlines()]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    complaint = "docs/services/sqs.md: last_verified '2026-11-31' is not a real date written YYYY-MM-DD"
    assert complaint in result.stdout + result.stderr


# Python's date.fromisoformat also accepts the basic and the week-date forms; the YYYY-MM-DD guard must not.
@pytest.mark.parametrize("value", ["2026-11-31", "30/11/2026", "20261130", "2026-W48-1", "2026-11-30T10:00", " 2026-11-30"])
def test_parse_verified_refuses_anything_but_yyyy_mm_dd(value: str) -> None:
    with pytest.raises(PluginError, match=r"docs/x\.md: last_verified .* is not a real date written YYYY-MM-DD"):
        parse_verified(value, "x.md")


def test_parse_verified_accepts_yaml_dates_and_strings() -> None:
    parse = parse_verified
    assert parse(dt.date(2026, 11, 30), "x.md").text == "30 November 2026"
    assert parse("2026-01-05", "x.md").iso == "2026-01-05"
    assert parse("2026-01-05", "x.md").text == "5 January 2026"


def test_patched_partials_are_in_the_built_site(built_site: Path) -> None:
    html = (built_site / "services/sqs/index.html").read_text(encoding="utf-8")
    tree = HTMLParser(html)
    assert tree.css_first(".md-search").attributes.get("aria-label") == "Search"
    assert tree.css_first(".md-progress").attributes.get("aria-label") == "Loading page"
    assert tree.css_first("nav.md-tags").attributes.get("aria-label") == "Tags"
    # Without data-md-component="source" Material's script never calls api.github.com.
    assert tree.css_first("a.md-source") is not None
    assert 'data-md-component="source"' not in html


def test_a_patch_that_no_longer_applies_fails_build(project_copy: Path, tmp_path: Path) -> None:
    patches = project_copy / "macros/hooks/partials.yml"
    patches.write_text(patches.read_text(encoding="utf-8").replace("role=\"dialog\"'", "role=\"modal\"'", 1))
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert (
        "macros/hooks/partials.yml: partials/search.html: expected 'role=\"modal\"' once in Material's template, "
        "found it 0 times; Material changed this partial" in result.stdout + result.stderr
    )
