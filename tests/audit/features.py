"""What one of Material's features costs on our pages: Lighthouse on our site as configured, on copies with
features turned off, and on plain Material with the theme's defaults (no features), side by side.

make audit compares our site with a plain-Material twin that has our `theme.features`, so it measures what
we add (hooks, stylesheet, scripts), not what a Material feature costs. This measures the features: each
`--off` builds our site again with those features removed from mkdocs.yml (same content, same scripts),
`defaults` is the plain twin with `theme` reduced to Material's defaults (font off: no request may leave
the machine); each `--on` adds features we do not use, to measure what they would cost; each `--strip` is
our built site with every match of a regular expression removed from every page, to measure a piece of our
own HTML or inlined CSS (`--strip 'content-visibility: auto;'`). Same rounds and alternation as make audit;
medians of total blocking time, first paint and the performance score.
README "Performance" records the results.

    .venv/bin/python -m tests.audit.features --page services/sqs/ --on content.tooltips [--off a,b] [--strip RE] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
from pathlib import Path

from tests.audit.audit import Report, lighthouse, log, markdown, serving, start
from tests.bench import variants


def without(project: Path, features: list[str]) -> Path:
    """`project` with `features` removed from theme.features; an unknown name is an error, not a no-op."""
    config = variants.read_config(project)
    have = config["theme"].get("features", [])
    unknown = [f for f in features if f not in have]
    if unknown:
        raise SystemExit(f"not in mkdocs.yml theme.features: {', '.join(unknown)} (it has: {', '.join(have)})")
    config["theme"]["features"] = [f for f in have if f not in features]
    variants.write_config(project, config)
    return project


def theme_defaults(project: Path) -> Path:
    """A plain twin with the theme's defaults: no features, no palette, no custom icons; fonts off."""
    config = variants.read_config(project)
    config["theme"] = {"name": "material", "language": config["theme"].get("language", "en"), "font": False}
    variants.write_config(project, config)
    return project


def adding(project: Path, features: list[str]) -> Path:
    """`project` with `features` added to theme.features (one we turned off, to measure what it would cost)."""
    config = variants.read_config(project)
    have = config["theme"].setdefault("features", [])
    present = [f for f in features if f in have]
    if present:
        raise SystemExit(f"already in mkdocs.yml theme.features: {', '.join(present)}")
    have += features
    variants.write_config(project, config)
    return project


def stripped(site: Path, dest: Path, pattern: str) -> Path:
    """A copy of the built `site` with every match of `pattern` removed from its pages; a pattern that matches
    nothing is an error, not a copy that measures the same site twice."""
    shutil.copytree(site, dest)
    expression, removed = re.compile(pattern), 0
    for page in dest.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        html, n = expression.subn("", html)
        if n:
            page.write_text(html, encoding="utf-8")
            removed += n
    if not removed:
        raise SystemExit(f"--strip {pattern!r}: no match in any page of the built site")
    log(f"--strip {pattern!r}: {removed} matches removed")
    return dest


def build(work: Path, offs: list[list[str]], ons: list[list[str]], strips: list[str] = ()) -> dict[str, Path]:
    sites = {}
    log("building our site")
    variants.build(variants.full_copy(work / "ours"), work / "site-ours")
    sites["ours"] = work / "site-ours"
    changes = [("without", without, f) for f in offs] + [("with", adding, f) for f in ons]
    for i, (word, edit, features) in enumerate(changes):
        name = f"ours {word} " + ", ".join(features)
        log(f"building {name}")
        variants.build(edit(variants.full_copy(work / f"v{i}"), features), work / f"site-v{i}")
        sites[name] = work / f"site-v{i}"
    for i, pattern in enumerate(strips):
        sites[f"ours without {pattern}"] = stripped(sites["ours"], work / f"site-s{i}", pattern)
    log("building plain Material with the theme's defaults")
    plain = theme_defaults(variants.plain_copy(work / "plain", work / "capture"))
    variants.build(plain, work / "site-defaults")
    sites["plain Material, theme defaults"] = work / "site-defaults"
    return sites


def main() -> int:
    parser = argparse.ArgumentParser(description="Lighthouse on our site with and without Material features.")
    parser.add_argument("--page", default="services/sqs/")
    parser.add_argument("--off", action="append", default=[], type=lambda v: v.split(","),
                        help="features to turn off together (comma-separated); repeat for more variants")
    parser.add_argument("--on", action="append", default=[], type=lambda v: v.split(","),
                        help="features we do not use, to turn on together (comma-separated); repeatable")
    parser.add_argument("--strip", action="append", default=[],
                        help="a regular expression removed from every built page of ours (repeatable: one variant each)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = start("dva-features-")
    if work is None:
        return 2
    results: dict[str, list[Report]] = {}
    try:
        sites = build(work, args.off, args.on, args.strip)
        names = list(sites)
        with serving(sites) as urls:
            for r in range(args.runs):
                for name in names[r % len(names):] + names[:r % len(names)]:  # the order rotates each round
                    log(f"round {r + 1}/{args.runs}: {name}")
                    results.setdefault(name, []).append(lighthouse(urls[name] + args.page, work / f"{r}.json"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = []
    for name, reports in results.items():
        tbt = [r.metrics["total-blocking-time"] for r in reports]
        rows.append([name, f"{statistics.median(r.scores['performance'] for r in reports):.0f}",
                     f"{statistics.median(r.metrics['first-contentful-paint'] for r in reports) / 1000:.2f} s",
                     f"{statistics.median(tbt):,.0f} ms", ", ".join(f"{t:,.0f}" for t in tbt),
                     f"{statistics.median(r.diagnostics.get('Main thread', 0) for r in reports):,.0f} ms",
                     f"{statistics.median(r.diagnostics.get('Script evaluation', 0) for r in reports):,.0f} ms"])
    print(f"/{args.page}, median of {args.runs} rounds, load average {os.getloadavg()[0]:.1f}:\n")
    # Total blocking time is simulated from the trace and jumps by a whole long task when the simulated first
    # paint lands on the other side of it; main-thread work is what the trace measured, so it moves less.
    print(markdown(["Site", "Performance", "FCP", "TBT", "TBT each round (ms)", "Main thread", "Script evaluation"],
                   rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
