"""The calculators' and the questions' modules load when the reader comes within a screen of them
(docs/javascripts/loader.js): a reader who opens a long service page and reads its first screen loads
neither; scrolling down loads each as it nears; until then the page shows what it was built with."""

from __future__ import annotations

import pytest

from tests.conftest import NEAR, PHONE, fetched, wait_for

pytestmark = pytest.mark.browser

PAGE = "services/lambda/"
CALCULATOR, QUESTIONS = "form.calc[data-calc]", ".quiz-list"
MOUNT, QUIZ = "/javascripts/calculators/mount.js", "/javascripts/quiz/quiz.js"


def _screens_below(page, selector: str) -> float:  # type: ignore[no-untyped-def]
    return float(page.evaluate(f"document.querySelector({selector!r}).getBoundingClientRect().top / innerHeight"))


def _loaded(page, script: str) -> bool:  # type: ignore[no-untyped-def]
    return any(url.endswith(script) for url in fetched(page))


def test_modules_load_as_the_reader_nears_them(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(**PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(site_url + PAGE, wait_until="networkidle")
    wait_for(page, "[...performance.getEntriesByType('resource')].some(e => e.name.endsWith('/javascripts/loader.js'))")
    page.wait_for_timeout(800)  # loader.js has run on document$ and its observers have reported
    calc_at, questions_at = _screens_below(page, CALCULATOR), _screens_below(page, QUESTIONS)
    assert 3 < calc_at < questions_at - 3, f"the test needs both well below the first screen: {calc_at}, {questions_at}"
    assert not _loaded(page, MOUNT) and not _loaded(page, QUIZ), "loaded before the reader came near"
    built = page.locator(CALCULATOR).first.locator("output[data-result]").first.text_content()
    assert built and built.strip(), "until then the calculator shows its built answer"

    page.evaluate(f"document.querySelector({CALCULATOR!r}).scrollIntoView()")
    wait_for(page, f"document.querySelector({NEAR[CALCULATOR]!r}) !== null")
    assert _loaded(page, MOUNT) and not _loaded(page, QUIZ), "the questions are still screens away"

    page.evaluate(f"document.querySelector({QUESTIONS!r}).scrollIntoView()")
    wait_for(page, f"document.querySelector({NEAR[QUESTIONS]!r}) !== null")
    context.close()
    assert not errors


def test_a_link_to_a_calculator_loads_it_at_once(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """?calc= restores values and scrolls to the calculator, so its module cannot wait for the reader."""
    page.goto(f"{site_url}{PAGE}?calc=lambda-concurrency")
    wait_for(page, f"document.querySelector({NEAR[CALCULATOR]!r}) !== null")
