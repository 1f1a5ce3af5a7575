// The site's deferred entry point: on each page Material shows (document$, so instant navigation
// too), load the calculators or the quiz only when the page has one. Pages without them load neither.
//
// The offline copy (mkdocs-offline.yml) loads this file as a classic script, because chromium runs no
// module script from file:// (it fetches modules in CORS mode, and a file:// page has no origin to
// allow). import() below is refused there for the same reason, so from file:// the calculators keep
// the worked example the build computed, the questions keep their "Show the answer", and this says
// where the live versions are. Served over http(s), the offline copy loads the modules as the site does.

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

function explainOffline() {
  if (document.querySelector(".dva-offline")) return;
  const calculator = document.querySelector(".calc-block");
  if (calculator)
    offlineNote(calculator, "Opened from a file, the browser runs no calculator script: each calculator shows the " +
      "worked example for the values filled in, and does not recompute when you change them.");
  const practice = document.querySelector("[data-practice]");
  if (practice)
    offlineNote(practice, "Opened from a file, the browser runs neither the Practice script nor its question " +
      "file, so a practice cannot start here. The Check yourself questions on each page can still be read, " +
      "each with its answer under \"Show the answer\".");
}

// "Did you mean" loads the first time the reader focuses the search box (the header, and so the box,
// stays the same across instant navigation).
if (location.protocol !== "file:") {
  document.querySelector("input.md-search__input")?.addEventListener("focus", () => import("./didyoumean.js"), { once: true });
}

window.document$.subscribe(() => {
  if (location.protocol === "file:") {
    explainOffline();
    return;
  }
  if (document.querySelector("form.calc[data-calc]")) import("./calculators/mount.js");
  if (document.querySelector(".quiz-list form.quiz, [data-practice]")) import("./quiz/quiz.js");
  if (document.querySelector("form[data-cheatsheet-filter]")) import("./cheatsheet.js");
  if (document.querySelector("a.headerlink[data-share-url]")) import("./share.js");
});
