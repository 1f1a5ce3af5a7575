"""MkDocs hook: keep old note links working after a note id is renamed (macros/data/anchor_aliases.yml).

For each `old: new` alias, the page whose heading has id `new` gets an empty
`<span id="old" data-anchor-alias="new">` right before that heading, so `page/#old` lands on the
renamed note (Material's `:target` scroll margin applies to it like to a heading). A contributor
edits one data line, never HTML. An alias whose target heading is gone, or whose old id is still
in use, fails the build with the file, the alias and the nearest ids.

Loaded by MkDocs as a hook file (mkdocs.yml `hooks:`), so it imports nothing from the macros package.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import PluginError

ALIASES = Path(__file__).parent.parent / "data" / "anchor_aliases.yml"
WHERE = "macros/data/anchor_aliases.yml"
NOTE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ID_ATTR = re.compile(r'\sid="([^"]+)"')


def load_aliases(path: Path = ALIASES) -> dict[str, str]:
    """The old -> current id map, validated: ids in note-id form, no alias of itself."""
    with path.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh) or {}
    aliases = raw.get("aliases") or {}
    if not isinstance(aliases, dict):
        raise PluginError(f"{WHERE}: `aliases` must be a mapping of old-id: current-id")
    for old, new in aliases.items():
        for value in (old, new):
            if not isinstance(value, str) or not NOTE_ID.match(value):
                raise PluginError(f"{WHERE}: {old!r}: {new!r}: ids are lowercase letters, digits and hyphens")
        if old == new:
            raise PluginError(f"{WHERE}: {old!r} is an alias of itself")
    return dict(aliases)


def heading_with_id(html: str, note_id: str) -> re.Match[str] | None:
    return re.search(r'<h[1-6][^>]*?\sid="' + re.escape(note_id) + '"', html)


def add_alias_anchors(html: str, aliases: dict[str, str]) -> tuple[str, set[str]]:
    """Insert an anchor for each alias whose target heading is in `html`; returns the html and the old ids placed."""
    placed = set()
    for old, new in aliases.items():
        match = heading_with_id(html, new)
        if match is None:
            continue
        anchor = f'<span id="{old}" data-anchor-alias="{new}"></span>'
        html = html[: match.start()] + anchor + html[match.start():]
        placed.add(old)
    return html, placed


@dataclass
class _Build:
    """What one build has seen so far (MkDocs' serve rebuilds start again at on_config)."""

    aliases: dict[str, str] = field(default_factory=dict)
    placed: set[str] = field(default_factory=set)
    ids: dict[str, str] = field(default_factory=dict)  # every element id seen -> the page that has it


_build = _Build()


def on_config(config: Any) -> Any:
    global _build
    _build = _Build(aliases=load_aliases())
    return config


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    src = page.file.src_uri
    for found in ID_ATTR.findall(html):
        if found in _build.aliases:
            raise PluginError(
                f"{WHERE}: alias {found!r} -> {_build.aliases[found]!r}: {src} still has an element with id {found!r}; "
                "an old id can only be an alias once no heading uses it"
            )
        _build.ids.setdefault(found, src)
    html, placed = add_alias_anchors(html, _build.aliases)
    _build.placed |= placed
    return html


def on_post_build(config: Any) -> None:
    missing = sorted(set(_build.aliases) - _build.placed)
    if missing:
        details = "; ".join(
            f"{old!r} -> {_build.aliases[old]!r} (no heading has that id; "
            f"closest: {', '.join(difflib.get_close_matches(_build.aliases[old], _build.ids, n=3)) or 'none'})"
            for old in missing
        )
        raise PluginError(f"{WHERE}: alias target not found: {details}")
