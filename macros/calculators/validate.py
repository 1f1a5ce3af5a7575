"""Field validation shared by every calculator: raw text in, a number or choice out, or a message.

The messages state the valid range so a reader can fix the field without guessing. core.js builds
the same messages from the same rules (the spec travels to the page as JSON), and the test vectors
pin them word for word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .numbers import format_number, parse_decimal, trim

if TYPE_CHECKING:
    from .spec import Input

Value = float | str


def number_text(x: float) -> str:
    """A limit as the messages print it: grouped, up to 6 decimals."""
    return format_number(x, 6)


def range_text(spec: Input) -> str:
    """ "a whole number from 0 to 1,000 reads/s", "a number greater than 0 and at most 400 KB"."""
    unit = f" {spec.unit}" if spec.unit else ""
    low, high = number_text(spec.min), number_text(spec.max)
    if spec.min_exclusive:
        return f"{'a whole number' if spec.integer else 'a number'} greater than {low} and at most {high}{unit}"
    return f"{'a whole number' if spec.integer else 'a number'} from {low} to {high}{unit}"


def _message(problem: str, note: str, spec: Input) -> str:
    if note:
        return f"{problem}: {note}. Enter {range_text(spec)}."
    return f"{problem}: enter {range_text(spec)}."


def parse_number(raw: str, spec: Input) -> tuple[float | None, str | None]:
    text = trim(raw)
    if text == "":
        return None, _message("Required", "", spec)
    value = parse_decimal(text)
    if value is None:
        return None, _message("Not a number", "", spec)
    if value < spec.min or (spec.min_exclusive and value == spec.min):
        return None, _message("Too small", spec.min_note, spec)
    if value > spec.max:
        return None, _message("Too large", spec.max_note, spec)
    if spec.integer and value != int(value):
        return None, _message("Not a whole number", "", spec)
    return value, None


def parse_choice(raw: str, spec: Input) -> tuple[str | None, str | None]:
    values = [c.value for c in spec.choices]
    if raw in values:
        return raw, None
    return None, f"Choose one of: {', '.join(values)}."


def parse_field(raw: str, spec: Input) -> tuple[Value | None, str | None]:
    """(value, None) when valid, else (None, message)."""
    if spec.type == "choice":
        return parse_choice(raw, spec)
    return parse_number(raw, spec)


def parse_fields(raw: dict[str, str], inputs: tuple[Input, ...]) -> tuple[dict[str, Value], dict[str, str]]:
    """Every field at once: the valid values and a message per invalid field (missing counts as empty)."""
    values: dict[str, Value] = {}
    errors: dict[str, str] = {}
    for spec in inputs:
        value, error = parse_field(raw.get(spec.name, ""), spec)
        if error is not None:
            errors[spec.name] = error
        elif value is not None:
            values[spec.name] = value
    return values, errors
