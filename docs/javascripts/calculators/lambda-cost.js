// Lambda cost and CPU share: mirrors macros/calculators/lambda_cost.py. No DOM.
import { ceilClean, counted, money, num, price, snap } from "./core.js";

export function compute(v, c) {
  const billedMs = ceilClean(v.duration_ms);
  const gbSeconds = v.memory_mb * billedMs * v.invocations / 1024000;
  const computeCost = gbSeconds * v.price_gb_s;
  const requestCost = v.invocations * v.price_per_million / 1000000;
  const cost = computeCost + requestCost;
  const vcpu = Math.min(v.memory_mb / c.mb_per_vcpu, c.max_vcpu);
  const working = [];
  if (snap(v.duration_ms) !== billedMs) working.push(`Billed duration: ${num(v.duration_ms)} ms rounds up to ${num(billedMs)} ms.`);
  working.push(
    `${num(v.memory_mb)} MB ÷ 1,024 = ${num(v.memory_mb / 1024, 4)} GB × ${num(billedMs / 1000, 3)} s × ` +
      `${counted(v.invocations, "invocation", "invocations")} = ${num(gbSeconds, 3)} GB-s`,
    `${num(gbSeconds, 3)} GB-s × $${price(v.price_gb_s)} = $${money(computeCost)}; ` +
      `${counted(v.invocations, "request", "requests")} × $${price(v.price_per_million)} per million = $${money(requestCost)}; ` +
      `total $${money(cost)}`,
    `${num(v.memory_mb)} MB ÷ ${num(c.mb_per_vcpu)} MB per vCPU = ${num(vcpu, 2)} vCPU` +
      (v.memory_mb / c.mb_per_vcpu > c.max_vcpu ? ` (capped at ${num(c.max_vcpu)})` : ""),
  );
  return {
    values: { vcpu, gb_seconds: gbSeconds, compute_cost: computeCost, request_cost: requestCost, cost },
    working,
  };
}
