// Calculators: the one entry point. Binds every form.calc[data-calc] on the page once, recomputes
// as the reader types, shows inline field messages, and mirrors the last-edited calculator in the
// URL query string (?calc=<id>&<input>=<value>...) so a calculation can be shared.
//
// Material's instant navigation swaps the page without reloading scripts, so this subscribes to
// Material's document$ and binds again on each new page; data-calc-bound guards against binding a
// form twice. Values from the URL only ever reach input.value and textContent, never HTML.
// The arithmetic modules load only on pages that have a calculator; after that, every
// recomputation is synchronous.

const URL_KEY = "calc";
const SYNC_DELAY_MS = 150;
const syncTimers = new WeakMap();
let modules = null; // a promise of { evaluate, FORMULAS }, started on the first page with a calculator

function loadModules() {
  if (modules === null) {
    modules = Promise.all([import("./core.js"), import("./registry.js")])
      .then(([core, registry]) => ({ evaluate: core.evaluate, FORMULAS: registry.FORMULAS }));
  }
  return modules;
}

function controlsOf(form, spec) {
  return spec.inputs.map((input) => [input.name, form.elements.namedItem(input.name)]);
}

function rawValues(form, spec) {
  const raw = {};
  for (const [name, control] of controlsOf(form, spec)) raw[name] = control ? control.value : "";
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

function recompute(evaluate, form, spec, formula, raw) {
  const evaluation = evaluate(spec, formula, raw);
  showFieldMessages(form, spec, evaluation.errors);
  show(form, evaluation);
}

/** Every input name of every calculator on the page, so that the URL only names the last one edited. */
function pageInputNames() {
  const names = new Set([URL_KEY]);
  for (const form of document.querySelectorAll("form.calc[data-calc-bound]")) {
    for (const input of JSON.parse(form.dataset.spec).inputs) names.add(input.name);
  }
  return names;
}

function syncUrl(form, spec) {
  if (!form.isConnected) return; // the reader navigated away before the timer fired
  const params = new URLSearchParams(window.location.search);
  for (const name of pageInputNames()) params.delete(name);
  params.set(URL_KEY, spec.id);
  for (const [name, value] of Object.entries(rawValues(form, spec))) params.set(name, value);
  const url = `${window.location.pathname}?${params.toString()}${window.location.hash}`;
  window.history.replaceState(window.history.state, "", url);
}

function scheduleSync(form, spec) {
  window.clearTimeout(syncTimers.get(form));
  syncTimers.set(form, window.setTimeout(() => syncUrl(form, spec), SYNC_DELAY_MS));
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
  const update = () => {
    const raw = rawValues(form, spec);
    const key = JSON.stringify(raw);
    if (key === shown) return false;
    shown = key;
    recompute(evaluate, form, spec, formula, raw);
    return true;
  };
  const onEdit = () => {
    if (update()) scheduleSync(form, spec);
  };
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  form.addEventListener("submit", (event) => event.preventDefault());
  const restored = !restoreTaken.has(spec.id) && restoreFromUrl(form, spec);
  if (restored) restoreTaken.add(spec.id);
  update();
  if (restored && !window.location.hash) form.closest(".calc-block")?.scrollIntoView({ block: "start" });
}

function mountAll() {
  const forms = [...document.querySelectorAll("form.calc[data-calc]:not([data-calc-bound])")];
  if (forms.length === 0) return;
  loadModules().then((loaded) => {
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
