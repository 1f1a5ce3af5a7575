// Capped exponential backoff with jitter: mirrors macros/calculators/backoff.py. No DOM.
import { num } from "./core.js";

const LOW_SHARE = { none: 1, full: 0, equal: 0.5 };
const JITTER_WORDS = {
  none: "No jitter: every client waits exactly the backoff, so clients that failed together retry together.",
  full: "Full jitter: each wait is random between 0 and the backoff, which spreads clients out the most.",
  equal: "Equal jitter: each wait is random between half the backoff and the backoff.",
};

/** The cap must be at least the base delay. */
export function check(v) {
  if (v.cap_ms < v.base_ms) return { cap_ms: `Too small: the cap must be at least the base delay (${num(v.base_ms)} ms).` };
  return {};
}

export function compute(v) {
  const { base_ms: base, cap_ms: cap, attempts, jitter } = v;
  const rows = [];
  let totalMax = 0;
  let totalMin = 0;
  let cappedAt = 0;
  for (let n = 1; n <= attempts; n += 1) {
    const backoff = base * 2 ** (n - 1);
    const wait = Math.min(cap, backoff);
    const low = wait * LOW_SHARE[jitter];
    if (cappedAt === 0 && backoff >= cap) cappedAt = n;
    totalMax += wait;
    totalMin += low;
    const span = jitter === "none" ? num(wait, 1) : `${num(low, 1)} – ${num(wait, 1)}`;
    rows.push([String(n), num(wait, 1), span]);
  }
  const reach = cappedAt
    ? `The backoff reaches the ${num(cap)} ms cap at retry ${cappedAt}.`
    : `The backoff stays under the ${num(cap)} ms cap for all ${attempts} retries.`;
  const working = [
    `Retry n waits min(${num(cap)} ms, ${num(base)} ms × 2^(n−1)). ${reach}`,
    JITTER_WORDS[jitter],
    `Worst case: the sum of the ${rows.length} backoffs = ${num(totalMax, 1)} ms; shortest: ${num(totalMin, 1)} ms.`,
  ];
  return { values: { total_max_ms: totalMax, total_min_ms: totalMin }, working, table: rows };
}
