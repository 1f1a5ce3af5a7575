"""MkDocs hook: a Content-Security-Policy for every page, as a <meta> tag (GitHub Pages sends no headers).

Scripts run only from our own origin, plus Material's own inline scripts, allowed one by one by their
SHA-256 hashes, computed here for each page (one of them holds the page's depth, so it differs from
page to page). An inline script that comes from a page's content is not hashed, so the browser refuses
it. Styles may be inline (Material and pymdown-extensions write style attributes); images may be
data: URIs (Material's icons in its stylesheet). Registered last in mkdocs.yml, after any hook that
rewrites the HTML, so the hashes match the bytes the browser gets. `mkdocs serve` gets no policy: its
live reload injects an inline script that changes on every reload.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

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


def policy(hashes: list[str]) -> str:
    return "; ".join(POLICY).format(scripts=" ".join(["'self'", *hashes]))


def add_policy(html: str, content: str = "") -> str:
    if 'http-equiv="Content-Security-Policy"' in html or not CHARSET.search(html):
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_script_hashes(html, content))}">'
    return CHARSET.sub(lambda m: m.group(0) + "\n" + meta, html, count=1)


_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_post_page(output: str, page: Any, config: Any) -> str:
    return output if _serving else add_policy(output, page.content or "")


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The 404 page (a static template); other static templates (sitemap.xml) have no <meta charset>."""
    return add_policy(output_content) if template_name.endswith(".html") and not _serving else output_content
