"""The calculators' functions of record: the shared vectors, property tests, the number rules,
and the data file's validation. Plain Python, no build (milliseconds).

tests/vectors/<id>.json is the single set of cases: this file runs it against Python,
tests/browser/test_calculators.py types it into the real page.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from macros.calculators import numbers
from macros.calculators.evaluate import FORMULAS, Evaluation, defaults, evaluate
from macros.calculators.spec import SPEC_PATH, Calculator, CalculatorSpecError, load_spec
from macros.calculators.validate import parse_field, range_text

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"
JS_DIR = ROOT / "docs" / "javascripts" / "calculators"
SPEC = load_spec()


def vector_files() -> list[Path]:
    return sorted(VECTORS.glob("*.json"))


def vector_cases() -> list[tuple[str, dict[str, Any]]]:
    return [(json.loads(p.read_text(encoding="utf-8"))["calculator"], case)
            for p in vector_files() for case in json.loads(p.read_text(encoding="utf-8"))["cases"]]


def calc(calc_id: str) -> Calculator:
    found = SPEC.find(calc_id)
    assert found is not None, calc_id
    return found


def run(calc_id: str, **raw: str) -> Evaluation:
    """Evaluate with the defaults, overriding some fields."""
    c = calc(calc_id)
    return evaluate(c, {**defaults(c), **raw})


# --- The shared vectors ------------------------------------------------------------------------

@pytest.mark.parametrize(("calc_id", "case"), vector_cases(), ids=lambda x: x["name"] if isinstance(x, dict) else x)
def test_vector(calc_id: str, case: dict[str, Any]) -> None:
    got = evaluate(calc(calc_id), case["inputs"])
    assert got.errors == case.get("errors", {})
    if "results" in case:
        assert got.results == case["results"]
    if "working" in case:
        assert list(got.working) == case["working"]
    if "table" in case:
        assert [list(row) for row in got.table] == case["table"]


def test_every_calculator_has_ten_vectors_with_edges_and_errors() -> None:
    files = {json.loads(p.read_text(encoding="utf-8"))["calculator"]: p for p in vector_files()}
    assert sorted(files) == sorted(SPEC.ids()), "one vector file per calculator in calculators.yml"
    for calc_id, path in files.items():
        cases = json.loads(path.read_text(encoding="utf-8"))["cases"]
        names = {i.name for i in calc(calc_id).inputs}
        assert len(cases) >= 10, f"{path.name}: at least 10 cases"
        assert any("errors" in c for c in cases) and any("results" in c for c in cases), path.name
        assert any("working" in c for c in cases), f"{path.name}: pin the working text at least once"
        for case in cases:
            assert set(case["inputs"]) == names, f"{path.name}: {case['name']}: give every input"
            assert ("results" in case) != ("errors" in case), f"{path.name}: {case['name']}: results or errors"


def test_worked_example_is_valid_for_every_calculator() -> None:
    for c in SPEC.calculators:
        example = evaluate(c, defaults(c))
        assert not example.errors and example.working, c.id


# --- Data file and formulas agree ----------------------------------------------------------------

def test_every_calculator_has_a_python_and_a_javascript_formula() -> None:
    assert sorted(FORMULAS) == sorted(SPEC.ids())
    registry = (JS_DIR / "registry.js").read_text(encoding="utf-8")
    for calc_id in SPEC.ids():
        assert (JS_DIR / f"{calc_id}.js").is_file(), f"missing docs/javascripts/calculators/{calc_id}.js"
        assert re.search(rf'"?{re.escape(calc_id)}"?\s*[:,]', registry), f"registry.js does not map {calc_id}"


def test_issue_contract_names() -> None:
    """Ids, input and result names are a public contract (URL parameters, readers' tools)."""
    contract = {
        "dynamodb-capacity": (["item_kb", "reads_per_s", "read_mode", "writes_per_s", "write_mode"], ["rcu", "wcu"]),
        "lambda-concurrency": (["requests_per_s", "duration_ms", "limit"], ["concurrency"]),
        "lambda-cost": (["memory_mb", "duration_ms", "invocations", "price_gb_s", "price_per_million"],
                        ["vcpu", "gb_seconds", "cost"]),
        "kinesis-shards": (["write_mb_s", "records_per_s", "consumers", "fan_out"], ["shards"]),
        "s3-prefixes": (["gets_per_s", "puts_per_s"], ["prefixes"]),
        "backoff": (["base_ms", "cap_ms", "attempts", "jitter"], ["total_max_ms"]),
    }
    assert sorted(contract) == sorted(SPEC.ids())
    for calc_id, (inputs, results) in contract.items():
        c = calc(calc_id)
        assert [i.name for i in c.inputs] == inputs
        assert set(results) <= {r.name for r in c.results}
    assert [ch.value for ch in calc("dynamodb-capacity").input("read_mode").choices] == ["strong", "eventual", "transactional"]
    assert [ch.value for ch in calc("kinesis-shards").input("fan_out").choices] == ["shared", "enhanced"]
    assert [ch.value for ch in calc("backoff").input("jitter").choices] == ["none", "full", "equal"]


def test_service_maxima_match_aws() -> None:
    assert calc("dynamodb-capacity").input("item_kb").max == 400
    assert (calc("lambda-cost").input("memory_mb").min, calc("lambda-cost").input("memory_mb").max) == (128, 10240)
    assert calc("lambda-concurrency").input("limit").default == 1000
    assert calc("lambda-cost").input("price_gb_s").default == 0.0000166667
    assert calc("lambda-cost").input("price_per_million").default == 0.2
    assert calc("s3-prefixes").constants == {"gets_per_prefix": 5500, "puts_per_prefix": 3500}


def _broken(tmp_path: Path, mutate) -> Path:  # type: ignore[no-untyped-def]
    raw = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    mutate(raw)
    path = tmp_path / "calculators.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def _first_input(raw: dict[str, Any]) -> dict[str, Any]:
    return raw["calculators"][0]["inputs"][0]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: _first_input(r).update(maximum=400),
         "calculator 'dynamodb-capacity': input 'item_kb': unknown key 'maximum'; did you mean: max"),
        (lambda r: _first_input(r).update(default=401),
         "input 'item_kb': default 401 is invalid: Too large: 400 KB is the DynamoDB maximum item size."),
        (lambda r: _first_input(r).update(min=500), "input 'item_kb': min 500 must be below max 400"),
        (lambda r: _first_input(r).update(name="calc"), "input 'calc': name 'calc' is reserved"),
        (lambda r: _first_input(r).update(name="Item-KB"), "input 'Item-KB': name must be lower_snake_case"),
        (lambda r: r["calculators"][0]["inputs"][2].update(default="strongly"),
         "input 'read_mode': default 'strongly' is not a choice; did you mean: strong"),
        (lambda r: r["calculators"][0]["facts"][0].update(url="http://example.com/rcu"),
         "calculator 'dynamodb-capacity': fact: source must be an https page on docs.aws.amazon.com or aws.amazon.com"),
        (lambda r: r["calculators"][0]["inputs"].append(dict(r["calculators"][0]["inputs"][0])),
         "calculator 'dynamodb-capacity': duplicate input names ['item_kb']"),
        (lambda r: r["calculators"].append(dict(r["calculators"][0])), "calculators: duplicate ids ['dynamodb-capacity']"),
        (lambda r: r["calculators"][0]["results"][0].update(decimals=11), "result 'rcu': decimals must be a whole number"),
        (lambda r: r["calculators"][0].pop("facts"), "calculator 'dynamodb-capacity': missing key 'facts'"),
    ],
)
def test_bad_data_file_is_rejected_with_its_place(tmp_path: Path, mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CalculatorSpecError) as caught:
        load_spec(_broken(tmp_path, mutate))
    assert message in str(caught.value)


