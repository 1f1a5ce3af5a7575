// Lambda concurrency: mirrors macros/calculators/lambda_concurrency.py. No DOM.
import { num } from "./core.js";

export function compute(v) {
  const concurrency = v.requests_per_s * v.duration_ms / 1000;
  const limit = v.limit;
  const verdict = concurrency <= limit
    ? `Within the limit: ${num(concurrency, 2)} of ${num(limit)} concurrent executions in use, ` +
      `${num(limit - concurrency, 2)} to spare.`
    : `Over the limit by ${num(concurrency - limit, 2)}: requests beyond ${num(limit)} concurrent ` +
      "executions are throttled (HTTP 429 TooManyRequestsException).";
  const working = [
    `${num(v.requests_per_s)} requests/s × ${num(v.duration_ms / 1000, 9)} s = ${num(concurrency, 2)} concurrent executions`,
  ];
  return { values: { concurrency, headroom: Math.max(limit - concurrency, 0), verdict }, working };
}
