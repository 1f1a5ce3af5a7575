"""macros/hooks/share.py's writing of the share pages: every note's pages written by a child process while the
build goes on, and a failed write fails the build with the child's reason.

The pages' content is checked on the built site (tests/site/test_share_pages.py); here the hook runs on its own,
with two notes and a renamed one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from macros.hooks import share
from macros.notes import Note

NOTES = {
    "sqs-long-polling": Note("sqs-long-polling", "Long polling waits up to 20 seconds", "services/sqs.md", 10),
    "sqs-delay-seconds": Note("sqs-delay-seconds", "Delay queues hold new messages", "services/sqs.md", 20),
}
PAGE_HTML = ('<h3 id="sqs-long-polling">Long polling</h3>\n<p>It cuts empty receives. More.</p>\n'
             '<h3 id="sqs-delay-seconds">Delay</h3>\n<p>Up to 15 minutes.</p>')


@pytest.fixture
def hook() -> Iterator[None]:
    saved = share._build
    share._build = share._Build(notes=dict(NOTES), card="assets/card.png", aliases={"sqs-polling": "sqs-long-polling"},
                                page_location=lambda src: src.removesuffix(".md") + "/")
    yield
    share._build = saved


def _config(site: Path) -> dict[str, Any]:
    return {"site_dir": str(site), "site_name": "DVA Notes", "site_url": "https://example.org/", "theme": {}}


class _Page:
    pass


def test_every_note_and_old_id_gets_its_page(hook: None, tmp_path: Path) -> None:
    """A note on a rendered page gets its first sentence; a note whose page MkDocs did not render gets a page
    all the same; an old id gets the page of the note it now names."""
    config = _config(tmp_path)
    only_one = PAGE_HTML.split("\n<h3", 1)[0]  # the second note's page is not rendered
    share.on_page_content(only_one, _Page(), config, None)
    share.on_post_build(config)
    written = sorted(p.parent.name for p in (tmp_path / "n").glob("*/index.html"))
    assert written == ["sqs-delay-seconds", "sqs-long-polling", "sqs-polling"]
    first = (tmp_path / "n/sqs-long-polling/index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="It cuts empty receives.">' in first
    assert (tmp_path / "n/sqs-polling/index.html").read_text(encoding="utf-8") == first
    assert '<meta name="description" content="">' in (tmp_path / "n/sqs-delay-seconds/index.html").read_text()


def test_a_failed_write_fails_the_build(hook: None, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "n").write_text("a file where the share pages' folder goes", encoding="utf-8")
    config = _config(site)
    share.on_page_content(PAGE_HTML, _Page(), config, None)
    with pytest.raises(OSError, match=r"the share pages could not be written: .*(Not a directory|File exists)"):
        share.on_post_build(config)


def test_the_pages_are_written_outside_the_build_process(hook: None, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The build's own process creates no folder and no file for them: a child does (on another core)."""
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the build process itself wrote a share page")

    config = _config(tmp_path)
    monkeypatch.setattr(os, "mkdir", refuse)
    monkeypatch.setattr(os, "makedirs", refuse)
    monkeypatch.setattr(Path, "write_text", refuse)
    share.on_page_content(PAGE_HTML, _Page(), config, None)
    writer = share._build.writer
    assert writer is not None and writer.process.pid != os.getpid()
    share.on_post_build(config)
    monkeypatch.undo()
    assert len(list((tmp_path / "n").glob("*/index.html"))) == 3
    assert share._build.writer is None


def test_a_writer_that_stops_early_fails_the_build_with_its_reason(hook: None, tmp_path: Path) -> None:
    """More pages than the pipe holds, after the child has failed on the first: the build gets the child's reason,
    not a broken pipe."""
    site = tmp_path / "site"
    site.write_text("a file where the site's folder goes", encoding="utf-8")
    writer = share._SiteWriter(site)
    with pytest.raises(OSError, match=r"could not be written: .*(Not a directory|File exists)") as caught:
        for n in range(2_000):
            writer.add(f"n/note-{n}/index.html", "x" * 2_000)
        writer.close()
    assert not isinstance(caught.value, BrokenPipeError)


def test_a_build_error_stops_the_writer(hook: None, tmp_path: Path) -> None:
    share.on_page_content(PAGE_HTML, _Page(), _config(tmp_path), None)
    writer = share._build.writer
    assert writer is not None
    share.on_build_error(RuntimeError("a later page failed"))
    assert writer.process.poll() is not None, "the child is stopped and reaped"
    assert share._build.writer is None