# --- Numbers: the rules both implementations follow ---------------------------------------------

@pytest.mark.parametrize(
    ("value", "decimals", "trim", "text"),
    [
        (0.125, 2, True, "0.13"),  # half up; Python's round() would give 0.12
        (2.5, 0, True, "3"),
        (1234567.891, 2, True, "1,234,567.89"),
        (10.0, 2, False, "10.00"),
        (10.0, 2, True, "10"),
        (-0.001, 2, True, "0"),  # no "-0"
        (-1.5, 1, True, "-1.5"),
        (999.999, 2, True, "1,000"),
        (1e20, 0, True, "100,000,000,000,000,000,000"),
        (0.0000166667, 10, True, "0.0000166667"),
    ],
)
def test_format_number(value: float, decimals: int, trim: bool, text: str) -> None:
    assert numbers.format_number(value, decimals, trim) == text


@pytest.mark.parametrize(
    ("text", "value"),
    [("6", 6.0), ("6.", 6.0), (".5", 0.5), ("+2", 2.0), ("-0", 0.0), ("1,000", 1000.0), ("1,000.25", 1000.25),
     ("1e3", 1000.0), ("1E-2", 0.01), ("1e400", math.inf)],
)
def test_parse_decimal_accepts(text: str, value: float) -> None:
    assert numbers.parse_decimal(text) == value


