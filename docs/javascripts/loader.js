// The site's deferred entry point: on each page Material shows (document$, so instant navigation
// too), load the calculators or the quiz only when the page has one. Pages without them load neither.
//
// The offline copy (mkdocs-offline.yml) loads this file as a classic script, because chromium runs no
// module script from file:// (it fetches modules in CORS mode, and a file:// page has no origin to
// allow), and import() is refused there for the same reason. So from file:// this loads, with
// <script src>, the classic versions of the same modules that macros/hooks/offline.py writes to
// javascripts/offline/ (and the Practice page's question bank as practice/questions.js, since fetch()
// of a local file is refused too). Served over http(s), the offline copy loads the modules as the site
// does. README: "Offline copy".

const fromFile = location.protocol === "file:";
const scriptUrl = document.currentScript?.src; // this file's URL when it runs as a classic script (offline)

function onlineAddress() {
  // The offline copy's canonical link names the page as <site>/page.html; the site serves <site>/page/.
  const canonical = document.querySelector('link[rel="canonical"]');
  return canonical ? canonical.href.replace(/(?:\/index)?\.html$/, "/") : "";
}

function offlineNote(before, text) {
  const note = document.createElement("div");
  note.className = "admonition note dva-offline";
  const title = document.createElement("p");
  title.className = "admonition-title";
  title.textContent = "Offline copy";
  const body = document.createElement("p");
  body.append(text + " ");
  const address = onlineAddress();
  if (address) {
    const link = document.createElement("a");
    link.href = address;
    link.textContent = "Open this page on the site";
    body.append(link, ", or run python3 -m http.server in this folder and open http://localhost:8000/.");
  }
  note.append(title, body);
  before.before(note);
}

/** From file://: run the classic scripts `urls` in order; if one does not load, a note before `where` says that `what`. */
function classicScripts(urls, where, what) {
  const [url, ...rest] = urls;
  const script = document.createElement("script");
  script.src = url;
  script.addEventListener("load", () => {
    if (rest.length) classicScripts(rest, where, what);
  }, { once: true });
  script.addEventListener("error", () => {
    script.remove();
    const file = url.slice(new URL("../", scriptUrl).href.length); // from the copy's top folder
    offlineNote(where, `Opened from a file, ${what}: ${file} did not load (is the unzipped folder complete?).`);
  }, { once: true });
  document.body.append(script);
}

function loadFromFile() {
  const offline = (entry) => new URL(`offline/${entry}`, scriptUrl).href;
  const calculator = document.querySelector("form.calc[data-calc]");
  if (calculator) classicScripts([offline("calculators/mount.js")], calculator.closest(".calc-block") || calculator,
    "the calculators do not recompute (each shows the worked example for the values filled in)");
  const practice = document.querySelector("[data-practice]");
  if (practice) {
    // The bank as a script, beside the JSON file the site fetches (macros/quiz.py BANK_SCRIPT), then the quiz.
    const bank = new URL(practice.dataset.bank.replace(/\.json$/, ".js"), location.href).href;
    classicScripts([bank, offline("quiz/quiz.js")], practice, "a practice cannot start here");
  } else {
    const questions = document.querySelector(".quiz-list");
    if (questions) classicScripts([offline("quiz/quiz.js")], questions,
      "these questions cannot be answered here (each shows its answer under \"Show the answer\")");
  }
  const cheatsheet = document.querySelector("form[data-cheatsheet-filter]");
  if (cheatsheet) classicScripts([offline("cheatsheet.js")], cheatsheet, "the filter by exam domain is not available");
}

// "Did you mean" loads the first time the reader focuses the search box (the header, and so the box,
// stays the same across instant navigation). Not from file://: it fetch()es the names file.
if (!fromFile) {
  document.querySelector("input.md-search__input")?.addEventListener("focus", () => import("./didyoumean.js"), { once: true });
}

// Material's document$ emits each page it shows; from file:// (no instant navigation there), the page
// once, at DOMContentLoaded, which tests/browser/test_offline.py checks by running these scripts.
// Landmarks: Material wraps each code block's copy button in a <nav>. A copy button is not site
// navigation, and one unnamed navigation landmark per code block clutters a screen reader's list of
// landmarks (axe: landmark-unique). role="none" keeps the button and drops the landmark. Here, not in a
// script of its own: one request fewer on every page (make bench).
// With content.lazy (mkdocs.yml) Material builds a code block's buttons when the block comes into view, so
// the <nav>s keep arriving after load: a MutationObserver demotes each as it is added. It watches the page's
// content only (observe() on each page document$ emits, since instant navigation swaps the container), not
// the whole body, whose header, sidebars and search Material builds while it starts.
function demoteCodeNavs() {
  for (const nav of document.querySelectorAll("nav.md-code__nav:not([role])")) nav.setAttribute("role", "none");
}
const codeNavs = new MutationObserver((records) => {
  if (records.some((record) => [...record.addedNodes].some((node) => node.nodeName === "NAV"))) demoteCodeNavs();
});
function watchCodeNavs() {
  codeNavs.disconnect();
  const content = document.querySelector(".md-content");
  if (content) codeNavs.observe(content, { childList: true, subtree: true });
}

