"""MkDocs hook: a Content-Security-Policy for every page, as a <meta> tag (GitHub Pages sends no headers).

Scripts run only from our own origin, plus Material's own inline scripts, allowed one by one by their
SHA-256 hashes, computed here for each page (one of them holds the page's depth, so it differs from
page to page). An inline script that comes from a page's content is not hashed, so the browser refuses
it. Styles may be inline (Material and pymdown-extensions write style attributes); images may be
data: URIs (Material's icons in its stylesheet). Registered last in mkdocs.yml, after any hook that
rewrites the HTML, so the hashes match the bytes the browser gets. `mkdocs serve` gets no policy: its
live reload injects an inline script that changes on every reload.

The offline copy (mkdocs-offline.yml) keeps the same policy, with one more hash. Read from file://,
Material's search runs in an <iframe> set up by the iframe-worker shim (macros/hooks/offline.py),
and the shim writes one inline script into that iframe, which inherits this policy: the script
defines postMessage and importScripts and names the worker's URL. Its text is fixed by the shim
file and by the worker URL Material passes (the page's "search" in its __config, relative, so it
differs with the page's depth), so it is hashed here like Material's own inline scripts rather than
allowing every inline script. 'self' already covers the rest over file:// in chromium, which matches
a file: script to 'self' on a file:// page: the pages' scripts, the inlined search index
(search/search_index.js), and the classic scripts loader.js adds there (javascripts/offline/, the
question bank practice/questions.js), all file: URLs from the same folder. An inline or data: script is
still refused there (tests/browser/test_offline.py checks both).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

from mkdocs.exceptions import PluginError

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.DOTALL)
JS_TYPES = {"", "text/javascript", "module", "application/javascript"}
CHARSET = re.compile(r'<meta charset="utf-8">', re.IGNORECASE)

POLICY = (
    "default-src 'self'",
    "script-src {scripts}",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def _type(attrs: str) -> str | None:
    """The script's type, '' when absent; None for an external script (src=...)."""
    if re.search(r"\ssrc\s*=", attrs):
        return None
    match = re.search(r'\stype\s*=\s*"([^"]*)"', attrs)
    return (match.group(1) if match else "").strip().lower()


def inline_script_hashes(html: str, content: str = "") -> list[str]:
    """'sha256-...' for each inline JavaScript block of `html` that is not part of the page's `content`."""
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        if _type(match.group("attrs")) not in JS_TYPES or (content and match.group(0) in content):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode("ascii")
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


# iframe-worker's shim (minified) writes its iframe as a template literal: "<script>BODY<\/script>", where
# BODY is `postMessage=${c};importScripts=${d};...filename:"${e}"...`: ${c} and ${d} are functions of
# the shim (a function's text is its source), ${e} the worker's URL.
SHIM_SCRIPT = re.compile(r"<script>(?P<body>[^<`]*\$\{\w+\}[^<`]*)<\\/script>")
PLACEHOLDER = re.compile(r"\$\{(\w+)\}")
CONFIG = re.compile(r'<script id="__config" type="application/json">(?P<json>.*?)</script>', re.DOTALL)


def _function_source(js: str, name: str) -> str | None:
    """The source text of `function name(...){...}` in minified JavaScript (braces in strings skipped)."""
    start = js.find(f"function {name}(")
    if start < 0:
        return None
    depth, quote, i = 0, "", js.index("{", start)
    while i < len(js):
        char = js[i]
        if quote:
            i += char == "\\"
            quote = "" if char == quote else quote
        elif char in "\"'`":
            quote = char
        elif char in "{}":
            depth += 1 if char == "{" else -1
            if depth == 0:
                return js[start:i + 1]
        i += 1
    return None


URL_MARK = "\x00url\x00"


def shim_bootstrap(shim: str) -> str:
    """The iframe-worker shim's inline script, its functions written out and URL_MARK for the worker's
    URL; fails the build when the shim no longer has the shape this reads (a new version)."""
    match = SHIM_SCRIPT.search(shim)
    names = PLACEHOLDER.findall(match["body"]) if match else []
    functions = {name: _function_source(shim, name) for name in names}
    if not match or list(functions.values()).count(None) != 1:
        raise PluginError("macros/hooks/csp.py: the iframe-worker shim's inline <script> was not found in the shape "
                          "expected (functions and one URL); a new version? Check tests/browser/test_offline.py")
    return PLACEHOLDER.sub(lambda m: functions[m[1]] or URL_MARK, match["body"])


def worker_shim_hashes(html: str, bootstrap: str) -> list[str]:
    """The hash of the shim's iframe script for this page's worker URL (Material's __config "search")."""
    match = CONFIG.search(html)
    url = json.loads(match["json"]).get("search") if match else None
    return [_digest(bootstrap.replace(URL_MARK, url))] if url else []


def policy(hashes: list[str]) -> str:
    return "; ".join(POLICY).format(scripts=" ".join(["'self'", *hashes]))


def add_policy(html: str, content: str = "", shim: str | None = None) -> str:
    """Add the policy to a page; `shim`: the iframe-worker bootstrap (shim_bootstrap) when the page lists it."""
    if 'http-equiv="Content-Security-Policy"' in html or not CHARSET.search(html):
        return html
    hashes = inline_script_hashes(html, content) + (worker_shim_hashes(html, shim) if shim else [])
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    return CHARSET.sub(lambda m: m.group(0) + "\n" + meta, html, count=1)


_serving = False
_shim: str | None = None  # shim_bootstrap() of the iframe-worker shim, in the offline copy only


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_files(files: Any, config: Any) -> Any:
    """Find the iframe-worker shim the offline copy lists under extra.polyfills (macros/hooks/offline.py adds it)."""
    global _shim
    _shim = None
    for script in config["extra"].get("polyfills", []):
        file = files.get_file_from_path(str(script)) if "iframe-worker" in str(script) else None
        if file is not None:
            _shim = shim_bootstrap(file.content_string)
    return files


def on_post_page(output: str, page: Any, config: Any) -> str:
    return output if _serving else add_policy(output, page.content or "", _shim)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The 404 page (a static template); other static templates (sitemap.xml) have no <meta charset>."""
    return add_policy(output_content, shim=_shim) if template_name.endswith(".html") and not _serving else output_content
