// Calculators: the one entry point. Binds every form.calc[data-calc] on the page once, recomputes
// as the reader types, shows inline field messages, and mirrors the last-edited calculator in the
// URL query string (?calc=<id>&<input>=<value>...) so a calculation can be shared. Only a valid
// state reaches the URL: while a field is invalid the URL keeps the last valid one, so a shared link
// never opens in an error state. Opening such a link scrolls to the calculator it names.
//
// Material's instant navigation swaps the page without reloading scripts, so this subscribes to
// Material's document$ and binds again on each new page; data-calc-bound guards against binding a
// form twice. Values from the URL only ever reach input.value and textContent, never HTML.
// The arithmetic loads only on pages that have a calculator, and only the formulas of the calculators
// on the page (registry.js); after that, every recomputation is synchronous.

const URL_KEY = "calc";
const SYNC_DELAY_MS = 150;
const syncTimers = new WeakMap();
let modules = null; // a promise of { evaluate, registry }, started on the first page with a calculator

function loadModules() {
  if (modules === null) {
    modules = Promise.all([import("./core.js"), import("./registry.js")])
      .then(([core, registry]) => ({ evaluate: core.evaluate, registry }));
  }
  return modules;
}

/** { evaluate, FORMULAS } with the formulas of these forms' calculators only. */
async function loadFor(forms) {
  const { evaluate, registry } = await loadModules();
  const ids = [...new Set(forms.map((form) => form.dataset.calc))];
  const found = await Promise.all(ids.map((id) => registry.load(id)));
  return { evaluate, FORMULAS: Object.fromEntries(ids.map((id, i) => [id, found[i]]).filter(([, f]) => f)) };
}

function controlsOf(form, spec) {
  return spec.inputs.map((input) => [input.name, form.elements.namedItem(input.name)]);
}

function rawValues(form, spec) {
  const raw = {};
  for (const [name, control] of controlsOf(form, spec)) raw[name] = control ? control.value : "";
  return raw;
}

/** The values the page was built with (the HTML's own value and selected attributes). */
function builtValues(form, spec) {
  const raw = {};
  for (const [name, control] of controlsOf(form, spec)) {
    if (!control) raw[name] = "";
    else if (control instanceof HTMLSelectElement) {
      raw[name] = ([...control.options].find((option) => option.defaultSelected) ?? control.options[0])?.value ?? "";
    } else raw[name] = control.defaultValue;
  }
  return raw;
}

function showFieldMessages(form, spec, errors) {
  for (const [name, control] of controlsOf(form, spec)) {
    const message = form.querySelector(`[data-msg-for="${name}"]`);
    const error = Object.hasOwn(errors, name) ? errors[name] : "";
    if (message) message.textContent = error;
    if (!control) continue;
    if (error) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  }
}

function listItems(lines) {
  return lines.map((text) => {
    const item = document.createElement("li");
    item.textContent = text;
    return item;
  });
}

