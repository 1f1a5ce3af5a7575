"""What the gate reads: the project's sources (mkdocs.yml, docs/) and a built site folder.

Both are plain folders, so the gate runs the same on the real repository, on a temporary copy a
test has broken, and on any generator's output that keeps MkDocs' URL layout.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from mkdocs.structure.files import File
from selectolax.lexbor import LexborHTMLParser

GATE_DIR = Path(__file__).resolve().parent
REPO_ROOT = GATE_DIR.parent.parent


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name and !ENV tags; the gate only needs plain keys."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def find_line(path: Path, needle: str) -> int | None:
    """1-based number of the first line of `path` containing `needle`, if any."""
    if not path.is_file():
        return None
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if needle in line:
            return number
    return None


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, str, int]:
    """(front matter or None when absent, body, 1-based line where the body starts)."""
    match = re.match(r"^---[ \t]*\n(.*?\n)---[ \t]*\n", text, re.DOTALL)
    if not match:
        return None, text, 1
    try:
        meta = yaml.safe_load(match[1]) or {}
    except yaml.YAMLError:
        meta = {}
    return meta if isinstance(meta, dict) else {}, text[match.end():], match[0].count("\n") + 1


def front_matter_lines(text: str) -> int:
    """How many lines precede what mkdocs-macros renders: the front matter and the blank lines MkDocs strips."""
    _, body, body_line = split_front_matter(text)
    return body_line - 1 + len(body) - len(body.lstrip("\n"))


def tool(name: str) -> str:
    """A command installed in this Python's environment (.venv/bin), else on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.is_file() else (shutil.which(name) or name)


def plugin_config(config: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The options of one plugin in mkdocs.yml (`{}` when listed bare), or None when absent."""
    for item in config.get("plugins") or []:
        if item == name:
            return {}
        if isinstance(item, dict) and name in item:
            return item[name] or {}
    return None


def nav_files(node: Any) -> list[str]:
    """Every page file named in a `nav` tree (or any part of it), in order."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [f for item in node for f in nav_files(item)]
    if isinstance(node, dict):
        return [f for value in node.values() for f in nav_files(value)]
    return []


@dataclass(frozen=True)
class Project:
    """A project folder: mkdocs.yml and docs/ (the real repository or a test's copy)."""

    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @cached_property
    def config(self) -> dict[str, Any]:
        return yaml.load(read_text(self.root / "mkdocs.yml"), Loader=_ConfigLoader) or {}

    @property
    def site_url(self) -> str:
        return str(self.config.get("site_url") or "")

    @property
    def own_host(self) -> str:
        return urlsplit(self.site_url).hostname or ""

    def rel(self, path: Path) -> str:
        """A path as a contributor types it: relative to the project root."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def markdown_sources(self) -> list[str]:
        """Every Markdown file under docs/, as a posix path relative to docs/."""
        return sorted(p.relative_to(self.docs).as_posix() for p in self.docs.rglob("*.md"))

    @cached_property
    def source_by_dest(self) -> dict[str, str]:
        """Built file (relative to the site) -> its Markdown source (relative to docs/)."""
        return {dest_of(src): src for src in self.markdown_sources()}

    def doc_path(self, src: str) -> str:
        """The source as the contributor opens it, e.g. docs/services/sqs.md."""
        return f"docs/{src}"


def dest_of(src: str) -> str:
    """The built file of a Markdown source: services/sqs.md -> services/sqs/index.html."""
    return File(src, "", "", True).dest_uri


def page_url(src: str) -> str:
    """The URL path of a Markdown page on the published site: services/sqs.md -> /services/sqs/."""
    url = File(src, "", "", True).url
    return "/" + ("" if url == "./" else url)


@dataclass
class Site:
    """A built site folder, with each HTML file parsed at most once per gate run."""

    root: Path
    _trees: dict[str, LexborHTMLParser] = field(default_factory=dict, repr=False)

    def html_files(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))

    def files(self, suffix: str) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob(f"*{suffix}"))

    def text(self, rel: str) -> str:
        return read_text(self.root / rel)

    def tree(self, rel: str) -> LexborHTMLParser:
        if rel not in self._trees:
            self._trees[rel] = LexborHTMLParser(self.text(rel))
        return self._trees[rel]

    def ids(self, rel: str) -> set[str]:
        return {node.attributes["id"] or "" for node in self.tree(rel).css("[id]")}

    def file_for_url(self, url_path: str) -> str | None:
        """The HTML file a site-root URL path serves (/services/sqs/ -> services/sqs/index.html)."""
        path = url_path.lstrip("/")
        candidates = [path + "index.html"] if path.endswith("/") or not path else [path, path + "/index.html"]
        return next((c for c in candidates if (self.root / c).is_file()), None)

    def redirect_target(self, rel: str) -> str | None:
        """For a mkdocs-redirects stub, the site-root URL path it sends readers to."""
        tree = self.tree(rel)
        refresh = tree.css_first('meta[http-equiv="refresh"]')
        if refresh is None:
            return None
        target = (refresh.attributes.get("content") or "").partition("url=")[2].strip()
        if not target or urlsplit(target).scheme:
            return None
        return resolve_url(url_of_file(rel), target)

    def pages(self) -> list[str]:
        """HTML files that are pages a reader lands on: not the 404 page, not redirect stubs."""
        return [rel for rel in self.html_files() if rel != "404.html" and self.redirect_target(rel) is None]


def url_of_file(rel: str) -> str:
    """Site-root URL path of a built file (services/sqs/index.html -> /services/sqs/)."""
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def resolve_url(base_url: str, href: str) -> str:
    """A relative href resolved against the URL path of the page that holds it; keeps a #fragment."""
    path, _, fragment = href.partition("#")
    path = path.partition("?")[0]
    if path.startswith("/"):
        joined = path
    elif path:
        base_dir = base_url if base_url.endswith("/") else posixpath.dirname(base_url) + "/"
        joined = posixpath.normpath(posixpath.join(base_dir, path))
        if path.endswith("/") and not joined.endswith("/"):
            joined += "/"
    else:
        joined = base_url
    return f"{joined}#{fragment}" if fragment else joined


@dataclass
class Inputs:
    """What one gate run checks: the project's sources and the site built from them."""

    project: Project
    site: Site
    registry: Path = GATE_DIR / "published.txt"

    def source_of(self, rel: str) -> str:
        """Where to fix something found in a built file: its Markdown source, else the built file."""
        src = self.project.source_by_dest.get(rel)
        return self.project.doc_path(src) if src else f"site/{rel}"

    def from_docs(self, rel: str) -> bool:
        """Whether a built file was copied from docs/ (the project's own), not from the theme."""
        return (self.project.docs / rel).is_file()

    def own_files(self, suffix: str) -> set[str]:
        return {rel for rel in self.site.files(suffix) if self.from_docs(rel)}

    def locate(self, rel: str, needle: str) -> tuple[str, int | None]:
        """Where a string found in a built file was written: the page's Markdown, a data file,
        mkdocs.yml, a template override or a docs asset; else the page's source without a line."""
        root = self.project.root
        src = self.project.source_by_dest.get(rel)
        candidates = [self.project.docs / src] if src else []
        candidates += [*sorted((root / "macros" / "data").glob("*.yml")), root / "mkdocs.yml"]
        candidates += sorted(p for p in (root / "overrides").rglob("*") if p.is_file())
        candidates += sorted(p for p in self.project.docs.rglob("*") if p.suffix in (".js", ".css", ".md"))
        for path in candidates:
            line = find_line(path, needle)
            if line:
                return self.project.rel(path), line
        return self.source_of(rel), None
