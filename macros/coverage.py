"""The Exam coverage page: domains and weights, the skill map with the notes that teach each skill,
and the in-scope services with where this site covers them."""

from __future__ import annotations

from .context import Context, rel_link, unsearched
from .errors import MacroInputError, unknown
from .links import note
from .skills import CONFIDENCE, ORIGINS, DomainSkills, Skill


def exam_domains(ctx: Context, page: str) -> str:
    """The current exam's domains with their weights (and the previous exam's, where known)."""
    exam = ctx.catalog.exam
    rows = ["| Domain | Weight | " + (f"{exam.replaces} weight |" if exam.replaces else ""),
            "| --- | --- |" + (" --- |" if exam.replaces else "")]
    for d in exam.domains:
        previous = f" {d.previous} % |" if exam.replaces else ""
        rows.append(f"| {d.name} | {d.weight} % |{previous}")
    return "\n".join(rows)


def _status(d: DomainSkills) -> str:
    total = len(d.skills)
    if d.complete:
        return "complete: every skill has a note (the gate enforces it)"
    return f"in progress: {total - d.covered} skill(s) without a note yet"


def skill_totals(ctx: Context, page: str) -> str:
    """Per domain: weight, skills covered / skills, and whether the domain is declared complete."""
    exam = ctx.catalog.exam
    rows = ["| Domain | Weight | Skills with a note | Status |", "| --- | --- | --- | --- |"]
    for number, d in enumerate(ctx.skills.domains, start=1):
        domain = exam.domain(d.domain)
        rows.append(f"| [{number}. {domain.name}](#skills-domain-{number}) | {domain.weight} % | "
                    f"{d.covered} / {len(d.skills)} | {_status(d)} |")
    covered = sum(d.covered for d in ctx.skills.domains)
    total = sum(len(d.skills) for d in ctx.skills.domains)
    rows.append(f"| **All domains** | 100 % | **{covered} / {total}** | |")
    return "\n".join(rows)


def _skill_row(ctx: Context, page: str, skill: Skill) -> str:
    origin = ORIGINS[skill.origin] + (f" (from {skill.was})" if skill.was else "")
    notes = "<br>".join(note(ctx, page, n) for n in skill.notes) or "**No note yet**"
    return f"| {skill.id} | {skill.text} | {origin}; {CONFIDENCE[skill.confidence]} | {notes} |"


def skill_map(ctx: Context, page: str) -> str:
    """Every domain, task and skill of the current exam, each skill with links to the notes that teach it."""
    exam = ctx.catalog.exam
    parts = []
    for number, d in enumerate(ctx.skills.domains, start=1):
        domain = exam.domain(d.domain)
        parts.append(f"### Domain {number}: {domain.name} ({domain.weight} %) {{: #skills-domain-{number} }}\n\n"
                     f"{d.covered} of {len(d.skills)} skills have a note; {_status(d)}.")
        for task in d.tasks:
            rows = [f"**Task {task.id}: {task.title}**", "",
                    "| Skill | What you must be able to do | Where it comes from | Notes that teach it |",
                    "| --- | --- | --- | --- |"]
            rows += [_skill_row(ctx, page, s) for s in task.skills]
            parts.append(unsearched("\n".join(rows), "dva-coverage"))
    return "\n\n".join(parts)


def exam_coverage(ctx: Context, page: str) -> str:
    """Every in-scope service, grouped as in the exam guide, with its page or covering note here."""
    exam = ctx.catalog.exam
    rows = ["| Exam guide category | Service | On this site | What DVA-C03 adds |", "| --- | --- | --- | --- |"]
    covered = 0
    for item in exam.in_scope:
        if item.page:
            entry = ctx.catalog.find(item.page)
            if entry is None:
                raise unknown("service id", item.page, ctx.catalog.ids())
            cell = f"[{entry.name}]({rel_link(page, entry.src_path)})"
        elif item.anchor:
            cell = "Section: " + note(ctx, page, item.anchor)
        else:
            cell = "Not covered yet"
        covered += cell != "Not covered yet"
        rows.append(f"| {item.category} | {item.name} | {cell} | {item.c03} |")
    summary = f"{covered} of {len(exam.in_scope)} in-scope services have a page or a section here."
    return summary + "\n\n" + unsearched("\n".join(rows), "dva-coverage")


def exam_additions(ctx: Context, page: str) -> str:
    """What the current exam is known to add beyond the in-scope list, with how sure we are."""
    items = ctx.catalog.exam.additions
    if not items:
        raise MacroInputError("exam.yml lists no c03_additions")
    return "\n".join(f"- **{a.name}**: {a.c03} ({CONFIDENCE.get(a.confidence, a.confidence)})." for a in items)


def exam_scope_notice(ctx: Context, page: str) -> str:
    """The "which list this is" box, from exam.yml's confirmed_for_current flag."""
    exam = ctx.catalog.exam
    source = f"[{exam.in_scope_source}]({exam.in_scope_source_url})" if exam.in_scope_source_url else exam.in_scope_source
    if exam.in_scope_confirmed:
        return f'!!! info "Which list this is"\n\n    This is the {exam.code} in-scope list: {source}.'
    return ('!!! warning "Which list this is"\n\n'
            f"    AWS had not published a {exam.code} in-scope service list that we could confirm when this page\n"
            f"    was written, so the list below is the {exam.replaces} one: {source}. Where {exam.code} is known\n"
            "    to go further, the last column says so, and the list after the table names what it adds.")


def exam_fact(ctx: Context, page: str, key: str) -> str:
    """One fact of the current exam (code, name, first_exam_date, replaces, guide, in_scope_source)."""
    return str(getattr(ctx.catalog.exam, key))


MACROS = {
    "exam_domains": exam_domains,
    "exam_coverage": exam_coverage,
    "exam_additions": exam_additions,
    "exam_scope_notice": exam_scope_notice,
    "exam_fact": exam_fact,
    "skill_map": skill_map,
    "skill_totals": skill_totals,
}
