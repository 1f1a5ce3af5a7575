"""make audit's own logic: the side-by-side verdicts, the alternation and the reading of Lighthouse's JSON.

Fast checks on made-up reports (no build, no Lighthouse). They carry the `bench` marker like the bench's
machinery tests: `make audit` runs them first; `make test` leaves them out.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.audit import audit

pytestmark = pytest.mark.bench

BUDGET = yaml.safe_load(audit.BUDGETS.read_text(encoding="utf-8"))["audit"]


def _medians(score: float, fcp: float, lcp: float, tbt: float) -> dict[str, float]:
    return {"performance": score, "accessibility": 100, "best-practices": 100, "seo": 100,
            "first-contentful-paint": fcp, "largest-contentful-paint": lcp, "total-blocking-time": tbt}


def _results(checks: list[audit.Check]) -> dict[str, str]:
    return {c.metric: c.result for c in checks}


def test_budgets_name_the_pages_the_issue_asks_for() -> None:
    assert list(BUDGET["pages"].values()) == ["", "services/lambda/", "services/dynamodb/", "services/sqs/", "practice/"]
    assert BUDGET["runs"] >= 3


def test_audit_runs_today_and_at_the_bench_notes_factor() -> None:
    """Issue 15: the budgets hold at today's size and at three times the notes, the copy make bench builds."""
    bench = yaml.safe_load(audit.BUDGETS.read_text(encoding="utf-8"))
    sizes = audit.default_sizes(bench)
    assert sizes == [1, bench["notes_factor"]] == [1, 3]
    assert [audit.size_label(f) for f in sizes] == ["today's site", "3× the notes"]


def test_compare_passes_within_the_budgets() -> None:
    checks = audit.compare("SQS", _medians(96, 1650, 1650, 40), _medians(97, 1500, 1500, 0), BUDGET)
    assert _results(checks) == {"Performance": "PASS", "FCP": "PASS", "LCP": "PASS", "TBT": "PASS"}
    fcp = next(c for c in checks if c.metric == "FCP")
    assert (fcp.ours, fcp.plain, fcp.difference, fcp.budget) == ("1.65 s", "1.50 s", "1.10× (+150 ms)", "≤ 1.1×")
    performance = checks[0]
    assert (performance.difference, performance.budget) == ("-1", "≥ plain -1 (96)")


def test_compare_fails_each_budget_just_past_it() -> None:
    checks = audit.compare("SQS", _medians(95, 1651, 1700, 51), _medians(97, 1500, 1500, 0), BUDGET)
    assert _results(checks) == {"Performance": "FAIL", "FCP": "FAIL", "LCP": "FAIL", "TBT": "FAIL"}


def test_tbt_is_a_ratio_only_when_plain_reaches_the_floor() -> None:
    below = next(c for c in audit.compare("p", _medians(90, 1, 1, 50), _medians(90, 1, 1, 49), BUDGET) if c.metric == "TBT")
    assert (below.budget, below.result, below.difference) == ("≤ 50 ms (plain < 50 ms)", "PASS", "+1 ms")
    ratio = [next(c for c in audit.compare("p", _medians(90, 1, 1, ours), _medians(90, 1, 1, 100), BUDGET)
                  if c.metric == "TBT") for ours in (110, 111)]
    assert [(c.budget, c.result) for c in ratio] == [("≤ 1.1×", "PASS"), ("≤ 1.1×", "FAIL")]


def test_a_page_without_a_plain_twin_is_not_applicable() -> None:
    checks = audit.compare("Practice", _medians(99, 1, 1, 0), None, BUDGET, "the plain copy has no /practice/")
    assert {c.result for c in checks} == {"n/a"}
    assert checks[0].plain == "n/a (the plain copy has no /practice/)"


def test_sides_alternate_every_round_and_page() -> None:
    assert [audit.order(r, 0)[0] for r in range(4)] == ["ours", "plain", "ours", "plain"]
    assert audit.order(0, 1) == ("plain", "ours")


