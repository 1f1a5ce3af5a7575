"""Rule 7: no unrendered template syntax and no macro error text in any built page.

Precisely: `{{`, `{%` or `{#` in a page's visible text outside code (`<pre>`, `<code>`) or in a link
or image address is a macro that did not run (render_macros off, a stray raw block). Inside code it
is a sample the page means to show, e.g. CloudFormation's `{{resolve:ssm:...}}`, which a page writes
in a `{% raw %}` block. mkdocs-macros' error text is a problem anywhere in a page, code included.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from .config import gate_config
from .problem import TEMPLATE, Problem
from .project import Inputs

OPENERS = re.compile(r"\{\{|\{%|\{#")
NOT_TEXT = "pre, code, script, style, textarea, template"
FIX = (
    "a macro call that did not run: check the page's front matter (render_macros) and {% raw %} blocks; "
    "to show template syntax on purpose, put it in a code block inside {% raw %} ... {% endraw %}"
)


def _snippet(text: str, start: int) -> str:
    """The text node (line of the page text) holding the match, shortened."""
    begin = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    line = " ".join(text[begin: end if end != -1 else len(text)].split())
    return line if len(line) <= 100 else line[:97] + "..."


def _visible_text(html: str) -> str:
    """The page's text outside code, scripts and styles (a fresh parse: the cached tree stays whole)."""
    tree = LexborHTMLParser(html)
    for node in tree.css(NOT_TEXT):
        node.decompose()
    return tree.body.text(separator="\n") if tree.body else ""


def page_problems(inputs: Inputs, rel: str) -> list[Problem]:
    html = inputs.site.text(rel)
    problems = []
    for marker in gate_config()["template_syntax"]["macro_errors"]:
        if marker in html:
            source = inputs.source_of(rel)
            problems.append(Problem(TEMPLATE, source, None, f"the page shows mkdocs-macros error text {marker!r}",
                                    "fix the macro call; keep on_error_fail: true in mkdocs.yml so errors fail the build"))
    text = _visible_text(html)
    for match in OPENERS.finditer(text):
        found = text[match.start(): match.start() + 40].split("\n")[0]
        source, line = inputs.locate(rel, found)
        snippet = _snippet(text, match.start())
        problems.append(Problem(TEMPLATE, source, line, f"unrendered template syntax in the page text: {snippet!r}", FIX))
    for node in inputs.site.tree(rel).css("a[href], img[src]"):
        value = node.attributes.get("href") or node.attributes.get("src") or ""
        if OPENERS.search(value) or re.search(r"%7B(%7B|%25|%23)", value, re.IGNORECASE):
            source, line = inputs.locate(rel, value)
            problems.append(Problem(TEMPLATE, source, line, f"unrendered template syntax in an address: {value!r}", FIX))
    return problems


def check_template(inputs: Inputs) -> list[Problem]:
    return [p for rel in inputs.site.html_files() for p in page_problems(inputs, rel)]
