"""The Cheat sheet page and the home page's Start here block.

`cheat_sheet()`: every note's heading (a statement, numbers included) as one line linking to the note,
grouped by page in catalog order, each line carrying its exam domains for the filter
(docs/javascripts/cheatsheet.js). Generated from the note index, so it never falls behind the notes;
left out of the search index, because every line repeats a heading that is indexed on its own page.

`start_here()`: the exam in numbers and its domains (macros/data/exam.yml), and a suggested study
order (macros/data/study_order.yml, page ids checked here).
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from mkdocs.utils.meta import get_data
from pymdownx.slugs import slugify

from .catalog import DATA_DIR
from .context import Context, built_url, rel_link, unsearched
from .datafile import load_yaml
from .errors import MacroInputError, unknown
from .notes import Note
from .templating import render

STUDY_ORDER = DATA_DIR / "study_order.yml"
STUDY_ORDER_NAME = "macros/data/study_order.yml"

# A number worth seeing at a glance: limits, defaults, status codes, dates ("29 seconds", "256 KiB", "5%",
# "10,000", "429", "30 April 2024"), with its unit when one follows. Not a digit inside a name or an
# identifier (S3, SHA-256, x86_64, max-age=0, HTTP/2), nor a version after the word that names one (Gen 2,
# OAuth 2.0, Route 53).
UNITS = r"MiB/s|MB/s|KB|MB|GB|TB|KiB|MiB|GiB|ms|milliseconds?|seconds?|minutes?|hours?|days?|weeks?|months?|years?|percent"
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
NUMBER = re.compile(
    r"(?<![\w$/.=:-])(?<!Gen )(?<!OAuth )(?<!SAML )(?<!Version )(?<!Route )(?<!Java )"
    rf"(?:\d{{1,2}} {MONTH} \d{{4}}|{MONTH} \d{{1,2}}, \d{{4}}|\d+(?:[.,]\d+)*(?:%|\s(?:{UNITS})\b)?)(?![\w.]\d)(?!\w)"
)
CODE_SPAN = re.compile(r"(`+)(.+?)\1")


def bold_numbers(title: str) -> Markup:
    """A heading's Markdown with its numbers in <strong>; code spans are left as they are."""
    parts, last = [], 0
    for code in CODE_SPAN.finditer(title):
        parts.append(NUMBER.sub(r"<strong>\g<0></strong>", title[last:code.start()]))
        parts.append(code.group(0))
        last = code.end()
    parts.append(NUMBER.sub(r"<strong>\g<0></strong>", title[last:]))
    return Markup("".join(parts))  # the heading's own Markdown, exactly as its page renders it


# --- Domains of a note ------------------------------------------------------------------------------


def note_domains(ctx: Context) -> dict[str, tuple[str, ...]]:
    """Note id -> the exam domain ids it counts for, in the exam's order (Context.domains_of_note)."""
    return {note_id: ctx.domains_of_note(note_id) for note_id in ctx.notes}


# --- Cheat sheet ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    note_id: str
    text: Markup  # the heading's Markdown, numbers in bold
    url: str  # relative .md link with the note's id, checked by MkDocs
    domains: str  # space-separated domain ids, for data-domains


@dataclass(frozen=True)
class Group:
    anchor: str
    name: str
    url: str
    lines: tuple[Line, ...]


def _page_title(ctx: Context, src_path: str) -> str:
    meta = get_data((ctx.docs_dir / src_path).read_text(encoding="utf-8"))[1]
    return str(meta.get("title") or posixpath.splitext(posixpath.basename(src_path))[0])


def cheat_groups(ctx: Context, page: str) -> list[Group]:
    """The notes grouped by page: catalog pages in catalog order, then any other page holding notes."""
    domains = note_domains(ctx)
    by_page: dict[str, list[Note]] = {}
    for n in sorted(ctx.notes.values(), key=lambda n: (n.src_path, n.line)):
        by_page.setdefault(n.src_path, []).append(n)

    def group(anchor: str, name: str, src_path: str) -> Group:
        lines = tuple(Line(n.id, bold_numbers(n.title), rel_link(page, n.src_path, n.id), " ".join(domains[n.id]))
                      for n in by_page.pop(src_path))
        return Group(anchor, name, rel_link(page, src_path), lines)

    groups = [group(e.id, e.name, e.src_path) for e in ctx.catalog.entries if e.src_path in by_page]
    for src_path in sorted(by_page):  # notes outside the catalog's pages: none today
        groups.append(group("page-" + src_path.removesuffix(".md").replace("/", "-"), _page_title(ctx, src_path), src_path))
    return groups


def cheat_sheet(ctx: Context, page: str) -> str:
    """Every note's heading as one linked line, grouped by page, with a filter by exam domain."""
    groups = cheat_groups(ctx, page)
    exam = ctx.catalog.exam
    total = sum(len(g.lines) for g in groups)
    per_domain = {d.id: sum(1 for g in groups for line in g.lines if d.id in line.domains.split()) for d in exam.domains}
    filters = [{"id": d.id, "label": f"{d.name} ({d.weight} %, {per_domain[d.id]} notes)"} for d in exam.domains]
    markup = render("cheatsheet.html", groups=groups, domains=filters, total=total, pages=len(groups))
    return unsearched(markup, "cheatsheet")


