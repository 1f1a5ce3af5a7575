"""The offline copy's configuration (mkdocs-offline.yml) against mkdocs.yml, and the URL helpers without
directory URLs. With INHERIT, MkDocs replaces lists instead of merging them, so the offline config
restates mkdocs.yml's plugins, theme features and scripts; these tests fail when the two drift apart.
The offline copy itself is built and opened in chromium by tests/browser/test_offline.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.exceptions import PluginError
from mkdocs.utils.yaml import get_yaml_loader

from macros.context import built_url
from macros.hooks import csp
from macros.search_index import page_location
from tests.conftest import ROOT

SHIM = ROOT / "node_modules/iframe-worker/shim/index.js"


def _raw(name: str) -> dict[str, Any]:
    """A config file as written (INHERIT not applied)."""
    return yaml.load((ROOT / name).read_text(encoding="utf-8"), Loader=get_yaml_loader())


def _by_name(plugins: list[Any]) -> dict[str, Any]:
    return dict(next(iter(p.items())) if isinstance(p, dict) else (p, None) for p in plugins)


SITE, OFFLINE = _raw("mkdocs.yml"), _raw("mkdocs-offline.yml")


def test_offline_config_inherits_the_site() -> None:
    assert OFFLINE["INHERIT"] == "mkdocs.yml"
    assert OFFLINE["use_directory_urls"] is False


def test_offline_plugins_are_the_sites_plus_offline() -> None:
    site, offline = _by_name(SITE["plugins"]), _by_name(OFFLINE["plugins"])
    assert "offline" in offline, "mkdocs-offline.yml: Material's offline plugin is not enabled"
    del offline["offline"]
    assert offline == site, ("mkdocs-offline.yml restates mkdocs.yml's plugins (INHERIT replaces lists): "
                             "copy mkdocs.yml's plugins list, options included, into it and keep `- offline` last")


def test_offline_features_are_the_sites_without_instant_navigation() -> None:
    expected = [f for f in SITE["theme"]["features"] if not f.startswith("navigation.instant")]
    assert OFFLINE["theme"]["features"] == expected, (
        "mkdocs-offline.yml restates mkdocs.yml's theme.features without navigation.instant*: update it")


def test_offline_scripts_are_the_sites_as_classic_scripts() -> None:
    site = [s["path"] if isinstance(s, dict) else s for s in SITE["extra_javascript"]]
    assert OFFLINE["extra_javascript"] == site, (
        "mkdocs-offline.yml restates mkdocs.yml's extra_javascript as plain paths (no `type: module`): update it")


def test_offline_shim_is_local() -> None:
    assert OFFLINE["extra"]["polyfills"] == ["assets/javascripts/iframe-worker/shim.js"]


@pytest.mark.parametrize(("args", "directory", "offline"), [
    (("services/sqs.md", "services/lambda.md", "lambda-x"), "../lambda/#lambda-x", "lambda.html#lambda-x"),
    (("services/sqs.md", "practice.md"), "../../practice/", "../practice.html"),
    (("practice.md", "topics/serverless.md", "s"), "../topics/serverless/#s", "topics/serverless.html#s"),
    (("services/sqs.md", "services/sqs.md", "x"), "#x", "#x"),
])
def test_page_url_with_and_without_directory_urls(args: tuple[str, ...], directory: str, offline: str) -> None:
    assert built_url(*args) == directory
    assert built_url(*args, directory_urls=False) == offline


def test_built_url_without_directory_urls() -> None:
    assert built_url("index.md", "tags.md", "tag:security", False) == "tags.html#tag:security"
    assert built_url("services/sqs.md", "tags.md", "", False) == "../tags.html"


def test_search_location_without_directory_urls() -> None:
    assert page_location("services/sqs.md") == "services/sqs/"
    assert page_location("services/sqs.md", directory_urls=False) == "services/sqs.html"


def test_shim_bootstrap_is_read_from_the_installed_shim() -> None:
    if not SHIM.is_file():
        pytest.fail(f"{SHIM.relative_to(ROOT)} is missing: run `npm ci`")
    bootstrap = csp.shim_bootstrap(SHIM.read_text(encoding="utf-8"))
    assert bootstrap.startswith("postMessage=function ") and ";importScripts=function " in bootstrap
    assert bootstrap.count(csp.URL_MARK) == 1 and "${" not in bootstrap
    html = '<script id="__config" type="application/json">{"search": "w.js?material=x"}</script>'
    assert csp.worker_shim_hashes(html, bootstrap) == [csp._digest(bootstrap.replace(csp.URL_MARK, "w.js?material=x"))]


def test_unknown_shim_fails_the_build() -> None:
    with pytest.raises(PluginError, match="iframe-worker"):
        csp.shim_bootstrap("window.Worker = class {}")


def test_offline_hook_is_registered_before_the_policy() -> None:
    hooks = [Path(h).name for h in SITE["hooks"]]
    assert "offline.py" in hooks and hooks.index("offline.py") < hooks.index("csp.py")
