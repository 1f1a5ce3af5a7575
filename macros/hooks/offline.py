"""MkDocs hook: what the offline copy (mkdocs-offline.yml, `make offline`) needs beyond Material's
offline plugin. Does nothing unless that plugin is enabled, so the published site is unaffected.

Read from file://, chromium refuses three things a server gives: a Web Worker (Material's search), a
fetch() of a local file, and ES module scripts (a module script is fetched in CORS mode, and a
file:// page's origin is opaque). Material's offline plugin covers the first two for search: it
inlines the index as search/search_index.js and lists the iframe-worker shim, which runs the worker
in a hidden <iframe>. This hook:

- copies that shim from the npm package (package-lock.json pins it) to the path mkdocs-offline.yml
  lists under extra.polyfills, so nothing is loaded from unpkg.com, the plugin's default;
- fails the build when the copy would still name another host, or load one of our scripts as a
  module (both would break on file:// without a word);
- leaves out the change feed's <link rel="alternate"> (macros/hooks/page_meta.py): Material takes
  every alternate link for another language of the site and fetches the sitemap.xml beside it, a
  request to site_url's host that the Content-Security-Policy refuses (and a feed reader cannot
  subscribe to a file anyway).

Our module scripts (calculators, quiz, Practice page) cannot run from file:// in chromium at all;
docs/javascripts/loader.js says so on those pages instead (README: "Offline copy").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

SHIM_PACKAGE = Path("node_modules/iframe-worker/shim/index.js")


def offline_enabled(config: Any) -> bool:
    """Whether Material's offline plugin is on in this build."""
    plugin = config["plugins"].get("material/offline")
    return bool(plugin and plugin.config.enabled)


def shim_path(config: Any) -> str | None:
    """The site path of the iframe-worker shim listed under extra.polyfills, if any."""
    for script in config["extra"].get("polyfills", []):
        if "iframe-worker" in str(script):
            return str(script)
    return None


def on_config(config: Any) -> Any:
    if not offline_enabled(config):
        return config
    remote = [str(s) for s in config["extra"].get("polyfills", []) if "://" in str(s)]
    if remote:
        raise PluginError(
            f"mkdocs-offline.yml: extra.polyfills loads {remote} from another host; the offline copy must work "
            "without a network: list the local shim (assets/javascripts/iframe-worker/shim.js) under extra.polyfills"
        )
    modules = [str(s.path) for s in config["extra_javascript"] if getattr(s, "type", None) == "module"]
    if modules:
        raise PluginError(
            f"mkdocs-offline.yml: extra_javascript loads {modules} as ES modules, which chromium refuses from file://; "
            "list them without `type: module` (a classic script may still import() modules when served)"
        )
    return config


def on_files(files: Files, config: Any) -> Files:
    if not offline_enabled(config):
        return files
    path = shim_path(config)
    source = Path(config["config_file_path"]).resolve().parent / SHIM_PACKAGE
    if path is None or not source.is_file():
        raise PluginError(f"offline build: the iframe-worker shim {SHIM_PACKAGE} is missing: run `npm ci`")
    files.append(File.generated(config, path, abs_src_path=str(source)))
    return files


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    if offline_enabled(config):
        context["feed"] = None  # set by macros/hooks/page_meta.py, which runs before this hook
    return context
