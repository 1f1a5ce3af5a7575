"""The publishing gate on the real site: every rule on this session's strict build. Rule 1 is the
`built_site` fixture itself, which fails the session on any build warning, plus the gate's check
that mkdocs.yml keeps the settings that make the build strict.

One gate run, one test per rule, so a failure names its rule and lists every problem under it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.gate.problem import RULES, Problem, report
from tests.gate.project import Project
from tests.gate.runner import check_site, check_sources


@pytest.fixture(scope="module")
def gate_problems(built_site: Path) -> list[Problem]:
    project = Project(ROOT)
    return check_sources(project) + check_site(project, built_site)


@pytest.mark.parametrize("rule", RULES)
def test_site_passes_gate_rule(gate_problems: list[Problem], rule: str) -> None:
    problems = [p for p in gate_problems if p.rule == rule]
    assert not problems, report(problems)