// Sharing a note (here, not a module of its own: one request fewer on every page with notes, make bench).
// Each note's link icon (a.headerlink[data-share-url], written by macros/hooks/share.py) carries its share
// URL (/n/<note-id>/, a page chat apps can preview). On a screen without hover (a phone) the icon is always
// visible and opens the system share sheet where the browser has one; everywhere else, and when there is no
// share sheet, Material's own clipboard handler copies the URL (data-clipboard-text) and shows "Copied to
// clipboard". One listener for the document, so instant navigation needs nothing more. Not from file://:
// the share URL names the site, and the offline copy's ¶ still copies it.
const touch = window.matchMedia("(hover: none)");

function noteTitle(link) {
  const heading = link.closest("h1, h2, h3, h4, h5, h6");
  const copy = heading.cloneNode(true);
  for (const child of copy.querySelectorAll(".headerlink")) child.remove();
  return copy.textContent.trim();
}

if (!fromFile) {
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a.headerlink[data-share-url]") : null;
    if (!link || !touch.matches || typeof navigator.share !== "function") return;
    event.preventDefault();
    event.stopImmediatePropagation(); // the share sheet replaces the copy
    navigator.share({ title: noteTitle(link), url: link.dataset.shareUrl }).catch(() => {
      // The reader closed the share sheet: nothing to report.
    });
  }, { capture: true });
}

// Abbreviations (the glossary reaches every page): the expansion is the <abbr>'s title, which a mouse
// shows on hover. A tap or click writes it after the term, "RCU (read capacity unit)", and another hides it,
// so a phone can read it too. One listener for the document (it survives instant navigation), no work at
// load: Material's content.tooltips, which built a tooltip per abbreviation on each page, is off for that
// cost (mkdocs.yml, README "Performance").
document.addEventListener("click", (event) => {
  const abbr = event.target instanceof Element ? event.target.closest(".md-typeset abbr[title]") : null;
  if (abbr) abbr.classList.toggle("dva-abbr-open");
});

// Palette (light, dark, or the system's). Material's own palette component, on every page load, marks the
// body as switching (its CSS then turns transitions off on every element), reads the header's computed
// style for the browser's theme colour and colour scheme, and clears the mark a frame later: two or three
// recalculations of every element's style while the page starts (Lambda: 130-180 ms each with the CPU
// slowed 4x, README "Performance"). The header's form is renamed (macros/hooks/partials.yml) so Material
// does not mount it, and this does the same job with the same storage (Material's "__palette", which its
// early inline script applies before the first paint): on each page it writes only what differs, and reads
// the header's colours once the page has been drawn. A reader's switch behaves as Material's did.
// Not "palette": from file:// this is a classic script, and Material's inline script has a global of that name.
const paletteState = {
  form: () => document.querySelector("form[data-dva-palette]"),
  inputs: () => [...document.querySelectorAll('form[data-dva-palette] input[name="__palette"]')],
  light: window.matchMedia("(prefers-color-scheme: light)"),
  index: 0,
};

function paletteColor(input) {
  const media = input.getAttribute("data-md-color-media");
  const from = media !== "(prefers-color-scheme)" ? input
    : document.querySelector(`[data-md-color-media='(prefers-color-scheme: ${paletteState.light.matches ? "light" : "dark"})']`) ?? input;
  return { media, scheme: from.getAttribute("data-md-color-scheme"), primary: from.getAttribute("data-md-color-primary"),
    accent: from.getAttribute("data-md-color-accent") };
}

function setMeta(name, content) {
  let meta = document.head.querySelector(`meta[name="${name}"]`);
  if (!meta) meta = document.head.appendChild(Object.assign(document.createElement("meta"), { name }));
  if (meta.content !== content) meta.content = content;
}

