// S3 prefixes for a request rate: mirrors macros/calculators/s3_prefixes.py. No DOM.
import { capitalized, ceilClean, num, roundedUp } from "./core.js";

export function compute(v, c) {
  const getsExact = v.gets_per_s / c.gets_per_prefix;
  const putsExact = v.puts_per_s / c.puts_per_prefix;
  const forGets = ceilClean(getsExact);
  const forPuts = ceilClean(putsExact);
  const prefixes = Math.max(1, forGets, forPuts);
  let binding;
  if (forGets === 0 && forPuts === 0) binding = "None: with no requests one prefix is enough";
  else if (forGets === forPuts) binding = "GET/HEAD and PUT/COPY/POST/DELETE requests (tied)";
  else binding = capitalized(forGets > forPuts ? "GET/HEAD requests" : "PUT/COPY/POST/DELETE requests");
  const working = [
    `GET/HEAD: ${num(v.gets_per_s)} requests/s ÷ ${num(c.gets_per_prefix)} per prefix = ` +
      roundedUp(getsExact, forGets, "prefix", "prefixes"),
    `PUT/COPY/POST/DELETE: ${num(v.puts_per_s)} requests/s ÷ ${num(c.puts_per_prefix)} per prefix = ` +
      roundedUp(putsExact, forPuts, "prefix", "prefixes"),
    `Prefixes = the larger of ${num(forGets)} and ${num(forPuts)}, at least 1 = ${num(prefixes)}`,
  ];
  return { values: { prefixes, prefixes_for_gets: forGets, prefixes_for_puts: forPuts, binding }, working };
}
