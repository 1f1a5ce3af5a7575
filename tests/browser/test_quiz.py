"""Questions in Debian's chromium: answering on a page (right, wrong, multiple response), progress that
survives a reload and instant navigation, corrupt stored progress, the Practice page's filters and
shared seed, a short exam simulation (its clock sped up by ?speed=), export and import, and the
page contract that both the page markup and the Practice page's markup keep.

The `page` fixture fails every test on a console error or an uncaught exception.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from macros.context import Context
from tests.browser.test_calculators import serve_sitemap_locally
from tests.conftest import ROOT, come_near, fetched, wait_for

pytestmark = pytest.mark.browser

KEY = "dva-notes.progress"
BOUND = "document.querySelector('.quiz-list form.quiz[data-quiz-bound]') !== null"
PRACTICE_READY = "document.querySelector('.practice__progress:not([hidden])') !== null"
CTX = Context.load(ROOT / "docs")
SQS = [q for q in CTX.questions.values() if q.page == "sqs"]
MULTIPLE = next(q for q in CTX.questions.values() if q.kind == "multiple")


def open_page(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    come_near(page)
    wait_for(page, BOUND)


def answer(form, indexes: tuple[int, ...]) -> None:  # type: ignore[no-untyped-def]
    for i in indexes:
        form.locator(f'input[name="answer"][value="{i}"]').check()
    form.locator('button[type="submit"]').click()


def wrong_choice(q) -> tuple[int, ...]:  # type: ignore[no-untyped-def]
    wrong = [i for i, o in enumerate(q.options) if not o.correct]
    return (wrong[0],) if q.kind == "single" else (*q.answer[:-1], wrong[0])


def page_path(q) -> str:  # type: ignore[no-untyped-def]
    """The URL path of the page whose Check yourself section holds the question."""
    entry = CTX.catalog.find(q.page)
    assert entry is not None
    return entry.src_path.removesuffix(".md") + "/"


def stored(page) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(page.evaluate(f"localStorage.getItem({KEY!r})") or "null")


def test_right_and_wrong_answers_on_a_page(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    q = SQS[0]
    open_page(page, f"{site_url}services/sqs/")
    form = page.locator(f'form.quiz[data-question="{q.id}"]')
    feedback = form.locator(".quiz__feedback")
    assert feedback.get_attribute("aria-live") == "polite"
    form.locator('button[type="submit"]').click()
    assert feedback.inner_text() == "Choose an answer first."
    assert form.get_attribute("data-state") is None
    answer(form, q.answer)
    assert form.get_attribute("data-state") == "correct"
    text = feedback.inner_text()
    assert text.startswith("Correct.")
    for option in q.options:  # every option's why, right and wrong
        assert " ".join(option.why.replace("`", "").split()) in " ".join(text.split())
    note = CTX.notes[q.notes[0]]
    assert feedback.locator(f'a[href$="/services/sqs/#{note.id}"]').count() == 1
    form.locator('button[type="submit"]').click()  # "Try again"
    assert form.get_attribute("data-state") is None
    answer(form, wrong_choice(q))
    assert form.get_attribute("data-state") == "incorrect"
    assert feedback.inner_text().startswith("Incorrect. Answer: ")
    record = stored(page)["questions"][q.id]
    assert (record["answered"], record["right"], record["wrong"], record["lastCorrect"]) == (2, 1, 1, False)
    assert stored(page)["revisit"] == sorted(q.notes)


def test_multiple_response(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    q = MULTIPLE
    open_page(page, f"{site_url}{page_path(q)}")
    form = page.locator(f'form.quiz[data-question="{q.id}"]')
    assert form.locator('input[name="answer"]').first.get_attribute("type") == "checkbox"
    answer(form, q.answer[:1])
    assert "asks for" in form.locator(".quiz__feedback").inner_text()
    assert form.get_attribute("data-state") is None
    answer(form, q.answer[1:])
    assert form.get_attribute("data-state") == "correct"
    form.locator('button[type="submit"]').click()
    form.locator(f'input[value="{q.answer[-1]}"]').uncheck()
    answer(form, (next(i for i, o in enumerate(q.options) if not o.correct),))
    assert form.get_attribute("data-state") == "incorrect"


def test_progress_survives_reload_and_instant_navigation(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    serve_sitemap_locally(page, site_url)
    q = SQS[1]
    page.goto(f"{site_url}services/sqs/", wait_until="networkidle")
    come_near(page)
    wait_for(page, BOUND)
    answer(page.locator(f'form.quiz[data-question="{q.id}"]'), q.answer)
    page.reload(wait_until="networkidle")
    come_near(page)
    wait_for(page, BOUND)
    form = page.locator(f'form.quiz[data-question="{q.id}"]')
    assert form.get_attribute("data-last") == "correct"
    assert "last right" in form.locator(".quiz__last").inner_text()
    page.evaluate("window.__sameDocument = true")
    page.locator('.quiz__intro a[href$="/practice/"]').first.click()  # Material swaps the page
    wait_for(page, PRACTICE_READY)
    assert "1 of" in page.locator(".practice__progress table").first.inner_text()
    page.go_back()
    page.wait_for_url(lambda url: urlsplit(url).path.endswith("/services/sqs/"))
    wait_for(page, BOUND)
    assert page.evaluate("window.__sameDocument") is True, "Material's instant navigation, not a reload"
    assert page.locator(f'form.quiz[data-question="{q.id}"]').get_attribute("data-last") == "correct"


@pytest.mark.parametrize(("value", "why"), [
    ("{not json", "it is not readable"),
    ('{"version": 0, "questions": {}, "revisit": []}', "another version (0)"),
    ('{"version": 1, "questions": {"x": {"answered": "2"}}, "revisit": []}', 'record for "x" is damaged'),
])
def test_corrupt_progress_is_reset_with_a_message(page, site_url: str, value: str, why: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}glossary/")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, value])
    open_page(page, f"{site_url}services/sqs/")
    notice = page.locator(".quiz-notice")
    assert notice.get_attribute("role") == "status"
    assert why in notice.inner_text() and "was reset" in notice.inner_text()
    assert stored(page) == {"version": 1, "questions": {}, "revisit": []}
    page.goto(f"{site_url}practice/")
    wait_for(page, PRACTICE_READY)
    assert page.locator(".quiz-notice").count() == 0, "the message is shown once"


def start_practice(page, site_url: str, domains: list[str], services: list[str], count: str, mode: str) -> str:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}practice/")
    wait_for(page, PRACTICE_READY)
    for box in page.locator('input[name="domain"]').all():
        box.set_checked(box.get_attribute("value") in domains)
    page.locator("button[data-clear=service]").click()
    for service in services:
        page.locator(f'input[name="service"][value="{service}"]').check()
    page.locator(f'input[name="count"][value="{count}"]').check()
    page.locator(f'input[name="mode"][value="{mode}"]').check()
    page.locator('button[value="practice"]').click()
    wait_for(page, "document.querySelector('.practice__run form.quiz')")
    return page.url


def run_ids(page) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return page.evaluate("""() => [...document.querySelectorAll('.practice__run form.quiz')].map(f =>
        [f.dataset.question, ...[...f.querySelectorAll('input[name=answer]')].map(i => i.value)])""")


def test_practice_filters_and_shared_seed(page, browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    url = start_practice(page, site_url, ["security"], ["kms", "iam"], "all", "list")
    params = parse_qs(urlsplit(url).query)
    assert params["domains"] == ["security"] and set(params["services"][0].split(",")) == {"kms", "iam"} and params["seed"]
    drawn = run_ids(page)
    expected = [q for q in CTX.questions.values() if q.page in ("kms", "iam")]
    assert drawn and len(drawn) <= len(expected)
    domains = page.evaluate("() => [...document.querySelectorAll('.practice__run form.quiz')].map(f => f.dataset.domain)")
    assert set(domains) == {"security"}
    assert {d[0].split("-q-")[0] for d in drawn} <= {"kms", "iam"}
    other = browser.new_context().new_page()
    other.goto(url)
    wait_for(other, "document.querySelector('.practice__run form.quiz')")
    assert run_ids(other) == drawn, "the same seed gives the same questions, in the same order, options too"
    other.context.close()


def test_practice_loads_the_full_bank_only_when_the_reader_starts(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """On load the Practice page fetches the bank's index, never the 900 KB bank; Start fetches it. A bank
    that does not load says so under the form (no console error), and the next Start tries again."""
    page.goto(f"{site_url}practice/", wait_until="networkidle")
    wait_for(page, PRACTICE_READY)
    assert [u for u in fetched(page) if u.endswith("/practice/index.json")]
    assert not [u for u in fetched(page) if u.endswith("/questions.json")], "the full bank waits for the reader"
    page.route("**/practice/questions.json", lambda route: route.fulfill(status=200, body="{not json",
                                                                           content_type="application/json"))
    page.locator('button[value="practice"]').click()
    wait_for(page, "document.querySelector('.practice__status').textContent.includes('could not be loaded')")
    assert page.locator(".practice__run").is_hidden()
    page.unroute("**/practice/questions.json")
    page.locator('button[value="practice"]').click()
    wait_for(page, "document.querySelector('.practice__run form.quiz')")
    assert page.locator(".practice__status").inner_text() == ""
    assert [u for u in fetched(page) if u.endswith("/practice/questions.json")]


def test_progress_by_page_is_built_when_opened(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """The table by service and topic: absent at load (it costs the Practice page's load), then one row per
    page with questions, each counting that page's questions, when the reader opens it."""
    per_page: dict[str, int] = {}
    for q in CTX.questions.values():
        per_page[q.page] = per_page.get(q.page, 0) + 1
    page.goto(f"{site_url}practice/")
    wait_for(page, PRACTICE_READY)
    by_page = page.locator(".practice__progress details")
    assert by_page.locator("table").count() == 0
    by_page.locator("summary").click()
    wait_for(page, "document.querySelector('.practice__progress details tbody tr') !== null")
    counts = [re.search(r"(\d+) of (\d+)", r) for r in by_page.locator("tbody tr").all_inner_texts()]
    assert all(counts) and sorted(int(c[2]) for c in counts) == sorted(per_page.values())
    assert all(c[1] == "0" for c in counts), "nothing answered yet"
    by_page.locator("summary").click()
    by_page.locator("summary").click()
    assert by_page.locator("table").count() == 1  # built once


def test_one_at_a_time_score_and_missed_only(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    start_practice(page, site_url, ["development", "security", "deployment", "troubleshooting"], ["sqs"], "10", "one")
    assert page.locator(".practice__run form.quiz").count() == 1
    first = page.locator(".practice__run form.quiz")
    qid = first.get_attribute("data-question")
    q = CTX.questions[qid]
    answer(first, wrong_choice(q))
    page.get_by_role("button", name="Next").click()
    assert page.locator(".practice__run form.quiz").get_attribute("data-question") != qid
    page.get_by_role("button", name="Finish and see the score").click()
    report = page.locator(".practice__report")
    assert "Your score: 0 of 10" in report.inner_text()
    assert "Meets competencies" not in report.inner_text() and "Needs improvement" in report.inner_text()
    assert report.locator(".practice__missed li").count() == 10
    assert report.locator(f'a[href$="#{q.notes[0]}"]').count() >= 1
    page.goto(f"{site_url}practice/?seed=abc&services=sqs&count=all&mode=list&missed=1")
    wait_for(page, "document.querySelector('.practice__run form.quiz')")
    assert [d[0] for d in run_ids(page)] == [qid], "only the question answered wrongly"
    assert page.locator(".practice__weak a").first.get_attribute("href").endswith(f"#{q.notes[0]}")


def test_exam_simulation_with_review_and_timer(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}practice/?seed=exam-test&exam=1")
    wait_for(page, "document.querySelector('.practice__timer')")
    assert page.locator(".practice__timer").inner_text() in ("Time left: 2:10:00", "Time left: 2:09:59")
    weights = page.evaluate("""async () => {
        const bank = await (await fetch('questions.json')).json();
        return bank.exam.domains.map(d => d.weight);
    }""")
    assert weights == [d.weight for d in CTX.catalog.exam.domains]
    q1 = CTX.questions[page.locator(".practice__run form.quiz").get_attribute("data-question")]
    assert page.locator(".practice__run form.quiz button[type=submit]").count() == 0, "no feedback during the exam"
    answer_only = q1.answer
    for i in answer_only:
        page.locator(f'.practice__run input[name="answer"][value="{i}"]').check()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Flag for review").check()
    page.get_by_role("button", name="Review and submit").click()
    items = page.locator(".practice__review li")
    assert items.count() == 65
    assert items.nth(0).get_attribute("data-status") == "answered"
    assert items.nth(1).get_attribute("data-status") == "not answered, flagged"
    items.nth(1).locator("button").click()
    assert page.get_by_label("Flag for review").is_checked()
    page.get_by_role("button", name="Review and submit").click()
    page.get_by_role("button", name="Submit the exam").click()
    result = page.locator(".practice__scaled").inner_text()
    assert result.startswith("1 of 65 right: about 114 on the 100-1000 scale, below the passing score of 720.")
    assert "rough guide, not an AWS score" in result
    drawn = page.evaluate("() => [...document.querySelectorAll('.practice__answers form.quiz')].map(f => f.dataset.domain)")
    assert [drawn.count(d.id) for d in CTX.catalog.exam.domains] == [20, 17, 14, 14]
    assert stored(page)["questions"][q1.id]["lastCorrect"] is True


def test_exam_timer_runs_out(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}practice/?seed=t&exam=1&speed=5200")  # 130 minutes in 1.5 s
    wait_for(page, "document.querySelector('.practice__scaled')", timeout=10000)
    assert page.locator(".practice__scaled").inner_text().startswith("Time is up. 0 of 65 right: about 100")


def test_export_import_and_reset(page, site_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    q = SQS[2]
    open_page(page, f"{site_url}services/sqs/")
    answer(page.locator(f'form.quiz[data-question="{q.id}"]'), q.answer)
    page.goto(f"{site_url}practice/")
    wait_for(page, PRACTICE_READY)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    saved = tmp_path / "progress.json"
    download.value.save_as(saved)
    exported = json.loads(saved.read_text(encoding="utf-8"))
    assert exported["app"] == "dva-notes" and q.id in exported["questions"]
    page.get_by_role("button", name="Reset progress").click()
    page.get_by_role("button", name="Erase").click()
    assert stored(page)["questions"] == {}
    assert page.locator(".practice__progress-status").inner_text() == "Progress reset."
    bad = tmp_path / "bad.json"
    bad.write_text('{"app": "dva-notes", "version": 1, "questions": {"a": 1}, "revisit": []}', encoding="utf-8")
    page.locator("#practice-import").set_input_files(bad)
    wait_for(page, "document.querySelector('.practice__progress-status').textContent.includes('cannot be used')")
    assert stored(page)["questions"] == {}, "a bad file changes nothing"
    page.locator("#practice-import").set_input_files(saved)
    wait_for(page, "document.querySelector('.practice__progress-status').textContent.startsWith('Imported')")
    assert stored(page)["questions"][q.id]["right"] == 1


def test_page_and_practice_markup_keep_the_same_contract(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """macros/quiz.py (pages) and question.js (Practice) write the same form for the same question."""
    shape = """f => ({
        inputs: [...f.querySelectorAll('fieldset input')].map(i => [i.name, i.type, i.value]).sort(),
        legend: f.querySelector('fieldset > legend').textContent.replace(/^Question \\d+\\.\\s*/, ''),
        live: f.querySelector('fieldset [aria-live=polite]').className,
        submit: f.querySelectorAll('button[type=submit]').length,
        whys: [...f.querySelectorAll('.quiz__why li')].map(li => [li.dataset.option, li.dataset.verdict,
                li.textContent.replace(/^[A-J]\\. /, '')]).sort(),
        notes: [...f.querySelectorAll('.quiz__notes a')].map(a => a.textContent),
        data: [f.dataset.question, f.dataset.kind, f.dataset.domain, f.dataset.notes]})"""
    q = SQS[0]
    open_page(page, f"{site_url}services/sqs/")
    on_page = page.locator(f'form.quiz[data-question="{q.id}"]').evaluate(shape)
    start_practice(page, site_url, ["development", "security", "deployment", "troubleshooting"], ["sqs"], "all", "list")
    in_practice = page.locator(f'.practice__run form.quiz[data-question="{q.id}"]').evaluate(shape)
    assert in_practice == on_page


def test_without_javascript_the_answer_is_in_details(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{site_url}services/sqs/")
    form = tab.locator(f'form.quiz[data-question="{SQS[0].id}"]')
    assert form.locator("legend").is_visible()
    assert not form.locator(".quiz__why").is_visible(), "collapsed"
    assert not form.locator('button[type="submit"]').is_visible()
    form.locator("summary").click()
    assert form.locator(".quiz__key").is_visible()
    context.close()


def test_quiz_loads_only_where_there_are_questions(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site_url}glossary/", wait_until="networkidle")
    scripts = fetched(page)
    assert not [s for s in scripts if "/quiz/" in s or "questions.json" in s]
    open_page(page, f"{site_url}services/sqs/")
    scripts = fetched(page)
    assert [s for s in scripts if s.endswith("/quiz/quiz.js")] and not [s for s in scripts if "questions.json" in s]


def test_answering_by_keyboard(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    q = SQS[0]
    open_page(page, f"{site_url}services/sqs/")
    form = page.locator(f'form.quiz[data-question="{q.id}"]')
    form.locator('input[name="answer"]').first.focus()
    page.keyboard.press("Space")  # the first option
    for _ in range(q.answer[0]):
        page.keyboard.press("ArrowDown")  # radios move and select with the arrow keys
    page.keyboard.press("Tab")  # out of the radio group, to the button
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    assert form.get_attribute("data-state") == "correct"
    assert page.evaluate("document.activeElement.type") == "submit", "focus stays where the reader was"
    page.keyboard.press("Enter")  # "Try again"
    assert form.get_attribute("data-state") is None


def test_quiz_states_pass_axe_in_both_palettes(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """The states only a reader's actions produce: answered questions, a notice, a practice run, the
    progress view, the exam's review screen and its result."""
    from tests.browser.test_accessibility import COLOUR_RULES, NO_TRANSITIONS, Violation, _run_axe, _switch_palette, axe_source

    context = browser.new_context()
    context.add_init_script(script=axe_source())
    tab = context.new_page()
    found: list[Violation] = []

    def audit(label: str) -> None:
        tab.add_style_tag(content=NO_TRANSITIONS)
        for palette, rules in (("light", None), ("dark", COLOUR_RULES)):
            _switch_palette(tab, palette)
            for v in _run_axe(tab, rules):
                targets = tuple(" ".join(map(str, node["target"])) for node in v["nodes"])
                found.append(Violation(label, palette, v["id"], v["impact"] or "none", v["help"], targets))
        _switch_palette(tab, "light")

    tab.emulate_media(color_scheme="light")
    tab.goto(f"{site_url}glossary/")
    tab.evaluate(f"localStorage.setItem({KEY!r}, 'not json')")
    open_page(tab, f"{site_url}services/sqs/")
    answer(tab.locator(f'form.quiz[data-question="{SQS[0].id}"]'), SQS[0].answer)
    answer(tab.locator(f'form.quiz[data-question="{SQS[1].id}"]'), wrong_choice(SQS[1]))
    audit("sqs: answered right and wrong, reset notice")
    tab.goto(f"{site_url}practice/?seed=axe&count=10&mode=list")
    wait_for(tab, "document.querySelector('.practice__run form.quiz')")
    audit("practice: a list run and the progress view")
    tab.goto(f"{site_url}practice/?seed=axe&exam=1")
    wait_for(tab, "document.querySelector('.practice__timer')")
    audit("exam: a question with its flag")
    tab.get_by_role("button", name="Review and submit").click()
    audit("exam: review screen")
    tab.get_by_role("button", name="Submit the exam").click()
    audit("exam: result")
    context.close()
    blocking = [v for v in found if v.blocking]
    assert not blocking, f"{len(blocking)} accessibility violations:\n" + "\n".join(map(str, blocking))
