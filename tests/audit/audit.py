"""make audit: Lighthouse (pinned in tests/audit/package.json) on our pages and on plain Material's, side by side.

Builds our site and the plain-Material copy of the same Markdown (tests/bench/variants.py: every page as
mkdocs-macros rendered it, built by Material with the theme, Markdown extensions and nav kept, and our
macros, hooks, overrides and extra CSS/JS dropped), each strictly into a temporary folder, serves both on
127.0.0.1 with gzip (tests/bench/server.py) and runs Lighthouse in Debian's chromium (mobile preset,
simulated throttling) on the pages of tests/bench/budgets.yml `audit:`, on today's site and on a copy with
three times the notes (`sizes`), each against its own plain twin. Every round audits every page
once on each side, alternating which side goes first; the median of `--runs` rounds is reported.

It prints three tables: ours against plain Material per page and metric (performance score, first and
largest contentful paint, total blocking time) with the `audit:` budgets; our category scores
(accessibility, best practices and SEO at 100, as before); and where the difference comes from (bytes,
requests, stylesheets before first paint, scripts, DOM size, main-thread and script time, long tasks and
their blocking time over the whole load, each ours / plain), and each round's FCP and TBT (the first moves
the second). Then the requests only our pages make, the stylesheets only our first paint waits
for, the audits that cost our pages points, and the audits that errored. Exit status 1 when a budget
is missed, 2 when the site or Lighthouse could not run.

    .venv/bin/python -m tests.audit.audit [--runs N] [--sizes 1,3] [--keep] [--control]

--control audits plain Material against a second copy of its own build: the misses it prints are what the
budgets make of two identical sites on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.bench import server, variants
from tests.bench.variants import BenchSetupError
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

LIGHTHOUSE = Path(__file__).parent / "node_modules/.bin/lighthouse"
BUDGETS = Path(__file__).parent.parent / "bench/budgets.yml"
CATEGORIES = {"performance": "Performance", "accessibility": "Accessibility", "best-practices": "Best practices",
              "seo": "SEO"}
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT"}
SIDES = ("ours", "plain")
KNOWN_ERROR = "frame_sequence"  # Lighthouse 12.2.3 with chromium 156: six diagnostic audits error
THROTTLING = ("simulate", "devtools")  # Lighthouse's --throttling-method; the budgets were set with the first
ATTEMPTS = 2  # a Lighthouse run that fails (a busy machine can time one out) is tried once more


@dataclass(frozen=True)
class Report:
    scores: dict[str, int]  # category id -> 0..100
    metrics: dict[str, float]  # METRICS audit id -> ms
    diagnostics: dict[str, float]  # DIAGNOSTICS name -> value
    requests: dict[str, int]  # request path (no host, no query) -> transfer bytes
    blocking: dict[str, int]  # stylesheet requested before the first paint -> transfer bytes
    repeated: dict[str, int]  # request path fetched more than once -> how many times
    lost: dict[str, list[str]]  # category id -> audits that cost points, as "id (score)"
    errored: dict[str, str]  # audit id -> error message


@dataclass(frozen=True)
class Check:
    page: str
    metric: str
    ours: str
    plain: str
    difference: str
    budget: str
    result: str  # PASS, FAIL, n/a


def log(message: str) -> None:
    print(f"[audit] {message}", file=sys.stderr, flush=True)


def _path(url: str) -> str:
    """A request's path on our loopback server, or its whole address on any other host (no query)."""
    return re.sub(r"^https?://(127\.0\.0\.1|localhost)(:\d+)?", "", url).split("?")[0].split("#")[0] or "/"


def _items(audits: dict[str, Any], audit_id: str) -> list[dict[str, Any]]:
    return (audits.get(audit_id, {}).get("details") or {}).get("items") or []


def _numeric(audits: dict[str, Any], audit_id: str) -> float | None:
    value = audits.get(audit_id, {}).get("numericValue")
    return None if value is None else float(value)


def _observed_fcp(audits: dict[str, Any]) -> float:
    items = _items(audits, "metrics")
    return float(items[0].get("observedFirstContentfulPaint") or 0) if items else 0.0


