"""The GitHub workflow: actionlint (gate rule 9) checks its syntax; this checks what it must do."""

from __future__ import annotations

from typing import Any

import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github/workflows/publish.yml"


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
    assert _runs(test)[-1] == "make test"
    assert any("apt-get install -y chromium" in run for run in _runs(test))
    python = next(s for s in test["steps"] if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11"


def test_deploy_ships_only_what_passed_on_main() -> None:
    workflow = _workflow()
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "test"
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy["environment"]["name"] == "github-pages"
    assert _uses(deploy)[-3:] == ["actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"]
    assert "make build SITE_DIR=site" in _runs(deploy)
    assert workflow["permissions"] == {"contents": "read"}, "jobs get only what they need"
