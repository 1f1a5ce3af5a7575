"""Rule 2: every internal link and fragment in the built site resolves.

lychee (a maintained checker, run offline) follows every link in every HTML file: content, macro
output, navigation, tags pages, redirect stubs. (A missing image or stylesheet it also finds is
left to rule 6, which reports every fetched file.) What lychee does not read is checked here: the
locations in Material's search index, the sitemap and the tags export.
"""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .problem import LINKS, Problem
from .project import Inputs, Site, tool
from .refs import html_refs

LINK_FIX = "point the link at an existing page or note id (Markdown links use the .md source path), or use note()/service()"


def run_lychee(site: Path) -> dict:
    """lychee's JSON report on every HTML file of the site, offline, fragments included."""
    root = site.resolve()
    command = [
        tool("lychee"), "--offline", "--include-fragments", "--index-files", "index.html",
        "--root-dir", str(root), "--no-progress", "--no-ignore", "--format", "json", f"{root}/**/*.html",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode not in (0, 2):
        raise RuntimeError(f"lychee failed (exit {result.returncode}): {result.stderr.strip()}")
    return json.loads(result.stdout)


def _site_url(site: Path, file_url: str) -> str:
    """file:///tmp/site/services/sns#x -> /services/sns#x (as a reader would see it on the site)."""
    parts = urlsplit(file_url)
    path = unquote(parts.path)
    root = str(site.resolve())
    path = path[len(root):] if path.startswith(root) else path
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def _resources(inputs: Inputs) -> set[str]:
    """Site-root paths of what pages fetch (images, stylesheets, icons): rule 6 reports those missing."""
    refs = [ref for rel in inputs.site.html_files() for ref in html_refs(inputs.site, rel) if ref.fetches]
    return {"/" + path for ref in refs if (path := ref.local_path())}


def lychee_problems(inputs: Inputs) -> list[Problem]:
    """One Problem per broken link target, naming the pages that link to it (a nav link breaks on all)."""
    report = run_lychee(inputs.site.root)
    resources = _resources(inputs)
    pages_by_target: dict[tuple[str, str], list[str]] = defaultdict(list)
    for html, errors in (report.get("error_map") or {}).items():
        rel = Path(html).resolve().relative_to(inputs.site.root.resolve()).as_posix()
        for error in errors:
            target = _site_url(inputs.site.root, error["url"])
            if target.partition("#")[0] in resources:
                continue
            status = (error.get("status") or {}).get("text", "broken")
            pages_by_target[(target, status)].append(f"{rel}:{(error.get('span') or {}).get('line', '?')}")
    problems = []
    for (target, status), where in sorted(pages_by_target.items()):
        first = where[0].split(":")[0]
        others = f" and {len(where) - 1} other place(s)" if len(where) > 1 else ""
        problems.append(Problem(
            LINKS, inputs.source_of(first), None,
            f"broken link to {target} ({status}), in built {where[0]}{others}", LINK_FIX,
        ))
    return problems


def _resolves(site: Site, url: str) -> str | None:
    """None when a site-root URL (with optional #fragment) lands on a page and an element; else why not."""
    path, _, fragment = url.partition("#")
    rel = site.file_for_url(path or "/")
    if rel is None:
        return f"no page at {path}"
    if fragment and fragment not in site.ids(rel):
        return f"no element with id {fragment!r} on {path}"
    return None


def search_index_problems(inputs: Inputs) -> list[Problem]:
    index = inputs.site.root / "search" / "search_index.json"
    if not index.is_file():
        return [Problem(LINKS, "mkdocs.yml", None, "the built site has no search/search_index.json",
                        "keep the `search` plugin in mkdocs.yml")]
    problems = []
    for doc in json.loads(index.read_text(encoding="utf-8")).get("docs", []):
        url = "/" + doc["location"]
        why = _resolves(inputs.site, url)
        if why:
            page = inputs.site.file_for_url(url.partition("#")[0]) or "?"
            problems.append(Problem(LINKS, inputs.source_of(page), None,
                                    f"search result {doc.get('title')!r} leads to {url}: {why}", LINK_FIX))
    return problems


def sitemap_problems(inputs: Inputs) -> list[Problem]:
    sitemap = inputs.site.root / "sitemap.xml"
    if not sitemap.is_file():
        return [Problem(LINKS, "mkdocs.yml", None, "the built site has no sitemap.xml", "set site_url in mkdocs.yml")]
    base = inputs.project.site_url
    problems = []
    for loc in ET.parse(sitemap).getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        url = (loc.text or "").strip()
        why = "not under site_url" if not url.startswith(base) else _resolves(inputs.site, "/" + url[len(base):])
        if why:
            problems.append(Problem(LINKS, "site/sitemap.xml", None, f"sitemap entry {url}: {why}",
                                    "every sitemap URL must be a built page under site_url (mkdocs.yml)"))
    return problems


def tags_export_problems(inputs: Inputs) -> list[Problem]:
    export = inputs.site.root / "tags.json"
    if not export.is_file():
        return []
    problems = []
    for mapping in json.loads(export.read_text(encoding="utf-8")).get("mappings", []):
        url = "/" + mapping["item"]["url"]
        why = _resolves(inputs.site, url)
        if why:
            problems.append(Problem(LINKS, "site/tags.json", None, f"tags export lists {url}: {why}",
                                    "tag pages in front matter only; check the tags plugin settings"))
    return problems


def check_links(inputs: Inputs) -> list[Problem]:
    return (
        lychee_problems(inputs)
        + search_index_problems(inputs)
        + sitemap_problems(inputs)
        + tags_export_problems(inputs)
    )
