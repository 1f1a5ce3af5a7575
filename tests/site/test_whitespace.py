"""macros/hooks/whitespace.py: smaller pages that read exactly the same."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from macros.hooks import whitespace
from macros.hooks.whitespace import collapse
from tests.conftest import mkdocs_build


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<ul>\n    \n  <li>a</li>\n\n    <li>b</li>\n</ul>", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
        ("<p>one\n     two  three</p>", "<p>one\ntwo  three</p>"),  # a run without a line break stays
        ("<pre><code>x = 1\n\n    y = 2\n</code></pre>", "<pre><code>x = 1\n\n    y = 2\n</code></pre>"),
        ("<p>a <code>b\n\n  c</code>\n\n d</p>", "<p>a <code>b\n\n  c</code>\nd</p>"),
        ("<kbd>Ctrl\n  +</kbd>", "<kbd>Ctrl\n  +</kbd>"),
        ("<textarea>\n  keep\n</textarea>", "<textarea>\n  keep\n</textarea>"),
        ('<script type="application/json">{"a":\n   "b > c"}</script>', '<script type="application/json">{"a":\n   "b > c"}</script>'),  # noqa: E501
        ('<div title="x > y\n   z">\n\n  t</div>', '<div title="x > y\n   z">\nt</div>'),
        ("<div data-spec='{\"k\": \"a\n   b\"}'>\n  </div>", "<div data-spec='{\"k\": \"a\n   b\"}'>\n</div>"),
    ],
)
def test_collapse(html: str, expected: str) -> None:
    assert collapse(html) == expected
    assert collapse(expected) == expected


def _by_the_definition(html: str) -> str:
    """The rule as the hook's docstring states it, written the slow way: outside the kept elements and the
    attribute values, every BREAK_RUN becomes one line break."""
    parts = whitespace.KEEP.split(html)
    out = []
    for i in range(0, len(parts), 3):
        pieces = whitespace.ATTRIBUTE_VALUE.split(parts[i])
        pieces[0::2] = [whitespace.BREAK_RUN.sub("\n", text) for text in pieces[0::2]]
        out.append("".join(pieces))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)


# Fragments that meet every path: kept elements, tags with a line break in a quoted value (the careful path),
# text that only looks like one, whitespace before and after line breaks.
FRAGMENTS = ['<a title="x\n  y">', "<a title='p\n q'>", '<a title= \n "z">', "<a\n  href=x>", "<p>", "</p>",
             " ", "\n", "\t", "\r", "x", '"', "'", "=", ' = "', "<pre>", "</pre>", "<code>a\n  b</code>", "  \n  ",
             ">", "<", "<kbd>\n k</kbd>"]


def test_the_fast_path_agrees_with_the_definition() -> None:
    """The hook's two C-level passes, and its careful path for pages with a line break in an attribute value,
    give what the rule gives, on 20,000 random mixes of the awkward cases."""
    rng = random.Random(15)
    for _ in range(20_000):
        html = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 30)))
        assert collapse(html) == _by_the_definition(html), repr(html)


def test_the_fast_path_agrees_on_the_built_pages(built_site: Path) -> None:
    for page in sorted(built_site.rglob("*.html"))[:40]:
        html = page.read_text(encoding="utf-8").replace("\n", "\n  \n  ")  # put the blank runs back
        assert collapse(html) == _by_the_definition(html), page


KEPT = "pre, code, kbd, textarea, script, style"


def _signature(path: Path) -> tuple[list[tuple[str, dict]], str, list[str]]:
    """What a reader and a script see: every element with its attributes, the text, preformatted text."""
    tree = HTMLParser(path.read_text(encoding="utf-8"))
    elements = [(node.tag, dict(node.attributes)) for node in tree.root.traverse() if node.tag != "-text"]
    text = " ".join(tree.body.text(separator=" ").split()) if tree.body else ""
    kept = [node.html or "" for node in tree.css(KEPT)]
    return elements, text, kept


def test_collapsed_site_reads_the_same(built_site: Path, project_copy: Path, tmp_path: Path) -> None:
    """The site built with the hook (the session's build) and without it: same elements, attributes,
    text and code."""
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - macros/hooks/whitespace.py\n", ""))
    result = mkdocs_build(project_copy, tmp_path / "raw")
    assert result.returncode == 0, result.stderr
    raw_total = collapsed_total = 0
    for raw in sorted((tmp_path / "raw").rglob("*.html")):
        page = raw.relative_to(tmp_path / "raw")
        collapsed = built_site / page
        assert _signature(raw) == _signature(collapsed), f"{page} reads differently once collapsed"
        raw_total += raw.stat().st_size
        collapsed_total += collapsed.stat().st_size
    # At least 5 %: the question forms are written collapsed already, so the share fell from 15 % to 9 %.
    assert collapsed_total < 0.95 * raw_total, (raw_total, collapsed_total)
