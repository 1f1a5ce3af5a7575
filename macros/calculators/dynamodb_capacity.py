"""DynamoDB capacity units: RCU and WCU for a provisioned table.

A read uses one unit per started 4 KB (strongly consistent), half of that (eventually consistent)
or twice that (transactional); a write one unit per started 1 KB, twice for a transactional write.
The per-second total is rounded up to a whole unit at the end.
"""

from __future__ import annotations

from .numbers import ceil_clean, plural
from .outcome import Outcome, Values, counted, num, rounded_up

READ_FACTORS = {"strong": 1.0, "eventual": 0.5, "transactional": 2.0}
READ_WORDS = {"strong": "", "eventual": " × ½ (eventually consistent)", "transactional": " × 2 (transactional)"}
WRITE_FACTORS = {"standard": 1.0, "transactional": 2.0}
WRITE_WORDS = {"standard": "", "transactional": " × 2 (transactional)"}


def _line(size_kb: float, unit_kb: float, rate: float, rate_words: tuple[str, str], mode_words: str,
          exact: float, total: int, unit: str) -> str:
    """ "6 KB → 2 × 4 KB units × 10 reads/s = 20 RCU"."""
    units = ceil_clean(size_kb / unit_kb)
    return (f"{num(size_kb)} KB → {num(units)} × {num(unit_kb)} KB {plural(units, 'unit', 'units')} × "
            f"{counted(rate, *rate_words)}{mode_words} = {rounded_up(exact, total, unit, unit)}")


def compute(v: Values, c: dict[str, float]) -> Outcome:
    item_kb, reads, writes = float(v["item_kb"]), float(v["reads_per_s"]), float(v["writes_per_s"])
    read_mode, write_mode = str(v["read_mode"]), str(v["write_mode"])
    read_units = ceil_clean(item_kb / c["read_unit_kb"])
    write_units = ceil_clean(item_kb / c["write_unit_kb"])
    read_exact = read_units * reads * READ_FACTORS[read_mode]
    write_exact = write_units * writes * WRITE_FACTORS[write_mode]
    rcu, wcu = ceil_clean(read_exact), ceil_clean(write_exact)
    working = (
        _line(item_kb, c["read_unit_kb"], reads, ("read/s", "reads/s"), READ_WORDS[read_mode], read_exact, rcu, "RCU"),
        _line(item_kb, c["write_unit_kb"], writes, ("write/s", "writes/s"), WRITE_WORDS[write_mode], write_exact, wcu,
              "WCU"),
    )
    return Outcome(values={"rcu": rcu, "wcu": wcu}, working=working)
