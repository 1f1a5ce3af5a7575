// DVA Notes search worker: Material's own worker, loaded unchanged, with three adjustments around the
// lunr 2.3.9 it bundles. Material starts this file instead of its worker: a named edit of base.html in
// macros/hooks/partials.yml passes the worker's file name as ?material=... No network, no state.
//
// Two ways to run. On a server this is a Web Worker: its URL is self.location and importScripts()
// loads Material's worker before returning. In the offline copy read from file:// (mkdocs-offline.yml),
// chromium starts no Worker, so the iframe-worker shim runs this file as a <script> in a hidden
// <iframe>: self.location is then the page's address, this file's URL is document.currentScript.src
// (with the shim's "?<timestamp>" appended), and its importScripts() returns a Promise, fulfilled when
// the script has run. Material's worker is found from this script's own URL in both, and the
// adjustments wait for it to have loaded; messages that arrive before are kept and handed on in order.
//
// 1. lunr's TokenSet writes a node's signature as final flag + label + child id for each edge, with no
//    delimiter. With digit labels ("c02", "localhost:2772") two different nodes can get the same
//    signature, the index merges them, and a prefix query that reaches one ("local", "sam local invoke")
//    throws inside the worker, so Material shows "No matching documents". A delimiter after each child id
//    makes the signature unambiguous (each label is one character).
// 2. "aws" and "amazon" are on every page and in many pages' boosted search aliases, so as search words
//    they rank pages by how often they say "AWS". They are stop words here.
// 3. Identifiers are searched as identifiers. A query word made of several parts ("SSE-C", "aws:SourceIp",
//    "AWS::Serverless::Function", "x-amz-server-side-encryption", "buildspec.yml") is split where the
//    index splits it, "aws"/"amazon" parts are dropped, and every remaining part is required, so "SSE-C"
//    finds pages that say SSE and C, not every page with a word starting with "c".
"use strict"

const SETUP = 0 // Material's SearchMessageType
const QUERY = 2
const DOMAIN_WORDS = new Set(["aws", "amazon"])
// English stop words that are also parts of AWS identifiers (EventBridge's "anything-but"): indexed.
const IDENTIFIER_WORDS = new Set(["but"])

// This script's own URL: the worker's address, or the <script> element's under the iframe shim.
const script = typeof document === "undefined" ? null : document.currentScript
const here = new URL(script ? script.src : self.location.href)
const param = here.searchParams.get("material") || ""
const material = /^search\.[0-9a-f]{8}\.min\.js(?=$|\?)/.exec(param) // the shim appends "?<timestamp>"
if (!material)
  throw new Error(`dva-search.js: expected ?material=search.<hash>.min.js, got "${param}"`)

// Material's worker registers one message listener when it loads: keep it, and call it with the query
// rewritten (3).
const materialListeners = []
const addListener = self.addEventListener.bind(self)
self.addEventListener = (type, listener, options) =>
  type === "message" ? materialListeners.push(listener) : addListener(type, listener, options)
// Resolved against this script's URL: under the shim a relative name would resolve against the page.
const loaded = importScripts(new URL(material[0], here).href) // undefined in a worker, a Promise under the shim

// (1)
function fixTokenSetSignatures(lunr) {
  lunr.TokenSet.prototype.toString = function () {
    if (this._str)
      return this._str
    let signature = this.final ? "1" : "0"
    for (const label of Object.keys(this.edges).sort())
      signature += label + this.edges[label].id + ","
    return signature
  }
}

// (2) The index pipeline and Material's "missing term" marks both read lunr.stopWordFilter.
let isStopWord = () => false
function dropDomainWords(lunr) {
  const englishStopWords = lunr.stopWordFilter
  const stopWordFilter = token => {
    const word = token.toString()
    if (DOMAIN_WORDS.has(word))
      return undefined
    return IDENTIFIER_WORDS.has(word) ? token : englishStopWords(token)
  }
  delete lunr.Pipeline.registeredFunctions.stopWordFilter
  lunr.Pipeline.registerFunction(stopWordFilter, "stopWordFilter")
  lunr.stopWordFilter = stopWordFilter
  isStopWord = word => stopWordFilter(new lunr.Token(word.toLowerCase())) === undefined
}

// (3) Split query words exactly where the index splits text: Material's configured separator.
let separator = /[\s\-]+/

function rewriteQuery(query) {
  const words = query.trim().split(/\s+/).filter(Boolean)
  const rewritten = []
  words.forEach((raw, w) => {
    const word = raw.replace(/^--(?=\w)/, "") // a CLI option ("--hotswap") is a word, not lunr's "-" (must not)
    if (/^[+-]|[*~^]/.test(word)) {   // the reader wrote lunr syntax: leave it alone
      rewritten.push(word)
      return
    }
    const parts = word.split(separator).filter(Boolean)
    const kept = parts.filter(part => !DOMAIN_WORDS.has(part.toLowerCase()))
    if (kept.length === 0) {             // "aws" on its own, or with other words
      rewritten.push(words.length > 1 ? "" : word)
      return
    }
    if (parts.length === 1 || kept.some(isStopWord)) {
      // One part, or a part the index drops ("anything-but"): Material's own handling.
      rewritten.push(word)
      return
    }
    const typing = w === words.length - 1 // the last word may still be half typed
    kept.forEach((part, p) => {
      const prefix = typing && p === kept.length - 1 && part.length >= 3
      rewritten.push(`+${part}${prefix ? "*" : ""}`)
    })
  })
  return rewritten.filter(Boolean).join(" ")
}

function forward(message) {
  if (message && message.type === SETUP)
    separator = new RegExp(message.data.config.separator)
  const data = message && message.type === QUERY && typeof message.data === "string"
    ? { ...message, data: rewriteQuery(message.data) }
    : message
  for (const listener of materialListeners)
    listener({ data })
}

// Messages wait until Material's worker has loaded and the adjustments are made. In a worker that is
// before the first message anyway (a microtask after this script); under the shim it may not be.
let pending = []
addListener("message", event => pending ? pending.push(event.data) : forward(event.data))
Promise.resolve(loaded).then(() => {
  self.addEventListener = addListener
  fixTokenSetSignatures(self.lunr)
  dropDomainWords(self.lunr)
  const waiting = pending
  pending = null
  waiting.forEach(forward)
})

self.dvaRewriteQuery = rewriteQuery // for tests (node --test loads this file without a browser)