@pytest.mark.parametrize("text", ["abc", "0x10", "Infinity", "NaN", "inf", "1_000", "1,00", "1,0000", "--1", ".", "1e",
                                  "", "٣", "1 000", "6 KB"])
def test_parse_decimal_rejects(text: str) -> None:
    assert numbers.parse_decimal(text) is None


def test_negative_zero_is_plain_zero() -> None:
    assert math.copysign(1, numbers.parse_decimal("-0") or 0.0) == 1


def test_trim_strips_ascii_space_only() -> None:
    assert numbers.trim(" \t6\r\n") == "6"
    assert numbers.trim("\u00a06") == "\u00a06"  # the browser's trim() would strip it: we do not, on both sides


def test_ceil_clean_ignores_float_noise() -> None:
    noisy = 0.1 * 3 * 10  # 3.0000000000000004
    assert math.ceil(noisy) == 4
    assert numbers.ceil_clean(noisy) == 3
    assert numbers.ceil_clean(11.000001) == 12
    assert numbers.ceil_clean(0.0) == 0


# --- Validation messages state the valid range --------------------------------------------------

@pytest.mark.parametrize("bad", ["", "-1", "abc", "0x10", "1e400", "Infinity", "NaN", "-1e400", " "])
def test_every_bad_value_gets_a_message_with_the_range(bad: str) -> None:
    for c in SPEC.calculators:
        for spec in c.inputs:
            if spec.type != "number":
                continue
            value, error = parse_field(bad, spec)
            assert value is None and error is not None
            assert range_text(spec) in error, (c.id, spec.name, bad, error)


@given(st.text(max_size=40))
@example("1e400")
@example("9" * 400)
def test_validation_never_raises_and_never_lets_non_finite_through(raw: str) -> None:
    for c in SPEC.calculators:
        for spec in c.inputs:
            value, error = parse_field(raw, spec)
            assert (value is None) != (error is None)
            if isinstance(value, float):
                assert math.isfinite(value) and spec.min <= value <= spec.max


@given(st.floats(min_value=0, max_value=1e12, allow_nan=False), st.integers(min_value=0, max_value=6))
def test_format_then_parse_is_within_half_a_unit(x: float, decimals: int) -> None:
    text = numbers.format_number(x, decimals)
    back = numbers.parse_decimal(text)
    assert back is not None
    assert abs(back - x) <= 0.5 * 10**-decimals + abs(x) * 1e-15


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_whole_numbers_print_like_python_grouping(n: int) -> None:
    assert numbers.format_number(float(n)) == f"{n:,}"


