// The Cheat sheet's filter by exam domain (markup: macros/templates/cheatsheet.html). Each line
// (li[data-domains]) shows when one of its domains is checked; a group with no line left is hidden, with
// its entry in the table of contents; the count goes to the page's aria-live region. Without this
// script the filter stays hidden and every line shows. Loaded by javascripts/loader.js only on the
// Cheat sheet; it subscribes to Material's document$, so it binds again after each instant navigation.

function chosenDomains(form) {
  return new Set([...form.querySelectorAll('input[name="domain"]:checked')].map((input) => input.value));
}

function tocEntry(group) {
  const heading = group.querySelector("h2[id]");
  if (!heading) return null;
  const link = document.querySelector(`.md-sidebar--secondary a.md-nav__link[href="#${CSS.escape(heading.id)}"]`);
  return link ? link.closest("li") : null;
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function apply(form, status) {
  const chosen = chosenDomains(form);
  let notes = 0;
  let pages = 0;
  for (const group of document.querySelectorAll("[data-cheatsheet-group]")) {
    let shown = 0;
    for (const line of group.querySelectorAll("li[data-domains]")) {
      const show = line.dataset.domains.split(" ").some((domain) => chosen.has(domain));
      line.hidden = !show;
      if (show) shown += 1;
    }
    group.hidden = shown === 0;
    const entry = tocEntry(group);
    if (entry) entry.hidden = shown === 0;
    notes += shown;
    if (shown) pages += 1;
  }
  const total = Number(status.dataset.total);
  const all = form.querySelectorAll('input[name="domain"]').length;
  if (notes === 0) status.textContent = `No notes shown: choose at least one domain (${plural(total, "note")} in all).`;
  else if (chosen.size === all) status.textContent = `Showing all ${plural(total, "note")}, from ${plural(pages, "page")}.`;
  else status.textContent = `Showing ${notes} of ${plural(total, "note")}, from ${plural(pages, "page")}.`;
}

function mount() {
  const form = document.querySelector("form[data-cheatsheet-filter]");
  const status = document.querySelector("[data-cheatsheet-count]");
  if (!form || !status || form.dataset.bound) return;
  form.dataset.bound = "1";
  form.addEventListener("change", () => apply(form, status));
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  // The markup starts with every domain checked and every line shown; a browser that restored unchecked
  // boxes (back and forward cache) needs the lines to follow them.
  if (chosenDomains(form).size !== form.querySelectorAll('input[name="domain"]').length) apply(form, status);
}

window.document$.subscribe(mount);
