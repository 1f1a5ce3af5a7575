"""Search by alias: give each catalog page's own search entry an `aliases` field.

Material's search worker indexes every field named under `plugins.search.fields` in mkdocs.yml.
The aliases field (boosted there) is filled from the catalog, so "DDB", "KDS" or "beanstalk"
rank the service page above notes that merely mention the word. The entries themselves are
Material's; this adds one field to the page-level entry of each catalog page.
"""

from __future__ import annotations

import json
from pathlib import Path

from .catalog import Catalog

INDEX = Path("search/search_index.json")
# The names a "Did you mean ...?" offers when a search finds nothing (docs/javascripts/didyoumean.js).
NAMES = Path("search/names.json")


def page_location(src_path: str, directory_urls: bool = True) -> str:
    """The search location of a page built with directory URLs: services/sqs.md -> services/sqs/; without
    them (the offline copy, mkdocs-offline.yml): services/sqs.html."""
    return src_path.removesuffix(".md") + ("/" if directory_urls else ".html")


def add_aliases(index: dict, catalog: Catalog, directory_urls: bool = True) -> dict:
    """Return the index with `aliases` on the page-level entry of every catalog page."""
    aliases = {page_location(e.src_path, directory_urls): [e.name, *e.aliases] for e in catalog.entries}
    for doc in index["docs"]:
        if doc["location"] in aliases:
            doc["aliases"] = aliases[doc["location"]]
    return index


def rewrite(site_dir: Path, catalog: Catalog, directory_urls: bool = True) -> None:
    """Add the aliases to the built search index in place (no-op if search is off)."""
    path = site_dir / INDEX
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(add_aliases(index, catalog, directory_urls), separators=(",", ":")), encoding="utf-8")


def names(catalog: Catalog, directory_urls: bool = True) -> list[dict]:
    """Every catalog page's name and aliases with its URL from the site root, for did-you-mean."""
    return [{"name": e.name, "aliases": list(e.aliases), "url": page_location(e.src_path, directory_urls)}
            for e in catalog.entries]


def write_names(site_dir: Path, catalog: Catalog, directory_urls: bool = True) -> None:
    path = site_dir / NAMES
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(names(catalog, directory_urls), separators=(",", ":"), ensure_ascii=False),
                    encoding="utf-8")
