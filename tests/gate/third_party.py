"""Rule 8: the built site fetches nothing from another host: no CDN script, font, stylesheet,
image or frame in HTML or CSS, no remote URL in the site's own scripts, and none of the theme
script's remote loaders switched on (each needs a trigger element on the page, see gate.yml).
tests/site/test_third_party.py also records every request real pages make in chromium.
"""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import urlsplit

from .config import gate_config
from .problem import THIRD_PARTY, Problem
from .project import Inputs
from .refs import Ref, css_text_refs, html_refs

JS_URL = re.compile(r"""["'`](?P<url>(?:https?:)?//[a-zA-Z0-9.-]+[^"'`\s]*)""")
FIX = "serve the file from docs/ (copy it into the repository) or remove it; the site may not contact other hosts"


def _foreign(url: str, own_host: str) -> bool:
    host = urlsplit(url).hostname
    return bool(host) and host != own_host


def _fetch_problems(inputs: Inputs, refs: list[Ref]) -> list[Problem]:
    by_url: dict[tuple[str, str], list[str]] = defaultdict(list)
    for ref in refs:
        if ref.fetches and ref.external and _foreign(ref.url, inputs.project.own_host):
            by_url[(ref.url, ref.how)].append(ref.source)
    problems = []
    for (url, how), where in sorted(by_url.items()):
        file, line = inputs.locate(where[0], url)
        count = f" on {len(where)} page(s)" if len(where) > 1 else ""
        problems.append(Problem(THIRD_PARTY, file, line, f"{how} loads {url} from another host{count}", FIX))
    return problems


def _script_problems(inputs: Inputs) -> list[Problem]:
    problems = []
    for rel in sorted(inputs.own_files(".js")):
        for match in JS_URL.finditer(inputs.site.text(rel)):
            if _foreign(match["url"], inputs.project.own_host):
                file, line = inputs.locate(rel, match["url"])
                problems.append(Problem(THIRD_PARTY, file, line, f"script refers to {match['url']} on another host", FIX))
    return problems


def _theme_loader_problems(inputs: Inputs) -> list[Problem]:
    problems = []
    for loader in gate_config()["third_party"]["theme_loaders"]:
        pages = [rel for rel in inputs.site.pages() if inputs.site.tree(rel).css_first(loader["trigger"])]
        if pages:
            problems.append(Problem(
                THIRD_PARTY, inputs.source_of(pages[0]), None,
                f"{loader['trigger']} on {len(pages)} page(s) (first: {pages[0]}) makes Material's script fetch "
                f"from {loader['host']}: {loader['why']}",
                loader["fix"],
            ))
    return problems


def check_third_party(inputs: Inputs) -> list[Problem]:
    refs = [ref for rel in inputs.site.html_files() for ref in html_refs(inputs.site, rel)]
    refs += [ref for rel in inputs.site.files(".css") for ref in css_text_refs(rel, inputs.site.text(rel))]
    return _fetch_problems(inputs, refs) + _script_problems(inputs) + _theme_loader_problems(inputs)
