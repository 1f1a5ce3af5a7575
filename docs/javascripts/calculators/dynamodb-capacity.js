// DynamoDB capacity units: mirrors macros/calculators/dynamodb_capacity.py. No DOM.
import { ceilClean, counted, num, plural, roundedUp } from "./core.js";

const READ_FACTORS = { strong: 1, eventual: 0.5, transactional: 2 };
const READ_WORDS = { strong: "", eventual: " × ½ (eventually consistent)", transactional: " × 2 (transactional)" };
const WRITE_FACTORS = { standard: 1, transactional: 2 };
const WRITE_WORDS = { standard: "", transactional: " × 2 (transactional)" };

function line(sizeKb, unitKb, rate, rateWords, modeWords, exact, total, unit) {
  const units = ceilClean(sizeKb / unitKb);
  return `${num(sizeKb)} KB → ${num(units)} × ${num(unitKb)} KB ${plural(units, "unit", "units")} × ` +
    `${counted(rate, ...rateWords)}${modeWords} = ${roundedUp(exact, total, unit, unit)}`;
}

export function compute(v, c) {
  const readUnits = ceilClean(v.item_kb / c.read_unit_kb);
  const writeUnits = ceilClean(v.item_kb / c.write_unit_kb);
  const readExact = readUnits * v.reads_per_s * READ_FACTORS[v.read_mode];
  const writeExact = writeUnits * v.writes_per_s * WRITE_FACTORS[v.write_mode];
  const rcu = ceilClean(readExact);
  const wcu = ceilClean(writeExact);
  const working = [
    line(v.item_kb, c.read_unit_kb, v.reads_per_s, ["read/s", "reads/s"], READ_WORDS[v.read_mode], readExact, rcu, "RCU"),
    line(v.item_kb, c.write_unit_kb, v.writes_per_s, ["write/s", "writes/s"], WRITE_WORDS[v.write_mode], writeExact, wcu, "WCU"),
  ];
  return { values: { rcu, wcu }, working };
}
