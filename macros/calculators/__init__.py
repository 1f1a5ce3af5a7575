"""The calculator macros: calculator("<id>") inline beside a note, calculators() for the listing page.

Each calculator is defined in data/calculators.yml, computed by its function of record in this
package (one module per calculator) and rendered with a worked example, so the page teaches even
without JavaScript; docs/javascripts/calculators/ makes the same form live in the browser.
"""

from __future__ import annotations

from .. import links
from ..context import Context
from ..errors import MacroInputError, unknown
from .evaluate import FormulaError, defaults, evaluate
from .render import render_calculator
from .spec import Calculator, CalculatorSpecError, Spec, load_spec


def _spec() -> Spec:
    try:
        return load_spec()
    except CalculatorSpecError as exc:
        raise MacroInputError(str(exc)) from None


def _checked(ctx: Context, calc: Calculator) -> Calculator:
    """The calculator's service page and note must exist, and the note must be on that page."""
    where = f"calculators.yml: calculator {calc.id!r}"
    entry = ctx.catalog.find(calc.service)
    if entry is None:
        raise MacroInputError(f"{where}: {unknown('service id', calc.service, ctx.catalog.ids())}")
    if calc.note is not None:
        note = ctx.notes.get(calc.note)
        if note is None:
            raise MacroInputError(f"{where}: {unknown('note id', calc.note, ctx.notes)}")
        if note.src_path != entry.src_path:
            raise MacroInputError(f"{where}: note {calc.note!r} is on {note.src_path}, not on the page of {calc.service!r}")
    return calc


def _html(spec: Spec, calc: Calculator) -> str:
    raw = defaults(calc)
    try:
        return render_calculator(calc, spec.verified, raw, evaluate(calc, raw))
    except FormulaError as exc:
        raise MacroInputError(str(exc)) from None


def calculator(ctx: Context, page: str, calc_id: str) -> str:
    """One calculator as a form, with a worked example computed at build time."""
    spec = _spec()
    calc = spec.find(calc_id)
    if calc is None:
        raise unknown("calculator id", calc_id, spec.ids())
    return _html(spec, _checked(ctx, calc))


def calculators(ctx: Context, page: str) -> str:
    """Every calculator: a heading, what it computes, a link to the note it explains, the form."""
    spec = _spec()
    parts = []
    for calc in spec.calculators:
        _checked(ctx, calc)
        where = links.service(ctx, page, calc.service)
        explains = f"Explains {links.note(ctx, page, calc.note)} on {where}." if calc.note else f"Goes with {where}."
        parts.append(f"## {calc.title} {{: #{calc.id} }}\n\n{calc.summary} {explains}\n\n{_html(spec, calc)}")
    return "\n\n".join(parts)


MACROS = {"calculator": calculator, "calculators": calculators}
