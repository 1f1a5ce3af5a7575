"""macros/hooks/whitespace.py: smaller pages that read exactly the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

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
