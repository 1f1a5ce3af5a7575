"""Search by alias: each catalog page shows the names readers type for it, after its summary.

Material indexes the text between the H1 and the first H2 with the page itself, so the line
sits there: a reader searching "DDB" or "dynamo db" sees why the DynamoDB page matched.
The aliases come from the catalog.
"""

from __future__ import annotations

import re

from .catalog import Entry

H1 = re.compile(r"^# .+$", re.MULTILINE)
H2 = re.compile(r"^## ", re.MULTILINE)


def alias_paragraph(entry: Entry) -> str:
    names = ", ".join(entry.aliases)
    return f"Also searched as: {names}\n{{: .dva-aliases }}"


def with_aliases(markdown: str, entry: Entry) -> str:
    """Insert the alias paragraph after the page's intro, before its first H2.

    Unchanged if there is no H1; at the end if there is no H2 after it.
    """
    h1 = H1.search(markdown)
    if h1 is None:
        return markdown
    h2 = H2.search(markdown, h1.end())
    at = h2.start() if h2 else len(markdown)
    return f"{markdown[:at].rstrip()}\n\n{alias_paragraph(entry)}\n\n{markdown[at:]}"
