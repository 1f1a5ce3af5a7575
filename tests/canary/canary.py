"""make canary: build the site with MkDocs (ours), ProperDocs and Zensical, and compare each with ours.

Material for MkDocs reaches end of life on 2027-05-05 and MkDocs 1.x is unmaintained; ProperDocs (a
drop-in MkDocs 1.x continuation) and Zensical (Material's successor, which reads mkdocs.yml) are the
ways forward. For each generator this prints one row: did it build, how many published URLs and note
anchors from tests/gate/published.txt still land, how many pages read differently from ours, and which
features are lost (macros rendered, tag pages, redirects, our search worker). Not part of make test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from tests.conftest import copy_project
from tests.gate.project import Site
from tests.gate.registry import land, read_registry

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
CANARY_BIN = ROOT / ".venv-canary" / "bin"
# A redirect every copy gets, so the table shows whether redirects survive the generator.
REDIRECT = ("canary-old-errata.md", "errata.md")


@dataclass
class Outcome:
    name: str
    built: bool
    note: str = ""
    site: Path | None = None
    texts: dict[str, str] = field(default_factory=dict)


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def _prepare(dest: Path) -> Path:
    project = copy_project(dest)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "redirect_maps: {}", f"redirect_maps:\n        {REDIRECT[0]}: {REDIRECT[1]}"), encoding="utf-8")
    return project


def _run(command: list[str], project: Path, extra_env: dict[str, str] | None = None) -> tuple[bool, str]:
    result = subprocess.run(command, cwd=project, env={**_env(), **(extra_env or {})}, capture_output=True,
                            text=True, check=False, timeout=900)
    lines = [line for line in (result.stderr + result.stdout).splitlines() if "Error" in line or "error:" in line]
    return result.returncode == 0, (lines[-1].strip()[:160] if lines else f"exit {result.returncode}")


def _zensical_compatible(project: Path) -> None:
    """The smallest change Zensical needs to read our mkdocs.yml: the search plugin without options."""
    config = project / "mkdocs.yml"
    text = re.sub(r"  - search:\n(?:      .*\n|\s*#.*\n)+", "  - search\n", config.read_text(encoding="utf-8"))
    config.write_text(text, encoding="utf-8")


def build_all(work: Path) -> list[Outcome]:
    outcomes = []
    for name, command, binary, adapt in (
        ("MkDocs 1.6 (ours)", ["mkdocs", "build", "--strict", "--site-dir", "site"], VENV_BIN, None),
        ("ProperDocs", ["properdocs", "build", "--strict", "--site-dir", "site"], VENV_BIN, None),
        ("Zensical, our mkdocs.yml", ["zensical", "build"], CANARY_BIN, None),
        ("Zensical, search options removed", ["zensical", "build"], CANARY_BIN, _zensical_compatible),
    ):
        project = _prepare(work / re.sub(r"\W+", "-", name).strip("-").lower())
        if adapt:
            adapt(project)
        tool = binary / command[0]
        if not tool.is_file():
            outcomes.append(Outcome(name, False, f"{command[0]} is not installed (make canary installs it)"))
            continue
        ok, note = _run([str(tool), *command[1:]], project, {"PYTHONPATH": str(project)})
        site = project / "site"
        outcomes.append(Outcome(name, ok, "" if ok else note, site if site.is_dir() else None))
    return outcomes


def _page_texts(site: Path) -> dict[str, str]:
    texts = {}
    for path in site.rglob("index.html"):
        tree = LexborHTMLParser(path.read_text(encoding="utf-8", errors="replace"))
        article = tree.css_first("article") or tree.body
        if article is not None and 'http-equiv="refresh"' not in (tree.html or ""):
            texts[path.relative_to(site).as_posix()] = " ".join(article.text(separator=" ").split())
    return texts


def _lands(site: Path, entry: str) -> bool:
    """The gate's own rule 3 landing (redirect stubs followed), on another generator's output."""
    built = Site(site)
    rel, fragment = land(built, entry)
    return rel is not None and (not fragment or fragment in built.ids(rel))


def _features(site: Path) -> list[str]:
    lost = []
    html = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*.html"))
    if "{{ note(" in html or "{{ sources(" in html or 'class="dva-sources' not in html:
        lost.append("macros")
    if not (site / "tags" / "index.html").is_file() or "md-tag" not in html:
        lost.append("tags")
    if not (site / REDIRECT[0].removesuffix(".md") / "index.html").is_file():
        lost.append("redirects")
    if "dva-search.js" not in html:
        lost.append("search worker")
    return lost


def table(outcomes: list[Outcome], registry: list[str]) -> str:
    ours = next(o for o in outcomes if o.name.endswith("(ours)"))
    ours.texts = _page_texts(ours.site) if ours.site else {}
    rows = ["| Generator | Builds | Published URLs and anchors that land | Pages whose text differs | Features lost |",
            "| --- | --- | --- | --- | --- |"]
    for o in outcomes:
        if o.site is None:
            rows.append(f"| {o.name} | no: {o.note} | - | - | - |")
            continue
        landing = sum(_lands(o.site, entry) for entry in registry)
        texts = _page_texts(o.site)
        differ = sum(1 for page, text in ours.texts.items() if texts.get(page) != text)
        lost = ", ".join(_features(o.site)) or "none"
        built = "yes" if o.built else f"partly: {o.note}"
        rows.append(f"| {o.name} | {built} | {landing} / {len(registry)} | {differ} / {len(ours.texts)} | {lost} |")
    return "\n".join(rows)


def main() -> int:
    registry = [entry for _, entry in read_registry(ROOT / "tests" / "gate" / "published.txt")]
    work = Path(tempfile.mkdtemp(prefix="dva-canary-"))
    try:
        outcomes = build_all(work)
        print(table(outcomes, registry))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
