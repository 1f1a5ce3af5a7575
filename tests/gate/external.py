"""Rule 5: external links are https, never local or bare IP addresses or shorteners, and go only
to hosts on the allow-list in tests/gate/gate.yml. Checked on every link of the built site, so links
written by macros, the theme and mkdocs.yml count too. `make linkcheck-external` checks them online.
"""

from __future__ import annotations

import ipaddress
from collections import defaultdict
from collections.abc import Iterator
from urllib.parse import urlsplit

from .config import gate_config
from .problem import EXTERNAL, Problem
from .project import Inputs
from .refs import html_refs

ALLOW_LIST = "tests/gate/gate.yml (external_links)"


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def classify(url: str, own_prefixes: tuple[str, ...]) -> tuple[str, str] | None:
    """None for an acceptable external link; else (what is wrong, how to fix it).

    `own_prefixes` are the site's and the repository's addresses, always allowed (ending in /).
    """
    settings = gate_config()["external_links"]
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https":
        scheme = f"{parts.scheme}://" if parts.scheme else "a protocol-relative //"
        return f"uses {scheme} instead of https://", "write the https:// address (every allowed host serves https)"
    if host == "localhost" or host.endswith(".localhost") or _is_ip(host):
        return "points at localhost or a bare IP address", "link to the public https address of the page instead"
    if host in settings["shorteners"]:
        return f"goes through the link shortener {host}", "link to the final address the short link redirects to"
    prefixes = (*settings["allowed_prefixes"], *own_prefixes)
    if host in settings["allowed_hosts"] or any(url.startswith(p) or url == p.rstrip("/") for p in prefixes):
        return None
    return f"goes to {host}, which is not on the allow-list", f"link to official documentation, or add the host to {ALLOW_LIST}"


def _own_prefixes(inputs: Inputs) -> tuple[str, ...]:
    repo = str(inputs.project.config.get("repo_url") or "").rstrip("/")
    return tuple(p for p in (inputs.project.site_url, repo + "/" if repo else "") if p)


def _links(inputs: Inputs) -> Iterator[tuple[str, str]]:
    """(url, built file) for every external link a reader can follow; what a page fetches is rule 8."""
    for rel in inputs.site.html_files():
        for ref in html_refs(inputs.site, rel):
            if ref.external and not ref.fetches:
                yield ref.url, rel


def check_external(inputs: Inputs) -> list[Problem]:
    own = _own_prefixes(inputs)
    seen: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for url, rel in _links(inputs):
        verdict = classify(url, own)
        if verdict:
            seen[(url, *verdict)].append(rel)
    problems = []
    for (url, what, fix), pages in sorted(seen.items()):
        file, line = inputs.locate(pages[0], url)
        count = f" ({len(pages)} page(s))" if len(pages) > 1 else ""
        problems.append(Problem(EXTERNAL, file, line, f"external link {url} {what}{count}", fix))
    return problems


def external_links(inputs: Inputs) -> list[str]:
    """Every distinct external link except the site's and the repository's own (for `make linkcheck-external`)."""
    own = _own_prefixes(inputs)
    return sorted({url for url, _ in _links(inputs) if not any(url.startswith(p) or url == p.rstrip("/") for p in own)})
