"""Command line of the publishing gate.

    python -m tests.gate                    build strictly into a temporary folder and check everything
    python -m tests.gate SITE_DIR           check an already built site (and the sources)
    python -m tests.gate --update-registry  add newly published links to tests/gate/published.txt
    python -m tests.gate --list-external SITE_DIR   print the site's external links (make linkcheck-external)

Exit status 0 when there is no problem, 1 otherwise; every problem is printed, not just the first.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from .build import build
from .external import external_links
from .problem import report
from .project import GATE_DIR, REPO_ROOT, Inputs, Project, Site
from .registry import label, update_registry
from .runner import run_gate


def _update_registry(project: Project, registry: Path) -> int:
    with tempfile.TemporaryDirectory(prefix="gate-site-") as tmp:
        complete, problems = build(project, Path(tmp))
        if not complete:
            print(report(problems))
            print("The site did not build, so the registry was not updated.")
            return 1
        added = update_registry(Inputs(project, Site(Path(tmp)), registry))
    print(f"{label(registry)}: added {len(added)} published link(s)")
    print("".join(f"  + {a}\n" for a in added), end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.gate", description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", nargs="?", type=Path, help="a built site (default: build one)")
    parser.add_argument("--project", type=Path, default=REPO_ROOT, help="the folder holding mkdocs.yml")
    parser.add_argument("--registry", type=Path, default=GATE_DIR / "published.txt")
    parser.add_argument("--update-registry", action="store_true", help="add newly published links, then stop")
    parser.add_argument("--list-external", action="store_true", help="print the external links of SITE_DIR, then stop")
    args = parser.parse_args(argv)
    project = Project(args.project.resolve())
    if args.list_external:
        if args.site_dir is None:
            parser.error("--list-external needs SITE_DIR")
        print("\n".join(external_links(Inputs(project, Site(args.site_dir)))))
        return 0
    if args.update_registry:
        return _update_registry(project, args.registry)
    problems = run_gate(project.root, args.site_dir, args.registry, build_site=args.site_dir is None)
    print(report(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
