"""The publishing gate: every rule's check in one run, every problem in one list.

`run_gate(project_root)` builds the project strictly (rule 1) and runs the other rules on the result;
with `build_site=False` it checks a site that is already built.
A check that crashes becomes a Problem naming the check, never a bare traceback that hides the rest.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from .assets import check_assets
from .build import build, check_config
from .coverage import check_coverage
from .external import check_external
from .links import check_links
from .lint import check_lint
from .macro_calls import check_macro_calls
from .problem import (
    ASSETS,
    BUILD,
    COVERAGE,
    DEEP_LINKS,
    EXTERNAL,
    LINKS,
    LINT,
    MACRO_CALLS,
    QUESTIONS,
    SHAPE,
    TEMPLATE,
    THIRD_PARTY,
    Problem,
)
from .project import GATE_DIR, Inputs, Project, Site
from .questions import check_questions
from .registry import check_registry
from .shape import check_shape
from .share import check_share_pages
from .template import check_template
from .third_party import check_third_party

SourceCheck = Callable[[Project], list[Problem]]
SiteCheck = Callable[[Inputs], list[Problem]]

# Rules read from the sources alone (they run even when the build failed).
SOURCE_CHECKS: list[tuple[str, SourceCheck]] = [
    (BUILD, check_config), (SHAPE, check_shape), (LINT, check_lint), (COVERAGE, check_coverage),
    (MACRO_CALLS, check_macro_calls), (QUESTIONS, check_questions),
]
# Rules read from the built site.
SITE_CHECKS: list[tuple[str, SiteCheck]] = [
    (LINKS, check_links),
    (DEEP_LINKS, check_registry),
    (DEEP_LINKS, check_share_pages),
    (EXTERNAL, check_external),
    (ASSETS, check_assets),
    (TEMPLATE, check_template),
    (THIRD_PARTY, check_third_party),
]


def _guarded(rule: str, check: Callable[..., list[Problem]], arg: object) -> list[Problem]:
    try:
        return check(arg)
    except Exception as exc:  # a crash in one check must not hide the other rules' problems
        return [Problem(rule, f"tests/gate ({check.__name__})", None, f"the check crashed: {type(exc).__name__}: {exc}",
                        "fix the input it names, or the check if the input is right")]


def check_site(project: Project, site_dir: Path, registry: Path = GATE_DIR / "published.txt") -> list[Problem]:
    inputs = Inputs(project, Site(site_dir), registry)
    return [p for rule, check in SITE_CHECKS for p in _guarded(rule, check, inputs)]


def check_sources(project: Project) -> list[Problem]:
    return [p for rule, check in SOURCE_CHECKS for p in _guarded(rule, check, project)]


def run_gate(
    project_root: Path, site_dir: Path | None = None, registry: Path = GATE_DIR / "published.txt", *, build_site: bool = True
) -> list[Problem]:
    """Every problem of the project. Builds it strictly (into `site_dir`, or a temporary folder when
    None) unless `build_site` is False, in which case `site_dir` is an already built site."""
    project = Project(project_root.resolve())
    problems = check_sources(project)
    if not build_site:
        assert site_dir is not None, "a site folder is needed when the gate does not build"
        return problems + check_site(project, site_dir, registry)
    with tempfile.TemporaryDirectory(prefix="gate-site-") as tmp:
        target = site_dir or Path(tmp)
        complete, build_problems = build(project, target)
        problems += build_problems
        if complete:
            problems += check_site(project, target, registry)
    return problems
