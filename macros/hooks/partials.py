"""MkDocs hook: apply the edits in partials.yml to Material's partials when the theme loads.

Overriding a partial means copying it whole, and a copy silently drifts from Material's template.
Here each fix is one named `find` -> `replace` on Material's current template instead, and an edit
that no longer applies fails the build with the partial's name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.exceptions import PluginError

PATCHES = Path(__file__).with_name("partials.yml")


def patch_source(name: str, source: str, edits: list[dict[str, str]]) -> str:
    """Apply each edit to one template's source; each `find` must occur exactly once."""
    for edit in edits:
        count = source.count(edit["find"])
        if count != 1:
            raise PluginError(
                f"macros/hooks/partials.yml: {name}: expected {edit['find']!r} once in Material's template, "
                f"found it {count} times; Material changed this partial: check whether the fix ({edit['why']}) is still needed"
            )
        source = source.replace(edit["find"], edit["replace"])
    return source


def load_patches(path: Path = PATCHES) -> dict[str, list[dict[str, str]]]:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def on_env(env: Environment, config: Any, files: Any) -> Environment:
    assert env.loader is not None
    patched = {
        name: patch_source(name, env.loader.get_source(env, name)[0], edits) for name, edits in load_patches().items()
    }
    env.loader = ChoiceLoader([DictLoader(patched), env.loader])
    return env
