"""What a built site refers to: every URL in HTML attributes, stylesheets and script imports.

Shared by rule 6 (every referenced file exists, no file in docs/ goes unreferenced) and rule 8
(nothing is fetched from another host), so both read the same list of references.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from .project import Site, resolve_url, url_of_file

# Attributes through which a page makes the browser fetch something.
FETCHING: dict[str, tuple[str, ...]] = {
    "script": ("src",), "link": ("href",), "img": ("src", "srcset"), "source": ("src", "srcset"),
    "iframe": ("src",), "frame": ("src",), "video": ("src", "poster"), "audio": ("src",), "embed": ("src",),
    "object": ("data",), "track": ("src",), "input": ("src",), "image": ("href",), "use": ("href",),
}
# <link rel> values that name a page instead of fetching it.
NON_FETCHING_RELS = {"canonical", "alternate", "prev", "next", "author", "license", "help", "search"}
CSS_URL = re.compile(r"""(?<!@import )url\(\s*(['"]?)(?P<url>[^'")]+?)\1\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?['"]?(?P<url>[^'")\s;]+)""")
JS_IMPORT = re.compile(r"""(?:\bimport\s*(?:[\w*{}\s,$]+\s+from\s*)?|\bimport\s*\(\s*)['"](?P<url>[^'"]+)['"]""")
NOT_FILES = ("data:", "mailto:", "tel:", "javascript:", "about:", "blob:")


@dataclass(frozen=True)
class Ref:
    """One reference: the built file that holds it, how it refers (e.g. "<img src>"), and the URL."""

    source: str
    how: str
    url: str

    @property
    def external(self) -> bool:
        parts = urlsplit(self.url)
        return bool(parts.netloc) or parts.scheme in ("http", "https", "ftp")

    @property
    def fetches(self) -> bool:
        return not self.how.startswith("<a ")

    def local_path(self) -> str | None:
        """The site file this reference resolves to (relative to the site root), or None if not a local file."""
        if self.external or self.url.startswith(NOT_FILES) or self.url.startswith("#") or not self.url.strip():
            return None
        resolved = resolve_url(url_of_file(self.source), unquote(self.url.strip())).partition("#")[0]
        path = resolved.lstrip("/")
        return path + "index.html" if path.endswith("/") or not path else path


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def html_refs(site: Site, rel: str) -> Iterator[Ref]:
    """Fetching attributes, inline styles, <style> blocks and <a href> of one built HTML file."""
    tree = site.tree(rel)
    for tag, attributes in FETCHING.items():
        for node in tree.css(tag):
            if tag == "link" and NON_FETCHING_RELS & set((node.attributes.get("rel") or "").lower().split()):
                continue
            for attribute in attributes:
                value = node.attributes.get(attribute) or node.attributes.get(f"xlink:{attribute}")
                if not value:
                    continue
                urls = _srcset_urls(value) if attribute == "srcset" else [value]
                yield from (Ref(rel, f"<{tag} {attribute}>", url) for url in urls)
    for node in tree.css("[style]"):
        yield from (Ref(rel, "style attribute url()", m["url"]) for m in CSS_URL.finditer(node.attributes.get("style") or ""))
    for node in tree.css("style"):
        yield from css_text_refs(rel, node.text(), "<style>")
    for node in tree.css("a[href], area[href]"):
        yield Ref(rel, f"<{node.tag} href>", node.attributes.get("href") or "")


def css_text_refs(rel: str, text: str, how: str = "stylesheet") -> Iterator[Ref]:
    yield from (Ref(rel, f"{how} url()", m["url"]) for m in CSS_URL.finditer(text))
    yield from (Ref(rel, f"{how} @import", m["url"]) for m in CSS_IMPORT.finditer(text))


def js_import_refs(site: Site, rel: str) -> Iterator[Ref]:
    """Static and dynamic ES module imports with a literal path."""
    for match in JS_IMPORT.finditer(site.text(rel)):
        url = match["url"]
        if url.startswith((".", "/")) or urlsplit(url).scheme:
            yield Ref(rel, "script import", url)


def all_refs(site: Site, own_scripts: set[str]) -> list[Ref]:
    """Every reference in the site: HTML, every stylesheet, and imports in the site's own scripts."""
    refs = [ref for rel in site.html_files() for ref in html_refs(site, rel)]
    refs += [ref for rel in site.files(".css") for ref in css_text_refs(rel, site.text(rel))]
    refs += [ref for rel in sorted(own_scripts) for ref in js_import_refs(site, rel)]
    return refs

