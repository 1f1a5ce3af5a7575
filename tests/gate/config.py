"""The gate's own settings (tests/gate/gate.yml), loaded once."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from .project import GATE_DIR


@cache
def gate_config() -> dict[str, Any]:
    with (GATE_DIR / "gate.yml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)
