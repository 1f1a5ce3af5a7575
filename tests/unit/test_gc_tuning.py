"""macros/hooks/gc_tuning.py: no collections while MkDocs builds, nothing lost, the caller's thresholds back."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from macros.hooks import gc_tuning

ROOT = Path(__file__).resolve().parents[2]
HOOK = "macros/hooks/gc_tuning.py"  # MkDocs names a hook module by its path in mkdocs.yml


class Node:
    """A container that can sit in a reference cycle, which only a collection frees."""

    def __init__(self) -> None:
        self.other: Node | None = None


def cyclic_garbage() -> weakref.ref[Node]:
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


@pytest.fixture
def caller(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[int, int, int]]:
    """A caller with thresholds of its own, and the hook as a fresh process finds it."""
    before = gc.get_threshold()
    monkeypatch.setattr(gc_tuning, "_caller", None)
    monkeypatch.setattr(gc_tuning, "_started", False)
    monkeypatch.setattr(gc_tuning, "_built", False)
    gc.set_threshold(700, 10, 10)
    yield (700, 10, 10)
    gc.unfreeze()
    gc.set_threshold(*before)


def test_a_build_runs_without_collections_and_gives_the_thresholds_back(caller: tuple[int, int, int]) -> None:
    gc_tuning.on_startup(command="build", dirty=False)
    gc_tuning.on_config({})
    assert gc.get_threshold()[0] == 0, "automatic collection is off during the build"
    gc_tuning.on_post_build({})
    assert gc.get_threshold() == caller
    gc_tuning.on_shutdown()
    assert gc.get_threshold() == caller
    assert gc_tuning._caller is None


def test_a_build_run_without_startup_gives_back_the_thresholds_it_found(caller: tuple[int, int, int]) -> None:
    """MkDocs' build() called in-process sends no on_startup or on_shutdown: collection must not stay off."""
    gc_tuning.on_config({})
    assert gc.get_threshold()[0] == 0
    gc_tuning.on_post_build({})
    assert gc.get_threshold() == caller
    gc.set_threshold(900, 11, 12)  # the caller changes its own between two builds
    gc_tuning.on_config({})
    gc_tuning.on_build_error(RuntimeError("a page failed"))
    assert gc.get_threshold() == (900, 11, 12)


def test_the_builds_objects_are_handed_on_untraversed_and_not_lost(caller: tuple[int, int, int]) -> None:
    gc_tuning.on_startup(command="build", dirty=False)
    gc_tuning.on_config({})
    garbage = cyclic_garbage()
    kept = [Node() for _ in range(20_000)]
    assert gc.get_count()[0] > 20_000
    gc_tuning.on_post_build({})
    # Turned back on as they were, the next allocation would start a collection of all 20,000.
    assert gc.get_count()[0] < caller[0], "the build's objects are still in the youngest generation"
    gc_tuning.on_shutdown()
    assert gc.get_freeze_count() == 0, "nothing is left frozen while the process goes on"
    assert garbage() is not None
    gc.collect()
    assert garbage() is None, "the build's garbage is found by the next full collection"
    assert len(kept) == 20_000


def test_a_rebuild_first_collects_what_the_last_build_handed_on(caller: tuple[int, int, int]) -> None:
    gc_tuning.on_startup(command="serve", dirty=False)
    gc_tuning.on_config({})
    garbage = cyclic_garbage()
    gc_tuning.on_post_build({})
    assert garbage() is not None
    gc_tuning.on_config({})  # the next change under `mkdocs serve`
    assert garbage() is None
    assert gc.get_threshold()[0] == 0
    gc_tuning.on_post_build({})
    gc_tuning.on_shutdown()
    assert gc.get_threshold() == caller


def test_a_failed_build_turns_collection_back_on(caller: tuple[int, int, int]) -> None:
    gc_tuning.on_startup(command="build", dirty=False)
    gc_tuning.on_config({})
    gc_tuning.on_build_error(RuntimeError("a page failed"))
    assert gc.get_threshold() == caller
    gc_tuning.on_shutdown()
    assert gc.get_threshold() == caller


def test_shutdown_without_startup_changes_nothing(caller: tuple[int, int, int]) -> None:
    gc.set_threshold(900, 11, 12)
    gc_tuning.on_shutdown()
    assert gc.get_threshold() == (900, 11, 12)


EXIT_PROBE = """
import atexit, gc, os
# Registered first, so it runs last of the exit handlers: what the interpreter's own final collection meets.
atexit.register(lambda: os.write(1, b"frozen at exit: %d\\n" % gc.get_freeze_count()))
from macros.hooks import gc_tuning
gc_tuning.on_startup(command="build", dirty=False)
gc_tuning.on_config({})
kept = [[] for _ in range(10_000)]
gc_tuning.on_post_build({})
gc_tuning.on_shutdown()
print("frozen before exit:", gc.get_freeze_count())
"""


def test_the_exit_collection_has_nothing_to_traverse() -> None:
    result = subprocess.run([sys.executable, "-c", EXIT_PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    before, at_exit = (int(line.rsplit(" ", 1)[1]) for line in result.stdout.splitlines())
    assert before == 0
    assert at_exit >= 10_000, "gc.freeze() runs at exit, so the final collection skips the build's objects"


def test_the_site_uses_the_hook_around_every_plugin() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert HOOK in config["hooks"]
    from mkdocs.config import load_config

    events = load_config(str(ROOT / "mkdocs.yml")).plugins.events
    assert events["config"][0].__module__ == HOOK, "first, so the macros' data loads with collection off"
    assert events["post_build"][-1].__module__ == HOOK, "last, so every file is written with it off"
    assert events["build_error"][-1].__module__ == HOOK