# --- Properties of each formula -----------------------------------------------------------------

sizes = st.decimals(min_value="0.001", max_value="400", places=3).map(str)
rates = st.integers(min_value=0, max_value=10_000_000).map(str)


read_modes = st.sampled_from(["strong", "eventual", "transactional"])
write_modes = st.sampled_from(["standard", "transactional"])


@given(sizes, rates, read_modes, rates, write_modes)
def test_capacity_is_enough_and_not_more(item: str, reads: str, mode: str, writes: str, wmode: str) -> None:
    got = run("dynamodb-capacity", item_kb=item, reads_per_s=reads, read_mode=mode, writes_per_s=writes, write_mode=wmode)
    rcu, wcu = int(got.results["rcu"].replace(",", "")), int(got.results["wcu"].replace(",", ""))
    size = float(item)
    need_r = math.ceil(size / 4) * int(reads) * {"strong": 1, "eventual": 0.5, "transactional": 2}[mode]
    need_w = math.ceil(size) * int(writes) * (2 if wmode == "transactional" else 1)
    assert need_r <= rcu < need_r + 1
    assert need_w <= wcu < need_w + 1


@given(sizes, rates)
def test_eventual_is_at_most_strong_is_at_most_transactional(item: str, reads: str) -> None:
    rcu = {m: int(run("dynamodb-capacity", item_kb=item, reads_per_s=reads, read_mode=m).results["rcu"].replace(",", ""))
           for m in ("eventual", "strong", "transactional")}
    assert rcu["eventual"] <= rcu["strong"] <= rcu["transactional"] == 2 * rcu["strong"]


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_prefixes_are_enough_and_minimal(gets: int, puts: int) -> None:
    got = run("s3-prefixes", gets_per_s=str(gets), puts_per_s=str(puts))
    n = int(got.results["prefixes"].replace(",", ""))
    assert n * 5500 >= gets and n * 3500 >= puts and n >= 1
    assert n == 1 or (n - 1) * 5500 < gets or (n - 1) * 3500 < puts


@given(st.decimals(min_value="0", max_value="10000", places=2).map(str), st.integers(min_value=0, max_value=10**7),
       st.integers(min_value=1, max_value=50), st.sampled_from(["shared", "enhanced"]))
def test_shards_cover_every_constraint_and_are_minimal(write: str, records: int, consumers: int, fan_out: str) -> None:
    got = run("kinesis-shards", write_mb_s=write, records_per_s=str(records), consumers=str(consumers), fan_out=fan_out)
    if fan_out == "enhanced" and consumers > 20:
        assert list(got.errors) == ["consumers"] and not got.results
        return
    n = int(got.results["shards"].replace(",", ""))
    w = float(write)
    read_need = w * consumers if fan_out == "shared" else w
    assert n >= 1 and n >= w - 1e-9 and n * 1000 >= records and 2 * n >= read_need - 1e-9
    if n > 1:
        assert n - 1 < w - 1e-9 or (n - 1) * 1000 < records or 2 * (n - 1) < read_need - 1e-9