def _blocking_css(audits: dict[str, Any]) -> dict[str, int]:
    """Stylesheets requested before the first paint (observed, unthrottled): the ones it waited for. Lighthouse's
    own render-blocking-resources audit errors with chromium 156 ("frame_sequence"), so this stands in for it."""
    fcp = _observed_fcp(audits)
    return {_path(i["url"]): int(i.get("transferSize") or 0) for i in _items(audits, "network-requests")
            if i.get("resourceType") == "Stylesheet" and float(i.get("rendererStartTime") or 0) < fcp}


# Where the time and bytes go: name -> (how to read it from the audits, how to show it).
DIAGNOSTICS: dict[str, tuple[Any, str]] = {
    "Transfer": (lambda a: (_numeric(a, "total-byte-weight") or 0) / 1000, "{:,.0f} KB"),
    "Requests": (lambda a: len(_items(a, "network-requests")), "{:.0f}"),
    "CSS before first paint": (lambda a: len(_blocking_css(a)), "{:.0f}"),
    "Scripts": (lambda a: sum(i.get("resourceType") == "Script" for i in _items(a, "network-requests")), "{:.0f}"),
    "DOM elements": (lambda a: _numeric(a, "dom-size"), "{:,.0f}"),
    "Main thread": (lambda a: _numeric(a, "mainthread-work-breakdown"), "{:,.0f} ms"),
    "Script evaluation": (lambda a: sum(i.get("scripting", 0) for i in _items(a, "bootup-time")), "{:,.0f} ms"),
    "Long tasks": (lambda a: len(_items(a, "long-tasks")), "{:.0f}"),
    # Total blocking time counts only long tasks after the (simulated) first paint, so a page that paints before
    # Material's long tasks is charged for them and one that paints after them is not. This counts every long
    # task's time over 50 ms, wherever the first paint falls: the blocking work itself.
    "Blocking, whole load": (lambda a: sum(max(0.0, float(i.get("duration", 0)) - 50) for i in _items(a, "long-tasks")),
                             "{:,.0f} ms"),
}


def parse(lhr: dict[str, Any]) -> Report:
    if lhr.get("runtimeError"):
        raise RuntimeError(f"Lighthouse runtime error: {lhr['runtimeError']}")
    audits = lhr["audits"]
    missing = [cid for cid in CATEGORIES if lhr["categories"][cid].get("score") is None]
    if missing:  # a metric failed in this run (seen under load): the run is retried like a crash
        raise RuntimeError(f"Lighthouse gave no score for {', '.join(missing)}")
    scores = {cid: round(lhr["categories"][cid]["score"] * 100) for cid in CATEGORIES}
    metrics = {aid: float(audits[aid]["numericValue"]) for aid in METRICS}
    diagnostics = {}
    for name, (read, _) in DIAGNOSTICS.items():
        value = read(audits)
        if value is not None:
            diagnostics[name] = float(value)
    requests: dict[str, int] = {}
    counts: dict[str, int] = {}
    for item in _items(audits, "network-requests"):
        path = _path(item.get("url", ""))
        requests[path] = requests.get(path, 0) + int(item.get("transferSize") or 0)
        if not path.startswith("data:"):
            counts[path] = counts.get(path, 0) + 1
    repeated = {path: n for path, n in counts.items() if n > 1}
    blocking = _blocking_css(audits)
    lost: dict[str, list[str]] = {}
    for cid in CATEGORIES:
        for ref in lhr["categories"][cid]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                shown = audit.get("displayValue") or f"score {audit['score']:.2f}"
                lost.setdefault(cid, []).append(f"{ref['id']} ({shown})")
    errored = {aid: a.get("errorMessage", "") for aid, a in audits.items() if a.get("scoreDisplayMode") == "error"}
    return Report(scores, metrics, diagnostics, requests, blocking, repeated, lost, errored)


def lighthouse_command(url: str, out: Path, throttling: str = THROTTLING[0]) -> list[str]:
    """The Lighthouse command line for one run. `throttling`, one of THROTTLING: "simulate" (the mobile
    preset's default: an unthrottled load, then the metrics computed for slow 4G and a 4x slower CPU) or
    "devtools" (the load itself throttled, and the metrics read from it)."""
    if throttling not in THROTTLING:
        raise ValueError(f"throttling {throttling!r}: one of {', '.join(THROTTLING)}")
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    return [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}", f"--throttling-method={throttling}"]


