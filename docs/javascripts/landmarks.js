// Landmarks: Material wraps each code block's copy button in a <nav>. A copy button is not site
// navigation, and one unnamed navigation landmark per code block clutters a screen reader's list of
// landmarks (axe: landmark-unique). role="none" keeps the button and drops the landmark.
// Runs on every page Material's instant navigation shows (document$).

function demoteCodeNavs() {
  for (const nav of document.querySelectorAll("nav.md-code__nav:not([role])")) nav.setAttribute("role", "none");
}

document$.subscribe(demoteCodeNavs);
