"""Our stylesheet inside each page's <head> (macros/hooks/inline_css.py), not a request of its own (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from macros.hooks.inline_css import inline, minify, not_inlinable
from tests.conftest import ROOT, copy_project, mkdocs_build

EXTRA = ROOT / "docs/stylesheets/extra.css"


def test_minify_drops_comments_and_spare_space_but_keeps_strings() -> None:
    css = 'a:hover , b  { color : red ; }  /* it\'s a comment */\n.x::after { content: "a  /* b */  c" }\n'
    assert minify(css) == 'a:hover , b{color : red;}.x::after{content: "a  /* b */  c"}'
    assert minify("a { }\n\n@media print {\n  .y { display: none; }\n}\n") == "a{}@media print{.y{display: none;}}"


def test_minified_stylesheet_keeps_every_rule() -> None:
    """The same selectors and declarations, counted: nothing of extra.css is lost on the way into the page."""
    css = EXTRA.read_text(encoding="utf-8")
    plain = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    small = minify(css)
    assert small.count("{") == plain.count("{") and small.count("}") == plain.count("}")
    assert small.count(";") == plain.count(";")
    assert len(small) < 0.7 * len(css)


def test_what_would_resolve_differently_inline_is_refused() -> None:
    assert not_inlinable(EXTRA.read_text(encoding="utf-8")) is None
    assert "@import" in not_inlinable('@import url("https://fonts.example/css");')
    assert "url(../images/x.png)" in not_inlinable(".a { background: url(../images/x.png) }")
    assert "url(/x.svg)" in not_inlinable(".a { background: url('/x.svg') }")
    assert not_inlinable(".a { background: url(data:image/svg+xml;utf8,<svg/>) }") is None


def test_links_at_every_depth_are_replaced_once(monkeypatch) -> None:
    from macros.hooks import inline_css

    monkeypatch.setattr(inline_css, "_styles", {"stylesheets/extra.css": "a{b:c}"})
    for prefix in ("", "../", "../../", "./", "/", "/dva-notes/"):
        html = f'<head><link rel="stylesheet" href="{prefix}stylesheets/extra.css"></head>'
        assert inline(html) == "<head><style>a{b:c}</style></head>"
    for other in ('<link rel="stylesheet" href="assets/stylesheets/main.css">',
                  '<link rel="stylesheet" href="../my-stylesheets/extra.css">'):
        assert inline(other) == other


def test_every_page_holds_the_stylesheet_and_requests_none_of_ours(built_site: Path) -> None:
    expected = minify(EXTRA.read_text(encoding="utf-8"))
    pages = [p for p in built_site.rglob("*.html") if 'class="md-header' in p.read_text(encoding="utf-8")]
    assert len(pages) > 50
    for path in pages:
        tree = HTMLParser(path.read_text(encoding="utf-8"))
        links = [n.attributes.get("href", "") for n in tree.css('link[rel="stylesheet"]')]
        assert all("/assets/stylesheets/" in f"/{href}" for href in links), f"{path}: {links}"
        styles = [n.text() for n in tree.css("head > style")]
        assert expected in styles, f"{path}: extra.css is not inlined in <head>"
    assert not (built_site / "stylesheets/extra.css").exists()


def test_a_stylesheet_that_cannot_be_inlined_fails_the_strict_build_and_stays_a_link(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    css = project / "docs/stylesheets/extra.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.dva-x { background: url(../images/x.png); }\n",
                   encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert ("docs/stylesheets/extra.css is not inlined: url(../images/x.png) resolves against each page"
            in result.stderr)
    home = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="stylesheets/extra.css">' in home