def lighthouse(url: str, out: Path, throttling: str = THROTTLING[0]) -> Report:
    command = lighthouse_command(url, out, throttling)
    error = ""
    for attempt in range(ATTEMPTS):
        out.unlink(missing_ok=True)
        result = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True,
                                check=False)
        try:
            if result.returncode != 0 or not out.is_file():
                raise RuntimeError(f"exit {result.returncode}:\n{result.stderr[-3000:]}")
            return parse(json.loads(out.read_text(encoding="utf-8")))
        except RuntimeError as exc:
            error = str(exc)
            log(f"Lighthouse failed on {url} (attempt {attempt + 1}/{ATTEMPTS}): {error.splitlines()[0]}")
    raise RuntimeError(f"lighthouse failed on {url}: {error}")


# Budgets ------------------------------------------------------------------------------------------


def medians(reports: list[Report]) -> dict[str, float]:
    """Median over runs of each category score and metric (keys: category and metric audit ids)."""
    values = {cid: statistics.median(r.scores[cid] for r in reports) for cid in CATEGORIES}
    values.update({aid: statistics.median(r.metrics[aid] for r in reports) for aid in METRICS})
    return values


def _seconds(value: float) -> str:
    return f"{value / 1000:.2f} s"


def compare(page: str, ours: dict[str, float], plain: dict[str, float] | None, budget: dict[str, Any],
            why_no_plain: str = "") -> list[Check]:
    """The side-by-side checks of one page, from the medians of each side (plain None: no plain page)."""
    checks = []
    score = round(ours["performance"])
    if plain is None:
        na = f"n/a ({why_no_plain})" if why_no_plain else "n/a"
        checks.append(Check(page, "Performance", str(score), na, "n/a", "≥ plain − 1", "n/a"))
        checks += [Check(page, name, _seconds(ours[aid]) if aid != "total-blocking-time" else f"{ours[aid]:.0f} ms",
                         na, "n/a", "", "n/a") for aid, name in METRICS.items()]
        return checks
    theirs = round(plain["performance"])
    least = theirs + budget["performance_min_delta"]
    checks.append(Check(page, "Performance", str(score), str(theirs), f"{score - theirs:+d}",
                        f"≥ plain {budget['performance_min_delta']:+d} ({least})", "PASS" if score >= least else "FAIL"))
    for aid, name in (("first-contentful-paint", "FCP"), ("largest-contentful-paint", "LCP")):
        limit = budget[f"{name.lower()}_ratio_max"]
        ratio = ours[aid] / plain[aid]
        checks.append(Check(page, name, _seconds(ours[aid]), _seconds(plain[aid]),
                            f"{ratio:.2f}× ({ours[aid] - plain[aid]:+,.0f} ms)", f"≤ {limit}×",
                            "PASS" if ratio <= limit else "FAIL"))
    tbt, plain_tbt, floor = ours["total-blocking-time"], plain["total-blocking-time"], budget["tbt_floor_ms"]
    delta = f"{tbt - plain_tbt:+,.0f} ms"
    if plain_tbt >= floor:
        limit = budget["tbt_ratio_max"]
        ratio = tbt / plain_tbt
        checks.append(Check(page, "TBT", f"{tbt:,.0f} ms", f"{plain_tbt:,.0f} ms", f"{ratio:.2f}× ({delta})",
                            f"≤ {limit}×", "PASS" if ratio <= limit else "FAIL"))
    else:
        checks.append(Check(page, "TBT", f"{tbt:,.0f} ms", f"{plain_tbt:,.0f} ms", delta,
                            f"≤ {floor} ms (plain < {floor} ms)", "PASS" if tbt <= floor else "FAIL"))
    return checks


def control_misses(results: dict[str, dict[str, list[Report]]], budget: dict[str, Any]) -> list[Check]:
    """make audit --control: the budgets missed by two identical copies, read both ways (each copy taken as
    "ours" in turn), since either copy could have come out slower."""
    missed = []
    for page, sides in results.items():
        if not sides["ours"] or not sides["plain"]:
            continue
        first, second = medians(sides["ours"]), medians(sides["plain"])
        for ours, plain, label in ((first, second, "copy A vs copy B"), (second, first, "copy B vs copy A")):
            missed += [Check(f"{page} ({label})", c.metric, c.ours, c.plain, c.difference, c.budget, c.result)
                       for c in compare(page, ours, plain, budget) if c.result == "FAIL"]
    return missed


