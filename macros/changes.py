"""Placeholder: filled in by the work on issue 13."""

from __future__ import annotations

MACROS: dict = {}
