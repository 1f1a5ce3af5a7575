"""Capped exponential backoff with jitter: the wait before retry n is min(cap, base × 2^(n−1));
full jitter draws it from [0, that], equal jitter from [that/2, that]. The deterministic parts
(backoff, range, totals) are computed here; the random draw is the client's."""

from __future__ import annotations

from .outcome import Outcome, Values, num

LOW_SHARE = {"none": 1.0, "full": 0.0, "equal": 0.5}
JITTER_WORDS = {
    "none": "No jitter: every client waits exactly the backoff, so clients that failed together retry together.",
    "full": "Full jitter: each wait is random between 0 and the backoff, which spreads clients out the most.",
    "equal": "Equal jitter: each wait is random between half the backoff and the backoff.",
}


def check(v: Values, c: dict[str, float]) -> dict[str, str]:
    """The cap must be at least the base delay."""
    if float(v["cap_ms"]) < float(v["base_ms"]):
        return {"cap_ms": f"Too small: the cap must be at least the base delay ({num(float(v['base_ms']))} ms)."}
    return {}


def compute(v: Values, c: dict[str, float]) -> Outcome:
    base, cap, attempts, jitter = float(v["base_ms"]), float(v["cap_ms"]), int(float(v["attempts"])), str(v["jitter"])
    rows, total_max, total_min, capped_at = [], 0.0, 0.0, 0
    for n in range(1, attempts + 1):
        backoff = base * 2 ** (n - 1)
        wait = min(cap, backoff)
        low = wait * LOW_SHARE[jitter]
        if capped_at == 0 and backoff >= cap:
            capped_at = n
        total_max += wait
        total_min += low
        span = num(wait, 1) if jitter == "none" else f"{num(low, 1)} – {num(wait, 1)}"
        rows.append((str(n), num(wait, 1), span))
    reach = (f"The backoff reaches the {num(cap)} ms cap at retry {capped_at}." if capped_at
             else f"The backoff stays under the {num(cap)} ms cap for all {attempts} retries.")
    working = (
        f"Retry n waits min({num(cap)} ms, {num(base)} ms × 2^(n−1)). {reach}",
        JITTER_WORDS[jitter],
        f"Worst case: the sum of the {len(rows)} backoffs = {num(total_max, 1)} ms; "
        f"shortest: {num(total_min, 1)} ms.",
    )
    return Outcome(values={"total_max_ms": total_max, "total_min_ms": total_min}, working=working, table=tuple(rows))
