"""Cross-link macros: service(), note(), related(), service_directory(), aws_docs().

Each returns Markdown whose links point at .md sources, so MkDocs checks every link and anchor.
"""

from __future__ import annotations

from .catalog import Entry
from .context import Context, rel_link, unsearched
from .errors import MacroInputError, unknown


def _entry(ctx: Context, service_id: str) -> Entry:
    entry = ctx.catalog.find(service_id)
    if entry is None:
        raise unknown("service id", service_id, ctx.catalog.ids())
    return entry


def _page_entry(ctx: Context, page: str) -> Entry:
    entry = ctx.catalog.by_src_path(page)
    if entry is None:
        raise MacroInputError("only works on a catalog page (docs/services/<id>.md or docs/topics/<id>.md)")
    return entry


def service(ctx: Context, page: str, service_id: str) -> str:
    """Link to a service or topic page; the text is its display name."""
    entry = _entry(ctx, service_id)
    return f"[{entry.name}]({rel_link(page, entry.src_path)})"


def note(ctx: Context, page: str, note_id: str) -> str:
    """Link to one note by its stable id; the text is the note's heading."""
    found = ctx.notes.get(note_id)
    if found is None:
        raise unknown("note id", note_id, ctx.notes)
    return f"[{found.title}]({rel_link(page, found.src_path, found.id)})"


def related(ctx: Context, page: str) -> str:
    """The page's "Related" list from the catalog: name, link and one-line summary."""
    entry = _page_entry(ctx, page)
    lines = []
    for rid in entry.related:
        other = _entry(ctx, rid)
        lines.append(f"- [{other.name}]({rel_link(page, other.src_path)}): {other.summary}")
    return unsearched("\n".join(lines), "dva-related")


def aws_docs(ctx: Context, page: str) -> str:
    """The page's official AWS documentation link from the catalog."""
    entry = _page_entry(ctx, page)
    link = f"[{entry.name} documentation on docs.aws.amazon.com]({entry.docs}){{ .dva-docs-link }}"
    return unsearched(link, "dva-related")


def service_directory(ctx: Context, page: str) -> str:
    """Every catalog page grouped by category (### headings, for use under an ## section), as Material grid cards."""
    parts = []
    for category, entries in ctx.catalog.by_category():
        if not entries:
            continue
        # A blank line between items: without it each summary paragraph swallows the next "-   " line as
        # a lazy continuation, and the whole category becomes one list item.
        cards = "\n\n".join(
            f"-   **[{e.name}]({rel_link(page, e.src_path)})**\n\n    {e.summary}" for e in entries
        )
        parts.append(f'### {category}\n\n<div class="grid cards" markdown>\n\n{cards}\n\n</div>')
    return "\n\n".join(parts)


MACROS = {
    "service": service,
    "note": note,
    "related": related,
    "aws_docs": aws_docs,
    "service_directory": service_directory,
}
