"""The alias-anchor hook (macros/hooks/anchors.py) as plain functions: placement and data validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from macros.hooks.anchors import ALIASES, add_alias_anchors, load_aliases

HTML = '<p>Intro</p>\n<h3 id="sqs-delay-queues">Delay queues<a class="headerlink" href="#sqs-delay-queues">¶</a></h3>'


def test_alias_goes_right_before_the_renamed_heading() -> None:
    html, placed = add_alias_anchors(HTML, {"sqs-delay-seconds": "sqs-delay-queues", "other-old": "other-new"})
    assert placed == {"sqs-delay-seconds"}
    anchor = '<span id="sqs-delay-seconds" data-anchor-alias="sqs-delay-queues"></span>'
    assert f'<p>Intro</p>\n{anchor}<h3 id="sqs-delay-queues">' in html


def test_the_real_alias_file_loads() -> None:
    assert isinstance(load_aliases(ALIASES), dict)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("aliases:\n  Old_Id: new-id\n", "ids are lowercase letters, digits and hyphens"),
        ("aliases:\n  same-id: same-id\n", "'same-id' is an alias of itself"),
        ("aliases: [a, b]\n", "`aliases` must be a mapping"),
    ],
)
def test_bad_alias_data_is_rejected(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "anchor_aliases.yml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(PluginError, match=message):
        load_aliases(path)
