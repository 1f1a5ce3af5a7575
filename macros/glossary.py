"""The Glossary page, read from the abbreviations file that pymdownx.snippets appends to every page.

One file defines each abbreviation once: every page shows it as a tooltip (abbr + snippets
auto_append), and glossary() lays the same definitions out as a table.
"""

from __future__ import annotations

import re
from pathlib import Path

from .context import Context

ABBREVIATIONS = Path("includes/abbreviations.md")  # relative to docs/
DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>.+?)\s*$")


def parse(text: str) -> list[tuple[str, str]]:
    """(term, meaning) pairs in file order; other lines are ignored."""
    return [(m["term"], m["meaning"]) for line in text.splitlines() if (m := DEFINITION.match(line))]


def glossary(ctx: Context, page: str) -> str:
    """A table of every abbreviation, sorted case-insensitively."""
    pairs = parse((ctx.docs_dir / ABBREVIATIONS).read_text(encoding="utf-8"))
    rows = [f"| {term} | {meaning} |" for term, meaning in sorted(pairs, key=lambda p: p[0].lower())]
    return "\n".join(["| Abbreviation | Meaning |", "| --- | --- |", *rows])


MACROS = {"glossary": glossary}
