"""The JavaScript formulas against the shared vectors under Node (`node --test`, no DOM), so Python and
JavaScript parity is checked even where the browser tier is skipped."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.calculators.spec import load_spec

HERE = Path(__file__).parent


def test_javascript_formulas_pass_the_shared_vectors_under_node(tmp_path: Path) -> None:
    if shutil.which("node") is None:
        pytest.fail("node is missing: the test tools need Node (make test installs the npm packages with it)")
    specs = tmp_path / "specs.json"
    specs.write_text(json.dumps({c.id: c.to_js() for c in load_spec().calculators}), encoding="utf-8")
    result = subprocess.run(["node", "--test", "--test-reporter=tap", str(HERE / "calculator_vectors.test.mjs")],
                            env={**os.environ, "DVA_CALC_SPECS": str(specs)}, capture_output=True, text=True,
                            check=False, timeout=120)
    failures = [line for line in result.stdout.splitlines() if line.startswith("not ok")]
    assert result.returncode == 0 and not failures, result.stdout[-3000:] + result.stderr[-2000:]
    passed = sum(1 for line in result.stdout.splitlines() if line.startswith("ok "))
    assert passed >= 60, f"only {passed} vector cases ran"