def _lhr(performance: float, a11y: float, requests: list[dict[str, Any]]) -> dict[str, Any]:
    audits: dict[str, Any] = {aid: {"numericValue": 1000.0, "score": 0.9} for aid in audit.METRICS}
    audits["network-requests"] = {"details": {"items": requests}}
    audits["metrics"] = {"details": {"items": [{"observedFirstContentfulPaint": 100}]}}
    # Before the first paint or after it, each long task blocks for its time over 50 ms.
    audits["long-tasks"] = {"details": {"items": [{"startTime": 20, "duration": 200}, {"startTime": 900, "duration": 60},
                                                  {"startTime": 950, "duration": 50}]}}
    audits["broken"] = {"scoreDisplayMode": "error", "errorMessage": "Cannot read properties of undefined "
                        "(reading 'frame_sequence')"}
    scores = {"performance": performance, "accessibility": a11y, "best-practices": 1, "seo": 1}
    categories = {cid: {"score": score, "auditRefs": [{"id": aid, "weight": 10} for aid in audit.METRICS]
                        if cid == "performance" else []} for cid, score in scores.items()}
    return {"audits": audits, "categories": categories}


def test_parse_reads_scores_metrics_requests_and_first_paint_stylesheets() -> None:
    report = audit.parse(_lhr(0.97, 1, [
        {"url": "http://127.0.0.1:4000/stylesheets/extra.css?v=1", "resourceType": "Stylesheet", "rendererStartTime": 50,
         "transferSize": 4600},
        {"url": "http://127.0.0.1:4000/stylesheets/quiz.css", "resourceType": "Stylesheet", "rendererStartTime": 700,
         "transferSize": 1100},
        {"url": "https://example.org/sitemap.xml", "resourceType": "XHR", "rendererStartTime": 400, "transferSize": 0},
        {"url": "https://example.org/sitemap.xml", "resourceType": "XHR", "rendererStartTime": 500, "transferSize": 0},
    ]))
    assert report.scores == {"performance": 97, "accessibility": 100, "best-practices": 100, "seo": 100}
    assert report.metrics == dict.fromkeys(audit.METRICS, 1000.0)
    assert report.requests == {"/stylesheets/extra.css": 4600, "/stylesheets/quiz.css": 1100,
                               "https://example.org/sitemap.xml": 0}
    assert report.blocking == {"/stylesheets/extra.css": 4600}  # quiz.css came after the first paint
    assert report.repeated == {"https://example.org/sitemap.xml": 2}
    assert report.diagnostics["Requests"] == 4 and report.diagnostics["CSS before first paint"] == 1
    assert report.diagnostics["Long tasks"] == 3 and report.diagnostics["Blocking, whole load"] == 150 + 10
    assert "broken" in report.errored
    with pytest.raises(RuntimeError, match="NO_FCP"):
        audit.parse({**_lhr(1, 1, []), "runtimeError": {"code": "NO_FCP"}})


def test_category_rows_hold_our_other_categories_at_100_and_explain_names_extra_requests() -> None:
    ours = audit.parse(_lhr(0.5, 0.99, [{"url": "http://127.0.0.1:1/javascripts/loader.js", "transferSize": 1400}]))
    plain = audit.parse(_lhr(0.9, 0.86, []))
    results = {"Home": {"ours": [ours], "plain": [plain]}}
    assert audit.category_rows(results, BUDGET) == [["Home", "50", "99", "100", "100", "FAIL"]]
    assert audit.category_rows({"Home": {"ours": [plain], "plain": []}}, BUDGET)[0][-1] == "FAIL"  # 86 accessibility
    notes = audit.explain(results)
    assert "- Home: requests only ours makes (1.4 KB): /javascripts/loader.js (1.4 KB)" in notes
    assert "- Home: FCP / TBT in each round: ours 1.00 s / 1,000 ms; plain 1.00 s / 1,000 ms" in notes
    assert any(n.startswith("- Known: 1 diagnostic") for n in notes)
    assert "| Home | 0 KB / 0 KB | 1 / 0 |" in audit.diagnostics_table(results)


