"""The project folders `make bench` builds, each generated fresh into a temporary folder.

- `full_copy`: the real project as it is.
- `plain_copy`: the same Markdown built by plain Material. Macro calls are pre-rendered: the real
  project is built once with a capture hook that saves every page's Markdown after mkdocs-macros
  has rendered it (the input the Markdown converter gets); the plain copy's pages are that text
  under their original front matter. Its mkdocs.yml keeps the theme (without custom_dir), the
  Markdown extensions, validation and nav, and drops macros, tags, redirects, hooks, extra CSS/JS.
- `scaled_copy`: the real project with service and topic pages replicated to N pages in total.
  Replica k of `services/sqs.md` is `services/sqs-r<k>.md` with its own catalog entry and nav line,
  and every explicit heading id gets the suffix `-r<k>`, so ids stay unique across the site. Its
  questions (`macros/data/questions/sqs-r<k>.yml`, which its Check yourself section needs) are the
  page's own with `-r<k>` on their ids and on the ids of the page's notes they test, and no `trap:`
  (a raw note has one trap question, on the original).
- `notes_scaled_copy`: the same, with every service and topic page present `factor` times, so the site
  has `factor` times the notes (every note lives on a catalog page). `plain_copy(..., source=that copy)`
  gives its plain-Material twin, for the side-by-side first-load and search figures at 3x the notes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.meta import get_data

from tests.conftest import PROJECT_PARTS, ROOT, copy_project
from tests.gate.project import nav_files

HEADING_ID = re.compile(r"(\{:\s*#)([a-z0-9][a-z0-9-]*)")
CAPTURE_HOOK = '''"""Save every page's Markdown as mkdocs-macros rendered it (runs after the plugins)."""
import os
from pathlib import Path


def on_page_markdown(markdown, page, config, files):
    out = Path(os.environ["DVA_BENCH_CAPTURE"]) / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown, encoding="utf-8")
    return markdown
