"""make bench: how fast DVA Notes builds and loads, side by side with plain Material, against budgets.

Prints one Markdown table (paste it into the README's "Performance" section). Every comparison is
measured in the same run, alternating its sides (the order rotates each round), and the median of
`runs` rounds is reported (a stage's own `runs`, or first_load's `paint_runs`, where budgets.yml sets one).
Budgets come from tests/bench/budgets.yml. Everything is generated into a fresh temporary folder and
deleted afterwards; nothing is cached between runs. Exit status 1 when a budget is missed.

First load and search right after load are measured side by side with plain Material twice: on today's
site and on a synthetic copy with `notes_factor` (3) times the notes, each with its plain-Material twin.
`--only` runs some stages alone (the sites they need are built first, untimed), for a quick look.

    .venv/bin/python -m tests.bench.bench [--runs N] [--keep] [--only first_load,search_after_load]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Browser, sync_playwright

from tests.bench import browser as measure
from tests.bench import server, variants
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

BUDGETS = Path(__file__).with_name("budgets.yml")


@dataclass(frozen=True)
class Row:
    number: str
    measure: str
    figure: str
    budget: str
    result: str  # PASS, FAIL, info, n/a


@dataclass
class Bench:
    work: Path
    budgets: dict[str, Any]
    runs: int | None  # --runs: every stage's rounds; None: budgets.yml (a stage's own `runs`, else the top one)
    sites: dict[str, Path]  # name -> built site folder, filled as stages build them

    def rounds(self, stage: str, key: str = "runs") -> int:
        """Rounds for `stage`: --runs when given, else the stage's `key` in budgets.yml, else the top-level
        `runs`. A figure that moves more from one round to the next than its budget allows keeps its own
        number (first_load's `runs` and `paint_runs`: README "Rounds, from A/A runs")."""
        if self.runs is not None:
            return self.runs
        section = self.budgets.get(stage)
        own = section.get(key) if isinstance(section, dict) else None
        return int(own if own is not None else self.budgets["runs"])


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def verdict(value: float, limit: float) -> str:
    return "PASS" if value <= limit else "FAIL"


def median(values: list[float]) -> float:
    return statistics.median(values)


def alternate(tasks: dict[str, Callable[[], float]], runs: int, label: str) -> dict[str, list[float]]:
    """Run every task once per round, rotating which goes first; returns each task's results."""
    names = list(tasks)
    results: dict[str, list[float]] = {name: [] for name in names}
    for r in range(runs):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            results[name].append(tasks[name]())
        log(f"{label}: round {r + 1}/{runs} done")
    return results


def timed_build(project: Path, site: Path) -> Callable[[], float]:
    def run() -> float:
        shutil.rmtree(site, ignore_errors=True)
        start = time.perf_counter()
        variants.build(project, site)
        return time.perf_counter() - start

    return run


def html_bytes_per_page(site: Path) -> float:
    pages = list(site.rglob("*.html"))
    return sum(p.stat().st_size for p in pages) / len(pages)


def kb(value: float) -> str:
    return f"{value / 1000:,.1f} KB"


def ms(value: float) -> str:
    return f"{value:,.0f} ms"


def median_of(values: list[float | None]) -> float | None:
    """The median of the values measured (None where a run measured nothing); None if none was."""
    measured = [v for v in values if v is not None]
    return median(measured) if measured else None


def ratio_row(number: str, measure: str, ours: float | None, theirs: float | None, limit: float,
              fmt: Callable[[float], str]) -> Row:
    """A side-by-side budget: ours / plain Material <= limit. A side that measured nothing is a FAIL."""
    budget = f"≤ {limit}×"
    if ours is None or theirs is None:
        missing = "ours" if ours is None else "plain Material"
        return Row(number, measure, f"not measured ({missing})", budget, "FAIL")
    if theirs <= 0:
        return Row(number, measure, f"{fmt(ours)} / {fmt(theirs)}", budget, "PASS" if ours <= 0 else "FAIL")
    ratio = ours / theirs
    return Row(number, measure, f"{ratio:.2f}× ({fmt(ours)} / {fmt(theirs)})", budget, verdict(ratio, limit))


# Sites ----------------------------------------------------------------------------------------------
# Every stage reads its built sites from bench.sites. stage_build and stage_scale fill "today", "plain"
# and "scaled" as they measure; ensure_sites builds whatever is still missing, untimed.


def _build_today(bench: Bench) -> None:
    variants.build(variants.full_copy(bench.work / "full"), bench.work / "site-full")
    bench.sites["today"] = bench.work / "site-full"


def _build_plain(bench: Bench) -> None:
    variants.build(variants.plain_copy(bench.work / "plain", bench.work / "capture"), bench.work / "site-plain")
    bench.sites["plain"] = bench.work / "site-plain"


def _build_scaled(bench: Bench) -> None:
    largest = bench.budgets["scale"]["pages"][-1]
    variants.build(variants.scaled_copy(bench.work / f"scaled-{largest}", largest), bench.work / f"site-{largest}")
    bench.sites["scaled"] = bench.work / f"site-{largest}"


def notes_label(bench: Bench) -> str:
    return variants.size_label(bench.budgets["notes_factor"])


def _build_notes_scaled(bench: Bench) -> None:
    """Ours and plain Material with `notes_factor` times the notes, for the side-by-side figures."""
    factor = bench.budgets["notes_factor"]
    ours = variants.notes_scaled_copy(bench.work / f"notes-{factor}x", factor)
    variants.build(ours, bench.work / f"site-notes-{factor}x")
    plain = variants.plain_copy(bench.work / f"plain-{factor}x", bench.work / f"capture-{factor}x", source=ours)
    variants.build(plain, bench.work / f"site-plain-{factor}x")
    bench.sites["today-nx"] = bench.work / f"site-notes-{factor}x"
    bench.sites["plain-nx"] = bench.work / f"site-plain-{factor}x"


SIDE_BY_SIDE = ("today", "plain", "today-nx", "plain-nx")  # ours and plain Material, today and at notes_factor
BUILDERS: dict[str, Callable[[Bench], None]] = {
    "today": _build_today, "plain": _build_plain, "scaled": _build_scaled,
    "today-nx": _build_notes_scaled, "plain-nx": _build_notes_scaled,
}


def ensure_sites(bench: Bench, *names: str) -> None:
    for name in names:
        if name not in bench.sites:
            log(f"building the {name} site (untimed)")
            BUILDERS[name](bench)


# Stages -------------------------------------------------------------------------------------------


def stage_build(bench: Bench) -> list[Row]:
    """1. Our full build against plain Material building the same (pre-rendered) Markdown."""
    log("build: preparing the full and the plain Material copies")
    full = variants.full_copy(bench.work / "full")
    plain = variants.plain_copy(bench.work / "plain", bench.work / "capture")
    sites = {"full": bench.work / "site-full", "plain": bench.work / "site-plain"}
    times = alternate({name: timed_build(p, sites[name]) for name, p in (("full", full), ("plain", plain))},
                      bench.rounds("build"), "build")
    bench.sites["today"] = sites["full"]
    bench.sites["plain"] = sites["plain"]
    ours, theirs = median(times["full"]), median(times["plain"])
    ratio = ours / theirs
    limit = bench.budgets["build"]["ratio_max"]
    return [Row("1", "Build: our site / plain Material, same Markdown",
                f"{ratio:.2f}× ({ours:.2f} s / {theirs:.2f} s)", f"≤ {limit}×", verdict(ratio, limit))]


def stage_scale(bench: Bench) -> list[Row]:
    """2. Synthetic copies at several sizes: build time and HTML bytes per page."""
    sizes = bench.budgets["scale"]["pages"]
    projects = {}
    for n in sizes:
        log(f"scale: generating a {n}-page copy")
        projects[n] = variants.scaled_copy(bench.work / f"scaled-{n}", n)
    sites = {n: bench.work / f"site-{n}" for n in sizes}
    times = alternate({str(n): timed_build(projects[n], sites[n]) for n in sizes}, bench.rounds("scale"), "scale")
    per_page = {n: median(times[str(n)]) / n for n in sizes}
    html = {n: html_bytes_per_page(sites[n]) for n in sizes}
    ensure_sites(bench, "today")
    today = html_bytes_per_page(bench.sites["today"])
    bench.sites["scaled"] = sites[sizes[-1]]
    rows = [
        Row("2", f"Scale: {n:,} pages, build time and HTML per page",
            f"{per_page[n] * 1000:.1f} ms/page, {kb(html[n])}/page", "", "info")
        for n in sizes
    ]
    budget = bench.budgets["scale"]
    html_ratio = html[sizes[-1]] / today
    growth = per_page[sizes[-1]] / per_page[sizes[0]]
    rows.append(Row("2", f"Scale: HTML per page at {sizes[-1]:,} pages / today's site",
                    f"{html_ratio:.2f}× ({kb(html[sizes[-1]])} / {kb(today)})", f"≤ {budget['html_ratio_max']}×",
                    verdict(html_ratio, budget["html_ratio_max"])))
    rows.append(Row("2", f"Scale: build time per page, {sizes[-1]:,} / {sizes[0]:,} pages",
                    f"{growth:.2f}×", f"≤ {budget['time_growth_max']}× (linear)", verdict(growth, budget["time_growth_max"])))
    return rows


def warm_up(bench: Bench, chromium: Browser) -> None:
    """One page load that is not measured: a new browser process is slow on its first page."""
    ensure_sites(bench, "today")
    srv, url = server.start(bench.sites["today"])
    try:
        measure.first_load(chromium, url, "")
    finally:
        srv.shutdown()


def stage_first_load(bench: Bench, chromium: Browser) -> list[Row]:
    """3. A service page opened cold in chromium from a local server: ours with and without gzip, and,
    side by side, plain Material serving the same Markdown (gzip on), on today's site and on the copies
    with `notes_factor` times the notes."""
    budget = bench.budgets["first_load"]
    ensure_sites(bench, *SIDE_BY_SIDE)
    servers = {name: server.start(bench.sites["today"], gzip_enabled=name == "gzip") for name in ("gzip", "nogzip")}
    for name in ("plain", "today-nx", "plain-nx"):
        servers[name] = server.start(bench.sites[name], gzip_enabled=True)
    loads: dict[str, list[measure.FirstLoad]] = {name: [] for name in servers}

    def run(name: str) -> Callable[[], float]:
        def once() -> float:
            loads[name].append(measure.first_load(chromium, servers[name][1], budget["page"]))
            return 0.0

        return once

    paints: dict[str, list[float | None]] = {name: [] for name in PAINTED}

    def paint(name: str) -> Callable[[], float]:
        def once() -> float:
            paints[name].append(measure.first_paint(chromium, servers[name][1], budget["page"]))
            return 0.0

        return once

    try:
        alternate({name: run(name) for name in servers}, bench.rounds("first_load"), "first load")
        alternate({name: paint(name) for name in PAINTED}, bench.rounds("first_load", "paint_runs"), "first paint")
    finally:
        for srv, _ in servers.values():
            srv.shutdown()
    return first_load_rows(loads, paints, budget, notes_label(bench))


ROUND_KEYS = ("runs", "paint_runs")  # budgets.yml keys a stage may set its own rounds with
PAINTED = ("gzip", "plain", "today-nx", "plain-nx")  # the sides whose first paint is compared (gzip on)


def first_load_rows(loads: dict[str, list[measure.FirstLoad]], paints: dict[str, list[float | None]],
                    budget: dict[str, Any], nx: str) -> list[Row]:
    """The table rows of stage 3 from its measurements: `loads` has the runs of "gzip" and "nogzip" (ours),
    "plain" (plain Material, gzip) and "today-nx"/"plain-nx" (the same at `nx`, e.g. "3× the notes");
    `paints` the first paints of the PAINTED sides, taken in rounds of their own (budgets.yml `paint_runs`)."""

    def med(name: str, field: str) -> float | None:
        return median_of([getattr(r, field) for r in loads[name]])

    page = budget["page"]
    rows = [Row("3", f"First load {page} (gzip): bytes", kb(med("gzip", "bytes") or 0), "", "info")]
    for ours, theirs, where in (("gzip", "plain", "today's site"), ("today-nx", "plain-nx", nx)):
        same = f"ours / plain Material, {where}"
        rows.append(ratio_row("3", f"First load (gzip): bytes, {same}", med(ours, "bytes"), med(theirs, "bytes"),
                              budget["gzip_bytes_ratio_max"], kb))
        rows.append(ratio_row("3", f"First load (gzip): DOMContentLoaded, {same}", med(ours, "dcl_ms"),
                              med(theirs, "dcl_ms"), budget["dcl_ratio_max"], ms))
        rows.append(ratio_row("3", f"First load (gzip): first contentful paint, {same}", median_of(paints[ours]),
                              median_of(paints[theirs]), budget["fcp_ratio_max"], ms))
    for name, label in (("gzip", "gzip"), ("nogzip", "no gzip")):
        runs = loads[name]
        requests = max(r.requests for r in runs)
        others = max(r.other_hosts for r in runs)
        urls = sorted({u for r in runs for u in r.other_urls})
        if name == "nogzip":
            rows.append(Row("3", f"First load {page} (no gzip): bytes", kb(med(name, "bytes") or 0), "", "info"))
            rows.append(Row("3", "First load (no gzip): DOMContentLoaded", ms(med(name, "dcl_ms") or 0), "", "info"))
        plain_requests = f" (plain Material: {max(r.requests for r in loads['plain'])})" if name == "gzip" else ""
        rows.append(Row("3", f"First load ({label}): requests", f"{requests}{plain_requests}",
                        f"≤ {budget['requests_max']}", verdict(requests, budget["requests_max"])))
        rows.append(Row("3", f"First load ({label}): requests to other hosts",
                        str(others) + (f" ({', '.join(urls)})" if urls else ""), f"≤ {budget['other_hosts_max']}",
                        verdict(others, budget["other_hosts_max"])))
    return rows


def stage_search(bench: Bench, chromium: Browser) -> list[Row]:
    """4. Typing a query into Material's search box until the first result shows, today and at scale."""
    budget = bench.budgets["search"]
    largest = bench.budgets["scale"]["pages"][-1]
    ensure_sites(bench, "today", "scaled")
    servers = {name: server.start(bench.sites[name]) for name in ("today", "scaled")}

    def run(name: str) -> Callable[[], float]:
        return lambda: measure.search_latency(chromium, servers[name][1], budget["page"], budget["query"])[0]

    try:
        times = alternate({name: run(name) for name in servers}, bench.rounds("search"), "search")
    finally:
        for srv, _ in servers.values():
            srv.shutdown()
    today, scaled = median(times["today"]), median(times["scaled"])
    return [
        Row("4", f"Search '{budget['query']}' to first result, today's site", f"{today:.0f} ms",
            f"≤ {budget['today_ms_max']} ms", verdict(today, budget["today_ms_max"])),
        Row("4", f"Search '{budget['query']}' to first result, {largest:,} pages", f"{scaled:.0f} ms",
            f"≤ {budget['scaled_ms_max']} ms", verdict(scaled, budget["scaled_ms_max"])),
    ]


def stage_search_after_load(bench: Bench, chromium: Browser) -> list[Row]:
    """4. A reader who starts typing as soon as the page has loaded: from the "/" that opens the search box
    to the first result, the index's fetch and build included; ours and plain Material side by side, on
    today's site and on the copies with `notes_factor` times the notes."""
    budget = bench.budgets["search"]
    ensure_sites(bench, *SIDE_BY_SIDE)
    servers = {name: server.start(bench.sites[name]) for name in SIDE_BY_SIDE}

    def run(name: str) -> Callable[[], float]:
        return lambda: measure.search_after_load(chromium, servers[name][1], budget["page"], budget["query"])[0]

    try:
        times = alternate({name: run(name) for name in servers}, bench.rounds("search"), "search right after load")
    finally:
        for srv, _ in servers.values():
            srv.shutdown()
    return search_after_load_rows({name: median(values) for name, values in times.items()}, budget, notes_label(bench))


def search_after_load_rows(medians: dict[str, float], budget: dict[str, Any], nx: str) -> list[Row]:
    measure_ = f"Search right after load, '/' + '{budget['query']}' to first result (index fetched and built)"
    limit = budget["after_load_ratio_max"]
    return [
        ratio_row("4", f"{measure_}, ours / plain Material, today's site", medians["today"], medians["plain"], limit, ms),
        ratio_row("4", f"{measure_}, ours / plain Material, {nx}", medians["today-nx"], medians["plain-nx"], limit, ms),
    ]


def stage_calculators(bench: Bench, chromium: Browser) -> list[Row]:
    """5. Calculators: an input event to the updated output (form.calc[data-calc], output[data-result])."""
    budget = bench.budgets["calculators"]
    ensure_sites(bench, "today")
    srv, url = server.start(bench.sites["today"])
    try:
        runs = []
        rounds = bench.rounds("calculators")
        for r in range(rounds):
            runs.append(measure.calculator_latencies(chromium, url, budget["page"]))
            log(f"calculators: round {r + 1}/{rounds} done")
    finally:
        srv.shutdown()
    if not runs[0]:
        return [Row("5", "Calculators: input to updated output", "not measured: no form.calc[data-calc] on "
                    f"/{budget['page']} yet", f"≤ {budget['ms_max']} ms", "n/a")]
    rows = []
    for calc_id in runs[0]:
        values = [run.get(calc_id) for run in runs]
        if any(v is None for v in values):
            rows.append(Row("5", f"Calculator {calc_id}: input to updated output", "no field changed its outputs",
                            f"≤ {budget['ms_max']} ms", "FAIL"))
            continue
        ms = median([v for v in values if v is not None])
        rows.append(Row("5", f"Calculator {calc_id}: input to updated output", f"{ms:.1f} ms",
                        f"≤ {budget['ms_max']} ms", verdict(ms, budget["ms_max"])))
    return rows


def stage_quiz(bench: Bench, chromium: Browser) -> list[Row]:
    """6. Questions: the Practice page ready (the bank's index fetched and progress drawn), and submit to feedback."""
    budget = bench.budgets["quiz"]
    ensure_sites(bench, "today")
    srv, url = server.start(bench.sites["today"])
    try:
        ready, feedback = [], []
        rounds = bench.rounds("quiz")
        for r in range(rounds):
            ready.append(measure.practice_ready(chromium, url, budget["practice_page"]))
            feedback.append(measure.quiz_feedback(chromium, url, bench.budgets["first_load"]["page"]))
            log(f"quiz: round {r + 1}/{rounds} done")
    finally:
        srv.shutdown()
    limit = budget["practice_ready_ms_max"]
    rows = [Row("6", "Practice page ready (index fetched, progress drawn), cold", f"{median(ready):.0f} ms",
                f"≤ {limit} ms", verdict(median(ready), limit))]
    if any(v is None for v in feedback):
        rows.append(Row("6", "Question: submit to feedback", "no feedback within 2 s",
                        f"≤ {budget['feedback_ms_max']} ms", "FAIL"))
    else:
        ms = median([v for v in feedback if v is not None])
        rows.append(Row("6", "Question: submit to feedback", f"{ms:.1f} ms", f"≤ {budget['feedback_ms_max']} ms",
                        verdict(ms, budget["feedback_ms_max"])))
    return rows


# Output -------------------------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    lines = ["| # | Measure | Figure | Budget | Result |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {r.number} | {r.measure} | {r.figure} | {r.budget} | {r.result} |" for r in rows]
    return "\n".join(lines)


def rounds_label(bench: Bench, stages: list[str]) -> str:
    """"5", or "5 (first_load: 15, first_load paint_runs: 60)" when a stage keeps numbers of its own."""
    default = bench.rounds("")
    own = [f"{stage}{'' if key == 'runs' else ' ' + key}: {bench.rounds(stage, key)}"
           for stage in stages for key in ROUND_KEYS if bench.rounds(stage, key) != default]
    return f"{default}" + (f" ({', '.join(own)})" if own else "")


def chromium_version() -> str:
    out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False).stdout
    return out.strip() or "chromium (version unknown)"


