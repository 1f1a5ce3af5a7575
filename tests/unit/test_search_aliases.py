"""Aliases reach search two ways: a visible line under the H1, and a boosted field on the page's entry."""

from __future__ import annotations

from macros.aliases import with_aliases
from macros.catalog import load_catalog
from macros.search_index import add_aliases, page_location

CATALOG = load_catalog()
DYNAMODB = CATALOG.find("dynamodb")


def test_alias_line_goes_after_the_intro_before_the_first_h2() -> None:
    assert DYNAMODB is not None
    md = with_aliases("# Amazon DynamoDB\n\nSummary.\n\n## Key facts\n\n## Exam tips\n", DYNAMODB)
    assert md.index("Summary.") < md.index("Also searched as: DynamoDB, dynamo db") < md.index("## Key facts")
    assert md.count("Also searched as") == 1


def test_alias_line_at_the_end_without_h2() -> None:
    assert DYNAMODB is not None
    assert with_aliases("# Amazon DynamoDB\n\nSummary.\n", DYNAMODB).rstrip().endswith("{: .dva-aliases }")


def test_page_without_h1_is_unchanged() -> None:
    assert DYNAMODB is not None
    assert with_aliases("No heading here.\n", DYNAMODB) == "No heading here.\n"


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
