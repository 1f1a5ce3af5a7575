"""Load and validate macros/data/calculators.yml into frozen dataclasses.

The file is the single source of each calculator's inputs, ranges, defaults, result formats,
constants and cited facts. Validation is strict: an unknown key, a default outside its own range
or a non-AWS source fails the build with a message naming the calculator and the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..catalog import DATA_DIR
from ..datafile import load_yaml
from ..errors import suggest
from .numbers import format_number
from .validate import parse_field

SPEC_PATH = DATA_DIR / "calculators.yml"
ID = re.compile(r"[a-z][a-z0-9-]*")
NAME = re.compile(r"[a-z][a-z0-9_]*")
# Query parameters the page already uses: ours would clash (calc) or Material's (q, h: search).
RESERVED_NAMES = {"calc", "q", "h"}
SOURCE_HOSTS = ("docs.aws.amazon.com", "aws.amazon.com")
CALC_KEYS = {"id", "title", "service", "note", "summary", "constants", "inputs", "results", "table", "notes", "facts"}
CALC_REQUIRED = {"id", "title", "service", "summary", "constants", "inputs", "results", "facts"}
NUMBER_KEYS = {"name", "label", "type", "unit", "default", "min", "max", "min_exclusive", "integer",
               "min_note", "max_note", "help"}
CHOICE_KEYS = {"name", "label", "type", "default", "choices", "help"}
RESULT_KEYS = {"name", "label", "unit", "kind", "decimals", "trim"}
TABLE_KEYS = {"name", "caption", "columns"}
FACT_KEYS = {"text", "title", "url"}


class CalculatorSpecError(ValueError):
    """calculators.yml is inconsistent; the message names the calculator and the key."""


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Input:
    name: str
    label: str
    type: str  # "number" | "choice"
    default: float | str
    unit: str = ""
    help: str = ""
    min: float = 0.0
    max: float = 0.0
    min_exclusive: bool = False
    integer: bool = False
    min_note: str = ""
    max_note: str = ""
    choices: tuple[Choice, ...] = ()

    def to_js(self) -> dict[str, Any]:
        """The validation rules the browser needs, in the shape core.js reads."""
        if self.type == "choice":
            return {"name": self.name, "type": "choice", "choices": [c.value for c in self.choices]}
        return {
            "name": self.name, "type": "number", "unit": self.unit, "min": self.min, "max": self.max,
            "minExclusive": self.min_exclusive, "integer": self.integer,
            "minNote": self.min_note, "maxNote": self.max_note,
        }


@dataclass(frozen=True)
class Result:
    name: str
    label: str
    unit: str = ""
    kind: str = "number"  # "number" | "text"
    decimals: int = 0
    trim: bool = True

    def to_js(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "decimals": self.decimals, "trim": self.trim}


@dataclass(frozen=True)
class Table:
    name: str
    caption: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Fact:
    text: str
    title: str
    url: str


@dataclass(frozen=True)
class Calculator:
    id: str
    title: str
    service: str
    note: str | None
    summary: str
    constants: dict[str, float]
    inputs: tuple[Input, ...]
    results: tuple[Result, ...]
    table: Table | None
    notes: str
    facts: tuple[Fact, ...]

    def input(self, name: str) -> Input:
        return next(i for i in self.inputs if i.name == name)

    def to_js(self) -> dict[str, Any]:
        """Everything core.js needs to validate, compute and print, as JSON-ready data."""
        return {
            "id": self.id,
            "constants": self.constants,
            "inputs": [i.to_js() for i in self.inputs],
            "results": [r.to_js() for r in self.results],
        }


@dataclass(frozen=True)
class Spec:
    verified: str
    calculators: tuple[Calculator, ...]

    def ids(self) -> list[str]:
        return [c.id for c in self.calculators]

    def find(self, calc_id: str) -> Calculator | None:
        return next((c for c in self.calculators if c.id == calc_id), None)


def _check(cond: bool, where: str, problem: str) -> None:
    if not cond:
        raise CalculatorSpecError(f"calculators.yml: {where}: {problem}")


def _keys(raw: dict[str, Any], allowed: set[str], required: set[str], where: str) -> None:
    unknown = sorted(set(raw) - allowed)
    _check(not unknown, where, f"unknown key {unknown[0]!r}; {suggest(unknown[0], allowed)}" if unknown else "")
    missing = sorted(required - set(raw))
    _check(not missing, where, f"missing key {missing[0]!r}" if missing else "")


def _number_input(raw: dict[str, Any], where: str) -> Input:
    _keys(raw, NUMBER_KEYS, {"name", "label", "type", "default", "min", "max"}, where)
    for key in ("default", "min", "max"):
        _check(isinstance(raw[key], int | float) and not isinstance(raw[key], bool), where, f"{key} must be a number")
    spec = Input(
        name=raw["name"], label=str(raw["label"]), type="number", default=float(raw["default"]),
        unit=str(raw.get("unit", "")), help=str(raw.get("help", "")).strip(),
        min=float(raw["min"]), max=float(raw["max"]), min_exclusive=bool(raw.get("min_exclusive", False)),
        integer=bool(raw.get("integer", False)),
        min_note=str(raw.get("min_note", "")), max_note=str(raw.get("max_note", "")),
    )
    _check(spec.min < spec.max, where, f"min {spec.min:g} must be below max {spec.max:g}")
    _value, error = parse_field(_plain(spec.default), spec)
    _check(error is None, where, f"default {spec.default:g} is invalid: {error}")
    return spec


def _plain(x: float) -> str:
    """A default as the input box shows it: no grouping, no exponent (0.0000166667, not 1.66667e-05)."""
    return format_number(x, 10, group=False)


def _choice_input(raw: dict[str, Any], where: str) -> Input:
    _keys(raw, CHOICE_KEYS, {"name", "label", "type", "default", "choices"}, where)
    choices = tuple(Choice(str(c["value"]), str(c["label"])) for c in raw["choices"])
    values = [c.value for c in choices]
    _check(len(values) >= 2 and len(set(values)) == len(values), where, "needs two or more distinct choices")
    _check(raw["default"] in values, where, f"default {raw['default']!r} is not a choice; {suggest(raw['default'], values)}")
    return Input(name=raw["name"], label=str(raw["label"]), type="choice", default=str(raw["default"]),
                 help=str(raw.get("help", "")).strip(), choices=choices)


def _input(raw: dict[str, Any], calc_id: str) -> Input:
    where = f"calculator {calc_id!r}: input {raw.get('name', '?')!r}"
    name = str(raw.get("name", ""))
    _check(bool(NAME.fullmatch(name)), where, "name must be lower_snake_case (it is a URL parameter)")
    _check(name not in RESERVED_NAMES, where, f"name {name!r} is reserved for the page's own URL parameters")
    kind = raw.get("type")
    _check(kind in ("number", "choice"), where, f"type must be number or choice, got {kind!r}")
    return _number_input(raw, where) if kind == "number" else _choice_input(raw, where)


def _result(raw: dict[str, Any], calc_id: str) -> Result:
    where = f"calculator {calc_id!r}: result {raw.get('name', '?')!r}"
    _keys(raw, RESULT_KEYS, {"name", "label"}, where)
    _check(bool(NAME.fullmatch(str(raw["name"]))), where, "name must be lower_snake_case")
    kind = raw.get("kind", "number")
    _check(kind in ("number", "text"), where, f"kind must be number or text, got {kind!r}")
    decimals = raw.get("decimals", 0)
    _check(isinstance(decimals, int) and 0 <= decimals <= 10, where, "decimals must be a whole number from 0 to 10")
    return Result(name=raw["name"], label=str(raw["label"]), unit=str(raw.get("unit", "")), kind=kind,
                  decimals=decimals, trim=bool(raw.get("trim", True)))


def _fact(raw: dict[str, Any], calc_id: str) -> Fact:
    where = f"calculator {calc_id!r}: fact"
    _keys(raw, FACT_KEYS, FACT_KEYS, where)
    url = str(raw["url"])
    parts = urlsplit(url)
    _check(parts.scheme == "https" and parts.hostname in SOURCE_HOSTS, where,
           f"source must be an https page on {' or '.join(SOURCE_HOSTS)}: {url!r}")
    return Fact(text=" ".join(str(raw["text"]).split()), title=str(raw["title"]), url=url)


def _unique(names: list[str], where: str, what: str) -> None:
    dupes = sorted({n for n in names if names.count(n) > 1})
    _check(not dupes, where, f"duplicate {what} {dupes}")


def _calculator(raw: dict[str, Any]) -> Calculator:
    calc_id = str(raw.get("id", "?"))
    where = f"calculator {calc_id!r}"
    _keys(raw, CALC_KEYS, CALC_REQUIRED, where)
    _check(bool(ID.fullmatch(calc_id)), where, "id must be lower-kebab-case")
    inputs = tuple(_input(i, calc_id) for i in raw["inputs"])
    results = tuple(_result(r, calc_id) for r in raw["results"])
    _unique([i.name for i in inputs], where, "input names")
    _unique([r.name for r in results], where, "result names")
    _check(bool(raw["facts"]), where, "needs at least one fact with its AWS source")
    table = None
    if raw.get("table") is not None:
        _keys(raw["table"], TABLE_KEYS, TABLE_KEYS, f"{where}: table")
        table = Table(str(raw["table"]["name"]), str(raw["table"]["caption"]), tuple(map(str, raw["table"]["columns"])))
    constants = raw["constants"] or {}
    for key, value in constants.items():
        _check(isinstance(value, int | float) and not isinstance(value, bool), where, f"constant {key!r} must be a number")
    return Calculator(
        id=calc_id, title=str(raw["title"]), service=str(raw["service"]), note=raw.get("note"),
        summary=" ".join(str(raw["summary"]).split()), constants=dict(constants), inputs=inputs,
        results=results, table=table, notes=" ".join(str(raw.get("notes", "")).split()),
        facts=tuple(_fact(f, calc_id) for f in raw["facts"]),
    )


_CACHE: dict[Path, tuple[float, Spec]] = {}


def load_spec(path: Path = SPEC_PATH) -> Spec:
    """The validated calculators file; re-read when it changes (mkdocs serve keeps the process)."""
    mtime = path.stat().st_mtime
    cached = _CACHE.get(path)
    if cached and cached[0] == mtime:
        return cached[1]
    raw = load_yaml(path)
    _check(isinstance(raw, dict) and {"verified", "calculators"} <= set(raw), path.name,
           "needs the keys verified and calculators")
    calculators = tuple(_calculator(c) for c in raw["calculators"])
    _unique([c.id for c in calculators], "calculators", "ids")
    spec = Spec(verified=str(raw["verified"]), calculators=calculators)
    _CACHE[path] = (mtime, spec)
    return spec