BUILD_STAGES: dict[str, Callable[[Bench], list[Row]]] = {"build": stage_build, "scale": stage_scale}
BROWSER_STAGES: dict[str, Callable[[Bench, Browser], list[Row]]] = {
    "first_load": stage_first_load, "search": stage_search, "search_after_load": stage_search_after_load,
    "calculators": stage_calculators, "quiz": stage_quiz,
}
STAGE_SITES = {"first_load": SIDE_BY_SIDE, "search": ("today", "scaled"), "search_after_load": SIDE_BY_SIDE,
               "calculators": ("today",), "quiz": ("today",)}


def main() -> int:
    parser = argparse.ArgumentParser(description="Measure DVA Notes against tests/bench/budgets.yml.")
    parser.add_argument("--runs", type=int, help="rounds for every comparison (default: budgets.yml's `runs`, or a stage's own; "
                        "at least 5 for the README)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    parser.add_argument("--only", help="comma-separated stages to run (default all): "
                        + ", ".join([*BUILD_STAGES, *BROWSER_STAGES]))
    args = parser.parse_args()
    stages = args.only.split(",") if args.only else [*BUILD_STAGES, *BROWSER_STAGES]
    unknown = set(stages) - set(BUILD_STAGES) - set(BROWSER_STAGES)
    if unknown:
        parser.error(f"unknown stage(s): {', '.join(sorted(unknown))}")
    budgets = yaml.safe_load(BUDGETS.read_text(encoding="utf-8"))
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    work = Path(tempfile.mkdtemp(prefix="dva-bench-"))
    bench = Bench(work=work, budgets=budgets, runs=args.runs, sites={})
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    rows: list[Row] = []
    try:
        for name in [stage for stage in BUILD_STAGES if stage in stages]:
            rows += BUILD_STAGES[name](bench)
        browser_stages = [stage for stage in BROWSER_STAGES if stage in stages]
        if browser_stages:
            # Every site the browser stages read is built before the first measurement (untimed).
            ensure_sites(bench, *dict.fromkeys(site for stage in browser_stages for site in STAGE_SITES[stage]))
            with sync_playwright() as pw:
                chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                warm_up(bench, chromium)
                for name in browser_stages:
                    rows += BROWSER_STAGES[name](bench, chromium)
                chromium.close()
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    only = f" (stages {', '.join(stages)} only)" if args.only else ""
    print(f"make bench{only}: median of {rounds_label(bench, stages)} alternating runs; {os.cpu_count()} cores (load average "
          f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after), Python {platform.python_version()}, "
          f"{chromium_version()}; {time.perf_counter() - started:.0f} s in all.\n")
    print(table(rows))
    failed = [r for r in rows if r.result == "FAIL"]
    print(f"\n{len(failed)} budget(s) missed." if failed else "\nEvery budget met.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
