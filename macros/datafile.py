"""Read the YAML data files under macros/data/ (one reader for all of them).

libyaml's C loader when PyYAML has it (about ten times faster than the pure-Python one; the
build reads these files on every run), with the same safe semantics as yaml.safe_load.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=SafeLoader)
