"""What a formula returns, and the small phrasing helpers the formulas share.

A formula is a pure function `compute(values, constants) -> Outcome`: numbers for the results
(printed later with the decimals set in calculators.yml), the working as sentences, and an
optional table. `check(values, constants)` may add cross-field errors. No HTML anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .numbers import format_number, plural, snap

Values = dict[str, float | str]


@dataclass(frozen=True)
class Outcome:
    values: dict[str, float | str]
    working: tuple[str, ...] = ()
    table: tuple[tuple[str, ...], ...] = field(default=())


def num(x: float, decimals: int = 6) -> str:
    """A number inside a sentence: grouped, trailing zeros trimmed."""
    return format_number(x, decimals)


def counted(count: float, one: str, many: str, decimals: int = 6) -> str:
    """ "1 shard", "3 shards", "0.5 units"."""
    return f"{num(count, decimals)} {plural(count, one, many)}"


def rounded_up(exact: float, result: int, one: str, many: str) -> str:
    """ "2 shards" when exact is whole, else "2.5, rounded up to 3 shards"."""
    if snap(exact) == result:
        return counted(result, one, many)
    return f"{num(exact)}, rounded up to {counted(result, one, many)}"


def price(x: float) -> str:
    """A price with at least two decimals and up to ten: 0.20, 0.0000166667."""
    text = format_number(x, 10)
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def money(x: float) -> str:
    """An amount in dollars and cents: 10.60."""
    return format_number(x, 2, trim_zeros=False)


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def and_list(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
