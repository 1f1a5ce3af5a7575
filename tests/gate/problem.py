"""One problem the gate found: where it is, which rule it breaks, and how to fix it.

Every check returns a list of these instead of raising, so one run reports everything at once.
"""

from __future__ import annotations

from dataclasses import dataclass

# The rules of issue 5, numbered as in the issue, so a report line points back to its rule.
BUILD = "1 strict build"
LINKS = "2 internal links"
DEEP_LINKS = "3 published deep links"
SHAPE = "4 page shape"
EXTERNAL = "5 external links"
ASSETS = "6 assets and orphans"
TEMPLATE = "7 unrendered template syntax"
THIRD_PARTY = "8 third-party hosts"
LINT = "9 spelling and lint"
COVERAGE = "10 exam skill coverage"
MACRO_CALLS = "11 template syntax in pages"
QUESTIONS = "12 question coverage"

RULES = (BUILD, LINKS, DEEP_LINKS, SHAPE, EXTERNAL, ASSETS, TEMPLATE, THIRD_PARTY, LINT, COVERAGE, MACRO_CALLS, QUESTIONS)


@dataclass(frozen=True, order=True)
class Problem:
    """`file` is what a contributor opens (a Markdown source where there is one); `line` is 1-based."""

    rule: str
    file: str
    line: int | None
    message: str
    fix: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        return f"{self.where}: [{self.rule}] {self.message}\n    fix: {self.fix}"


def report(problems: list[Problem]) -> str:
    """The readable list the gate prints: every problem, grouped by rule, with a count."""
    if not problems:
        return "The publishing gate passed: no problems."
    ordered = sorted(set(problems), key=lambda p: (RULES.index(p.rule), p.file, p.line or 0, p.message))
    lines = [f"The publishing gate found {len(ordered)} problem(s):", ""]
    lines += [str(p) for p in ordered]
    counts = ", ".join(f"{r}: {n}" for r in RULES if (n := sum(p.rule == r for p in ordered)))
    lines += ["", f"By rule: {counts}"]
    return "\n".join(lines)
