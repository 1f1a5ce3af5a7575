"""Rule 11: the only template syntax in docs/ is a call to one of the site's macros with literal arguments.

mkdocs-macros renders every Markdown page with Jinja before MkDocs sees it, so a page-only pull request
could otherwise run Python in CI: `{{ config }}`, attribute walks to `__globals__`, `range(10**9)`.
Allowed: `{{ name("literal", 2, key=True) }}` where `name` is a macro `macros/` registers, and
`{% raw %} ... {% endraw %}` around text that must stay literal. Everything else (variables, filters,
attribute or item access, `{% set %}`/`{% if %}`/`{% for %}`/`{% include %}`, `{# comments #}`) fails.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2 import nodes

from macros import macro_names

from .problem import MACRO_CALLS, Problem
from .project import Project

FIX = (
    'only calls to the site\'s macros with literal arguments, e.g. {{ note("sqs-long-polling") }}; '
    "to show braces literally, put them inside {% raw %} ... {% endraw %}"
)
def _literal(node: nodes.Node) -> bool:
    if isinstance(node, nodes.Const):
        return True
    if isinstance(node, nodes.List | nodes.Tuple):
        return all(_literal(item) for item in node.items)
    if isinstance(node, nodes.Neg | nodes.Pos):  # -1
        return isinstance(node.node, nodes.Const)
    return False


def _call_problem(node: nodes.Node, names: set[str]) -> str | None:
    """Why an expression inside {{ }} is not allowed, or None."""
    if not isinstance(node, nodes.Call) or not isinstance(node.node, nodes.Name):
        return f"`{type(node).__name__}` expression: only a macro call may appear inside {{{{ }}}}"
    name = node.node.name
    if name not in names:
        return f"`{name}(...)` is not one of the site's macros ({', '.join(sorted(names))})"
    if node.dyn_args is not None or node.dyn_kwargs is not None:
        return f"`{name}(...)` unpacks arguments (* or **); write each argument as a literal"
    if not all(_literal(arg) for arg in node.args) or not all(_literal(kw.value) for kw in node.kwargs):
        return f"`{name}(...)` has an argument that is not a literal (a variable, an expression or a call)"
    return None


def _lexed(env: jinja2.Environment, text: str) -> list[tuple[int, str]]:
    """(line, problem) for statements and comments: only {% raw %} blocks may use {% %}."""
    found = []
    tokens = list(env.lex(text))
    for i, (line, kind, _value) in enumerate(tokens):
        if kind == "comment_begin":
            found.append((line, "a Jinja comment `{# ... #}`: it hides text from the page; delete it or use an HTML comment"))
        elif kind == "block_begin":
            name = next((v for _, k, v in tokens[i + 1:] if k == "name"), "?")
            found.append((line, f"a `{{% {name} %}}` statement: pages may not use Jinja statements"))
    return found


def check_file(path: Path, rel: str, names: set[str]) -> list[Problem]:
    env = jinja2.Environment()  # mkdocs-macros' delimiters: we configure no j2_* overrides
    text = path.read_text(encoding="utf-8")
    try:
        found = _lexed(env, text)
        tree = env.parse(text)
    except jinja2.TemplateSyntaxError as exc:
        return [Problem(MACRO_CALLS, rel, exc.lineno, f"template syntax error: {exc.message}", FIX)]
    for output in tree.find_all(nodes.Output):
        for node in output.nodes:
            if isinstance(node, nodes.TemplateData):
                continue
            problem = _call_problem(node, names)
            if problem:
                found.append((node.lineno, problem))
    return [Problem(MACRO_CALLS, rel, line, message, FIX) for line, message in sorted(set(found))]


def check_macro_calls(project: Project) -> list[Problem]:
    names = macro_names()
    return [p for path in sorted(project.docs.rglob("*.md")) for p in check_file(path, project.rel(path), names)]
