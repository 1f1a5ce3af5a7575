"""Lambda cost: GB-seconds, compute and request charges, and the memory's share of a vCPU.

Duration is billed rounded up to the next millisecond; GB-seconds = memory in GB × billed seconds ×
invocations. CPU is proportional to memory: 1,769 MB is one vCPU, up to 6 vCPUs.
"""

from __future__ import annotations

from .numbers import ceil_clean, snap
from .outcome import Outcome, Values, counted, money, num, price


def compute(v: Values, c: dict[str, float]) -> Outcome:
    memory_mb, duration_ms = float(v["memory_mb"]), float(v["duration_ms"])
    invocations, price_gb_s, price_million = float(v["invocations"]), float(v["price_gb_s"]), float(v["price_per_million"])
    billed_ms = ceil_clean(duration_ms)
    gb_seconds = memory_mb * billed_ms * invocations / 1024000
    compute_cost = gb_seconds * price_gb_s
    request_cost = invocations * price_million / 1000000
    cost = compute_cost + request_cost
    vcpu = min(memory_mb / c["mb_per_vcpu"], c["max_vcpu"])
    working = []
    if snap(duration_ms) != billed_ms:
        working.append(f"Billed duration: {num(duration_ms)} ms rounds up to {num(billed_ms)} ms.")
    working += [
        f"{num(memory_mb)} MB ÷ 1,024 = {num(memory_mb / 1024, 4)} GB × {num(billed_ms / 1000, 3)} s × "
        f"{counted(invocations, 'invocation', 'invocations')} = {num(gb_seconds, 3)} GB-s",
        f"{num(gb_seconds, 3)} GB-s × ${price(price_gb_s)} = ${money(compute_cost)}; "
        f"{counted(invocations, 'request', 'requests')} × ${price(price_million)} per million = ${money(request_cost)}; "
        f"total ${money(cost)}",
        f"{num(memory_mb)} MB ÷ {num(c['mb_per_vcpu'])} MB per vCPU = {num(vcpu, 2)} vCPU"
        + (f" (capped at {num(c['max_vcpu'])})" if memory_mb / c["mb_per_vcpu"] > c["max_vcpu"] else ""),
    ]
    return Outcome(
        values={"vcpu": vcpu, "gb_seconds": gb_seconds, "compute_cost": compute_cost, "request_cost": request_cost,
                "cost": cost},
        working=tuple(working),
    )