# --- Start here -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageRef:
    id: str
    name: str
    src_path: str


@dataclass(frozen=True)
class Step:
    pages: tuple[PageRef, ...]
    why: str


def page_refs(ctx: Context) -> dict[str, PageRef]:
    """Every page a study step may name: catalog ids, and the top-level pages by file name (exam, practice...)."""
    refs = {e.id: PageRef(e.id, e.name, e.src_path) for e in ctx.catalog.entries}
    for path in sorted(ctx.docs_dir.glob("*.md")):
        if path.stem != "index":
            refs.setdefault(path.stem, PageRef(path.stem, _page_title(ctx, path.name), path.name))
    return refs


def load_study_order(ctx: Context, path: Path | None = None) -> list[Step]:
    """The study steps, each page id checked: an unknown one fails with the nearest ids."""
    path = path or STUDY_ORDER
    name = STUDY_ORDER_NAME if path == STUDY_ORDER else str(path)
    raw = load_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("steps"), list) or not raw["steps"]:
        raise MacroInputError(f"{name}: give a non-empty list `steps`, each with `pages` (ids) and `why`")
    refs = page_refs(ctx)
    steps = []
    for number, step in enumerate(raw["steps"], start=1):
        where = f"{name}, step {number}"
        if not isinstance(step, dict) or set(step) != {"pages", "why"} or not step["pages"] or not str(step["why"]).strip():
            raise MacroInputError(f"{where}: give exactly `pages` (a list of page ids) and `why` (one line)")
        pages = []
        for page_id in step["pages"]:
            if str(page_id) not in refs:
                raise MacroInputError(f"{where}: {unknown('page id', page_id, refs)}")
            pages.append(refs[str(page_id)])
        steps.append(Step(tuple(pages), " ".join(str(step["why"]).split())))
    return steps


def tag_anchor(name: str) -> str:
    """The tags page's anchor for a tag, as Material's tags plugin writes it (tags_slugify defaults)."""
    return "tag:" + slugify(case="lower")(name, "-")


def _minutes_per_question(minutes: int, questions: int) -> str:
    return f"{minutes / questions:.1f}".removesuffix(".0")


def start_here(ctx: Context, page: str) -> str:
    """The home page's Start here block: key links, the exam in numbers, its domains, a study order."""
    exam = ctx.catalog.exam
    fmt = exam.format
    if fmt is None:
        raise MacroInputError("exam.yml has no `format` (questions, minutes, passing score)")
    refs = page_refs(ctx)
    for needed in ("exam", "practice", "cheat-sheet"):
        if needed not in refs:
            raise MacroInputError(f"Start here links docs/{needed}.md, which does not exist")

    def link(ref_id: str, text: str = "") -> str:
        ref = refs[ref_id]
        return f"[{text or ref.name}]({rel_link(page, ref.src_path)})"

    keys = (f"Keep three pages at hand: {link('exam')} (what the exam asks, skill by skill, and where each is "
            f"taught here), {link('practice')} (exam-style questions on every note, and a timed exam simulation) "
            f"and the {link('cheat-sheet')} (every note in one line, to filter by domain or print).")
    numbers = [
        "### The exam in numbers",
        "",
        f"- **{fmt.questions} questions** in **{fmt.minutes} minutes**: about "
        f"{_minutes_per_question(fmt.minutes, fmt.questions)} minutes a question. "
        f"{fmt.scored} of them are scored; the other {fmt.questions - fmt.scored} do not count.",
        f"- A scaled score from **{fmt.score_min}** to **{fmt.score_max:,}**; you pass at **{fmt.passing_score}**.",
    ]
    domain_notes = note_domains(ctx)
    rows = ["### The four domains" if len(exam.domains) == 4 else f"### The {len(exam.domains)} domains", "",
            "| Domain | Weight | Pages | Notes |", "| --- | --- | --- | --- |"]
    for d in exam.domains:
        pages = sum(1 for e in ctx.catalog.entries if d.id in e.domains)
        notes = sum(1 for ids in domain_notes.values() if d.id in ids)
        tags = html.escape(built_url(page, "tags.md", tag_anchor(d.name), ctx.directory_urls))
        rows.append(f'| <a href="{tags}">{html.escape(d.name)}</a> | {d.weight} % | {pages} | {notes} |')
    rows += ["", "Each domain links to its pages on the Tags page. A note counts for the domain of each skill it "
             "teaches (the Exam coverage page's skill map), or else for its page's domains; the Cheat sheet "
             "filters the notes the same way."]
    order = ["### A study order", ""]
    for number, step in enumerate(load_study_order(ctx), start=1):
        names = ", ".join(f"[{p.name}]({rel_link(page, p.src_path)})" for p in step.pages)
        order.append(f"{number}. {names}: {step.why}")
    return "\n\n".join([keys, "\n".join(numbers), "\n".join(rows), "\n".join(order)])


MACROS = {"cheat_sheet": cheat_sheet, "start_here": start_here}