def category_rows(results: dict[str, dict[str, list[Report]]], budget: dict[str, Any]) -> list[list[str]]:
    """Our category scores per page: accessibility, best practices and SEO against categories_min;
    performance is budgeted against plain Material (the side-by-side table), so it shows here as info."""
    rows = []
    least = budget["categories_min"]
    for page, sides in results.items():
        values = medians(sides["ours"])
        others = [cid for cid in CATEGORIES if cid != "performance"]
        result = "PASS" if all(values[cid] >= least for cid in others) else "FAIL"
        rows.append([page, *[str(round(values[cid])) for cid in CATEGORIES], result])
    return rows


# Output -------------------------------------------------------------------------------------------


def markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def side_by_side_table(checks: list[Check]) -> str:
    return markdown(["Page", "Metric", "Ours", "Plain Material", "Ours vs plain", "Budget", "Result"],
                    [[c.page, c.metric, c.ours, c.plain, c.difference, c.budget, c.result] for c in checks])


def diagnostics_table(results: dict[str, dict[str, list[Report]]]) -> str:
    rows = []
    for page, sides in results.items():
        row = [page]
        for name, (_, fmt) in DIAGNOSTICS.items():
            shown = []
            for side in SIDES:
                values = [r.diagnostics[name] for r in sides.get(side, []) if name in r.diagnostics]
                shown.append(fmt.format(statistics.median(values)) if values else "n/a")
            row.append(" / ".join(shown))
        rows.append(row)
    return markdown(["Page (ours / plain)", *DIAGNOSTICS], rows)


def explain(results: dict[str, dict[str, list[Report]]]) -> list[str]:
    """What our pages fetch that plain Material's do not, what blocks their first paint, which audits cost
    them points (in any run), and which audits errored."""
    lines = []
    for page, sides in results.items():
        ours = sides["ours"]
        if sides.get("plain"):
            theirs = {path for r in sides["plain"] for path in r.requests}
            extra = {}
            for r in ours:
                for path, size in r.requests.items():
                    if path not in theirs:
                        extra[path] = max(extra.get(path, 0), size)
            if extra:
                shown = ", ".join(f"{p} ({s / 1000:.1f} KB)" for p, s in sorted(extra.items(), key=lambda x: -x[1]))
                lines.append(f"- {page}: requests only ours makes ({sum(extra.values()) / 1000:.1f} KB): {shown}")
        rounds = {side: ", ".join(f"{_seconds(r.metrics['first-contentful-paint'])} / "
                                  f"{r.metrics['total-blocking-time']:,.0f} ms" for r in reports)
                  for side, reports in sides.items() if reports}
        lines.append(f"- {page}: FCP / TBT in each round: " + "; ".join(f"{side} {shown}" for side, shown in rounds.items()))
        repeated = {path: n for r in ours for path, n in r.repeated.items()
                    if not any(path in theirs.repeated for theirs in sides.get("plain", []))}
        if repeated:
            shown = ", ".join(f"{p} ({n}×)" for p, n in sorted(repeated.items()))
            lines.append(f"- {page}: fetched more than once on ours only: {shown}")
        blocking: dict[str, int] = {}
        for r in ours:
            blocking.update(r.blocking)
        if sides.get("plain"):
            for r in sides["plain"]:
                for path in r.blocking:
                    blocking.pop(path, None)
        if blocking:
            shown = ", ".join(f"{p} ({size / 1000:.1f} KB)" for p, size in sorted(blocking.items()))
            lines.append(f"- {page}: stylesheets first paint waits for on ours only: {shown}")
        for cid, name in CATEGORIES.items():
            lost: dict[str, list[str]] = {}  # audit id -> what each run that lost points on it showed
            for r in ours:
                for item in r.lost.get(cid, []):
                    aid, _, shown = item.partition(" (")
                    lost.setdefault(aid, []).append(shown.rstrip(")"))
            if lost:
                shown = ", ".join(f"{aid} ({', '.join(values)})" for aid, values in sorted(lost.items()))
                lines.append(f"- {page}, {name}: points lost (in the runs that lost them) to {shown}")
    errored = {aid: msg for sides in results.values() for reports in sides.values() for r in reports
               for aid, msg in r.errored.items()}
    known = sorted(aid for aid, msg in errored.items() if KNOWN_ERROR in msg or "RootCauses" in msg or
                   "TraceElements" in msg)
    other = sorted(set(errored) - set(known))
    if known:
        lines.append(f"- Known: {len(known)} diagnostic audits error in Lighthouse 12.2.3 with Debian's chromium "
                     f"(\"Cannot read properties of undefined (reading '{KNOWN_ERROR}')\"): {', '.join(known)}. "
                     "They carry no weight; the category scores above are still computed.")
    for aid in other:
        lines.append(f"- Errored: {aid}: {errored[aid][:200]}")
    return lines


