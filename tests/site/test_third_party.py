"""The built site loads nothing from another origin: no CDN fonts, scripts, styles or images.

Statically, this is the gate's rule 8 (tests/gate/third_party.py, one implementation). In chromium,
real pages are opened and used, and every request they make is recorded: all must stay on the site.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.gate.problem import report
from tests.gate.project import Inputs, Project, Site
from tests.gate.third_party import check_third_party

# A page of each kind: home, a service page with notes, a topic, the tags page, a generated page.
PAGES = ["", "services/sqs/", "topics/serverless/", "tags/", "errata/", "calculators/"]
LOCAL_SCHEMES = ("data:", "blob:", "about:")


def test_built_html_css_and_js_fetch_nothing_from_other_hosts(built_site: Path) -> None:
    problems = check_third_party(Inputs(Project(ROOT), Site(built_site)))
    assert not problems, report(problems)


@pytest.mark.browser
def test_pages_request_nothing_from_other_hosts(page, site_url: str, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    visited = [p for p in PAGES if (built_site / p / "index.html").is_file()]
    for path in visited:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("lambda")
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_load_state("networkidle")
    assert len(visited) >= 5 and len(requests) > len(visited)
    foreign = sorted({url for url in requests if not url.startswith((site_url, *LOCAL_SCHEMES))})
    assert not foreign, f"requests to other hosts: {foreign}"
