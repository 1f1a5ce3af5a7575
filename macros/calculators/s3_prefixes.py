"""S3 prefixes: partitioned prefixes needed at 5,500 GET/HEAD and 3,500 PUT/COPY/POST/DELETE
requests per second per prefix; at least one."""

from __future__ import annotations

from .numbers import ceil_clean
from .outcome import Outcome, Values, capitalized, num, rounded_up


def compute(v: Values, c: dict[str, float]) -> Outcome:
    gets, puts = float(v["gets_per_s"]), float(v["puts_per_s"])
    gets_exact, puts_exact = gets / c["gets_per_prefix"], puts / c["puts_per_prefix"]
    for_gets, for_puts = ceil_clean(gets_exact), ceil_clean(puts_exact)
    prefixes = max(1, for_gets, for_puts)
    if for_gets == for_puts == 0:
        binding = "None: with no requests one prefix is enough"
    elif for_gets == for_puts:
        binding = "GET/HEAD and PUT/COPY/POST/DELETE requests (tied)"
    else:
        binding = capitalized("GET/HEAD requests" if for_gets > for_puts else "PUT/COPY/POST/DELETE requests")
    working = (
        f"GET/HEAD: {num(gets)} requests/s ÷ {num(c['gets_per_prefix'])} per prefix = "
        + rounded_up(gets_exact, for_gets, "prefix", "prefixes"),
        f"PUT/COPY/POST/DELETE: {num(puts)} requests/s ÷ {num(c['puts_per_prefix'])} per prefix = "
        + rounded_up(puts_exact, for_puts, "prefix", "prefixes"),
        f"Prefixes = the larger of {num(for_gets)} and {num(for_puts)}, at least 1 = {num(prefixes)}",
    )
    return Outcome(
        values={"prefixes": prefixes, "prefixes_for_gets": for_gets, "prefixes_for_puts": for_puts, "binding": binding},
        working=working,
    )
