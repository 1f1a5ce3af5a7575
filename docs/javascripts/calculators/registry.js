// Calculator id -> its formula module (compute, optional check), loaded on demand: the browser twin of
// FORMULAS in macros/calculators/evaluate.py. A page imports only the formulas of the calculators it
// shows (make bench: every module on a page with one calculator cost main-thread time). No DOM.
const LOADERS = Object.freeze({
  "dynamodb-capacity": () => import("./dynamodb-capacity.js"),
  "lambda-concurrency": () => import("./lambda-concurrency.js"),
  "lambda-cost": () => import("./lambda-cost.js"),
  "kinesis-shards": () => import("./kinesis-shards.js"),
  "s3-prefixes": () => import("./s3-prefixes.js"),
  backoff: () => import("./backoff.js"),
});

export const IDS = Object.freeze(Object.keys(LOADERS));

/** A promise of the formula module of calculator `id`, or of null for an unknown id. */
export function load(id) {
  return Object.hasOwn(LOADERS, id) ? LOADERS[id]() : Promise.resolve(null);
}

/** Every formula module by id (the tests' view: Node runs all the vectors). */
export async function loadAll() {
  return Object.fromEntries(await Promise.all(IDS.map(async (id) => [id, await load(id)])));
}
