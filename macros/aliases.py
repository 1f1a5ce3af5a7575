"""Search by alias: each catalog page shows the names readers type for it, under its H1.

Material indexes the text between the H1 and the first H2 with the page itself, so a reader
searching "DDB" or "dynamo db" gets the DynamoDB page. The aliases come from the catalog.
"""

from __future__ import annotations

import re

from .catalog import Entry

H1 = re.compile(r"^# .+$", re.MULTILINE)


def alias_paragraph(entry: Entry) -> str:
    names = ", ".join(entry.aliases)
    return f"Also searched as: {names}\n{{: .dva-aliases }}"


def with_aliases(markdown: str, entry: Entry) -> str:
    """Insert the alias paragraph right after the page's H1 (unchanged if there is no H1)."""
    match = H1.search(markdown)
    if match is None:
        return markdown
    end = match.end()
    return f"{markdown[:end]}\n\n{alias_paragraph(entry)}\n{markdown[end:]}"