'''
PLAIN_DROPS = ("hooks", "extra_css", "extra_javascript", "watch")


class BenchSetupError(RuntimeError):
    """A variant could not be built: the message carries mkdocs' output."""


def build(project: Path, site_dir: Path, env: dict[str, str] | None = None) -> None:
    """One strict build; raises with mkdocs' output when it fails."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise BenchSetupError(f"build of {project} failed:\n{result.stdout}\n{result.stderr}")


def read_config(project: Path) -> dict[str, Any]:
    return yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))


def write_config(project: Path, config: dict[str, Any]) -> None:
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=1000)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")


def full_copy(dest: Path) -> Path:
    return copy_project(dest)


def _copy(source: Path | None, dest: Path) -> Path:
    """What the build reads, copied from `source` (a generated project), or from the real project."""
    if source is None:
        return copy_project(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source / part, dest / part)
    return dest


def _capture_rendered_markdown(work: Path, source: Path | None = None) -> Path:
    project = _copy(source, work / "capture-project")
    (project / "bench_capture.py").write_text(CAPTURE_HOOK, encoding="utf-8")
    config = read_config(project)
    config["hooks"] = [*config.get("hooks", []), "bench_capture.py"]
    write_config(project, config)
    captured = work / "captured"
    build(project, work / "capture-site", {"DVA_BENCH_CAPTURE": str(captured)})
    return captured


def _front_matter(source: str) -> str:
    """The YAML front matter block of a page, exactly as written, or ''."""
    match = re.match(r"---\n.*?\n---\n", source, re.DOTALL)
    return match.group(0) if match else ""


def plain_copy(dest: Path, work: Path, source: Path | None = None) -> Path:
    """The same rendered Markdown, built by Material with our macros, hooks and extras off.

    `source`: a generated project (e.g. a `notes_scaled_copy`) to start from instead of the real one.
    """
    captured = _capture_rendered_markdown(work, source)
    project = _copy(source, dest)
    shutil.rmtree(project / "macros")
    shutil.rmtree(project / "overrides")
    for page in captured.rglob("*.md"):
        src = project / "docs" / page.relative_to(captured)
        front = _front_matter(src.read_text(encoding="utf-8"))
        src.write_text(front + page.read_text(encoding="utf-8"), encoding="utf-8")
    config = read_config(project)
    for key in PLAIN_DROPS:
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    search = next((p for p in config["plugins"] if isinstance(p, dict) and "search" in p), "search")
    config["plugins"] = [search]
    write_config(project, config)
    return project


def _replica_page(text: str, entry_id: str, replica_id: str, k: int) -> str:
    meta = get_data(text)[1]
    front = _front_matter(text)
    body = text[len(front):]
    new_front = front.replace(f"\nservice: {entry_id}\n", f"\nservice: {replica_id}\n", 1)
    if "title" in meta:
        new_front = new_front.replace(f"\ntitle: {meta['title']}\n", f"\ntitle: {meta['title']} (copy {k})\n", 1)
    return new_front + HEADING_ID.sub(lambda m: f"{m.group(1)}{m.group(2)}-r{k}", body)


def _replica_questions(text: str, page_notes: set[str], k: int) -> str:
    """The page's question file for replica k: ids suffixed, its own notes renamed, trap markers dropped."""
    bank = yaml.safe_load(text)
    for question in bank["questions"]:
        question["id"] = f"{question['id']}-r{k}"
        question["notes"] = [f"{n}-r{k}" if n in page_notes else n for n in question["notes"]]
        question.pop("trap", None)
        for option in question["options"]:
            option.pop("trap", None)
    return yaml.safe_dump(bank, sort_keys=False, allow_unicode=True, width=1000)


def _nav_with_replicas(node: Any, replicas: dict[str, list[str]]) -> Any:
    if isinstance(node, list):
        out: list[Any] = []
        for item in node:
            out.append(_nav_with_replicas(item, replicas))
            if isinstance(item, str):
                out.extend(replicas.get(item, []))
        return out
    if isinstance(node, dict):
        return {key: _nav_with_replicas(value, replicas) for key, value in node.items()}
    return node


def scaled_copy(dest: Path, pages: int) -> Path:
    """The real project with catalog pages replicated until the site has `pages` Markdown pages."""
    project = copy_project(dest)
    nav_pages = nav_files(read_config(project)["nav"])
    needed = pages - len(nav_pages)
    if needed < 0:
        raise BenchSetupError(f"the site already has {len(nav_pages)} pages, more than {pages}")
    catalog_path = project / "macros/data/services.yml"
    catalog = yaml.safe_load(catalog_path.read_text(encoding="utf-8"))
    originals = list(catalog["entries"])
    replicas: dict[str, list[str]] = {}
    for n in range(needed):
        entry = originals[n % len(originals)]
        k = n // len(originals) + 1
        folder = "services" if entry["kind"] == "service" else "topics"
        replica_id = f"{entry['id']}-r{k}"
        source = (project / "docs" / folder / f"{entry['id']}.md").read_text(encoding="utf-8")
        (project / "docs" / folder / f"{replica_id}.md").write_text(
            _replica_page(source, entry["id"], replica_id, k), encoding="utf-8"
        )
        questions = project / "macros/data/questions" / f"{entry['id']}.yml"
        if questions.is_file():
            page_notes = {m.group(2) for m in HEADING_ID.finditer(source)}
            (questions.parent / f"{replica_id}.yml").write_text(
                _replica_questions(questions.read_text(encoding="utf-8"), page_notes, k), encoding="utf-8"
            )
        catalog["entries"].append({**entry, "id": replica_id, "name": f"{entry['name']} (copy {k})"})
        replicas.setdefault(f"{folder}/{entry['id']}.md", []).append(f"{folder}/{replica_id}.md")
    catalog_path.write_text(yaml.safe_dump(catalog, sort_keys=False, allow_unicode=True), encoding="utf-8")
    config = read_config(project)
    config["nav"] = _nav_with_replicas(config["nav"], replicas)
    write_config(project, config)
    return project


def catalog_size(project: Path | None = None) -> tuple[int, int]:
    """(pages in the nav, service and topic pages in the catalog) of a project, the real one by default."""
    project = project or ROOT
    nav = nav_files(read_config(project)["nav"])
    catalog = yaml.safe_load((project / "macros/data/services.yml").read_text(encoding="utf-8"))
    return len(nav), len(catalog["entries"])


def size_label(factor: int) -> str:
    """How the bench and the audit name a size of the site: today's, or a `notes_scaled_copy`."""
    return "today's site" if factor == 1 else f"{factor}× the notes"


def notes_scaled_copy(dest: Path, factor: int) -> Path:
    """The real project with every service and topic page (and so every note) present `factor` times."""
    if factor < 1:
        raise BenchSetupError(f"factor must be 1 or more, not {factor}")
    nav, entries = catalog_size()
    return scaled_copy(dest, nav + (factor - 1) * entries)
