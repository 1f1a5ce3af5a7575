"""Every page announces its scripts before its Content-Security-Policy <meta> (macros/hooks/csp.py): once
chromium's preload scanner has seen that tag it fetches nothing ahead, so without these links Material's
bundle at the end of a long page waits for the parser to reach it."""

from __future__ import annotations

import re
from pathlib import Path

from macros.hooks.csp import add_policy, script_preloads

CSP = '<meta http-equiv="Content-Security-Policy"'
SCRIPT_SRC = re.compile(r'<script\s+src="([^"]+)"')


def late_scripts(html: str) -> list[str]:
    """External scripts of a built page with no preload link ahead of the policy."""
    head = html[:html.index(CSP)]
    return [src for src in SCRIPT_SRC.findall(html)
            if f'rel="preload" href="{src}" as="script"' not in head and f'rel="modulepreload" href="{src}"' not in head]


def test_each_script_is_preloaded_in_order_and_only_ours() -> None:
    page = ('<html><head><meta charset="utf-8"><title>t</title></head><body><article>'
            '<script src="https://evil.example/x.js"></script><script src="smuggled.js"></script></article>'
            '<script src="../assets/bundle.js"></script><script src="../js/loader.js" type="module"></script>'
            '<script src="../assets/bundle.js"></script><script src="//cdn.example/y.js"></script></body></html>')
    content = '<article><script src="https://evil.example/x.js"></script><script src="smuggled.js"></script></article>'
    assert script_preloads(page, content) == ('\n<link rel="preload" href="../assets/bundle.js" as="script">'
                                              '\n<link rel="modulepreload" href="../js/loader.js">')
    out = add_policy(page, content)
    assert out.index('rel="preload"') < out.index('rel="modulepreload"') < out.index(CSP) < out.index("<title>")
    assert late_scripts(out) == ["https://evil.example/x.js", "smuggled.js", "//cdn.example/y.js"]


def test_every_built_page_preloads_its_scripts_before_the_policy(built_site: Path) -> None:
    pages = [p for p in built_site.rglob("*.html") if CSP in p.read_text(encoding="utf-8")]
    assert len(pages) > 50
    late = {p.relative_to(built_site).as_posix(): s for p in pages if (s := late_scripts(p.read_text(encoding="utf-8")))}
    assert not late, f"scripts the preload scanner would find only when the parser reaches them: {late}"


def test_the_gate_catches_a_page_without_the_preloads(built_site: Path) -> None:
    html = (built_site / "services/lambda/index.html").read_text(encoding="utf-8")
    broken = re.sub(r'<link rel="(?:module)?preload"[^>]*>\n', "", html)
    assert late_scripts(broken) and not late_scripts(html)
