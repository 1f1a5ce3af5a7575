// Calculator id -> formula module (compute, optional check): the browser twin of FORMULAS in
// macros/calculators/evaluate.py. No DOM.
import * as backoff from "./backoff.js";
import * as dynamodbCapacity from "./dynamodb-capacity.js";
import * as kinesisShards from "./kinesis-shards.js";
import * as lambdaConcurrency from "./lambda-concurrency.js";
import * as lambdaCost from "./lambda-cost.js";
import * as s3Prefixes from "./s3-prefixes.js";

export const FORMULAS = Object.freeze({
  "dynamodb-capacity": dynamodbCapacity,
  "lambda-concurrency": lambdaConcurrency,
  "lambda-cost": lambdaCost,
  "kinesis-shards": kinesisShards,
  "s3-prefixes": s3Prefixes,
  backoff,
});
