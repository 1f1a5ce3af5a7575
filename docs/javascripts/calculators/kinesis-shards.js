// Kinesis shards in provisioned mode: mirrors macros/calculators/kinesis_shards.py. No DOM.
import { andList, capitalized, ceilClean, counted, num, roundedUp } from "./core.js";

/** The 20-consumer limit is enhanced fan-out's: shared consumers have no registration limit. */
export function check(v, c) {
  const limit = c.enhanced_max_consumers;
  if (v.fan_out === "enhanced" && v.consumers > limit) {
    return {
      consumers: `Too large: ${num(limit)} is the most enhanced fan-out consumers a provisioned stream can ` +
        `register. Enter a whole number from 1 to ${num(limit)} consumers.`,
    };
  }
  return {};
}

export function compute(v, c) {
  const shared = v.fan_out === "shared";
  const writeExact = v.write_mb_s / c.shard_write_mb_s;
  const recordsExact = v.records_per_s / c.shard_write_records_s;
  const readsExact = shared ? v.write_mb_s * v.consumers / c.shard_read_mb_s : v.write_mb_s / c.shard_read_mb_s;
  const forWrite = ceilClean(writeExact);
  const forRecords = ceilClean(recordsExact);
  const forReads = ceilClean(readsExact);
  const shards = Math.max(1, forWrite, forRecords, forReads);
  const readsLabel = shared ? `reads shared by ${counted(v.consumers, "consumer", "consumers")}` : "reads";
  const labels = [[forWrite, "incoming data"], [forRecords, "incoming records"], [forReads, readsLabel]];
  const top = Math.max(forWrite, forRecords, forReads);
  let binding;
  if (top === 0) {
    binding = "None: with no traffic a stream still has one shard";
  } else {
    const deciding = labels.filter(([count]) => count === top).map(([, label]) => label);
    binding = capitalized(andList(deciding)) + (deciding.length > 1 ? " (tied)" : "");
  }
  const readsLine = shared
    ? `Reads: ${num(v.write_mb_s)} MB/s × ${counted(v.consumers, "consumer", "consumers")} ÷ ${num(c.shard_read_mb_s)} MB/s per shard = `
    : `Reads: ${num(v.write_mb_s)} MB/s ÷ ${num(c.shard_read_mb_s)} MB/s per shard for each consumer = `;
  const working = [
    `Incoming data: ${num(v.write_mb_s)} MB/s ÷ ${num(c.shard_write_mb_s)} MB/s per shard = ` +
      roundedUp(writeExact, forWrite, "shard", "shards"),
    `Incoming records: ${num(v.records_per_s)} records/s ÷ ${num(c.shard_write_records_s)} records/s per shard = ` +
      roundedUp(recordsExact, forRecords, "shard", "shards"),
    readsLine + roundedUp(readsExact, forReads, "shard", "shards"),
    `Shards = the largest of ${num(forWrite)}, ${num(forRecords)}, ${num(forReads)} and 1 = ${num(shards)}`,
  ];
  if (shared) {
    const calls = c.shard_read_calls_s;
    working.push(
      `GetRecords: ${num(calls)} calls/s per shard shared by ${counted(v.consumers, "consumer", "consumers")} = ` +
        `at most one call every ${num(v.consumers / calls)} s per consumer on each shard`,
    );
  }
  const kcl = `At most ${num(shards)} busy, one per shard lease; more workers sit idle.`;
  return {
    values: {
      shards, shards_for_write: forWrite, shards_for_records: forRecords, shards_for_reads: forReads,
      binding, kcl_workers: kcl,
    },
    working,
  };
}
