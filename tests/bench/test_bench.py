"""The bench's own parts: the gzip server, the generated project copies, the alternating runner.

`make bench` itself is not part of the gate (it takes minutes); these tests keep its machinery
working as the content changes, so the numbers it prints are about the site we publish. They carry the
`bench` marker: `make bench` runs them first; `make test` leaves them out to stay within CI's time.
"""

from __future__ import annotations

import gzip
import re
import urllib.request
from pathlib import Path

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.bench import bench, server, variants
from tests.gate.project import nav_files

pytestmark = pytest.mark.bench


def _get(url: str, accept_gzip: bool) -> tuple[str | None, bytes]:
    headers = {"Accept-Encoding": "gzip"} if accept_gzip else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        return response.headers.get("Content-Encoding"), response.read()


def test_server_gzips_text_only_when_asked(tmp_path: Path) -> None:
    (tmp_path / "page").mkdir()
    html = b"<p>" + b"study notes " * 500 + b"</p>"
    (tmp_path / "page/index.html").write_bytes(html)
    (tmp_path / "icon.png").write_bytes(b"\x89PNG" + bytes(100))
    srv, url = server.start(tmp_path)
    try:
        encoding, body = _get(url + "page/", accept_gzip=True)
        assert encoding == "gzip" and gzip.decompress(body) == html and len(body) < len(html) / 10
        assert _get(url + "page/", accept_gzip=False) == (None, html)
        assert _get(url + "icon.png", accept_gzip=True)[0] is None
    finally:
        srv.shutdown()
    plain, url = server.start(tmp_path, gzip_enabled=False)
    try:
        assert _get(url + "page/", accept_gzip=True) == (None, html)
    finally:
        plain.shutdown()


def test_server_compresses_a_rebuilt_file_again(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_bytes(b"<p>first build</p>")
    srv, url = server.start(tmp_path)
    try:
        assert gzip.decompress(_get(url, accept_gzip=True)[1]) == b"<p>first build</p>"
        (tmp_path / "index.html").write_bytes(b"<p>rebuilt</p>")
        assert gzip.decompress(_get(url, accept_gzip=True)[1]) == b"<p>rebuilt</p>"
    finally:
        srv.shutdown()


def test_alternate_rotates_which_side_goes_first() -> None:
    order: list[str] = []
    tasks = {name: (lambda name=name: order.append(name) or 0.0) for name in ("a", "b", "c")}
    results = bench.alternate(tasks, 3, "test")
    assert order == ["a", "b", "c", "b", "c", "a", "c", "a", "b"]
    assert {name: len(values) for name, values in results.items()} == {"a": 3, "b": 3, "c": 3}


def test_scaled_copy_builds_with_unique_ids(tmp_path: Path) -> None:
    project = variants.scaled_copy(tmp_path / "project", 70)
    nav = nav_files(variants.read_config(project)["nav"])
    assert len(nav) == 70 and len(set(nav)) == 70
    catalog = yaml.safe_load((project / "macros/data/services.yml").read_text(encoding="utf-8"))
    ids = [e["id"] for e in catalog["entries"]]
    assert len(ids) == len(set(ids))
    heading_ids = [m for p in (project / "docs").rglob("*.md") for m in re.findall(r"\{:\s*#([a-z0-9-]+)", p.read_text())]
    assert len(heading_ids) == len(set(heading_ids)), "replicated note ids must stay unique"
    variants.build(project, tmp_path / "site")
    assert len(list((tmp_path / "site").rglob("index.html"))) >= 70


def _article_text(site: Path, page: str) -> str:
    article = HTMLParser((site / page).read_text(encoding="utf-8")).css_first("article")
    assert article is not None
    for chrome in article.css(".dva-verified, .md-source-file, .md-tags"):
        chrome.decompose()
    return " ".join(article.text(separator=" ").split())


def test_plain_copy_builds_the_same_text_with_plain_material(tmp_path: Path) -> None:
    plain = variants.plain_copy(tmp_path / "plain", tmp_path / "work")
    config = variants.read_config(plain)
    assert "hooks" not in config and "custom_dir" not in config["theme"] and "extra_css" not in config
    assert [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]] == ["search"]
    assert not (plain / "macros").exists()
    variants.build(plain, tmp_path / "plain-site")
    full_site = tmp_path / "work/capture-site"  # the real project, built by the capture step
    for page in ("services/sqs/index.html", "errata/index.html"):
        assert _article_text(tmp_path / "plain-site", page) == _article_text(full_site, page), page
