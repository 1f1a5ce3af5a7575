// Calculators: reading, validating, rounding and printing numbers. No DOM.
// Mirrors macros/calculators/{numbers,validate,outcome,evaluate}.py step for step (same IEEE-754
// operations in the same order) so that the page prints exactly what the build printed; the
// shared vectors in tests/vectors/ and a differential test hold the two to that.

const DECIMAL = /^[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const SPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;
const SNAP_LIMIT = 2 ** 53 / 1e9;

/** Strip ASCII spaces, tabs and newlines only. */
export function trim(raw) {
  return raw.replace(SPACE, "");
}

/** The number a trimmed string denotes, or null when it is not a plain decimal ("0x10", "Infinity"). */
export function parseDecimal(text) {
  if (!DECIMAL.test(text)) return null;
  return Number(text.replace(/,/g, "")) + 0; // + 0 turns -0 into 0
}

/** x rounded to 9 decimals, which removes float noise (1.1 * 20 / 2 is 11.000000000000002). */
export function snap(x) {
  if (x >= 0 && x < SNAP_LIMIT) return Math.floor(x * 1e9 + 0.5) / 1e9;
  return x;
}

/** Round up to a whole number, ignoring float noise below 1e-9. */
export function ceilClean(x) {
  return Math.ceil(snap(x));
}

function group(whole) {
  const head = whole.length % 3 || 3;
  const parts = [whole.slice(0, head)];
  for (let i = head; i < whole.length; i += 3) parts.push(whole.slice(i, i + 3));
  return parts.join(",");
}

/** x rounded half up to `decimals` places, with thousands commas unless group is false. */
export function formatNumber(x, decimals = 0, trimZeros = true, grouped = true) {
  if (!Number.isFinite(x)) throw new RangeError(`cannot format non-finite number ${x}`);
  const scaled = Math.floor(Math.abs(x) * 10 ** decimals + 0.5);
  const digits = BigInt(scaled).toString().padStart(decimals + 1, "0");
  let whole = decimals ? digits.slice(0, -decimals) : digits;
  let frac = decimals ? digits.slice(-decimals) : "";
  if (trimZeros) frac = frac.replace(/0+$/, "");
  if (grouped) whole = group(whole);
  const sign = x < 0 && scaled !== 0 ? "-" : "";
  return frac ? `${sign}${whole}.${frac}` : `${sign}${whole}`;
}

export function plural(count, one, many) {
  return count === 1 ? one : many;
}

// Phrasing helpers (outcome.py) --------------------------------------------------------------

export function num(x, decimals = 6) {
  return formatNumber(x, decimals);
}

export function counted(count, one, many, decimals = 6) {
  return `${num(count, decimals)} ${plural(count, one, many)}`;
}

export function roundedUp(exact, result, one, many) {
  if (snap(exact) === result) return counted(result, one, many);
  return `${num(exact)}, rounded up to ${counted(result, one, many)}`;
}

export function price(x) {
  const [whole, frac = ""] = formatNumber(x, 10).split(".");
  return `${whole}.${frac.padEnd(2, "0")}`;
}

export function money(x) {
  return formatNumber(x, 2, false);
}

export function capitalized(text) {
  return text.slice(0, 1).toUpperCase() + text.slice(1);
}

export function andList(items) {
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

// Validation (validate.py) ------------------------------------------------------------------

export function rangeText(spec) {
  const unit = spec.unit ? ` ${spec.unit}` : "";
  const kind = spec.integer ? "a whole number" : "a number";
  const low = formatNumber(spec.min, 6);
  const high = formatNumber(spec.max, 6);
  if (spec.minExclusive) return `${kind} greater than ${low} and at most ${high}${unit}`;
  return `${kind} from ${low} to ${high}${unit}`;
}

function message(problem, note, spec) {
  if (note) return `${problem}: ${note}. Enter ${rangeText(spec)}.`;
  return `${problem}: enter ${rangeText(spec)}.`;
}

function parseNumber(raw, spec) {
  const text = trim(raw);
  if (text === "") return [null, message("Required", "", spec)];
  const value = parseDecimal(text);
  if (value === null) return [null, message("Not a number", "", spec)];
  if (value < spec.min || (spec.minExclusive && value === spec.min)) return [null, message("Too small", spec.minNote, spec)];
  if (value > spec.max) return [null, message("Too large", spec.maxNote, spec)];
  if (spec.integer && !Number.isInteger(value)) return [null, message("Not a whole number", "", spec)];
  return [value, null];
}

function parseChoice(raw, spec) {
  if (spec.choices.includes(raw)) return [raw, null];
  return [null, `Choose one of: ${spec.choices.join(", ")}.`];
}

/** [value, null] when valid, else [null, message]. */
export function parseField(raw, spec) {
  return spec.type === "choice" ? parseChoice(raw, spec) : parseNumber(raw, spec);
}

/** Every field at once: the valid values and a message per invalid field (missing counts as empty). */
export function parseFields(raw, inputs) {
  const values = {};
  const errors = {};
  for (const spec of inputs) {
    const [value, error] = parseField(Object.hasOwn(raw, spec.name) ? String(raw[spec.name]) : "", spec);
    if (error !== null) errors[spec.name] = error;
    else values[spec.name] = value;
  }
  return { values, errors };
}

// Evaluation (evaluate.py) ------------------------------------------------------------------

/**
 * Validate the raw field text, compute with the calculator's formula module and print the results.
 * Returns {results, working, table, errors}; when errors is non-empty the rest is empty.
 */
export function evaluate(spec, formula, raw) {
  const parsed = parseFields(raw, spec.inputs);
  let errors = parsed.errors;
  if (Object.keys(errors).length === 0 && typeof formula.check === "function") {
    errors = formula.check(parsed.values, spec.constants);
  }
  if (Object.keys(errors).length > 0) return { results: {}, working: [], table: [], errors };
  const outcome = formula.compute(parsed.values, spec.constants);
  const results = {};
  for (const result of spec.results) {
    if (!Object.hasOwn(outcome.values, result.name)) throw new Error(`${spec.id}: formula did not return ${result.name}`);
    const value = outcome.values[result.name];
    results[result.name] = result.kind === "text" ? String(value) : formatNumber(value, result.decimals, result.trim);
  }
  return { results, working: outcome.working, table: outcome.table || [], errors: {} };
}
