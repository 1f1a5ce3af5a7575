"""The GitHub workflow: actionlint and zizmor (gate rule 9) check its syntax and security; this checks
what it must do, as properties, so hardening it never means editing these tests line by line."""

from __future__ import annotations

import re
import subprocess
from typing import Any

import yaml

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.y*ml"))
WORKFLOW = ROOT / ".github/workflows/publish.yml"
ON_MAIN = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"uses:\s*\S+@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*\s*$")


def _load(path=WORKFLOW) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _index(steps: list[dict[str, Any]], pred) -> int:  # type: ignore[no-untyped-def]
    return next(i for i, step in enumerate(steps) if pred(step))


def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment() -> None:
    for path in WORKFLOWS:
        uses = [step["uses"] for step in _steps(_load(path)) if "uses" in step]
        assert uses and all(PINNED.match(u) for u in uses), f"{path.name}: pin every action to a 40-hex commit SHA: {uses}"
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
        assert all(VERSION_COMMENT.search(line) for line in lines), f"{path.name}: add the release tag as a comment: {lines}"


def test_checkouts_keep_no_credentials() -> None:
    for path in WORKFLOWS:
        for step in _steps(_load(path)):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, f"{path.name}: persist-credentials: false"


# What each job of publish.yml may write: deploy publishes to Pages; offline updates the `latest` release.
WRITES = {"deploy": {"pages", "id-token"}, "offline": {"contents"}}


def test_permissions_are_least_privilege() -> None:
    for path in WORKFLOWS:
        workflow = _load(path)
        assert workflow.get("permissions") in ({}, "read-all"), f"{path.name}: top-level permissions must be empty or read-only"
        for name, job in workflow["jobs"].items():
            writes = {k for k, v in (job.get("permissions") or {}).items() if v == "write"}
            allowed = WRITES.get(name, set()) if path == WORKFLOW else set()
            assert writes <= allowed, f"{path.name}: job {name} may not write {sorted(writes - allowed)}"


def test_runs_on_main_are_serialized() -> None:
    workflow = _load()
    group = workflow["concurrency"]["group"]
    assert "github.ref" in group, "one concurrency group per branch, at workflow level"
    assert "refs/heads/main" in str(workflow["concurrency"]["cancel-in-progress"]), "main never cancels a running deploy"


def test_pull_requests_and_main_run_the_readme_test_command_before_anything_ships() -> None:
    workflow = _load()
    assert "pull_request" in workflow["on"] and workflow["on"]["push"]["branches"] == ["main"]
    assert "make test" in (ROOT / "README.md").read_text(encoding="utf-8")
    test = workflow["jobs"]["test"]
    assert test["container"]["image"].startswith("python:3.11-"), "Debian with Python 3.11, as CI runs it"
    steps = test["steps"]
    gate = _index(steps, lambda s: s.get("run") == "make test")
    release = _index(steps, lambda s: str(s.get("run", "")).startswith("make release"))
    upload = _index(steps, lambda s: s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert gate < release < upload, "make test, then the release build and its gate, then the upload"
    assert steps[upload]["if"] == ON_MAIN
    assert steps[upload]["with"]["path"] == steps[release]["run"].split("SITE_DIR=")[1], "the artifact is the folder gated"


def test_node_is_a_supported_lts() -> None:
    for step in _steps(_load()):
        if step.get("uses", "").startswith("actions/setup-node@"):
            major = int(str(step["with"]["node-version"]).split(".")[0])
            assert major >= 22 and major % 2 == 0, f"Node {major}: use the current LTS (Node 20 ended on 2026-04-30)"


def test_deploy_ships_only_what_passed_on_main_and_builds_nothing() -> None:
    workflow = _load()
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "test" and deploy["if"] == ON_MAIN
    assert deploy["environment"]["name"] == "github-pages"
    assert not any("run" in step for step in deploy["steps"]), "the deploy job runs no commands"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_make_release_gates_the_folder_it_builds() -> None:
    """`make release SITE_DIR=x` builds x strictly and runs the gate on x, not on another build."""
    dry = subprocess.run(
        ["make", "-n", "release", "SITE_DIR=shipped-here"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    lines = [line for line in dry.splitlines() if "mkdocs build" in line or "tests.gate" in line]
    assert lines[0].endswith("mkdocs build --strict --site-dir shipped-here"), dry
    assert lines[1].endswith("-m tests.gate shipped-here"), dry


def test_offline_copy_is_released_from_main_after_the_gate() -> None:
    """README "Offline copy": on main, after the test job, `make offline` builds the zip and it is attached to
    the release named `latest`; that job alone writes contents, and builds with the test job's image."""
    workflow = _load()
    offline = workflow["jobs"]["offline"]
    assert offline["needs"] == "test" and offline["if"] == ON_MAIN
    assert offline["permissions"] == {"contents": "write"}
    assert offline["container"]["image"] == workflow["jobs"]["test"]["container"]["image"]
    runs = [str(step.get("run", "")) for step in offline["steps"]]
    build = _index(offline["steps"], lambda s: s.get("run") == "make offline")
    attach = _index(offline["steps"], lambda s: "gh release" in str(s.get("run", "")))
    assert build < attach, "build the zip, then attach it"
    assert "dva-notes-offline.zip" in runs[attach] and " latest " in runs[attach]
    assert "${{" not in runs[attach], "no expressions inside the script (zizmor: template injection); use env"
