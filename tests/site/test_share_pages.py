"""Share pages (/n/<note-id>/, macros/hooks/share.py): the gate's check passes on the built site and
catches each defect in a copy of it."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import ROOT
from tests.gate.project import Inputs, Project, Site
from tests.gate.share import check_share_pages


def test_every_note_has_a_share_page_that_previews_and_lands(built_site: Path) -> None:
    assert check_share_pages(Inputs(Project(ROOT), Site(built_site))) == []


def test_the_check_catches_broken_share_pages(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site / "n", site / "n")
    shutil.copytree(built_site / "services", site / "services")
    shutil.copytree(built_site / "topics", site / "topics")
    shutil.copytree(built_site / "assets/images", site / "assets/images")
    one = site / "n/sqs-long-polling/index.html"
    one.write_text(one.read_text(encoding="utf-8").replace('property="og:title"', 'property="og:headline"'), encoding="utf-8")
    two = site / "n/sqs-delay-seconds/index.html"
    text = two.read_text(encoding="utf-8")
    two.write_text(text.replace("url=../../services/sqs/#", "url=../../services/sns/#"), encoding="utf-8")
    shutil.rmtree(site / "n/sqs-dead-letter-queues")
    three = site / "n/sqs-visibility-timeout/index.html"
    three.write_text(three.read_text(encoding="utf-8").replace('<link rel="icon"', '<link rel="preload"'), encoding="utf-8")
    problems = {(p.file, p.message) for p in check_share_pages(Inputs(Project(ROOT), Site(site)))}
    assert problems == {
        ("docs/services/sqs.md", "share page /n/sqs-long-polling/: og:title is not the note's heading"),
        ("docs/services/sqs.md", "share page /n/sqs-delay-seconds/: it does not redirect to /services/sqs/#sqs-delay-seconds"),
        ("docs/services/sqs.md", "note 'sqs-dead-letter-queues' has no share page /n/sqs-dead-letter-queues/"),
        ("docs/services/sqs.md", "share page /n/sqs-visibility-timeout/: it names no icon the site has "
                                 "(the browser then asks for /favicon.ico, a 404)"),
    }


def test_search_titles_keep_out_the_link_icon(built_site: Path) -> None:
    """Material leaves a heading's ¶ out of its search title only when the link's class is exactly
    "headerlink"; the share attributes must not change it (the ¶ would show in every result and rank)."""
    import json

    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if "¶" in d["title"]]