# Run ----------------------------------------------------------------------------------------------


def order(round_: int, page_index: int) -> tuple[str, ...]:
    """Which side goes first: alternates every round, and from one page to the next."""
    return SIDES if (round_ + page_index) % 2 == 0 else SIDES[::-1]


def default_sizes(budgets: dict[str, Any]) -> list[int]:
    """Today's site, then make bench's copy with `notes_factor` times the notes (one figure, in budgets.yml)."""
    return [1, budgets["notes_factor"]]


def start(prefix: str) -> Path | None:
    """A fresh work folder for a Lighthouse run, or None (said on stderr) when Lighthouse is not installed."""
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `make audit` (it runs npm ci in tests/audit).", file=sys.stderr)
        return None
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    return Path(tempfile.mkdtemp(prefix=prefix))


@contextmanager
def serving(sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    """Each site served gzipped on 127.0.0.1 (tests/bench/server.py): name -> base URL; all shut down after."""
    servers = {name: server.start(site, gzip_enabled=True) for name, site in sites.items()}
    try:
        yield {name: url for name, (_, url) in servers.items()}
    finally:
        for srv, _ in servers.values():
            srv.shutdown()


size_label = variants.size_label


def build_sites(work: Path, factor: int = 1, control: bool = False) -> dict[str, Path]:
    """Our site and its plain-Material twin: today's, or a copy with `factor` times the notes (every service
    and topic page replicated, as make bench builds it) and the plain twin of that copy. With `control`, the
    "ours" side is a second copy of the plain build: the budgets applied to two identical sites."""
    log(f"building our site, {size_label(factor)}")
    tag = "" if factor == 1 else f"-{factor}x"
    sites = {"ours": work / f"site-ours{tag}", "plain": work / f"site-plain{tag}"}
    ours = variants.full_copy(work / f"ours{tag}") if factor == 1 else variants.notes_scaled_copy(
        work / f"ours{tag}", factor)
    if not control:  # a control run replaces it with plain's build: the copy of our Markdown is still needed
        variants.build(ours, sites["ours"])
    log(f"building the plain-Material copy of the same Markdown, {size_label(factor)}")
    plain = variants.plain_copy(work / f"plain{tag}", work / f"capture{tag}", source=None if factor == 1 else ours)
    variants.build(plain, sites["plain"])
    if control:
        control_copy(sites)
    return sites


def control_copy(sites: dict[str, Path]) -> None:
    """make audit --control: the ours side becomes a byte-for-byte copy of the plain build."""
    log("control run: the ours side is a second copy of plain Material's build")
    shutil.rmtree(sites["ours"], ignore_errors=True)
    shutil.copytree(sites["plain"], sites["ours"])


def audit_size(work: Path, factor: int, budgets: dict[str, Any], runs: int,
               results: dict[str, dict[str, list[Report]]], missing: dict[str, str], skipped: list[str],
               control: bool = False, throttling: str = THROTTLING[0]) -> None:
    """Every page of `audit: pages` on one size of the site, ours and plain alternating, `runs` rounds. The
    results are keyed by page name, with the size after it when it is not today's site."""
    sites = build_sites(work, factor, control)
    pages = {}
    suffix = "" if factor == 1 else f", {size_label(factor)}"
    for name, path in budgets["pages"].items():
        key = name + suffix
        if not (sites["ours"] / path / "index.html").is_file():
            skipped.append(f"- {key}: not audited, /{path} does not exist on our site.")
            continue
        pages[key] = path
        results[key] = {side: [] for side in SIDES}
        if not (sites["plain"] / path / "index.html").is_file():
            missing[key] = f"the plain copy has no /{path}"
    with serving(sites) as urls:
        for r in range(runs):
            for i, (key, path) in enumerate(pages.items()):
                for side in order(r, i):
                    if side == "plain" and key in missing:
                        continue
                    log(f"round {r + 1}/{runs}: {key}, {side}")
                    name = f"{side}-{path.strip('/').replace('/', '-') or 'home'}-{factor}x-{r}.json"
                    results[key][side].append(lighthouse(urls[side] + path, work / name, throttling))


def report_control(results: dict[str, dict[str, list[Report]]], budgets: dict[str, Any]) -> int:
    """The control run's verdict: exit 1 when two identical copies miss a budget either way round."""
    print("\nEach round's FCP and TBT (the first moves the second):\n")
    print("\n".join(line for line in explain(results) if "in each round" in line))
    missed = control_misses(results, budgets)
    print(f"\nIdentical copies, read both ways: {len(missed)} budget(s) missed.")
    if missed:
        print(side_by_side_table(missed))
        print("\nThese budgets are finer than this machine's Lighthouse can measure at this many rounds.")
    return 1 if missed else 0


def main() -> int:
    everything = yaml.safe_load(BUDGETS.read_text(encoding="utf-8"))
    budgets = everything["audit"]
    parser = argparse.ArgumentParser(description="Lighthouse on our pages and plain Material's, side by side.")
    parser.add_argument("--runs", type=int, default=budgets["runs"], help="rounds; the median is reported")
    parser.add_argument("--keep", action="store_true", help="keep the built sites and the JSON reports")
    parser.add_argument("--sizes", type=lambda v: [int(x) for x in v.split(",")], default=default_sizes(everything),
                        help="comma-separated: 1 is today's site, 3 a copy with three times the notes")
    parser.add_argument("--control", action="store_true",
                        help="audit plain Material against a second copy of itself (the 'Ours' column): how "
                             "many budgets two identical sites miss, the measurement's own noise")
    parser.add_argument("--throttling", choices=THROTTLING, default=THROTTLING[0],
                        help="Lighthouse's throttling method: simulate (the default, as the budgets were set) or "
                             "devtools (the load itself throttled: slower, and no simulated first paint)")
    args = parser.parse_args()
    work = start("dva-audit-")
    if work is None:
        return 2
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    results: dict[str, dict[str, list[Report]]] = {}
    missing: dict[str, str] = {}  # page -> why it has no plain side
    skipped: list[str] = []
    try:
        for factor in args.sizes:
            audit_size(work, factor, budgets, args.runs, results, missing, skipped, args.control, args.throttling)
    except (BenchSetupError, RuntimeError) as exc:
        print(exc, file=sys.stderr)
        return 2
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=False).stdout.strip()
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    if args.control:
        print("CONTROL RUN: both columns are plain Material's build, 'Ours' a second copy of it (copy A) served by its "
              "own server, 'Plain Material' the original (copy B); every difference is the measurement's noise.\n")
    print(f"make audit: Lighthouse {version}, {chromium}, mobile preset ({args.throttling} throttling), gzip on; ours and "
          f"plain Material (same Markdown) alternating, median of {args.runs} rounds; "
          f"{', '.join(size_label(f) for f in args.sizes)}; {os.cpu_count()} cores, load "
          f"average {load_before:.1f} before and {os.getloadavg()[0]:.1f} after (CPU-bound metrics such as total "
          f"blocking time grow when the machine is busy); {time.perf_counter() - started:.0f} s.\n")
    checks = []
    for name, sides in results.items():
        plain = medians(sides["plain"]) if sides["plain"] else None
        checks += compare(name, medians(sides["ours"]), plain, budgets, missing.get(name, ""))
    print(side_by_side_table(checks))
    if args.control:
        return report_control(results, budgets)
    rows = category_rows(results, budgets)
    least = budgets["categories_min"]
    print("\nOur category scores (performance: against plain Material, above):\n")
    print(markdown(["Page", *CATEGORIES.values(), "Result"],
                   [["Budget", "above", *[str(least)] * (len(CATEGORIES) - 1), ""], *rows]))
    print("\nWhere the difference comes from (Lighthouse diagnostics, median, ours / plain Material):\n")
    print(diagnostics_table(results))
    notes = explain(results) + skipped + [f"- {name}: plain Material n/a: {why}." for name, why in missing.items()]
    if notes:
        print("\n" + "\n".join(notes))
    failed = [c for c in checks if c.result == "FAIL"] + [row for row in rows if row[-1] == "FAIL"]
    print(f"\n{len(failed)} budget(s) missed." if failed else "\nEvery budget met.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
