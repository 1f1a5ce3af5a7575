"""Lay out a calculator as HTML from values Python already computed (templates/calculator.html).

No arithmetic here. The output is one raw HTML block: no blank line and no indentation, so that
Markdown neither splits it into paragraphs nor reads it as a code block, wherever it is placed.
"""

from __future__ import annotations

import json
from typing import Any

from ..templating import render
from .evaluate import Evaluation
from .spec import Calculator, Input


def field_id(calc: Calculator, name: str) -> str:
    return f"calc-{calc.id}-{name}"


def _field(calc: Calculator, spec: Input, text: str) -> dict[str, Any]:
    fid = field_id(calc, spec.name)
    described = " ".join(([f"{fid}-help"] if spec.help else []) + [f"{fid}-msg"])
    return {
        "id": fid, "name": spec.name, "label": spec.label, "unit": spec.unit, "type": spec.type,
        "help": spec.help, "value": text, "choices": spec.choices, "described_by": described,
        "inputmode": "numeric" if spec.integer else "decimal",
    }


def render_calculator(calc: Calculator, verified: str, raw: dict[str, str], example: Evaluation) -> str:
    """The form with its build-time worked example (`example` must be the evaluation of `raw`)."""
    if example.errors:
        raise ValueError(f"{calc.id}: the worked example has invalid inputs: {example.errors}")
    results = [{"name": r.name, "label": r.label, "unit": r.unit, "text": example.results[r.name], "kind": r.kind}
               for r in calc.results]
    return render("calculator.html",
        calc=calc,
        verified=verified,
        spec_json=json.dumps(calc.to_js(), separators=(",", ":"), ensure_ascii=False),
        fields=[_field(calc, spec, raw[spec.name]) for spec in calc.inputs],
        input_ids=" ".join(field_id(calc, spec.name) for spec in calc.inputs),
        number_results=[r for r in results if r["kind"] == "number"],
        text_results=[r for r in results if r["kind"] == "text"],
        working=example.working,
        table=calc.table,
        rows=example.table,
    )
