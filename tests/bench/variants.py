"""The project folders `make bench` builds, each generated fresh into a temporary folder.

- `full_copy`: the real project as it is.
- `plain_copy`: the same Markdown built by plain Material. Macro calls are pre-rendered: the real
  project is built once with a capture hook that saves every page's Markdown after mkdocs-macros
  has rendered it (the input the Markdown converter gets); the plain copy's pages are that text
  under their original front matter. Its mkdocs.yml keeps the theme (without custom_dir), the
  Markdown extensions, validation and nav, and drops macros, tags, redirects, hooks, extra CSS/JS.
- `scaled_copy`: the real project with service and topic pages replicated to N pages in total.
  Replica k of `services/sqs.md` is `services/sqs-r<k>.md` with its own catalog entry and nav line,
  and every explicit heading id gets the suffix `-r<k>`, so ids stay unique across the site.
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

from tests.conftest import copy_project
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


def _capture_rendered_markdown(work: Path) -> Path:
    project = copy_project(work / "capture-project")
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


def plain_copy(dest: Path, work: Path) -> Path:
    """The same rendered Markdown, built by Material with our macros, hooks and extras off."""
    captured = _capture_rendered_markdown(work)
    project = copy_project(dest)
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
        catalog["entries"].append({**entry, "id": replica_id, "name": f"{entry['name']} (copy {k})"})
        replicas.setdefault(f"{folder}/{entry['id']}.md", []).append(f"{folder}/{replica_id}.md")
    catalog_path.write_text(yaml.safe_dump(catalog, sort_keys=False, allow_unicode=True), encoding="utf-8")
    config = read_config(project)
    config["nav"] = _nav_with_replicas(config["nav"], replicas)
    write_config(project, config)
    return project


