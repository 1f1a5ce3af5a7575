"""Number reading, rounding and printing shared by every calculator.

docs/javascripts/calculators/core.js mirrors each function here step for step (same IEEE-754
operations in the same order), so Python and the browser print the same text for the same input.
Python's own round() and format() are not used: they round half to even, JavaScript does not.
"""

from __future__ import annotations

import math
import re

# Plain decimals, optional thousands commas (grouped by three) and an optional exponent.
# ASCII digits only: Python's \d would also accept other scripts' digits, JavaScript's does not.
DECIMAL = re.compile(r"[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
SPACE = re.compile(r"^[ \t\r\n]+|[ \t\r\n]+$")

# Below this, x * 1e9 is still an exact-enough double to snap away float noise before a ceiling.
SNAP_LIMIT = 2**53 / 1e9


def trim(raw: str) -> str:
    """Strip ASCII spaces, tabs and newlines only (str.strip and String.trim disagree on the rest)."""
    return SPACE.sub("", raw)


def parse_decimal(text: str) -> float | None:
    """The number a trimmed string denotes, or None when it is not a plain decimal.

    "1e400" parses (to infinity) so that range checks can say "too large"; "0x10", "Infinity",
    "NaN" and "1_000" do not parse.
    """
    if not DECIMAL.fullmatch(text):
        return None
    return float(text.replace(",", "")) + 0.0  # + 0.0 turns -0.0 into 0.0


def snap(x: float) -> float:
    """x rounded to 9 decimals, which removes float noise (1.1 * 20 / 2 is 11.000000000000002)."""
    if 0 <= x < SNAP_LIMIT:
        return math.floor(x * 1e9 + 0.5) / 1e9
    return x


def ceil_clean(x: float) -> int:
    """Round up to a whole number, ignoring float noise below 1e-9 (1.1 * 20 / 2 must give 11)."""
    return math.ceil(snap(x))


def format_number(x: float, decimals: int = 0, trim_zeros: bool = True, group: bool = True) -> str:
    """Print x rounded half up to `decimals` places, with thousands commas unless group is False."""
    if not math.isfinite(x):
        raise ValueError(f"cannot format non-finite number {x!r}")
    scaled = math.floor(abs(x) * 10**decimals + 0.5)
    digits = str(scaled).rjust(decimals + 1, "0")
    whole, frac = (digits[:-decimals], digits[-decimals:]) if decimals else (digits, "")
    if trim_zeros:
        frac = frac.rstrip("0")
    if group:
        whole = _group(whole)
    sign = "-" if x < 0 and scaled != 0 else ""
    return f"{sign}{whole}.{frac}" if frac else f"{sign}{whole}"


def _group(whole: str) -> str:
    head = len(whole) % 3 or 3
    parts = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
    return ",".join(parts)


def plural(count: float, one: str, many: str) -> str:
    """`one` for exactly 1, else `many` (2 units, 0.5 units, 1 unit)."""
    return one if count == 1 else many
