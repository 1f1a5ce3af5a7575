"""MkDocs hook: drop the blank lines and indentation Material's templates leave between elements.

Material's Jinja loops leave runs of blank, indented lines in every page, most of them in the
navigation, which is repeated on every page: about a sixth of a page's HTML today, and more than
two fifths at 1,000 pages (make bench). Each run of whitespace that contains a line break becomes
one line break. Outside preformatted text a browser renders any whitespace run as one space, so the
page reads the same; preformatted elements (pre, code, kbd, textarea, script, style) and attribute
values are left exactly as they are.
"""

from __future__ import annotations

import re
from typing import Any

# A tag, with quoted attribute values that may contain ">".
TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")
# Elements whose whitespace is significant (Material styles code and kbd with white-space: pre-wrap).
KEEP = re.compile(
    r"""(<(pre|code|kbd|textarea|script|style)\b(?:[^>"']|"[^"]*"|'[^']*')*>.*?</\2\s*>)""",
    re.DOTALL | re.IGNORECASE,
)
BREAK_RUN = re.compile(r"[ \t\r\n]*\n[ \t\r\n]*")


def _collapse_text(html: str) -> str:
    pieces = TAG.split(html)
    pieces[0::2] = [BREAK_RUN.sub("\n", text) for text in pieces[0::2]]
    return "".join(pieces)


def collapse(html: str) -> str:
    """The same document with every whitespace run that holds a line break reduced to one line break."""
    parts = KEEP.split(html)  # [outside, kept element, its tag name, outside, ...]
    out = []
    for i in range(0, len(parts), 3):
        out.append(_collapse_text(parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return collapse(output)
