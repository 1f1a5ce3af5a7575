"""The GitHub workflow: actionlint (gate rule 9) checks its syntax; this checks what it must do."""

from __future__ import annotations

import subprocess
from typing import Any

import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github/workflows/publish.yml"
ON_MAIN = "github.event_name == 'push' && github.ref == 'refs/heads/main'"


def _workflow() -> dict[str, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def _runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def _uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def test_pull_requests_and_main_run_the_readme_test_command() -> None:
    workflow = _workflow()
    assert "pull_request" in workflow["on"] and workflow["on"]["push"]["branches"] == ["main"]
    test = workflow["jobs"]["test"]
    assert test["runs-on"] == "ubuntu-latest"
    assert "make test" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert _runs(test)[0] == "apt-get update && apt-get install -y chromium"
    assert _runs(test)[1] == "make test", "the README's test command, before anything ships"
    assert test["container"]["image"] == "python:3.11-bookworm", "Debian with Python 3.11, as CI runs it"


def test_deploy_ships_only_what_passed_on_main() -> None:
    workflow = _workflow()
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "test"
    assert deploy["if"] == ON_MAIN
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy["environment"]["name"] == "github-pages"
    assert _uses(deploy) == ["actions/deploy-pages"], "the deploy job builds nothing: it publishes the tested artifact"
    assert workflow["permissions"] == {"contents": "read"}, "jobs get only what they need"


def test_the_artifact_is_the_folder_the_gate_checked() -> None:
    test = _workflow()["jobs"]["test"]
    steps = test["steps"]
    release = next(i for i, step in enumerate(steps) if step.get("run") == "make release SITE_DIR=site")
    assert release > next(i for i, step in enumerate(steps) if step.get("run") == "make test")
    upload = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload > release and steps[upload]["with"]["path"] == "site"
    assert steps[upload]["if"] == ON_MAIN
    assert _uses(test)[-2:] == ["actions/configure-pages", "actions/upload-pages-artifact"]
    assert test["permissions"] == {"contents": "read", "pages": "read"}


def test_make_release_gates_the_folder_it_builds() -> None:
    """`make release SITE_DIR=x` builds x strictly and runs the gate on x, not on another build."""
    dry = subprocess.run(
        ["make", "-n", "release", "SITE_DIR=shipped-here"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    lines = [line for line in dry.splitlines() if "mkdocs build" in line or "tests.gate" in line]
    assert lines[0].endswith("mkdocs build --strict --site-dir shipped-here"), dry
    assert lines[1].endswith("-m tests.gate shipped-here"), dry
