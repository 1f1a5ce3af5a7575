"""The calculators in Debian's chromium: the shared vectors typed into the real page, Python and
JavaScript compared on thousands of generated inputs, the bad-input matrix, the keyboard, shared
URLs (including hostile ones), instant navigation, and two calculators on one service page.

The `page` fixture fails every test on a console error or an uncaught exception.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from macros.calculators.evaluate import Evaluation, defaults, evaluate
from macros.calculators.numbers import format_number
from macros.calculators.spec import Calculator, Input, load_spec
from macros.calculators.validate import parse_field, range_text
from tests.conftest import come_near, fetched, recording_tab, wait_for

pytestmark = pytest.mark.browser

SPEC = load_spec()
VECTORS = Path(__file__).resolve().parents[1] / "vectors"
ALL_BOUND = ("() => document.querySelectorAll('form.calc').length > 0 && "
             "document.querySelectorAll('form.calc:not([data-calc-bound])').length === 0")

# Everything a reader sees in one form, read in one round trip.
READ_FORM = """form => ({
  results: Object.fromEntries([...form.querySelectorAll('output[data-result]')].map(o => [o.dataset.result, o.textContent])),
  errors: Object.fromEntries([...form.querySelectorAll('[data-msg-for]')].filter(m => m.textContent)
            .map(m => [m.dataset.msgFor, m.textContent])),
  invalid: [...form.querySelectorAll('[aria-invalid="true"]')].map(c => c.name),
  working: [...form.querySelectorAll('[data-calc-working] li')].map(li => li.textContent),
  table: [...form.querySelectorAll('tbody tr')].map(tr => [...tr.cells].map(td => td.textContent)),
  statusShown: !form.querySelector('[data-calc-status]').hidden,
  text: form.innerText,
  values: Object.fromEntries([...form.elements].filter(e => e.name).map(e => [e.name, e.value])),
})"""

SET_VALUE = """(control, value) => {
  control.value = value;
  control.dispatchEvent(new Event('input', {bubbles: true}));
}"""


def calc(calc_id: str) -> Calculator:
    found = SPEC.find(calc_id)
    assert found is not None
    return found


def open_page(page, url: str) -> None:  # type: ignore[no-untyped-def]
    """Load `url` with every calculator bound: a link to a calculator (?calc=) loads them at once and one to a
    heading (#...) brings them into view; otherwise the reader scrolls to the first (come_near)."""
    page.goto(url)
    if "calc=" not in url and "#" not in url:
        come_near(page, ("form.calc[data-calc]",))
    wait_for(page, ALL_BOUND)


def form(page, calc_id: str):  # type: ignore[no-untyped-def]
    return page.locator(f'form.calc[data-calc="{calc_id}"]')


def read(page, calc_id: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return form(page, calc_id).evaluate(READ_FORM)


def set_field(page, calc_id: str, spec: Input, value: str) -> None:  # type: ignore[no-untyped-def]
    """Type into a text field, pick an option; a value no option has is set like a URL would set it."""
    control = form(page, calc_id).locator(f'[name="{spec.name}"]')
    if spec.type == "number":
        control.fill(value)
    elif value in [c.value for c in spec.choices]:
        control.select_option(value)
    else:
        control.evaluate(SET_VALUE, value)


def fill_all(page, c: Calculator, raw: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    for spec in c.inputs:
        set_field(page, c.id, spec, raw[spec.name])


def expected_view(e: Evaluation) -> dict[str, Any]:
    return {"results": e.results, "errors": e.errors, "working": list(e.working), "table": [list(r) for r in e.table]}


def seen_view(seen: dict[str, Any], c: Calculator) -> dict[str, Any]:
    results = {k: v for k, v in seen["results"].items() if v != ""}
    return {"results": results, "errors": seen["errors"], "working": seen["working"], "table": seen["table"]}


# --- The shared vectors, typed into the page ------------------------------------------------------

@pytest.mark.parametrize("calc_id", SPEC.ids())
def test_vectors_typed_into_the_page(page, site_url: str, calc_id: str) -> None:  # type: ignore[no-untyped-def]
    c = calc(calc_id)
    cases = json.loads((VECTORS / f"{calc_id}.json").read_text(encoding="utf-8"))["cases"]
    open_page(page, f"{site_url}calculators/")
    mismatches = []
    for case in cases:
        fill_all(page, c, case["inputs"])
        seen = read(page, calc_id)
        got: dict[str, Any] = {"errors": seen["errors"]}
        if "results" in case:
            got["results"] = seen["results"]
        if "working" in case:
            got["working"] = seen["working"]
        if "table" in case:
            got["table"] = seen["table"]
        want = {k: case[k] for k in ("results", "working", "table") if k in case} | {"errors": case.get("errors", {})}
        if got != want:
            mismatches.append(f"{case['name']}:\n  page: {got}\n  want: {want}")
        if "errors" in case:
            assert sorted(seen["invalid"]) == sorted(case["errors"]), case["name"]
            assert seen["statusShown"] and all(v == "" for v in seen["results"].values()), case["name"]
    assert not mismatches, "\n".join(mismatches)


def test_live_widgets_show_the_build_time_answer(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """After JavaScript binds, each form shows exactly the worked example Python rendered."""
    open_page(page, f"{site_url}calculators/")
    for c in SPEC.calculators:
        assert seen_view(read(page, c.id), c) == expected_view(evaluate(c, defaults(c))), c.id


def test_built_answer_is_what_javascript_renders_for_the_same_values(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """mount.js does not recompute a form still holding the values it was built with (make audit: work on
    load), so the built view must be exactly what JavaScript would render: change a field, change it back."""
    # The form's markup, less what focusing a field adds (Material's focus-visible polyfill) and the line
    # breaks the build leaves between elements (innerHTML shows attributes, not what was typed, so the
    # fields' own values do not enter into it).
    markup = """f => f.innerHTML.replace(/ class="focus-visible" data-focus-visible-added=""/g, '').replace(/>\\s+</g, '><')"""
    open_page(page, f"{site_url}calculators/")
    for c in SPEC.calculators:
        built = form(page, c.id).evaluate(markup)
        first = c.inputs[0]
        start = defaults(c)[first.name]
        other = next(ch.value for ch in first.choices if ch.value != start) if first.type == "choice" else "1"
        set_field(page, c.id, first, other)
        assert form(page, c.id).evaluate(markup) != built, f"{c.id}: editing changed nothing"
        set_field(page, c.id, first, start)
        assert form(page, c.id).evaluate(markup) == built, f"{c.id}: JavaScript renders the built values differently"


# --- Python and JavaScript agree beyond the vectors ----------------------------------------------

JUNK = ["", " ", "abc", "0x10", "1e400", "-1e400", "Infinity", "NaN", "-0", "+5", "1,000", "1,00", "1e3", ".5", "5.",
        "1_000", "\u00a05", "٣", "<b>1</b>", "9" * 30, "0.1e1", "1e-400", " 42\t"]


def _number_text(spec: Input, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.07:
        return rng.choice(JUNK)
    if roll < 0.17:
        edge = rng.choice([spec.min, spec.max, spec.min + 1, spec.max - 1, spec.max + 1, spec.min - 1, 0])
        return format_number(edge, 6, group=False)
    high = spec.max if rng.random() < 0.2 else min(spec.max, 10 ** rng.uniform(0, 5))
    value = rng.uniform(max(spec.min, 0), max(high, spec.min + 1))
    if spec.integer or rng.random() < 0.3:
        return str(round(value))
    return format_number(value, rng.randint(1, 4), group=rng.random() < 0.2)


def generated_cases(c: Calculator, count: int, seed: int) -> list[dict[str, str]]:
    rng = random.Random(f"{seed}-{c.id}")
    cases = []
    for _ in range(count):
        raw = {}
        for spec in c.inputs:
            if spec.type == "choice":
                raw[spec.name] = rng.choice([ch.value for ch in spec.choices] * 8 + ["", "Strong", "<i>x</i>"])
            else:
                raw[spec.name] = _number_text(spec, rng)
        cases.append(raw)
    return cases


# From the Calculators page's path (not its whole address: Material's navigation.tracking may have written a
# #fragment into it as the page scrolled).
EVALUATE_IN_JS = """async ({spec, cases}) => {
  const page = location.origin + location.pathname;
  const core = await import(new URL('../javascripts/calculators/core.js', page).href);
  const registry = await import(new URL('../javascripts/calculators/registry.js', page).href);
  const formula = await registry.load(spec.id);
  return cases.map(raw => core.evaluate(spec, formula, raw));
}"""


@pytest.mark.parametrize("calc_id", SPEC.ids())
def test_javascript_agrees_with_python_on_generated_inputs(page, site_url: str, calc_id: str) -> None:  # type: ignore[no-untyped-def]
    c = calc(calc_id)
    cases = generated_cases(c, 600, seed=20261130)
    open_page(page, f"{site_url}calculators/")
    from_js = page.evaluate(EVALUATE_IN_JS, {"spec": c.to_js(), "cases": cases})
    disagreements = []
    for raw, js in zip(cases, from_js, strict=True):
        py = expected_view(evaluate(c, raw))
        if py != {k: js[k] for k in ("results", "errors", "working", "table")}:
            disagreements.append(f"{raw}\n  python: {py}\n  js:     {js}")
    valid = sum(1 for raw in cases if not evaluate(c, raw).errors)
    assert valid > len(cases) / 3, f"only {valid} of {len(cases)} generated cases were valid: widen the generator"
    assert not disagreements, f"{len(disagreements)} disagreements, first:\n" + "\n".join(disagreements[:3])


# --- Bad input ----------------------------------------------------------------------------------

def bad_values(spec: Input) -> list[str]:
    values = ["", "-1", "abc", "0x10", "1e400", "Infinity"]
    if spec.min_exclusive or spec.min > 0:
        values.append("0")
    values.append(format_number(spec.max + 1, 6, group=False))
    return values


def test_bad_input_matrix(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """Every number field x every kind of bad value: inline message with the range, results cleared."""
    open_page(page, f"{site_url}calculators/")
    tried = 0
    for c in SPEC.calculators:
        good = defaults(c)
        for spec in c.inputs:
            if spec.type != "number":
                continue
            for bad in bad_values(spec):
                set_field(page, c.id, spec, bad)
                seen = read(page, c.id)
                where = f"{c.id}.{spec.name}={bad!r}"
                message = parse_field(bad, spec)[1]
                assert message is not None and range_text(spec) in message, where
                assert seen["errors"] == {spec.name: message}, where
                assert seen["invalid"] == [spec.name], where
                assert all(v == "" for v in seen["results"].values()) and not seen["working"] and not seen["table"], where
                assert seen["statusShown"], where
                assert "NaN" not in seen["text"] and "Infinity" not in seen["text"], where
                tried += 1
            set_field(page, c.id, spec, good[spec.name])
            seen = read(page, c.id)
            assert not seen["errors"] and not seen["invalid"] and not seen["statusShown"], f"{c.id}.{spec.name} restored"
            assert seen_view(seen, c) == expected_view(evaluate(c, good)), f"{c.id}.{spec.name} restored"
    assert tried == sum(len(bad_values(i)) for c in SPEC.calculators for i in c.inputs if i.type == "number")
    # The service maxima the issue names, by their words.
    set_field(page, "dynamodb-capacity", calc("dynamodb-capacity").input("item_kb"), "401")
    assert "400 KB is the DynamoDB maximum item size" in read(page, "dynamodb-capacity")["errors"]["item_kb"]
    set_field(page, "lambda-cost", calc("lambda-cost").input("memory_mb"), "10241")
    assert "10,240 MB is the Lambda maximum" in read(page, "lambda-cost")["errors"]["memory_mb"]


# --- Keyboard and labels ------------------------------------------------------------------------

def test_keyboard_only(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, f"{site_url}calculators/")
    c = calc("dynamodb-capacity")
    # Start from the last link before the form (the service link of its "Explains" line) and Tab in.
    page.locator("h2#dynamodb-capacity ~ p a").nth(1).focus()
    visited = []
    for _ in c.inputs:
        page.keyboard.press("Tab")
        visited.append(page.evaluate("document.activeElement.name"))
    assert visited == [i.name for i in c.inputs], "Tab order follows the fields"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.name") == "item_kb"
    page.keyboard.press("Control+A")
    page.keyboard.type("12")  # 3 read units x 10 = 30 RCU; 12 write units x 10 = 120 WCU
    assert read(page, c.id)["results"] == {"rcu": "30", "wcu": "120"}
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # on the read mode select
    page.keyboard.press("ArrowDown")  # strong -> eventual
    assert read(page, c.id)["values"]["read_mode"] == "eventual"
    assert read(page, c.id)["results"]["rcu"] == "15"
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("abc")
    seen = read(page, c.id)
    assert seen["errors"] == {"writes_per_s": "Not a number: enter a whole number from 0 to 10,000,000 writes/s."}
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')").endswith("-writes_per_s-msg")


def test_every_field_has_a_visible_label_and_results_are_live(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, f"{site_url}calculators/")
    for c in SPEC.calculators:
        f = form(page, c.id)
        assert f.locator(".calc-results").get_attribute("aria-live") == "polite"
        for spec in c.inputs:
            control = f.locator(f'[name="{spec.name}"]')
            label = f.locator(f'label[for="{control.get_attribute("id")}"]')
            assert label.is_visible() and spec.label in label.inner_text(), f"{c.id}.{spec.name}"


def test_worked_example_without_javascript(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(f"{site_url}calculators/")
        for c in SPEC.calculators:
            outputs = tab.locator(f'form[data-calc="{c.id}"] output[data-result]')
            shown = dict(zip(outputs.evaluate_all("os => os.map(o => o.dataset.result)"), outputs.all_inner_texts(), strict=True))
            assert shown == evaluate(c, defaults(c)).results, c.id
        assert tab.locator(".calc-nojs").first.is_visible(), "without JavaScript the example says it is for the values shown"
    finally:
        context.close()


# --- Shared URLs --------------------------------------------------------------------------------

def test_shared_url_restores_inputs_and_results(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    query = "calc=dynamodb-capacity&item_kb=6&reads_per_s=10&read_mode=eventual&writes_per_s=3&write_mode=transactional"
    open_page(page, f"{site_url}calculators/?{query}")
    seen = read(page, "dynamodb-capacity")
    assert seen["values"] == {"item_kb": "6", "reads_per_s": "10", "read_mode": "eventual", "writes_per_s": "3",
                              "write_mode": "transactional"}
    assert seen["results"] == {"rcu": "10", "wcu": "36"}
    assert read(page, "s3-prefixes")["values"] == defaults(calc("s3-prefixes")), "other calculators keep their defaults"
    box = page.locator("#calc-dynamodb-capacity").bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"] / 2, "the shared calculator is scrolled into view"
    # Missing parameters keep their defaults.
    open_page(page, f"{site_url}calculators/?calc=s3-prefixes&gets_per_s=11000")
    assert read(page, "s3-prefixes")["results"]["prefixes"] == "2"


def test_editing_writes_only_the_last_edited_calculator_to_the_url(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, f"{site_url}calculators/?h=shards#kinesis-shards")
    set_field(page, "kinesis-shards", calc("kinesis-shards").input("consumers"), "4")  # in view: no scrolling
    wait_for(page, "() => location.search.includes('consumers=4')")
    query = parse_qs(urlsplit(page.url).query)
    assert query["calc"] == ["kinesis-shards"] and query["fan_out"] == ["shared"] and query["write_mb_s"] == ["3"]
    assert query["h"] == ["shards"] and urlsplit(page.url).fragment == "kinesis-shards", "other parameters and the hash stay"
    set_field(page, "dynamodb-capacity", calc("dynamodb-capacity").input("item_kb"), "9")
    wait_for(page, "() => location.search.includes('item_kb=9')")
    query = parse_qs(urlsplit(page.url).query)
    assert query["calc"] == ["dynamodb-capacity"] and query["read_mode"] == ["strong"] and query["h"] == ["shards"]
    assert "consumers" not in query and "fan_out" not in query, "the previous calculator's values leave the URL"
    set_field(page, "backoff", calc("backoff").input("attempts"), "7")
    wait_for(page, "() => location.search.includes('calc=backoff')")
    query = parse_qs(urlsplit(page.url).query)
    assert "item_kb" not in query and query["attempts"] == ["7"] and query["jitter"] == ["full"]
    shared = page.url
    page.goto("about:blank")
    open_page(page, shared)
    assert read(page, "backoff")["values"]["attempts"] == "7" and read(page, "backoff")["results"]["total_max_ms"] == "12,700"


def url_query(page) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return parse_qs(urlsplit(page.evaluate("location.href")).query)


def settle_url_sync(page) -> None:  # type: ignore[no-untyped-def]
    """Wait past mount.js's URL write delay (150 ms) so that a write that should not happen would have."""
    page.wait_for_timeout(450)


def test_invalid_values_never_reach_the_url(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """The issue: an invalid field was written into the shareable URL, so a shared link opened in an
    error state. While a field is invalid the URL keeps the last valid state."""
    open_page(page, f"{site_url}calculators/")
    gets = calc("s3-prefixes").input("gets_per_s")
    set_field(page, "s3-prefixes", gets, "11000")
    wait_for(page, "() => location.search.includes('gets_per_s=11000')")
    for bad in ("abc", "", "-5", "1e400"):
        set_field(page, "s3-prefixes", gets, bad)
        assert read(page, "s3-prefixes")["errors"], bad
        settle_url_sync(page)
        assert url_query(page)["gets_per_s"] == ["11000"], f"{bad!r} reached the URL"
    # A valid value and, before its delayed write, an invalid one: the valid one is written.
    set_field(page, "s3-prefixes", gets, "12000")
    set_field(page, "s3-prefixes", gets, "12000x")
    settle_url_sync(page)
    assert url_query(page)["gets_per_s"] == ["12000"]
    # A cross-field error (25 consumers: enough for shared throughput, too many for enhanced fan-out) stays out too.
    kinesis = calc("kinesis-shards")
    set_field(page, "kinesis-shards", kinesis.input("consumers"), "25")
    wait_for(page, "() => location.search.includes('consumers=25')")
    set_field(page, "kinesis-shards", kinesis.input("fan_out"), "enhanced")
    assert list(read(page, "kinesis-shards")["errors"]) == ["consumers"]
    settle_url_sync(page)
    query = url_query(page)
    assert query["calc"] == ["kinesis-shards"] and query["consumers"] == ["25"] and query["fan_out"] == ["shared"]
    shared = page.evaluate("location.href")
    page.goto("about:blank")
    open_page(page, shared)
    seen = read(page, "kinesis-shards")
    assert not seen["errors"] and not seen["statusShown"], "the shared link opens without an error"
    assert seen["values"]["consumers"] == "25" and seen["results"]["shards"] == "38"


def test_an_invalid_shared_link_is_shown_but_leaves_the_address_bar(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, f"{site_url}calculators/?h=prefix&calc=s3-prefixes&gets_per_s=abc&puts_per_s=7000#s3-prefixes")
    seen = read(page, "s3-prefixes")
    assert seen["values"]["gets_per_s"] == "abc" and list(seen["errors"]) == ["gets_per_s"]
    wait_for(page, "() => !location.search.includes('calc=')")
    parts = urlsplit(page.evaluate("location.href"))
    assert parse_qs(parts.query) == {"h": ["prefix"]} and parts.fragment == "s3-prefixes", "other parameters stay"
    set_field(page, "s3-prefixes", calc("s3-prefixes").input("gets_per_s"), "5500")  # fixed: shareable again
    wait_for(page, "() => location.search.includes('calc=s3-prefixes')")
    assert url_query(page)["puts_per_s"] == ["7000"]


def phone(browser, width: int = 390, height: int = 844):  # type: ignore[no-untyped-def]
    """A phone-sized tab that records console errors, like the `page` fixture."""
    return recording_tab(browser, viewport={"width": width, "height": height}, is_mobile=True, has_touch=True)


IN_VIEW = """form => {
  const box = form.getBoundingClientRect();
  const first = form.querySelector('input, select').getBoundingClientRect();
  return {top: box.top, firstTop: first.top, firstBottom: first.bottom, height: innerHeight};
}"""


def test_a_shared_link_opens_at_the_calculator_on_a_phone(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """The issue: a shared link landed on the note heading, some 1,450 px above the calculator on a
    phone. Material's navigation.tracking writes the heading in view into the URL as the reader
    scrolls, so the link carries #<note-id>; ?calc= must still win."""
    context, tab, errors = phone(browser)
    try:
        open_page(tab, f"{site_url}services/kinesis/")
        consumers = form(tab, "kinesis-shards").locator('[name="consumers"]')
        consumers.scroll_into_view_if_needed()
        tab.mouse.wheel(0, 200)  # a reader's scroll: Material records the heading above in the URL
        consumers.fill("25")
        wait_for(tab, "() => location.search.includes('consumers=25')")
        made = tab.evaluate("location.href")
        base = made.split("#")[0]
        links = {made, base + "#kinesis-kcl-workers-per-shard", base}
        for link in sorted(links):
            tab.goto("about:blank")
            open_page(tab, link)
            tab.wait_for_timeout(300)  # anything that scrolls after load (the browser, Material) has run
            seen = form(tab, "kinesis-shards").evaluate(IN_VIEW)
            assert 0 <= seen["top"] < seen["height"] / 2, f"{link}: the calculator is {seen['top']:.0f} px from the top"
            assert seen["firstTop"] >= 0 and seen["firstBottom"] <= seen["height"], f"{link}: the first field is in view"
            assert read(tab, "kinesis-shards")["values"]["consumers"] == "25"
    finally:
        context.close()
    assert not errors, f"console errors: {errors}"


def test_hostile_url_values_are_validated_and_never_html(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    payload = '<img src=x onerror="window.__pwned=1">'
    huge = "9" * 400
    url = (f"{site_url}calculators/?calc=s3-prefixes&gets_per_s={quote(payload)}&puts_per_s={huge}"
           f"&calc_extra={quote('<script>window.__pwned=2</script>')}")
    open_page(page, url)
    seen = read(page, "s3-prefixes")
    spec = calc("s3-prefixes")
    assert seen["values"]["gets_per_s"] == payload, "kept as text in the field"
    assert seen["errors"] == {"gets_per_s": parse_field(payload, spec.input("gets_per_s"))[1],
                              "puts_per_s": parse_field(huge, spec.input("puts_per_s"))[1]}
    assert seen["errors"]["puts_per_s"].startswith("Too large")
    assert all(v == "" for v in seen["results"].values())
    assert page.locator("form.calc img, form.calc script").count() == 0
    assert page.evaluate("window.__pwned") is None
    open_page(page, f"{site_url}calculators/?calc=dynamodb-capacity&read_mode={quote('<b>strong</b>')}")
    seen = read(page, "dynamodb-capacity")
    assert seen["errors"] == {"read_mode": "Choose one of: strong, eventual, transactional."}
    assert page.locator("form.calc b").count() == 0


# --- Instant navigation -------------------------------------------------------------------------

COUNT_RECOMPUTES = """form => {
  window.__recomputes = 0;
  new MutationObserver(records => { window.__recomputes += records.length; })
    .observe(form.querySelector('[data-calc-working]'), {childList: true});
}"""


def serve_sitemap_locally(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """Point sitemap.xml at the test server, as it points at the live site in production.

    Material only intercepts links listed in sitemap.xml, and matches them on protocol, host and
    port; the build writes the published site_url there, whose port differs from the test server's.
    """
    def rewrite(route) -> None:  # type: ignore[no-untyped-def]
        response = route.fetch()
        body = re.sub(r"<loc>https?://[^/<]+/", f"<loc>{site_url}", response.text())
        route.fulfill(response=response, body=body)

    page.route("**/sitemap.xml", rewrite)


def test_instant_navigation_binds_each_new_page_once(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    serve_sitemap_locally(page, site_url)
    page.goto(f"{site_url}calculators/", wait_until="networkidle")  # Material reads sitemap.xml first
    come_near(page, ("form.calc[data-calc]",))
    wait_for(page, ALL_BOUND)
    page.evaluate("window.__sameDocument = true")
    # Away by a link and back with the browser's Back button: Material swaps the page in place both
    # times, and the calculators on the page it renders again must be bound again.
    page.locator("h2#dynamodb-capacity ~ p a").nth(1).click()
    # Material's navigation.tracking may carry a #fragment along: match the path only.
    page.wait_for_url(lambda url: urlsplit(url).path.endswith("/services/dynamodb/"))
    wait_for(page, "() => !document.querySelector('form.calc[data-calc=\"s3-prefixes\"]')")
    page.go_back()
    page.wait_for_url(lambda url: urlsplit(url).path.endswith("/calculators/"))
    wait_for(page, ALL_BOUND)
    assert page.evaluate("window.__sameDocument") is True, "Material's instant navigation, not a reload"
    set_field(page, "s3-prefixes", calc("s3-prefixes").input("gets_per_s"), "5501")
    assert read(page, "s3-prefixes")["results"]["prefixes_for_gets"] == "2"
    # Material emitting the same document again must not bind a second time.
    page.evaluate("document$.next(document); document$.next(document)")
    f = form(page, "s3-prefixes")
    f.evaluate(COUNT_RECOMPUTES)
    f.locator('[name="puts_per_s"]').fill("7001")
    assert read(page, "s3-prefixes")["results"]["prefixes_for_puts"] == "3"
    assert page.evaluate("window.__recomputes") == 1, "one input event, one recomputation"


# --- Two calculators on one service page ------------------------------------------------------------

def test_two_calculators_on_one_page(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, f"{site_url}services/lambda/")
    cost_before = read(page, "lambda-cost")
    set_field(page, "lambda-concurrency", calc("lambda-concurrency").input("duration_ms"), "60000")
    assert read(page, "lambda-concurrency")["results"]["concurrency"] == "6,000"
    assert read(page, "lambda-cost") == cost_before, "editing one calculator leaves the other alone"
    wait_for(page, "() => location.search.includes('calc=lambda-concurrency')")
    set_field(page, "lambda-cost", calc("lambda-cost").input("memory_mb"), "2048")
    wait_for(page, "() => location.search.includes('calc=lambda-cost')")
    query = parse_qs(urlsplit(page.url).query)
    assert "requests_per_s" not in query and query["duration_ms"] == ["200"], "only the last-edited calculator"
    # A shared lambda-cost link fills lambda-cost only, though both have a duration_ms field.
    open_page(page, f"{site_url}services/lambda/?calc=lambda-cost&duration_ms=1000")
    assert read(page, "lambda-cost")["values"]["duration_ms"] == "1000"
    assert read(page, "lambda-concurrency")["values"]["duration_ms"] == "500"
    assert read(page, "lambda-cost")["results"]["gb_seconds"] == "3,000,000"


@pytest.mark.parametrize("calc_id", SPEC.ids())
def test_each_inline_calculator_computes(page, site_url: str, calc_id: str) -> None:  # type: ignore[no-untyped-def]
    from tests.unit.test_calculators_build import PLACEMENTS

    c = calc(calc_id)
    cases = json.loads((VECTORS / f"{calc_id}.json").read_text(encoding="utf-8"))["cases"]
    case = next(x for x in cases if "results" in x and x["inputs"] != defaults(c))
    open_page(page, site_url + PLACEMENTS[calc_id][0].removesuffix(".md") + "/")
    fill_all(page, c, case["inputs"])
    assert read(page, calc_id)["results"] == case["results"]


# --- Phone width and both palettes ---------------------------------------------------------------

def test_readable_on_a_phone(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    try:
        open_page(tab, f"{site_url}calculators/")
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"
        for c in SPEC.calculators:
            lefts = form(tab, c.id).locator("input, select").evaluate_all(
                "els => els.map(e => Math.round(e.getBoundingClientRect().left))")
            assert len(set(lefts)) == 1, f"{c.id}: fields stack in one column on a phone"
            box = form(tab, c.id).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    finally:
        context.close()


# How wide each option of each <select> needs the select to be (padding and arrow included): a probe
# select holding only that option, sized by its content.
OPTION_WIDTHS = """form => [...form.querySelectorAll('select')].map(select => ({
  name: select.name,
  width: select.getBoundingClientRect().width,
  options: [...select.options].map(option => {
    const probe = select.cloneNode(false);
    probe.removeAttribute('id');
    probe.append(option.cloneNode(true));
    probe.style.cssText = 'position: absolute; visibility: hidden; width: auto; min-width: 0; max-width: none';
    select.after(probe);
    const need = probe.getBoundingClientRect().width;
    probe.remove();
    return [option.text, need];
  }),
}))"""


def test_every_choice_is_readable_on_a_phone(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """The issue: the fan-out <select> cut its choice off on a 360 px phone. A select shows its choice
    on one line, so every option must fit the select's width."""
    context, tab, errors = phone(browser, 360, 740)
    try:
        open_page(tab, f"{site_url}calculators/")
        checked = 0
        for c in SPEC.calculators:
            for select in form(tab, c.id).evaluate(OPTION_WIDTHS):
                for text, need in select["options"]:
                    assert need <= select["width"], (
                        f"{c.id}.{select['name']}: {text!r} needs {need:.0f} px, the select is {select['width']:.0f} px")
                    checked += 1
        assert checked == sum(len(i.choices) for c in SPEC.calculators for i in c.inputs)
        fan_out = form(tab, "kinesis-shards").locator('[name="fan_out"]')
        for value in ("shared", "enhanced"):
            fan_out.select_option(value)
            assert fan_out.evaluate("s => s.options[s.selectedIndex].text") in ("Shared throughput", "Enhanced fan-out")
        help_text = form(tab, "kinesis-shards").locator(f"#{fan_out.get_attribute('id')}-help")
        assert help_text.is_visible() and "2 MB/s per shard for each consumer" in help_text.inner_text()
    finally:
        context.close()
    assert not errors, f"console errors: {errors}"


def test_kinesis_consumer_limit_follows_the_fan_out_in_the_page(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """25 shared-throughput consumers compute; switching to enhanced fan-out refuses them live."""
    open_page(page, f"{site_url}services/kinesis/")
    c = calc("kinesis-shards")
    fill_all(page, c, {"write_mb_s": "1", "records_per_s": "500", "consumers": "25", "fan_out": "shared"})
    seen = read(page, c.id)
    assert not seen["errors"] and seen["results"]["shards"] == "13"
    assert seen["working"][-1].startswith("GetRecords: 5 calls/s per shard shared by 25 consumers")
    set_field(page, c.id, c.input("fan_out"), "enhanced")
    seen = read(page, c.id)
    assert seen["errors"] == evaluate(c, seen["values"]).errors
    assert seen["errors"]["consumers"].startswith("Too large: 20 is the most enhanced fan-out consumers")
    assert seen["invalid"] == ["consumers"] and seen["statusShown"] and "NaN" not in seen["text"]
    set_field(page, c.id, c.input("consumers"), "20")
    assert not read(page, c.id)["errors"] and read(page, c.id)["results"]["shards"] == "1"
    set_field(page, c.id, c.input("fan_out"), "shared")
    set_field(page, c.id, c.input("consumers"), "51")
    assert "50 is the most shared-throughput consumers" in read(page, c.id)["errors"]["consumers"]


def test_error_state_has_enough_contrast_in_both_palettes(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """axe's colour rules on the Calculators page with every calculator showing a field error."""
    from tests.browser.test_accessibility import axe_source

    open_page(page, f"{site_url}calculators/")
    for c in SPEC.calculators:
        first = next(i for i in c.inputs if i.type == "number")
        set_field(page, c.id, first, "abc")
    # Through the DevTools protocol: the site's Content-Security-Policy refuses inline <script> tags.
    page.evaluate(axe_source())
    for scheme, material in (("light", "default"), ("dark", "slate")):
        page.emulate_media(color_scheme=scheme)
        wait_for(page, f"document.body.dataset.mdColorScheme === {material!r}")
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        assert page.locator(".calc-msg:not(:empty)").count() == len(SPEC.calculators)
        violations = page.evaluate(
            "async () => (await axe.run('.calc-block', {runOnly: {type: 'rule', values: ['color-contrast']}})).violations"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))")
        assert not violations, f"{scheme}: {violations}"


def test_a_page_loads_only_the_formulas_it_shows(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """make audit: importing all six formula modules on a page with one calculator cost main-thread time."""
    open_page(page, f"{site_url}services/dynamodb/")
    shown = set(page.evaluate("[...document.querySelectorAll('form.calc[data-calc]')].map(f => f.dataset.calc)"))
    loaded = {name.rsplit("/", 1)[-1].removesuffix(".js") for name in fetched(page) if "/calculators/" in name}
    formulas = loaded - {"mount", "core", "registry"}
    assert formulas == shown, f"formula modules loaded: {sorted(formulas)}; calculators on the page: {sorted(shown)}"
