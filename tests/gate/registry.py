"""Rule 3: published deep links never break.

tests/gate/published.txt lists every page URL, note anchor, note share page (/n/<note-id>/) and question
anchor the site has published, one per line,
sorted. The gate fails when a listed link no longer lands (a page moved without a redirect, a note
id changed without an alias) and when the site publishes a link the file does not list yet.
`make registry` adds the new links; it never drops one: removing a published link on purpose is a
deliberate, reviewed deletion of its line.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from macros.notes import scan_markdown

from .problem import DEEP_LINKS, Problem
from .project import REPO_ROOT, Inputs, Site, find_line, page_url, read_text, url_of_file
from .share import share_url

COMMAND = "make registry"
HEADER = f"""\
# Published deep links: every page URL, note anchor, share page and question anchor, one per line, sorted.
# The publishing gate (rule 3) fails when one of these stops landing, and when the site publishes
# a link that is missing here. Add new ones with `{COMMAND}`; delete a line only on purpose.
"""
ALIASES = "macros/data/anchor_aliases.yml"
MAX_REDIRECTS = 5


def label(path: Path) -> str:
    try:
        return path.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return str(path)


def read_registry(path: Path) -> list[tuple[int, str]]:
    """(line number, entry) for each published link in the registry file."""
    if not path.is_file():
        return []
    return [
        (number, line.strip())
        for number, line in enumerate(read_text(path).splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]


def write_registry(path: Path, entries: set[str]) -> None:
    path.write_text(HEADER + "".join(f"{e}\n" for e in sorted(entries)), encoding="utf-8")


def published(inputs: Inputs) -> dict[str, tuple[str, int | None]]:
    """Every deep link the built site publishes -> where it is defined (Markdown file and line)."""
    links: dict[str, tuple[str, int | None]] = {}
    for rel in inputs.site.pages():
        links[url_of_file(rel)] = (inputs.source_of(rel), None)
    for src in inputs.project.markdown_sources():
        url = page_url(src)
        if inputs.site.file_for_url(url) is None:
            continue
        for note in scan_markdown(read_text(inputs.project.docs / src), src):
            links.setdefault(f"{url}#{note.id}", (inputs.project.doc_path(src), note.line))
            links.setdefault(share_url(note.id), (inputs.project.doc_path(src), note.line))
    links.update(question_links(inputs))
    return links


def question_links(inputs: Inputs) -> dict[str, tuple[str, int | None]]:
    """Each question's anchor on the page that holds it: stored progress and shared quizzes name these ids."""
    from macros.catalog import CatalogError
    from macros.notes import scan_docs
    from macros.questions import load_bank
    from macros.traceability import load_traceability

    root = inputs.project.root
    try:
        bank = load_bank(set(scan_docs(inputs.project.docs)), load_traceability(root / "macros/data/traceability.yml"),
                         root / "macros/data/questions")
    except CatalogError:
        return {}  # rule 12 reports the broken bank
    links: dict[str, tuple[str, int | None]] = {}
    for q in bank.values():
        for folder in ("services", "topics"):
            url = page_url(f"{folder}/{q.page}.md")
            if inputs.site.file_for_url(url) is not None:
                bank_file = root / "macros/data/questions" / f"{q.page}.yml"
                links[f"{url}#{q.id}"] = (f"macros/data/questions/{q.page}.yml", find_line(bank_file, f"id: {q.id}"))
    return links


def land(site: Site, entry: str) -> tuple[str | None, str]:
    """Follow a published link through redirect stubs; returns (the page it lands on or None, the fragment)."""
    path, _, fragment = entry.partition("#")
    rel = site.file_for_url(path)
    for _ in range(MAX_REDIRECTS):
        target = site.redirect_target(rel) if rel else None
        if target is None:
            break
        target_path, _, target_fragment = target.partition("#")
        rel, fragment = site.file_for_url(target_path), fragment or target_fragment
    return rel, fragment


def _lost(inputs: Inputs, entry: str) -> tuple[str, str] | None:
    """None if the published link still lands on its page and element; else (what is wrong, how to fix)."""
    rel, fragment = land(inputs.site, entry)
    path = entry.partition("#")[0]
    if rel is None:
        return (
            f"published page {path} is gone",
            "if it moved, add it to `redirect_maps` of the redirects plugin in mkdocs.yml "
            "('old/path.md': 'new/path.md'); if it is removed on purpose, delete this line",
        )
    if fragment and fragment not in inputs.site.ids(rel):
        headings = [n.attributes.get("id") or "" for n in inputs.site.tree(rel).css("h2[id], h3[id]")]
        closest = difflib.get_close_matches(fragment, headings, n=3, cutoff=0.4)
        hint = f"; closest ids now on {url_of_file(rel)}: {', '.join(closest)}" if closest else ""
        return (
            f"published note anchor #{fragment} no longer exists on {url_of_file(rel)}",
            f"if the note's id changed, add `{fragment}: <its new id>` under `aliases:` in {ALIASES}{hint}; "
            f"if the note is removed on purpose, delete this line",
        )
    return None


def check_registry(inputs: Inputs) -> list[Problem]:
    registered = read_registry(inputs.registry)
    where = label(inputs.registry)
    problems = []
    for number, entry in registered:
        lost = _lost(inputs, entry)
        if lost:
            problems.append(Problem(DEEP_LINKS, where, number, f"{lost[0]} ({entry})", lost[1]))
    known = {entry for _, entry in registered}
    for entry, (file, line) in sorted(published(inputs).items()):
        if entry not in known:
            problems.append(Problem(
                DEEP_LINKS, file, line, f"{entry} is published but not listed in {where}",
                f"run `{COMMAND}` and commit {where}",
            ))
    return problems


def update_registry(inputs: Inputs) -> list[str]:
    """Add every link the site publishes to the registry (never remove one); returns the added links."""
    known = {entry for _, entry in read_registry(inputs.registry)}
    added = sorted(set(published(inputs)) - known)
    write_registry(inputs.registry, known | set(added))
    return added
