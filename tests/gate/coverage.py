"""Rule 10: exam skill coverage. Once a domain is declared `complete: true` in macros/data/skills.yml,
every skill of it must list at least one note; the skill map must also load (known note ids, valid
origins), which the build checks too, so the problem is reported here with the data file's line.
"""

from __future__ import annotations

from macros.catalog import CatalogError, load_catalog
from macros.notes import scan_docs
from macros.skills import load_skills

from .problem import COVERAGE, Problem
from .project import Project, find_line

SKILLS = "macros/data/skills.yml"


def check_coverage(project: Project) -> list[Problem]:
    path = project.root / SKILLS
    try:
        catalog = load_catalog(project.root / "macros" / "data" / "services.yml")
        skills = load_skills(catalog.exam, set(scan_docs(project.docs)), path)
    except CatalogError as exc:
        return [Problem(COVERAGE, SKILLS, None, str(exc), "correct the value it names in the data file")]
    problems = []
    for domain, skill in skills.uncovered():
        name = catalog.exam.domain(domain.domain).name
        problems.append(Problem(
            COVERAGE, SKILLS, find_line(path, f"id: {skill.id}"),
            f"skill {skill.id} ({skill.text}) has no note, but domain {name!r} is declared complete",
            f"write a note that teaches it and list its id under `notes:` of skill {skill.id}, "
            f"or set `complete: false` on domain {domain.domain!r} until one exists",
        ))
    return problems
