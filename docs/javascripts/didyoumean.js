// "Did you mean ...?" for a search that finds nothing. When Material's result line says no document
// matches, the query's words are compared with every service's and topic's name and aliases
// (search/names.json, written at build time from the catalog) by edit distance, and the closest pages
// are offered as result items, so "lamda", "dynamdb" or "kenesis" reach their page with one click
// (or the arrow keys and Enter, like any result), with a link to the full list of services.
// Loaded by loader.js the first time the reader focuses the search box.

const config = JSON.parse(document.getElementById("__config").textContent);
const NONE = config.translations["search.result.none"];
let names = null; // a promise of the names file, fetched once

function loadNames() {
  if (names === null) {
    const url = new URL(`${config.base}/search/names.json`, window.location.href);
    names = fetch(url).then((response) => (response.ok ? response.json() : []), () => []);
  }
  return names;
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
export function distance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) d[0][j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

const words = (text) => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

// A close match on a page's own name beats one on a word inside an alias ("lamda" is AWS Lambda, not API
// Gateway's "Lambda authorizer"): each kind of candidate adds its penalty to the relative distance.
const PENALTY = { name: 0, namePart: 0.05, alias: 0.02, aliasPart: 0.2 };
const GENERIC = new Set(["amazon", "aws"]);

function candidates(entry) {
  const out = [];
  entry.aliases.concat([entry.name]).forEach((label, i, all) => {
    const own = i === all.length - 1;
    const parts = words(label).filter((p) => !GENERIC.has(p));
    out.push([parts.join(""), own ? PENALTY.name : PENALTY.alias]);
    if (parts.length > 1) for (const part of parts) if (part.length >= 3) out.push([part, own ? PENALTY.namePart : PENALTY.aliasPart]);
  });
  return out;
}

/** The closest pages to `query`: [{ name, url, score }], best first, at most `limit`. */
export function suggest(query, entries, limit = 3) {
  const asked = words(query);
  const whole = asked.join("");
  if (whole.length < 3) return [];
  const terms = [whole, ...asked.filter((w) => w.length >= 3 && w !== whole)];
  const scored = entries.map((entry) => {
    let best = Infinity;
    for (const [candidate, penalty] of candidates(entry)) {
      const allowed = Math.max(1, Math.floor(candidate.length / 4));
      for (const term of terms) {
        const d = distance(term, candidate);
        if (d <= allowed) best = Math.min(best, d / candidate.length + penalty);
      }
    }
    return { name: entry.name, url: entry.url, score: best };
  });
  return scored.filter((s) => s.score < Infinity).sort((a, b) => a.score - b.score || a.name.localeCompare(b.name)).slice(0, limit);
}

function item(href, title, text) {
  const li = document.createElement("li");
  li.className = "md-search-result__item dva-didyoumean";
  const link = document.createElement("a");
  link.className = "md-search-result__link";
  link.href = href;
  const article = document.createElement("article");
  article.className = "md-search-result__article md-typeset";
  const heading = document.createElement("h1");
  heading.textContent = title;
  const line = document.createElement("p");
  line.textContent = text;
  article.append(heading, line);
  link.append(article);
  li.append(link);
  return li;
}

async function offer(meta, list, input) {
  const query = input.value;
  const found = suggest(query, await loadNames());
  if (meta.textContent !== NONE || input.value !== query || list.querySelector(".dva-didyoumean")) return;
  const base = new URL(`${config.base}/`, window.location.href);
  const items = found.map((s) => item(new URL(s.url, base).href, s.name, `Did you mean ${s.name}?`));
  items.push(item(new URL("#services-and-topics", base).href, "All services and topics", "Browse the full list of pages."));
  list.append(...items);
}

export function watch() {
  const meta = document.querySelector(".md-search-result__meta");
  const list = document.querySelector(".md-search-result__list");
  const input = document.querySelector("input.md-search__input");
  if (!meta || !list || !input || meta.dataset.dvaWatched) return;
  meta.dataset.dvaWatched = "1";
  const check = () => {
    if (meta.textContent === NONE) offer(meta, list, input);
  };
  new MutationObserver(check).observe(meta, { childList: true, characterData: true, subtree: true });
  check(); // a search may have found nothing before this module arrived
}

watch();
