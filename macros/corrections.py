"""Macros that render the traceability data: correction(), sources(), errata().

A page shows the accurate fact; where a source note was outdated or wrong, a Correction box says
what the note said, what is true and which AWS page settles it. The Errata page lists them all.
"""

from __future__ import annotations

from .context import Context, rel_link
from .errors import MacroInputError, unknown
from .traceability import Source, SourceNote


def _notes(ctx: Context, numbers: tuple[int, ...]) -> list[SourceNote]:
    if not numbers:
        raise MacroInputError("needs at least one source note number, e.g. (24)")
    found = []
    for n in numbers:
        if n not in ctx.trace:
            raise unknown("source note number", n, [str(k) for k in ctx.trace])
        found.append(ctx.trace[n])
    return found


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in text.splitlines())


def _quote(text: str) -> str:
    return text.replace("*", r"\*").replace("_", r"\_")


def correction(ctx: Context, page: str, *numbers: int) -> str:
    """A Material admonition for each outdated/wrong source note among `numbers`."""
    boxes = []
    for n in _notes(ctx, numbers):
        if not n.corrected:
            raise MacroInputError(
                f"note {n.number} has verdict {n.verdict!r}; a Correction box is only for outdated or wrong notes"
            )
        links = ", ".join(f"[{s.title}]({s.url})" for s in n.sources)
        body = (
            f'**The original note {n.number} said** ({n.verdict}): "{_quote(n.text)}"\n\n'
            f"**What is true:** {n.finding}\n\n**Settled by:** {links}"
        )
        boxes.append(f'!!! warning "Correction"\n\n{_indent(body)}')
    return "\n\n".join(boxes)


def _sources_of(ctx: Context, ref: int | str) -> tuple[Source, ...]:
    """A raw note number (traceability.yml) or a note id (macros/data/sources/<page>.yml)."""
    if isinstance(ref, int):
        return _notes(ctx, (ref,))[0].sources
    if ref not in ctx.note_sources:
        raise unknown("note id with sources", ref, ctx.note_sources)
    return ctx.note_sources[ref].sources


def sources(ctx: Context, page: str, *refs: int | str) -> str:
    """The "Source" line closing a note: every source of the given raw note numbers or note ids, once each."""
    if not refs:
        raise MacroInputError('needs a raw note number or a note id, e.g. (24) or ("sqs-long-polling")')
    seen: dict[str, str] = {}
    for ref in refs:
        for s in _sources_of(ctx, ref):
            seen.setdefault(s.url, s.title)
    links = " · ".join(f"[{title}]({url})" for url, title in seen.items())
    label = "Source" if len(seen) == 1 else "Sources"
    # Left out of the search index: source titles repeat on every note and match no reader's query.
    return f"{label}: {links}\n{{: .dva-sources data-search-exclude }}"


def errata(ctx: Context, page: str) -> str:
    """The Errata table: every corrected source note, what changed and a link to the note."""
    rows = ["| Note | Verdict | The raw note said | Now on the site |", "| --- | --- | --- | --- |"]
    for n in sorted(ctx.trace.values(), key=lambda x: x.number):
        if not n.corrected:
            continue
        target = ctx.notes.get(n.anchors[0])
        if target is None:
            raise unknown("note id", n.anchors[0], ctx.notes)
        link = f"[{target.title}]({rel_link(page, target.src_path, target.id)})"
        text = _quote(n.text).replace("|", r"\|")
        rows.append(f"| {n.number} | {n.verdict} | {text} | {link} |")
    return "\n".join(rows)


MACROS = {"correction": correction, "sources": sources, "errata": errata}
