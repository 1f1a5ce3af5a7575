"""Rule 3 (deep links), share pages: every note has /n/<note-id>/ and it previews and lands as promised.

A share page is what a study group pastes into a chat: chat apps ignore #fragments, so the page must
carry the note's own preview (og:title = its heading, a non-empty og:description), point search
engines at the note (canonical `page/#note-id`, `noindex`) and send the reader there at once, naming
the site's icon on the way (a page without one makes the browser ask for /favicon.ico, a 404).
The registry (published.txt) holds each share URL; registry.py checks that it still lands.
"""

from __future__ import annotations

from macros.notes import scan_docs

from .problem import DEEP_LINKS, Problem
from .project import Inputs, page_url, resolve_url

HOOK = "macros/hooks/share.py"


def share_url(note_id: str) -> str:
    return f"/n/{note_id}/"


def _meta(tree: object, selector: str) -> str:
    node = tree.css_first(selector)  # type: ignore[attr-defined]
    return (node.attributes.get("content") or node.attributes.get("href") or "").strip() if node else ""


def check_share_pages(inputs: Inputs) -> list[Problem]:
    problems = []
    for note in scan_docs(inputs.project.docs).values():
        where, line = inputs.project.doc_path(note.src_path), note.line
        target = f"{page_url(note.src_path)}#{note.id}"
        rel = inputs.site.file_for_url(share_url(note.id))
        if rel is None:
            problems.append(Problem(DEEP_LINKS, where, line, f"note {note.id!r} has no share page {share_url(note.id)}",
                                    f"keep {HOOK} in the hooks of mkdocs.yml; it writes one page per note"))
            continue
        tree = inputs.site.tree(rel)
        wrong = []
        if _meta(tree, 'meta[property="og:title"]') != note.title.replace("`", ""):
            wrong.append("og:title is not the note's heading")
        if not _meta(tree, 'meta[property="og:description"]'):
            wrong.append("og:description is empty")
        if not _meta(tree, 'link[rel="canonical"]').endswith(target.lstrip("/")):
            wrong.append(f"the canonical link is not {target}")
        if "noindex" not in _meta(tree, 'meta[name="robots"]'):
            wrong.append("it lacks robots noindex")
        if _meta(tree, 'meta[name="twitter:card"]') != "summary_large_image" or not _meta(tree, 'meta[property="og:image"]'):
            wrong.append("it lacks the large preview card (og:image, twitter:card)")
        icon = _meta(tree, 'link[rel="icon"]')
        if not icon or inputs.site.file_for_url(resolve_url(share_url(note.id), icon)) is None:
            wrong.append("it names no icon the site has (the browser then asks for /favicon.ico, a 404)")
        if inputs.site.redirect_target(rel) != target:
            wrong.append(f"it does not redirect to {target}")
        for problem in wrong:
            problems.append(Problem(DEEP_LINKS, where, line, f"share page {share_url(note.id)}: {problem}",
                                    f"the share page is written by {HOOK}; fix the hook, not the built file"))
    return problems
