"""Lambda concurrency: requests per second × average duration in seconds, against the limit.

Requests that need more concurrent executions than the limit are throttled (HTTP 429).
"""

from __future__ import annotations

from .outcome import Outcome, Values, num


def compute(v: Values, c: dict[str, float]) -> Outcome:
    requests, duration_ms, limit = float(v["requests_per_s"]), float(v["duration_ms"]), float(v["limit"])
    concurrency = requests * duration_ms / 1000
    if concurrency <= limit:
        verdict = (f"Within the limit: {num(concurrency, 2)} of {num(limit)} concurrent executions in use, "
                   f"{num(limit - concurrency, 2)} to spare.")
    else:
        verdict = (f"Over the limit by {num(concurrency - limit, 2)}: requests beyond {num(limit)} concurrent "
                   "executions are throttled (HTTP 429 TooManyRequestsException).")
    working = (
        f"{num(requests)} requests/s × {num(duration_ms / 1000, 9)} s = {num(concurrency, 2)} concurrent executions",
    )
    return Outcome(
        values={"concurrency": concurrency, "headroom": max(limit - concurrency, 0.0), "verdict": verdict},
        working=working,
    )
