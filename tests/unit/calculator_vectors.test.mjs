// The calculators' JavaScript formulas (docs/javascripts/calculators/) against the shared vectors in
// tests/vectors/, under Node's test runner: no browser, no DOM. tests/unit/test_calculator_vectors_node.py
// runs it with DVA_CALC_SPECS naming a JSON file of the calculators' specs as the page receives them
// (Calculator.to_js() from macros/data/calculators.yml), so Python and JavaScript read the same data.
import assert from "node:assert/strict"
import { readFileSync, readdirSync } from "node:fs"
import { test } from "node:test"

import { evaluate } from "../../docs/javascripts/calculators/core.js"
import { loadAll } from "../../docs/javascripts/calculators/registry.js"

const specs = JSON.parse(readFileSync(process.env.DVA_CALC_SPECS, "utf8"))
const FORMULAS = await loadAll()
const vectors = new URL("../vectors/", import.meta.url)

for (const file of readdirSync(vectors).filter(name => name.endsWith(".json")).sort()) {
  const { calculator, cases } = JSON.parse(readFileSync(new URL(file, vectors), "utf8"))
  for (const c of cases) {
    test(`${calculator}: ${c.name}`, () => {
      const got = evaluate(specs[calculator], FORMULAS[calculator], c.inputs)
      assert.deepEqual(got.errors, c.errors ?? {})
      if ("results" in c) assert.deepEqual(got.results, c.results)
      if ("working" in c) assert.deepEqual(got.working, c.working)
      if ("table" in c) assert.deepEqual(got.table.map(row => [...row]), c.table)
    })
  }
}
