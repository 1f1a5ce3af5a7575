"""Rule 1: the strict build. Runs `mkdocs build --strict` and turns every warning and macro error
into a Problem that names the Markdown file (and line, where MkDocs or mkdocs-macros gives one)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from .problem import BUILD, Problem
from .project import Project, find_line, front_matter_lines, plugin_config, read_text

RECORD = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-\s+", re.MULTILINE)
DOC_FILE = re.compile(r"Doc file '(?P<src>[^']+)' contains a link '(?P<link>[^']+)'")
NOT_IN_NAV = "are not included in the \"nav\" configuration"
MACRO_FILE = re.compile(r"_File_: `(?P<src>[^`]+)`")
MACRO_LINE = re.compile(r"_Line (?P<line>\d+) in Markdown file:_ \*\*(?P<msg>.+?)\*\*")
MACRO_TEMPLATE_LINE = re.compile(r'File "<template>", line (?P<line>\d+)')
NAMED_FILE = re.compile(r"^(?P<file>[\w./-]+\.(?:yml|yaml|md|py|html)): ")
MACRO_EXCEPTION = re.compile(r"^_(?P<kind>\w+)_: (?P<msg>.+)$", re.MULTILINE)


def run_mkdocs(root: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """The real strict build, as `make build` runs it, from the project folder."""
    # mkdocs-redirects imports properdocs, whose MkDocs-2 notice is noise here (README: Maintenance).
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=root, env=env, capture_output=True, text=True, check=False,
    )


def _records(output: str) -> list[tuple[str, str]]:
    """(level, text) of each log record; a record runs until the next one starts."""
    starts = list(RECORD.finditer(output))
    records = []
    for match, following in zip(starts, [*starts[1:], None], strict=True):
        end = following.start() if following else len(output)
        text = output[match.end():end].split("\nAborted with", 1)[0].strip()
        records.append((match.group(1), text))
    return records


def _macro_problem(project: Project, text: str) -> Problem:
    src_match = MACRO_FILE.search(text)
    src = src_match["src"] if src_match else "?"
    path = project.docs / src
    offset = front_matter_lines(read_text(path)) if path.is_file() else 0
    line_match = MACRO_LINE.search(text) or MACRO_TEMPLATE_LINE.search(text)
    line = int(line_match["line"]) + offset if line_match else None
    syntax = MACRO_LINE.search(text)
    exception = MACRO_EXCEPTION.findall(text)
    detail = syntax["msg"] if syntax else next((m for k, m in exception if k != "File"), text.splitlines()[0])
    kind = "Macro Syntax Error" if "Macro Syntax Error" in text else "Macro Rendering Error"
    return Problem(
        BUILD, project.doc_path(src), line, f"{kind}: {detail}",
        "correct the macro call (the message names the nearest valid values); to show {{ }} literally, "
        "wrap it in {% raw %} ... {% endraw %}",
    )


def _warning_problems(project: Project, text: str) -> list[Problem]:
    if "_Macro Rendering Error_" in text or "_Macro Syntax Error_" in text:
        return [_macro_problem(project, text)]
    if NOT_IN_NAV in text:
        pages = re.findall(r"^\s+-\s+(\S.*)$", text, re.MULTILINE)
        return [
            Problem(BUILD, project.doc_path(p), None, "page exists in docs/ but is not in the nav",
                    "add it to `nav` in mkdocs.yml, or delete it if it is not meant to be published")
            for p in pages
        ]
    doc = DOC_FILE.search(text)
    if doc:
        line = find_line(project.docs / doc["src"], f"({doc['link']}")
        return [Problem(
            BUILD, project.doc_path(doc["src"]), line, text.splitlines()[0],
            "link to an existing page or note by its .md source path and id, or use the note()/service() macros",
        )]
    first = text.splitlines()[0] if text else "build failed"
    named = NAMED_FILE.match(first)
    return [Problem(BUILD, named["file"] if named else "mkdocs.yml", None, first,
                    "`mkdocs build --strict` must finish without a warning or error")]


def build_problems(project: Project, result: subprocess.CompletedProcess[str]) -> list[Problem]:
    """Every warning and error of one finished build, as Problems."""
    output = result.stdout + "\n" + result.stderr
    problems = [
        p
        for level, text in _records(output)
        if level in ("WARNING", "ERROR", "CRITICAL")
        for p in _warning_problems(project, text)
    ]
    if result.returncode != 0 and not problems:
        tail = " | ".join(output.strip().splitlines()[-5:])
        problems.append(Problem(BUILD, "mkdocs.yml", None, f"build failed (exit {result.returncode}): {tail}",
                                "run `make build` and fix the first error it prints"))
    return problems


def build(project: Project, site_dir: Path) -> tuple[bool, list[Problem]]:
    """Build strictly into site_dir; returns (whether a whole site was written, the problems)."""
    result = run_mkdocs(project.root, site_dir)
    problems = build_problems(project, result)
    # A strict build writes the whole site before it aborts on warnings; a macro error stops it early.
    complete = (site_dir / "sitemap.xml").is_file() and not any("Macro" in p.message for p in problems)
    return complete, problems


# What makes `--strict` strict here: mkdocs reports these at "info" by default, which --strict ignores.
REQUIRED_CONFIG = {
    ("validation", "omitted_files"): "warn",
    ("validation", "absolute_links"): "warn",
    ("validation", "unrecognized_links"): "warn",
    ("validation", "anchors"): "warn",
    ("strict",): True,
}
REQUIRED_MACROS = {"on_error_fail": True, "on_undefined": "strict"}


def check_config(project: Project) -> list[Problem]:
    """Rule 1 depends on settings a contributor could relax by accident; each must stay as it is."""
    problems = []
    for keys, expected in REQUIRED_CONFIG.items():
        value = project.config
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        if value != expected:
            name = ".".join(keys)
            problems.append(Problem(BUILD, "mkdocs.yml", find_line(project.root / "mkdocs.yml", f"{keys[-1]}:"),
                                    f"`{name}` is {value!r}; the strict build needs {expected!r}", f"set `{name}: {expected}`"))
    macros = plugin_config(project.config, "macros") or {}
    for key, expected in REQUIRED_MACROS.items():
        if macros.get(key) != expected:
            problems.append(Problem(BUILD, "mkdocs.yml", find_line(project.root / "mkdocs.yml", f"{key}:"),
                                    f"macros plugin `{key}` is {macros.get(key)!r}; it must be {expected!r} so a failing "
                                    "macro fails the build instead of publishing its error text",
                                    f"set `{key}: {str(expected).lower() if isinstance(expected, bool) else expected}`"))
    return problems
