"""Render the question bank: the "Check yourself" forms on each page, and the Practice page's bank file.

Without JavaScript each question is readable and its answer sits in a collapsed <details>; the quiz
script (docs/javascripts/quiz/) turns the same markup into answerable forms. The section is left out
of the search index, so no answer, `why` or correct flag reaches it (tests/site/test_quiz.py).
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from pathlib import Path

from .context import Context
from .errors import MacroInputError
from .questions import Question

BANK_FILE = Path("practice/questions.json")
LETTERS = "ABCDEFGHIJ"
CODE = re.compile(r"`([^`]+)`")


def inline(text: str) -> str:
    """Plain text with `code` spans, as HTML (the bank's only markup)."""
    return CODE.sub(lambda m: f"<code>{m[1]}</code>", html.escape(text, quote=False))


def page_url(from_src: str, to_src: str, fragment: str = "") -> str:
    """A relative URL between two pages built with directory URLs (services/sqs.md -> ../lambda/#id)."""
    if from_src == to_src:
        return f"#{fragment}"
    start = posixpath.dirname(from_src.removesuffix(".md") + "/index.md")
    target = posixpath.relpath(to_src.removesuffix(".md"), start) + "/"
    return f"{target}#{fragment}" if fragment else target


def domain_of(ctx: Context, q: Question) -> str:
    """The exam domain a question counts for: its first note's first skill, else its page's first domain."""
    for note_id in q.notes:
        skills = ctx.skills.skills_of_note(note_id)
        if skills:
            task = skills[0].id.split(".")[0]
            return ctx.catalog.exam.domains[int(task) - 1].id
    entry = ctx.catalog.by_src_path(ctx.notes[q.notes[0]].src_path)
    return entry.domains[0] if entry and entry.domains else ctx.catalog.exam.domains[0].id


def _option(q: Question, index: int) -> str:
    kind = "radio" if q.kind == "single" else "checkbox"
    option = q.options[index]
    return (f'<li><label><input type="{kind}" name="answer" value="{index}"> '
            f'<span class="quiz__letter">{LETTERS[index]}.</span> {inline(option.text)}</label></li>')


def _explanation(ctx: Context, page: str, q: Question) -> str:
    items = []
    for i, o in enumerate(q.options):
        verdict = "Correct" if o.correct else "Incorrect"
        trap = ' <span class="quiz__trap">The raw notes said this.</span>' if o.trap else ""
        state = "correct" if o.correct else "incorrect"
        items.append(f'<li data-option="{i}" data-verdict="{state}"><strong>{LETTERS[i]}. {verdict}:</strong> '
                     f"{inline(o.why)}{trap}</li>")
    links = ", ".join(
        f'<a href="{page_url(page, ctx.notes[n].src_path, n)}">{inline(ctx.notes[n].title)}</a>' for n in q.notes)
    answer = ", ".join(LETTERS[i] for i in q.answer)
    return (f'<p class="quiz__key">Answer: {answer}</p><ul class="quiz__why">{"".join(items)}</ul>'
            f'<p class="quiz__notes">Read: {links}</p>')


def render_question(ctx: Context, page: str, q: Question, number: int) -> str:
    kind = "Choose one." if q.kind == "single" else ""
    hint = f' <span class="quiz__hint">{kind}</span>' if kind else ""
    options = "".join(_option(q, i) for i in range(len(q.options)))
    return (
        f'<form class="quiz" id="{q.id}" data-question="{q.id}" data-kind="{q.kind}" data-domain="{domain_of(ctx, q)}" '
        f'data-notes="{" ".join(q.notes)}">'
        f'<fieldset><legend><span class="quiz__number">Question {number}.</span> {inline(q.stem)}{hint}</legend>'
        f'<ul class="quiz__options">{options}</ul>'
        f'<p class="quiz__actions"><button type="submit" class="md-button" hidden>Check answer</button></p>'
        f'<div class="quiz__feedback" aria-live="polite"></div></fieldset>'
        f'<details class="quiz__answer"><summary>Show the answer</summary>{_explanation(ctx, page, q)}</details>'
        f"</form>"
    )


def check_yourself(ctx: Context, page: str) -> str:
    """The page's questions (macros/data/questions/<page>.yml), answerable with the quiz script."""
    stem = Path(page).stem
    mine = [q for q in ctx.questions.values() if q.page == stem]
    if not mine:
        raise MacroInputError(f"no questions for this page: add macros/data/questions/{stem}.yml (format: macros/questions.py)")
    forms = "\n".join(render_question(ctx, page, q, i) for i, q in enumerate(mine, start=1))
    practice = page_url(page, "practice.md")
    intro = (f'<p class="quiz__intro">{len(mine)} exam-style question{"s" if len(mine) != 1 else ""} on this page\'s notes. '
             f'Your answers stay in this browser; the <a href="{practice}">Practice</a> page mixes questions from every page.</p>')
    return f'<div class="quiz-list" data-search-exclude>\n{intro}\n{forms}\n</div>'


def bank_json(ctx: Context) -> dict:
    """Everything the Practice page needs, as one file fetched on demand (not inlined into pages)."""
    exam = ctx.catalog.exam
    fmt = exam.format
    questions = []
    for q in ctx.questions.values():
        entry = ctx.catalog.by_src_path(ctx.notes[q.notes[0]].src_path)
        questions.append({
            "id": q.id, "kind": q.kind, "stem": q.stem, "domain": domain_of(ctx, q),
            "service": entry.id if entry else q.page, "notes": list(q.notes), "trap": q.trap is not None,
            "options": [{"text": o.text, "correct": o.correct, "why": o.why, "trap": o.trap} for o in q.options],
        })
    used = {n for q in ctx.questions.values() for n in q.notes}
    return {
        "version": 1,
        "exam": {"code": exam.code, "format": vars(fmt) if fmt else None,
                 "domains": [{"id": d.id, "name": d.name, "weight": d.weight} for d in exam.domains]},
        "services": {e.id: e.name for e in ctx.catalog.entries},
        "notes": {n: {"title": ctx.notes[n].title, "url": page_url("practice.md", ctx.notes[n].src_path, n)}
                  for n in sorted(used)},
        "questions": questions,
    }


def write_bank(site_dir: Path, ctx: Context) -> None:
    path = site_dir / BANK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(bank_json(ctx), separators=(",", ":"), ensure_ascii=False), encoding="utf-8")


