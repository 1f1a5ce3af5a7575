"""Aliases reach search as a boosted field on the page's own entry only: they are never printed into a
page's text, where they would pollute result snippets and rank a page for another service's name."""

from __future__ import annotations

import json

from macros.catalog import load_catalog
from macros.search_index import add_aliases, page_location

CATALOG = load_catalog()
DYNAMODB = CATALOG.find("dynamodb")


def test_only_page_level_entries_get_aliases() -> None:
    index = {"docs": [
        {"location": "services/dynamodb/", "title": "Amazon DynamoDB", "text": ""},
        {"location": "services/dynamodb/#dynamodb-dax", "title": "DAX", "text": ""},
        {"location": "errata/", "title": "Errata", "text": ""},
    ]}
    docs = add_aliases(index, CATALOG)["docs"]
    assert "DDB" in docs[0]["aliases"] and docs[0]["aliases"][0] == "Amazon DynamoDB"
    assert "aliases" not in docs[1] and "aliases" not in docs[2]


def test_page_location_matches_directory_urls() -> None:
    assert page_location("topics/serverless.md") == "topics/serverless/"


def test_aliases_are_not_printed_into_pages(built_site) -> None:  # type: ignore[no-untyped-def]
    """"serverless functions" (a Lambda alias) must not sit in Lambda's text, or "step functions" ranks Lambda."""
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        assert "Also searched as" not in doc["text"], doc["location"]
    lambda_page = (built_site / "services/lambda/index.html").read_text(encoding="utf-8")
    assert "dva-aliases" not in lambda_page and "serverless functions" not in lambda_page.lower()
    entry = next(d for d in index["docs"] if d["location"] == "services/lambda/")
    assert "serverless functions" in entry["aliases"]