def test_kinesis_consumer_limit_depends_on_the_fan_out() -> None:
    """The issue: 25 shared-throughput consumers were refused with enhanced fan-out's 20-consumer limit.

    Only enhanced fan-out consumers are registered (at most 20 on a provisioned stream); shared ones
    are bounded by the 5 GetRecords calls per second per shard they share, which the field message and
    the working state."""
    shared = run("kinesis-shards", write_mb_s="1", records_per_s="500", consumers="25", fan_out="shared")
    assert not shared.errors and shared.results["shards"] == "13"
    assert shared.working[-1] == ("GetRecords: 5 calls/s per shard shared by 25 consumers = at most one call every 5 s "
                                  "per consumer on each shard")
    enhanced = run("kinesis-shards", consumers="25", fan_out="enhanced")
    assert enhanced.errors == {"consumers": "Too large: 20 is the most enhanced fan-out consumers a provisioned stream can "
                                            "register. Enter a whole number from 1 to 20 consumers."}
    assert not enhanced.results
    assert not run("kinesis-shards", consumers="20", fan_out="enhanced").errors
    assert not any("GetRecords" in line for line in run("kinesis-shards", consumers="20", fan_out="enhanced").working)
    assert not run("kinesis-shards", consumers="50", fan_out="shared").errors
    too_many = run("kinesis-shards", consumers="51", fan_out="shared").errors["consumers"]
    assert too_many.startswith("Too large: 50 is the most shared-throughput consumers")
    assert "5 GetRecords calls per second per shard" in too_many and too_many.endswith("from 1 to 50 consumers.")
    kinesis = calc("kinesis-shards")
    assert kinesis.constants["enhanced_max_consumers"] == 20 and kinesis.constants["shard_read_calls_s"] == 5
    assert kinesis.input("consumers").max == 50


def test_choice_labels_are_short_enough_for_a_phone() -> None:
    """A <select> shows its choice on one line: long labels were cut off at 360 px (the browser test
    measures the real widths; this keeps the labels short at the source)."""
    for c in SPEC.calculators:
        for spec in c.inputs:
            for choice in spec.choices:
                assert len(choice.label) <= 28, f"{c.id}.{spec.name}: {choice.label!r} is too long for a phone"


@given(st.integers(min_value=1, max_value=60000), st.integers(min_value=1, max_value=3_600_000),
       st.integers(min_value=1, max_value=30), st.sampled_from(["none", "full", "equal"]))
def test_backoff_waits_grow_to_the_cap(base: int, cap: int, attempts: int, jitter: str) -> None:
    got = run("backoff", base_ms=str(base), cap_ms=str(cap), attempts=str(attempts), jitter=jitter)
    if cap < base:
        assert got.errors == {"cap_ms": f"Too small: the cap must be at least the base delay ({base:,} ms)."}
        return
    waits = [float(row[1].replace(",", "")) for row in got.table]
    assert len(waits) == attempts and waits == sorted(waits) and max(waits) <= cap
    assert waits[0] == min(base, cap)
    total_max = float(got.results["total_max_ms"].replace(",", ""))
    total_min = float(got.results["total_min_ms"].replace(",", ""))
    assert total_max == sum(waits)
    assert total_min == {"none": total_max, "full": 0, "equal": total_max / 2}[jitter]


@given(st.decimals(min_value="0", max_value="100000", places=3).map(str), st.integers(min_value=1, max_value=900000),
       st.integers(min_value=1, max_value=100000))
def test_concurrency_verdict_matches_the_limit(requests: str, duration: int, limit: int) -> None:
    got = run("lambda-concurrency", requests_per_s=requests, duration_ms=str(duration), limit=str(limit))
    exact = float(requests) * duration / 1000
    assert got.results["verdict"].startswith("Within the limit" if exact <= limit else "Over the limit")
    assert "429" in got.results["verdict"] or exact <= limit


@given(st.integers(min_value=128, max_value=10240), st.integers(min_value=1, max_value=900000),
       st.integers(min_value=0, max_value=10**9))
def test_cost_grows_with_invocations_and_cpu_stays_under_six(memory: int, duration: int, invocations: int) -> None:
    one = run("lambda-cost", memory_mb=str(memory), duration_ms=str(duration), invocations=str(invocations))
    more = run("lambda-cost", memory_mb=str(memory), duration_ms=str(duration), invocations=str(invocations + 1000))
    assert float(one.results["cost"].replace(",", "")) <= float(more.results["cost"].replace(",", ""))
    assert 0 < float(one.results["vcpu"]) <= 6