function paletteMetas(atLoad = false) {
  const header = document.querySelector("header");
  if (!header) return;
  const { colorScheme, backgroundColor } = window.getComputedStyle(header); // both read before either is written
  // A colour-scheme meta restyles every element when it is written. At load a light page does without: with
  // none the browser draws light anyway.
  if (!atLoad || colorScheme !== "light" || document.head.querySelector('meta[name="color-scheme"]')) {
    setMeta("color-scheme", colorScheme);
  }
  setMeta("theme-color", `#${(backgroundColor.match(/\d+/g) ?? []).slice(0, 3).map((c) => (+c).toString(16).padStart(2, "0")).join("")}`);
}

/** Show palette `index`: body attributes, the one visible toggle, storage. `switching`: a reader's change. */
function applyPalette(index, switching) {
  const inputs = paletteState.inputs();
  if (!inputs.length) return;
  paletteState.index = Math.max(0, Math.min(Number.isInteger(index) ? index : 0, inputs.length - 1));
  const color = paletteColor(inputs[paletteState.index]);
  const body = document.body;
  const changes = Object.entries(color).filter(([key, value]) => body.getAttribute(`data-md-color-${key}`) !== value);
  const recolour = changes.some(([key]) => key !== "media"); // no style reads data-md-color-media
  if (recolour) body.setAttribute("data-md-color-switching", "");
  for (const [key, value] of changes) body.setAttribute(`data-md-color-${key}`, value);
  inputs.forEach((input, i) => {
    const label = input.nextElementSibling;
    if (label instanceof HTMLElement && label.hidden !== (i !== paletteState.index)) label.hidden = i !== paletteState.index;
  });
  window.__md_set?.("__palette", { index: paletteState.index, color });
  if (recolour || switching) {
    paletteMetas(); // the new colours are computed here, with transitions off
    requestAnimationFrame(() => body.removeAttribute("data-md-color-switching"));
  } else {
    requestAnimationFrame(() => setTimeout(() => paletteMetas(true))); // once drawn, reading the styles costs nothing
  }
}

function startPalette() {
  const inputs = paletteState.inputs();
  if (!inputs.length) return;
  let stored = null;
  try {
    stored = window.__md_get?.("__palette");
  } catch {
    // Unreadable (not JSON): follow the system, and the next switch stores a good value.
  }
  const matching = inputs.findIndex((input) => window.matchMedia(input.getAttribute("data-md-color-media")).matches);
  applyPalette(stored && Number.isInteger(stored.index) ? stored.index : Math.max(0, matching), false);
}

document.addEventListener("change", (event) => {
  const i = paletteState.inputs().indexOf(event.target);
  if (i >= 0) applyPalette(i, true);
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || !paletteState.form()?.contains(event.target)) return;
  const inputs = paletteState.inputs();
  const next = inputs[(paletteState.index + 1) % inputs.length];
  next.click();
  next.focus();
});
paletteState.light.addEventListener("change", () => applyPalette(paletteState.index, true)); // the system's follows

// Calculators and a page's questions: their modules load when the reader comes within a screen of one
// (or at once when the address names a calculator, ?calc=, which scrolls to it). Until then the page shows
// what it was built with: each calculator's worked example for its own values, each question's answer
// under "Show the answer". On a long service page they sit well below the first screen, and loading and
// binding them on every load cost main-thread work the reader had not asked for yet (make audit: +739 ms
// on Lambda, +481 ms on DynamoDB over plain Material; README "Performance"). Once loaded, a module binds
// on every page instant navigation shows.
// The Practice page and the Cheat sheet's filter are the page's purpose, so they load at once.
const NEAR = "100% 0px"; // a screen above and below the viewport
let watching = []; // the observers of the page on display

function whenNear(elements, load) {
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    observer.disconnect();
    load();
  }, { rootMargin: NEAR });
  for (const element of elements) observer.observe(element);
  watching.push(observer);
}

function loadModules() {
  for (const observer of watching) observer.disconnect(); // the previous page's elements are gone
  watching = [];
  const calculators = document.querySelectorAll("form.calc[data-calc]");
  const calculate = () => import("./calculators/mount.js");
  if (calculators.length && new URLSearchParams(location.search).has("calc")) calculate();
  else if (calculators.length) whenNear(calculators, calculate);
  const answer = () => import("./quiz/quiz.js");
  if (document.querySelector("[data-practice]")) answer();
  else {
    const questions = document.querySelectorAll(".quiz-list");
    if (questions.length) whenNear(questions, answer);
  }
  if (document.querySelector("form[data-cheatsheet-filter]")) import("./cheatsheet.js");
}

window.document$.subscribe(() => {
  demoteCodeNavs();
  watchCodeNavs();
  if (fromFile) loadFromFile();
  else loadModules();
  startPalette(); // instant navigation brings the new page's header, every toggle hidden
});
