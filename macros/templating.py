"""The one Jinja environment for the HTML the macros produce (macros/templates/): layout only.

Every value a template shows is computed in Python first; templates loop and print, nothing more.
The output is collapsed to one element per line with no blank lines, so Markdown keeps it as one raw
HTML block wherever a macro places it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, **values: Any) -> str:
    html = environment().get_template(template).render(**values)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())
