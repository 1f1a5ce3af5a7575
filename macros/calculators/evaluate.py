"""Run a calculator on raw field text: validate, compute with the function of record, print.

This is what the build uses for the worked example on the page and what the tests run the
shared vectors against; core.js `evaluate` is its browser twin.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

from . import backoff, dynamodb_capacity, kinesis_shards, lambda_concurrency, lambda_cost, s3_prefixes
from .numbers import format_number
from .outcome import Outcome, Values
from .spec import Calculator, Input
from .validate import parse_fields

# Calculator id -> module with compute(values, constants) and optionally check(values, constants).
FORMULAS: dict[str, ModuleType] = {
    "dynamodb-capacity": dynamodb_capacity,
    "lambda-concurrency": lambda_concurrency,
    "lambda-cost": lambda_cost,
    "kinesis-shards": kinesis_shards,
    "s3-prefixes": s3_prefixes,
    "backoff": backoff,
}


class FormulaError(RuntimeError):
    """The data file and the formulas disagree (a missing formula or result)."""


@dataclass(frozen=True)
class Evaluation:
    """Printed results by name, the working, table rows; or, when a field is invalid, only errors."""

    results: dict[str, str] = field(default_factory=dict)
    working: tuple[str, ...] = ()
    table: tuple[tuple[str, ...], ...] = ()
    errors: dict[str, str] = field(default_factory=dict)


def formula(calc_id: str) -> ModuleType:
    if calc_id not in FORMULAS:
        raise FormulaError(f"calculators.yml lists {calc_id!r} but macros/calculators/evaluate.py has no formula for it")
    return FORMULAS[calc_id]


def default_text(spec: Input) -> str:
    """The text a field starts with: the default without grouping or exponent."""
    if spec.type == "choice":
        return str(spec.default)
    return format_number(float(spec.default), 10, group=False)


def defaults(calc: Calculator) -> dict[str, str]:
    return {spec.name: default_text(spec) for spec in calc.inputs}


def _printed(calc: Calculator, outcome: Outcome) -> dict[str, str]:
    names = [r.name for r in calc.results]
    if sorted(outcome.values) != sorted(names):
        raise FormulaError(f"{calc.id}: formula returned {sorted(outcome.values)}, calculators.yml lists {sorted(names)}")
    printed = {}
    for result in calc.results:
        value = outcome.values[result.name]
        printed[result.name] = str(value) if result.kind == "text" else format_number(float(value), result.decimals, result.trim)
    return printed


def evaluate(calc: Calculator, raw: dict[str, str]) -> Evaluation:
    module = formula(calc.id)
    values, errors = parse_fields(raw, calc.inputs)
    check: Callable[[Values, dict[str, float]], dict[str, str]] | None = getattr(module, "check", None)
    if not errors and check is not None:
        errors = check(values, calc.constants)
    if errors:
        return Evaluation(errors=errors)
    outcome: Outcome = module.compute(values, calc.constants)
    return Evaluation(results=_printed(calc, outcome), working=outcome.working, table=outcome.table)
