"""Rule 6: every file the site refers to exists, every file in docs/ is published for a reason, and
every file in the built site comes from docs/, the theme, a redirect or a known generator.

A missing image, stylesheet or script is found from the built HTML, the stylesheets and the site's
own scripts' imports. An orphan is a file in docs/ that nothing refers to: an unused image, or a
Markdown file that is neither a page nor a snippet (`omitted_files: warn` already fails the build
for a page missing from the nav).
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from pathlib import Path

import pathspec

from .config import gate_config
from .problem import ASSETS, Problem
from .project import Inputs, dest_of, find_line, read_text
from .refs import Ref, all_refs

MISSING_FIX = "add the file under docs/ or correct the path (relative to the page's .md source)"


def _missing(inputs: Inputs, refs: list[Ref]) -> list[Problem]:
    pages_by_target: dict[tuple[str, str], list[Ref]] = defaultdict(list)
    for ref in refs:
        path = ref.local_path() if ref.fetches else None  # links a reader follows are rule 2's
        if path is None or (inputs.site.root / path).is_file():
            continue
        pages_by_target[(path, ref.how)].append(ref)
    problems = []
    for (path, how), where in sorted(pages_by_target.items()):
        first = where[0]
        source = inputs.source_of(first.source)
        line = find_line(inputs.project.root / source, posixpath.basename(path)) if source.startswith("docs/") else None
        others = f" (and {len(where) - 1} other reference(s))" if len(where) > 1 else ""
        problems.append(Problem(ASSETS, source, line, f"{how} refers to missing file /{path}{others}", MISSING_FIX))
    return problems


def _snippet_referenced(inputs: Inputs, src: str) -> bool:
    """Whether a Markdown file that is not a page is used as a snippet (mkdocs.yml or a --8<-- line)."""
    name = posixpath.basename(src)
    if name in read_text(inputs.project.root / "mkdocs.yml"):
        return True
    return any(
        name in line
        for md in inputs.project.docs.rglob("*.md")
        for line in read_text(md).splitlines()
        if "--8<--" in line
    )


def _orphans(inputs: Inputs, refs: list[Ref]) -> list[Problem]:
    referenced = {path for ref in refs if (path := ref.local_path())}
    allowed = pathspec.GitIgnoreSpec.from_lines(gate_config()["orphans"]["allowed"])
    own_scripts = "\n".join(read_text(inputs.site.root / rel) for rel in inputs.own_files(".js"))
    problems = []
    for path in sorted(inputs.project.docs.rglob("*")):
        rel = path.relative_to(inputs.project.docs).as_posix()
        if path.is_dir() or allowed.match_file(rel):
            continue
        if rel.endswith(".md"):
            if (inputs.site.root / dest_of(rel)).is_file() or _snippet_referenced(inputs, rel):
                continue
            why = "is neither a built page nor a snippet any page or mkdocs.yml includes"
        else:
            # A script may load a sibling by a computed name: its file name in a script counts as a use.
            if rel in referenced or posixpath.basename(rel) in own_scripts:
                continue
            why = "is published but no page, stylesheet or script refers to it"
        problems.append(Problem(ASSETS, f"docs/{rel}", None, f"orphan file: docs/{rel} {why}",
                                "use it, delete it, or list it under orphans.allowed in tests/gate/gate.yml"))
    return problems


def check_assets(inputs: Inputs) -> list[Problem]:
    refs = all_refs(inputs.site, inputs.own_files(".js"))
    return _missing(inputs, refs) + _orphans(inputs, refs) + check_published_files(inputs)


# Files no docs/ source and no theme file accounts for, but a known generator writes.
GENERATED = {
    "sitemap.xml": "MkDocs (site_url)",
    "sitemap.xml.gz": "MkDocs (site_url)",
    "search/search_index.json": "Material's search plugin",
    "tags.json": "Material's tags plugin",
    "404.html": "the theme's 404 template",
    "practice/questions.json": "the question bank for the Practice page (macros/quiz.py)",
    "practice/index.json": "the question bank's index, what the Practice page loads first (macros/quiz.py)",
    "feed.xml": "the Atom feed of corrections and new or changed notes (macros/changes.py)",
    "search/names.json": "catalog names and aliases for the search's did-you-mean (macros/search_index.py)",
}
STRAY_FIX = (
    "remove it from where it came from: MkDocs copies every non-template file of the theme's custom_dir "
    "(overrides/) into the site, so only main.html belongs there; a new generator goes in GENERATED "
    "(tests/gate/assets.py) with its name"
)


def _theme_files(root: Path) -> set[str]:
    """Files MkDocs copies from a theme folder: everything but templates and Python."""
    if not root.is_dir():
        return set()
    return {p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and p.suffix not in (".html", ".py", ".pyc") and "__pycache__" not in p.parts}


def _expected_files(inputs: Inputs) -> set[str]:
    import material

    project = inputs.project
    docs = {p.relative_to(project.docs).as_posix() for p in project.docs.rglob("*") if p.is_file() and p.suffix != ".md"}
    pages = {dest_of(src) for src in project.markdown_sources()}
    theme = _theme_files(Path(material.__file__).parent / "templates")
    # Not the custom_dir's own non-template files: overrides/ holds templates only, anything else is stray.
    return docs | pages | theme | set(GENERATED)


def check_published_files(inputs: Inputs) -> list[Problem]:
    """Every file in the built site comes from docs/, the theme, a redirect or a known generator."""
    expected = _expected_files(inputs)
    custom_dir = (inputs.project.config.get("theme") or {}).get("custom_dir")
    problems = []
    for path in sorted(p for p in inputs.site.root.rglob("*") if p.is_file()):
        rel = path.relative_to(inputs.site.root).as_posix()
        if rel in expected or (rel.endswith(".html") and inputs.site.redirect_target(rel) is not None):
            continue
        stray = custom_dir and (inputs.project.root / custom_dir / rel).is_file()
        source = f"{custom_dir}/{rel}" if stray else "site/"
        problems.append(Problem(ASSETS, source, None, f"published file /{rel} comes from no known source", STRAY_FIX))
    return problems
