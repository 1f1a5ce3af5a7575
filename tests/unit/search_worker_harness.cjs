// Runs docs/assets/javascripts/workers/dva-search.js under Node around Material's real worker (from the
// installed mkdocs-material), the way a browser would: Material's SETUP message with a tiny index, then
// prints the rewritten form of each query given on stdin (JSON array) as a JSON array.
// With a fourth argument "iframe" it runs as under the iframe-worker shim of the offline copy
// (mkdocs-offline.yml): the page's address in self.location, the script's own URL (with the shim's
// "?<timestamp>") in document.currentScript, and an importScripts() that returns a Promise.
"use strict"
const fs = require("fs")
const path = require("path")
const [workerFile, materialDir, separator, mode] = process.argv.slice(2)
const material = fs.readdirSync(materialDir).find(f => /^search\.[0-9a-f]{8}\.min\.js$/.test(f))
let listener
globalThis.self = globalThis
globalThis.addEventListener = (type, fn) => { if (type === "message") listener = fn }
const load = url => require(path.join(materialDir, path.basename(new URL(url).pathname)))
const worker = `assets/javascripts/workers/dva-search.js?material=${material}`
if (mode === "iframe") {
  globalThis.location = { href: "file:///copy/services/sqs.html" }
  globalThis.document = { currentScript: { src: `file:///copy/${worker}?1767225600000` } }
  globalThis.importScripts = url => new Promise(resolve => setTimeout(() => resolve(load(url)), 10))
} else {
  globalThis.location = { href: `http://localhost/${worker}` }
  globalThis.importScripts = load
}
let ready
globalThis.postMessage = message => { if (message.type === 1) ready() }
require(path.resolve(workerFile))
const index = {
  config: { lang: ["en"], separator, pipeline: ["stopWordFilter"], fields: { title: { boost: 1 }, text: { boost: 1 } } },
  docs: [{ location: "", title: "t", text: "x" }],
  options: { suggest: false },
}
new Promise(resolve => { ready = resolve; listener({ data: { type: 0, data: index } }) }).then(() => {
  const queries = JSON.parse(fs.readFileSync(0, "utf8"))
  process.stdout.write(JSON.stringify(queries.map(q => self.dvaRewriteQuery(q))))
})
