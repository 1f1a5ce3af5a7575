"""The search worker's query rewrite (docs/assets/javascripts/workers/dva-search.js), run under Node
around Material's real worker, with the separator from mkdocs.yml. The browser tests show the effect on
ranking; these show the rewrite itself, and run without a browser."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import material
import pytest

from tests.conftest import ROOT
from tests.gate.project import Project, plugin_config

HARNESS = Path(__file__).with_name("search_worker_harness.cjs")
WORKER = ROOT / "docs/assets/javascripts/workers/dva-search.js"
MATERIAL_WORKERS = Path(material.__file__).parent / "templates/assets/javascripts/workers"


def _separator() -> str:
    return str(plugin_config(Project(ROOT).config, "search")["separator"])  # type: ignore[index]


def rewrite(*queries: str, mode: str = "worker") -> list[str]:
    if shutil.which("node") is None:
        pytest.fail("node is missing: the test tools need Node (make test installs the npm packages with it)")
    result = subprocess.run(["node", str(HARNESS), str(WORKER), str(MATERIAL_WORKERS), _separator(), mode],
                            input=json.dumps(queries), capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


CASES = {
    # Plain words are Material's business.
    "visibility timeout": "visibility timeout",
    # Identifiers: every part required, the last one may still be typed.
    "SSE-C": "+SSE +C",
    "DSSE-KMS": "+DSSE +KMS*",
    "x-amz-server-side-encryption": "+x +amz +server +side +encryption*",
    "buildspec.yml": "+buildspec +yml*",
    # "aws" and "amazon" carry no information on this site.
    "aws:SourceIp": "+SourceIp*",
    "AWS::Serverless::Function": "+Serverless +Function*",
    "${aws:username}": "+username*",
    "aws lambda": "lambda",
    "aws": "aws",
    # A part the index drops as a stop word: Material's own handling.
    "rate-limit-or-not": "rate-limit-or-not",
    # Earlier words are complete, so only the query's last part gets a wildcard.
    "SSE-KMS header": "+SSE +KMS header",
    # A CLI option is a word, not lunr's "must not"; lunr syntax the reader wrote stays.
    "cdk deploy --hotswap": "cdk deploy hotswap",
    "lambda -edge": "lambda -edge",
    "lamb*": "lamb*",
}


def test_query_rewrite() -> None:
    assert dict(zip(CASES, rewrite(*CASES), strict=True)) == CASES


def test_query_rewrite_under_the_iframe_shim() -> None:
    """The offline copy runs the worker in an <iframe> (mkdocs-offline.yml): Material's worker is found from
    the script's own URL, loads asynchronously, and the setup message sent before it loaded still lands."""
    assert dict(zip(CASES, rewrite(*CASES, mode="iframe"), strict=True)) == CASES
