"""The Exam coverage page: the current exam's domains and in-scope services, and which have a page here."""

from __future__ import annotations

from .context import Context, rel_link


def exam_domains(ctx: Context, page: str) -> str:
    """The current exam's domains with their weights (and the previous exam's, where known)."""
    exam = ctx.catalog.exam
    rows = ["| Domain | Weight | " + (f"{exam.replaces} weight |" if exam.replaces else ""),
            "| --- | --- |" + (" --- |" if exam.replaces else "")]
    for d in exam.domains:
        previous = f" {d.previous} % |" if exam.replaces else ""
        rows.append(f"| {d.name} | {d.weight} % |{previous}")
    return "\n".join(rows)


def exam_coverage(ctx: Context, page: str) -> str:
    """Every in-scope service, grouped as in the exam guide, with a link where this site has a page."""
    exam = ctx.catalog.exam
    rows = ["| Exam guide category | Service | On this site |", "| --- | --- | --- |"]
    for item in exam.in_scope:
        entry = ctx.catalog.find(item.page) if item.page else None
        cell = f"[{entry.name}]({rel_link(page, entry.src_path)})" if entry else "Not covered yet"
        rows.append(f"| {item.category} | {item.name} | {cell} |")
    covered = sum(1 for i in exam.in_scope if i.page)
    summary = f"{covered} of {len(exam.in_scope)} in-scope services have a page here."
    return summary + "\n\n" + "\n".join(rows)


def exam_fact(ctx: Context, page: str, key: str) -> str:
    """One fact of the current exam (code, name, first_exam_date, replaces, guide, in_scope_source)."""
    return str(getattr(ctx.catalog.exam, key))


MACROS = {"exam_domains": exam_domains, "exam_coverage": exam_coverage, "exam_fact": exam_fact}
