"""MkDocs hook: no garbage-collector passes while MkDocs builds, and none when the process exits.

A build allocates millions of short-lived objects (Markdown's element trees, Jinja's contexts, our macros'
output), nearly all freed by reference counting, so collections during it find little: with Python's
default first threshold (700) today's build ran 430 of them for 0.16-0.23 s, and with it at 50,000 the
three that were left still cost 0.08-0.15 s. So automatic collection is off from the start of each build
to its end (`PAUSED`); the peak memory of a build goes from 85 to 105 MB.

Turning it back on would start, at the next allocation, one collection of everything the build made
(0.10-0.13 s). Instead, `gc.freeze()` then `gc.unfreeze()` hands those objects to the oldest generation
untraversed, and the caller's thresholds come back. A later full collection still finds the build's
garbage: `mkdocs serve` runs one before each rebuild, and a process that goes on after MkDocs gets the
usual ones. Last, the full collection the interpreter runs at exit (0.05-0.07 s, all of it spent on a
process about to end) is skipped: `gc.freeze()` runs at exit (atexit), which leaves it nothing to
traverse. Measured in make bench's build stage (README "Performance").
"""

from __future__ import annotations

import atexit
import gc
from typing import Any

from mkdocs.plugins import event_priority

PAUSED = (0, 0, 0)  # a first threshold of 0: no automatic collection
_caller: tuple[int, int, int] | None = None  # the thresholds to give back: the caller's, before MkDocs started
_started = False  # on_startup ran: `mkdocs build`, `serve` and `gh-deploy` send it; MkDocs' build() alone does not
_built = False  # a build has started in this process before (`mkdocs serve` runs one per change)


def _pause() -> None:
    gc.set_threshold(*PAUSED)


def _resume() -> None:
    """The objects the build left join the oldest generation untraversed, and the caller's thresholds return."""
    global _caller
    gc.freeze()
    gc.unfreeze()
    if _caller is not None:
        gc.set_threshold(*_caller)
    if not _started:  # a build without on_startup: the next one reads the caller's thresholds again
        _caller = None


def on_startup(command: str, dirty: bool, **kwargs: Any) -> None:
    global _caller, _started
    if not _started:
        _caller = gc.get_threshold()
        _started = True
        atexit.register(gc.freeze)  # runs at exit only, so a caller that goes on is not affected
    _pause()


@event_priority(100)  # before every plugin, so the macros' data loads with collection off
def on_config(config: Any) -> Any:
    """The start of each build. A rebuild first collects what the last build handed on uncollected."""
    global _built, _caller
    if _built:
        gc.collect()
    _built = True
    if _caller is None:
        _caller = gc.get_threshold()
    _pause()
    return config


@event_priority(-100)  # after every plugin and hook, so the share pages and the search index are written first
def on_post_build(config: Any) -> None:
    _resume()


@event_priority(-100)
def on_build_error(error: Exception) -> None:
    _resume()


def on_shutdown(**kwargs: Any) -> None:
    global _started
    if _started:
        _started = False
        _resume()  # with _started off, it also forgets the caller's thresholds