def test_feature_variants_edit_only_theme_features(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """tests/audit/features.py: `--off` removes exactly the named features; a name not in mkdocs.yml stops it."""
    from tests.audit import features
    from tests.bench import variants
    from tests.conftest import ROOT

    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    before = variants.read_config(tmp_path)
    after = variants.read_config(features.without(tmp_path, ["navigation.instant.prefetch"]))
    assert after["theme"]["features"] == [f for f in before["theme"]["features"] if f != "navigation.instant.prefetch"]
    assert {k: v for k, v in after.items() if k != "theme"} == {k: v for k, v in before.items() if k != "theme"}
    with pytest.raises(SystemExit, match=r"not in mkdocs\.yml theme\.features: content\.tooltips"):
        features.without(tmp_path, ["content.tooltips"])
    added = variants.read_config(features.adding(tmp_path, ["content.tooltips"]))["theme"]["features"]
    assert added[-1] == "content.tooltips"
    with pytest.raises(SystemExit, match="already in"):
        features.adding(tmp_path, ["content.tooltips"])
    defaults = variants.read_config(features.theme_defaults(tmp_path))["theme"]
    assert defaults == {"name": "material", "language": "en", "font": False}


def test_strip_variant_removes_every_match_and_refuses_a_pattern_that_matches_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """tests/audit/features.py `--strip`: our built pages with a piece removed, every page; no match stops it."""
    from tests.audit import features
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text("<style>.x{content-visibility: auto;}</style>", encoding="utf-8")
    (site / "a/index.html").write_text("<style>.y{content-visibility: auto;color:red}</style>", encoding="utf-8")
    (site / "a/data.json").write_text("content-visibility: auto;", encoding="utf-8")
    out = features.stripped(site, tmp_path / "out", r"content-visibility: auto;")
    assert (out / "index.html").read_text(encoding="utf-8") == "<style>.x{}</style>"
    assert (out / "a/index.html").read_text(encoding="utf-8") == "<style>.y{color:red}</style>"
    assert (out / "a/data.json").read_text(encoding="utf-8") == "content-visibility: auto;"  # pages only
    assert "content-visibility" in (site / "index.html").read_text(encoding="utf-8")  # the original is kept
    with pytest.raises(SystemExit, match="no match"):
        features.stripped(site, tmp_path / "again", r"content-visibility: hidden")


def test_control_run_makes_the_ours_side_a_copy_of_plain(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """make audit --control: the ours side is replaced by plain's build, file for file (no stale file kept)."""
    sites = {"ours": tmp_path / "site-ours", "plain": tmp_path / "site-plain"}
    (sites["ours"] / "services").mkdir(parents=True)
    (sites["ours"] / "services/index.html").write_text("ours", encoding="utf-8")
    (sites["ours"] / "loader.js").write_text("ours only", encoding="utf-8")
    (sites["plain"] / "services").mkdir(parents=True)
    (sites["plain"] / "services/index.html").write_text("plain", encoding="utf-8")
    audit.control_copy(sites)
    files = {p.relative_to(sites["ours"]).as_posix(): p.read_text(encoding="utf-8")
             for p in sites["ours"].rglob("*") if p.is_file()}
    assert files == {"services/index.html": "plain"}
    assert (sites["plain"] / "services/index.html").read_text(encoding="utf-8") == "plain"


def _copy(score: int, fcp: float, lcp: float, tbt: float) -> audit.Report:
    return audit.Report({"performance": score, "accessibility": 87, "best-practices": 96, "seo": 100},
                        {"first-contentful-paint": fcp, "largest-contentful-paint": lcp, "total-blocking-time": tbt},
                        {}, {}, {}, {}, {}, {})


def test_control_misses_read_identical_copies_both_ways() -> None:
    """make audit --control: a copy that came out faster only passes one way round; the other way is a miss."""
    same = {"Home": {"ours": [_copy(100, 1440, 1440, 3)], "plain": [_copy(100, 1420, 1420, 4)]}}
    assert audit.control_misses(same, BUDGET) == []
    # the control run of 3 December 2026, DynamoDB: one copy's LCP median 1.76 s, the other's 4.61 s
    apart = {"DynamoDB": {"ours": [_copy(87, 1760, 1760, 217)], "plain": [_copy(78, 1840, 4610, 232)]}}
    missed = audit.control_misses(apart, BUDGET)
    assert [(c.page, c.metric) for c in missed] == [("DynamoDB (copy B vs copy A)", "Performance"),
                                                    ("DynamoDB (copy B vs copy A)", "LCP")]
    assert missed[1].difference == "2.62× (+2,850 ms)"


def test_the_throttling_method_reaches_lighthouse(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """make audit --throttling: the default is the simulation the budgets were set with; devtools is passed on
    as it is; anything else fails before Lighthouse runs, naming the valid methods."""
    def method(command: list[str]) -> list[str]:
        return [arg for arg in command if arg.startswith("--throttling-method")]

    out = tmp_path / "report.json"
    assert method(audit.lighthouse_command("http://127.0.0.1/", out)) == ["--throttling-method=simulate"]
    assert method(audit.lighthouse_command("http://127.0.0.1/", out, "devtools")) == ["--throttling-method=devtools"]
    with pytest.raises(ValueError, match="simulate, devtools"):
        audit.lighthouse_command("http://127.0.0.1/", out, "provided")
