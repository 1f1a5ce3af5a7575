"""Build-failing errors for macro calls, with the page, the macro and the nearest valid values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class MacroInputError(ValueError):
    """Raised by a macro body: what is wrong with the arguments, without the page context."""


class MacroError(RuntimeError):
    """Raised to mkdocs-macros: one line naming the page, the call and the problem."""


def suggest(value: str, valid: Iterable[str], n: int = 3) -> str:
    """Return "did you mean: a, b?" for the closest valid values, or a short list when none is close."""
    options = sorted(set(valid))
    close = difflib.get_close_matches(str(value), options, n=n, cutoff=0.5)
    if close:
        return "did you mean: " + ", ".join(close) + "?"
    shown = ", ".join(options[:12])
    return f"valid values: {shown}{', ...' if len(options) > 12 else ''}"


def unknown(kind: str, value: object, valid: Iterable[str]) -> MacroInputError:
    """Error for a value that is not in a known set (service id, note id, calculator id)."""
    return MacroInputError(f"unknown {kind} {value!r}; {suggest(str(value), valid)}")


def in_context(page: str, call: str, error: Exception) -> MacroError:
    """Attach the page and the exact call to an input error."""
    return MacroError(f"{page}: {call}: {error}")