def _choices(name: str, items: list[tuple[str, str]], kind: str = "checkbox", checked: str | None = None) -> str:
    out = []
    for value, label in items:
        on = " checked" if checked is None or value == checked else ""
        out.append(f'<label><input type="{kind}" name="{name}" value="{value}"{on}> {html.escape(label)}</label>')
    return "".join(out)


def practice(ctx: Context, page: str) -> str:
    """The Practice page's controls; docs/javascripts/quiz/practice.js runs them with the bank file."""
    exam = ctx.catalog.exam
    fmt = exam.format
    if fmt is None:
        raise MacroInputError("exam.yml has no `format` (questions, minutes, passing score) for the exam simulation")
    domains = _choices("domain", [(d.id, f"{d.name} ({d.weight}%)") for d in exam.domains])
    with_questions = {q.page for q in ctx.questions.values()}
    services = _choices("service", [(e.id, e.name) for e in ctx.catalog.entries if e.id in with_questions])
    counts = _choices("count", [("10", "10"), ("20", "20"), ("all", "All")], "radio", "10")
    modes = _choices("mode", [("one", "One at a time"), ("list", "As a list")], "radio", "one")
    return f"""<div class="practice" data-practice data-bank="{BANK_FILE.name}" data-search-exclude>
<form class="practice__setup">
<fieldset class="practice__domains"><legend>Domains</legend>{domains}</fieldset>
<fieldset class="practice__services"><legend>Services and topics</legend>
<p class="practice__bulk"><button type="button" class="md-button" data-select="service" hidden>Select all</button> <button type="button" class="md-button" data-clear="service" hidden>Clear all</button></p>
<div class="practice__service-list">{services}</div></fieldset>
<fieldset class="practice__options"><legend>Questions</legend>
<div class="practice__count" role="group" aria-label="How many">{counts}</div>
<div class="practice__mode" role="group" aria-label="Show">{modes}</div>
<label><input type="checkbox" name="missed" value="1"> Only questions I missed</label></fieldset>
<p class="practice__actions"><button type="submit" class="md-button md-button--primary" name="start" value="practice" hidden>Start practice</button>
<button type="submit" class="md-button" name="start" value="exam" hidden>Start an exam simulation ({fmt.questions} questions, {fmt.minutes} minutes)</button></p>
<p class="practice__status" role="status"></p>
</form>
<section class="practice__run" aria-label="Practice" hidden></section>
<section class="practice__progress" aria-label="Your progress" hidden></section>
</div>"""


MACROS = {"check_yourself": check_yourself, "practice": practice}
