"""macros/hooks/gc_tuning.py: fewer collections while MkDocs runs, the caller's thresholds back afterwards."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from macros.hooks import gc_tuning

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def thresholds() -> Iterator[tuple[int, int, int]]:
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)


def test_a_build_raises_the_thresholds_and_gives_them_back(thresholds: tuple[int, int, int]) -> None:
    gc.set_threshold(700, 10, 10)
    gc_tuning.on_startup(command="build", dirty=False)
    assert gc.get_threshold() == gc_tuning.THRESHOLDS
    assert gc_tuning.THRESHOLDS[0] > 700
    gc_tuning.on_shutdown()
    assert gc.get_threshold() == (700, 10, 10)


def test_shutdown_without_startup_changes_nothing(thresholds: tuple[int, int, int]) -> None:
    gc.set_threshold(900, 11, 12)
    gc_tuning.on_shutdown()
    assert gc.get_threshold() == (900, 11, 12)


def test_the_site_uses_the_hook() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["hooks"][0] == "macros/hooks/gc_tuning.py", "first, so it is in force for every other hook"
