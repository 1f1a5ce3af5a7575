"""Render the question bank: the "Check yourself" forms on each page, and the Practice page's bank file.

Without JavaScript each question is readable and its answer sits in a collapsed <details>; the quiz
script (docs/javascripts/quiz/) turns the same markup into answerable forms. The section is left out
of the search index, so no answer, `why` or correct flag reaches it (tests/site/test_quiz.py).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from markupsafe import Markup

from .context import Context, built_url
from .errors import MacroInputError
from .questions import Question
from .templating import render

BANK_FILE = Path("practice/questions.json")
# What the Practice page needs before the reader starts (the progress view, and which questions a choice
# draws): each question's id, domain, page and notes, without stems, options or explanations. 38 KB gzipped
# against the full bank's 244 KB: parsing the full bank on load was the page's only long task (make audit,
# README "Performance"). practice.js fetches BANK_FILE when the reader starts, or first uses the form.
INDEX_FILE = BANK_FILE.with_name("index.json")
INDEX_FIELDS = ("id", "domain", "service", "notes")
# The offline copy's bank (macros/hooks/offline.py): the same data as a classic script that sets BANK_GLOBAL,
# because chromium refuses fetch() of a local file. docs/javascripts/loader.js finds it beside BANK_FILE.
BANK_SCRIPT = BANK_FILE.with_suffix(".js")
BANK_GLOBAL = "dvaQuestionBank"
LETTERS = "ABCDEFGHIJ"
CODE = re.compile(r"`([^`]+)`")


def inline(text: str) -> Markup:
    """Plain text with `code` spans, as HTML (the bank's only markup)."""
    return Markup(CODE.sub(lambda m: f"<code>{m[1]}</code>", html.escape(text, quote=False)))


def domain_of(ctx: Context, q: Question) -> str:
    """The exam domain a question counts for: that of the first skill-mapped note it tests, else its first
    note's page domain (Context.domains_of_note)."""
    for note_id in q.notes:
        found = ctx.skills.domains_of_note(note_id)
        if found:
            return found[0]
    return ctx.domains_of_note(q.notes[0])[0]


def render_question(ctx: Context, page: str, q: Question, number: int) -> str:
    options = [{"index": i, "letter": LETTERS[i], "text": inline(o.text), "why": inline(o.why), "trap": o.trap,
                "verdict": "correct" if o.correct else "incorrect"} for i, o in enumerate(q.options)]
    links = [{"url": built_url(page, ctx.notes[n].src_path, n, ctx.directory_urls), "title": inline(ctx.notes[n].title)}
             for n in q.notes]
    return render("question.html", q=q, number=number, stem=inline(q.stem), domain=domain_of(ctx, q),
                  input_type="radio" if q.kind == "single" else "checkbox", options=options, links=links,
                  answer=", ".join(LETTERS[i] for i in q.answer))


def check_yourself(ctx: Context, page: str) -> str:
    """The page's questions (macros/data/questions/<page>.yml), answerable with the quiz script."""
    stem = Path(page).stem
    mine = [q for q in ctx.questions.values() if q.page == stem]
    if not mine:
        raise MacroInputError(f"no questions for this page: add macros/data/questions/{stem}.yml (format: macros/questions.py)")
    forms = "\n".join(render_question(ctx, page, q, i) for i, q in enumerate(mine, start=1))
    practice = built_url(page, "practice.md", directory_urls=ctx.directory_urls)
    plural = "s" if len(mine) != 1 else ""
    intro = (f'<p class="quiz__intro">{len(mine)} exam-style question{plural} on this page\'s notes. Your answers stay '
             f'in this browser; the <a href="{practice}">Practice</a> page mixes questions from every page.</p>')
    return f'<div class="quiz-list" data-search-exclude>\n{intro}\n{forms}\n</div>'


def bank_json(ctx: Context) -> dict:
    """Everything the Practice page needs, as one file fetched on demand (not inlined into pages)."""
    exam = ctx.catalog.exam
    fmt = exam.format
    questions = []
    for q in ctx.questions.values():
        questions.append({  # "service": the page whose Check yourself section holds the question
            "id": q.id, "kind": q.kind, "stem": q.stem, "domain": domain_of(ctx, q), "service": q.page,
            "notes": list(q.notes), "trap": q.trap is not None,
            "options": [{"text": o.text, "correct": o.correct, "why": o.why, "trap": o.trap} for o in q.options],
        })
    used = {n for q in ctx.questions.values() for n in q.notes}
    return {
        "version": 1,
        "exam": {"code": exam.code, "format": vars(fmt) if fmt else None,
                 "domains": [{"id": d.id, "name": d.name, "weight": d.weight} for d in exam.domains]},
        "services": {e.id: e.name for e in ctx.catalog.entries},
        "notes": {n: {"title": ctx.notes[n].title,
                      "url": built_url("practice.md", ctx.notes[n].src_path, n, ctx.directory_urls)}
                  for n in sorted(used)},
        "questions": questions,
    }


def index_json(bank: dict) -> dict:
    """The bank without what only a running practice shows: every question cut to INDEX_FIELDS, in the
    bank's order (a shared seed draws the same questions from either)."""
    return {**bank, "questions": [{k: q[k] for k in INDEX_FIELDS} for q in bank["questions"]]}


def _json(data: dict) -> str:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def bank_text(ctx: Context) -> str:
    return _json(bank_json(ctx))


def write_bank(site_dir: Path, ctx: Context) -> None:
    """The full bank and its index, both beside the Practice page."""
    bank = bank_json(ctx)
    path = site_dir / BANK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_json(bank), encoding="utf-8")
    (site_dir / INDEX_FILE).write_text(_json(index_json(bank)), encoding="utf-8")


def write_bank_script(site_dir: Path, ctx: Context) -> None:
    """The offline copy's bank: window.dvaQuestionBank = the same JSON, parsed as fetch().json() would
    (JSON.parse of it as a string, so a key such as __proto__ stays a key). practice.js uses it when set."""
    path = site_dir / BANK_SCRIPT
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(bank_text(ctx), ensure_ascii=False)  # a JSON string is a JavaScript string literal
    path.write_text(f"window.{BANK_GLOBAL} = JSON.parse({text});\n", encoding="utf-8")


def practice(ctx: Context, page: str) -> str:
    """The Practice page's controls; docs/javascripts/quiz/practice.js runs them with the bank file."""
    exam = ctx.catalog.exam
    if exam.format is None:
        raise MacroInputError("exam.yml has no `format` (questions, minutes, passing score) for the exam simulation")
    with_questions = {q.page for q in ctx.questions.values()}
    return render(
        # The bank's URL from the Practice page: practice/ holds both with directory URLs; the offline
        # copy's page is practice.html, beside the practice/ folder.
        "practice.html", bank=BANK_FILE.name if ctx.directory_urls else BANK_FILE.as_posix(),
        index=INDEX_FILE.name if ctx.directory_urls else INDEX_FILE.as_posix(), exam=exam.format,
        counts=["10", "20", "all"],
        domains=[{"id": d.id, "label": f"{d.name} ({d.weight}%)"} for d in exam.domains],
        services=[{"id": e.id, "label": e.name} for e in ctx.catalog.entries if e.id in with_questions],
    )


MACROS = {"check_yourself": check_yourself, "practice": practice}