function tableRows(rows) {
  return rows.map((cells) => {
    const row = document.createElement("tr");
    for (const text of cells) {
      const cell = document.createElement("td");
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  });
}

function show(form, evaluation) {
  const invalid = Object.keys(evaluation.errors).length > 0;
  for (const output of form.querySelectorAll("output[data-result]")) {
    const name = output.dataset.result;
    output.textContent = Object.hasOwn(evaluation.results, name) ? evaluation.results[name] : "";
  }
  const status = form.querySelector("[data-calc-status]");
  if (status) status.hidden = !invalid;
  const working = form.querySelector("[data-calc-working]");
  if (working) working.replaceChildren(...listItems(evaluation.working));
  const body = form.querySelector("table[data-calc-table] tbody");
  if (body) body.replaceChildren(...tableRows(evaluation.table));
  form.dataset.calcState = invalid ? "invalid" : "ok";
}

/** Show the evaluation of `raw`; true when every field is valid. */
function recompute(evaluate, form, spec, formula, raw) {
  const evaluation = evaluate(spec, formula, raw);
  showFieldMessages(form, spec, evaluation.errors);
  show(form, evaluation);
  return Object.keys(evaluation.errors).length === 0;
}

/** Every input name of every calculator on the page, so that the URL only names the last one edited. */
function pageInputNames() {
  const names = new Set([URL_KEY]);
  for (const form of document.querySelectorAll("form.calc[data-calc-bound]")) {
    for (const input of JSON.parse(form.dataset.spec).inputs) names.add(input.name);
  }
  return names;
}

/** Replace the page's calculator parameters in the URL with `raw` for `spec`, or remove them (raw null). */
function writeUrl(spec, raw) {
  const params = new URLSearchParams(window.location.search);
  for (const name of pageInputNames()) params.delete(name);
  if (raw) {
    params.set(URL_KEY, spec.id);
    for (const [name, value] of Object.entries(raw)) params.set(name, value);
  }
  const query = params.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`;
  window.history.replaceState(window.history.state, "", url);
}

/**
 * Write `raw`, a valid state of the form, to the URL shortly. The values are taken now, not when the
 * timer fires: by then the reader may have typed an invalid value, and the URL keeps the valid one.
 */
function scheduleSync(form, spec, raw) {
  window.clearTimeout(syncTimers.get(form));
  syncTimers.set(form, window.setTimeout(() => {
    if (form.isConnected) writeUrl(spec, raw); // else the reader navigated away before the timer fired
  }, SYNC_DELAY_MS));
}

/** Put the URL's values into the form named by ?calc=; true when it did. Validation happens in recompute. */
function restoreFromUrl(form, spec) {
  const params = new URLSearchParams(window.location.search);
  if (params.get(URL_KEY) !== spec.id) return false;
  for (const [name, control] of controlsOf(form, spec)) {
    if (control && params.has(name)) control.value = params.get(name);
  }
  return true;
}

function bind({ evaluate, FORMULAS }, form, restoreTaken) {
  if (form.dataset.calcBound) return;
  const spec = JSON.parse(form.dataset.spec);
  const formula = FORMULAS[spec.id];
  if (!formula) {
    console.error(`calculators: no formula for "${spec.id}"`);
    return;
  }
  form.dataset.calcBound = "true";
  let shown = null; // the field values on display, so a `change` after an `input` does no work twice
  // Recompute if the values changed: null when they did not, else {raw, valid}.
  const update = () => {
    const raw = rawValues(form, spec);
    const key = JSON.stringify(raw);
    if (key === shown) return null;
    shown = key;
    return { raw, valid: recompute(evaluate, form, spec, formula, raw) };
  };
  const onEdit = () => {
    const updated = update();
    // An invalid state never reaches the URL: it keeps the last valid one (a pending write included).
    if (updated?.valid) scheduleSync(form, spec, updated.raw);
  };
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  form.addEventListener("submit", (event) => event.preventDefault());
  const restored = !restoreTaken.has(spec.id) && restoreFromUrl(form, spec);
  if (restored) restoreTaken.add(spec.id);
  // The page was built showing the result for its own values (macros/calculators.py, the same formulas:
  // tests/unit/test_calculator_vectors_node.py), so those are not computed again on load (make audit:
  // main-thread work on the calculator pages); values from the URL, or that the browser restored into the
  // fields, are.
  else shown = JSON.stringify(builtValues(form, spec));
  const shownFirst = update();
  if (!restored) return;
  // A link with invalid values (hand-edited, or from an older version of the page): the fields show
  // them with their messages, but the address bar drops them rather than pass the error state on.
  if (!shownFirst.valid) writeUrl(spec, null);
  scrollToCalculator(form);
}

/**
 * Bring a restored calculator into view. ?calc= names it, so it wins over the URL's #fragment: that
 * is usually the heading Material's navigation.tracking wrote into the address bar as the reader
 * scrolled (the note above the calculator, a screen or more up on a phone), and the browser has
 * already scrolled there. Some browsers keep a #fragment in view until the load event, so if that is
 * still to come, scroll again then unless the reader has scrolled in the meantime.
 */
function scrollToCalculator(form) {
  const block = form.closest(".calc-block") || form;
  block.scrollIntoView({ block: "start" });
  if (document.readyState === "complete") return;
  const readerScrolled = new AbortController();
  for (const type of ["wheel", "touchstart", "keydown"]) {
    window.addEventListener(type, () => readerScrolled.abort(), { once: true, passive: true, signal: readerScrolled.signal });
  }
  window.addEventListener("load", () => {
    if (!readerScrolled.signal.aborted && block.isConnected) block.scrollIntoView({ block: "start" });
    readerScrolled.abort();
  }, { once: true, signal: readerScrolled.signal });
}

function mountAll() {
  const forms = [...document.querySelectorAll("form.calc[data-calc]:not([data-calc-bound])")];
  if (forms.length === 0) return;
  loadFor(forms).then((loaded) => {
    const restoreTaken = new Set();
    for (const form of forms) if (form.isConnected) bind(loaded, form, restoreTaken);
  }, (error) => console.error("calculators: could not load", error));
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(mountAll);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountAll, { once: true });
} else {
  mountAll();
}
