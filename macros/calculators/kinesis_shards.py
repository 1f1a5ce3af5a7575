"""Kinesis shards in provisioned mode: the largest of the write, record and read constraints.

Per shard: 1 MB/s and 1,000 records/s in, 2 MB/s out, shared by all consumers (shared fan-out)
or per consumer (enhanced fan-out). Each constraint is rounded up; a stream has at least one shard.
Shared consumers also share a shard's 5 GetRecords calls per second, which the working states; only
enhanced fan-out has a registration limit (20 consumers), checked here because it depends on the mode.
"""

from __future__ import annotations

from .numbers import ceil_clean
from .outcome import Outcome, Values, and_list, capitalized, counted, num, rounded_up


def check(v: Values, c: dict[str, float]) -> dict[str, str]:
    """The 20-consumer limit is enhanced fan-out's: shared consumers have no registration limit."""
    limit = c["enhanced_max_consumers"]
    if v["fan_out"] == "enhanced" and float(v["consumers"]) > limit:
        return {"consumers": f"Too large: {num(limit)} is the most enhanced fan-out consumers a provisioned stream can "
                             f"register. Enter a whole number from 1 to {num(limit)} consumers."}
    return {}


def compute(v: Values, c: dict[str, float]) -> Outcome:
    write, records, consumers = float(v["write_mb_s"]), float(v["records_per_s"]), float(v["consumers"])
    shared = v["fan_out"] == "shared"
    write_exact = write / c["shard_write_mb_s"]
    records_exact = records / c["shard_write_records_s"]
    reads_exact = write * consumers / c["shard_read_mb_s"] if shared else write / c["shard_read_mb_s"]
    for_write, for_records, for_reads = ceil_clean(write_exact), ceil_clean(records_exact), ceil_clean(reads_exact)
    shards = max(1, for_write, for_records, for_reads)
    reads_label = f"reads shared by {counted(consumers, 'consumer', 'consumers')}" if shared else "reads"
    labels = [(for_write, "incoming data"), (for_records, "incoming records"), (for_reads, reads_label)]
    top = max(for_write, for_records, for_reads)
    if top == 0:
        binding = "None: with no traffic a stream still has one shard"
    else:
        deciding = [label for count, label in labels if count == top]
        binding = capitalized(and_list(deciding)) + (" (tied)" if len(deciding) > 1 else "")
    reads_line = (
        f"Reads: {num(write)} MB/s × {counted(consumers, 'consumer', 'consumers')} ÷ {num(c['shard_read_mb_s'])} MB/s "
        "per shard = "
        if shared
        else f"Reads: {num(write)} MB/s ÷ {num(c['shard_read_mb_s'])} MB/s per shard for each consumer = "
    )
    working = (
        f"Incoming data: {num(write)} MB/s ÷ {num(c['shard_write_mb_s'])} MB/s per shard = "
        + rounded_up(write_exact, for_write, "shard", "shards"),
        f"Incoming records: {num(records)} records/s ÷ {num(c['shard_write_records_s'])} records/s per shard = "
        + rounded_up(records_exact, for_records, "shard", "shards"),
        reads_line + rounded_up(reads_exact, for_reads, "shard", "shards"),
        f"Shards = the largest of {num(for_write)}, {num(for_records)}, {num(for_reads)} and 1 = {num(shards)}",
    )
    if shared:
        calls = c["shard_read_calls_s"]
        working += (
            f"GetRecords: {num(calls)} calls/s per shard shared by {counted(consumers, 'consumer', 'consumers')} = "
            f"at most one call every {num(consumers / calls)} s per consumer on each shard",
        )
    kcl = f"At most {num(shards)} busy, one per shard lease; more workers sit idle."
    return Outcome(
        values={"shards": shards, "shards_for_write": for_write, "shards_for_records": for_records,
                "shards_for_reads": for_reads, "binding": binding, "kcl_workers": kcl},
        working=working,
    )
