"""Rule 6: every file the site refers to exists, and every file in docs/ is published for a reason.

A missing image, stylesheet or script is found from the built HTML, the stylesheets and the site's
own scripts' imports. An orphan is a file in docs/ that nothing refers to: an unused image, or a
Markdown file that is neither a page nor a snippet (`omitted_files: warn` already fails the build
for a page missing from the nav).
"""

from __future__ import annotations

import posixpath
from collections import defaultdict

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
    return _missing(inputs, refs) + _orphans(inputs, refs)
