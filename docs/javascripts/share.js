// Sharing a note. Each note's link icon (a.headerlink[data-share-url], written by macros/hooks/share.py)
// carries its share URL (/n/<note-id>/, a page chat apps can preview). On a screen without hover (a phone) the icon is
// always visible and opens the system share sheet where the browser has one; everywhere else, and when
// there is no share sheet, Material's own clipboard handler copies the URL (data-clipboard-text) and
// shows "Copied to clipboard". One listener for the document, so instant navigation needs nothing more.

const touch = window.matchMedia("(hover: none)");

function noteTitle(link) {
  const heading = link.closest("h1, h2, h3, h4, h5, h6");
  const copy = heading.cloneNode(true);
  for (const child of copy.querySelectorAll(".headerlink")) child.remove();
  return copy.textContent.trim();
}

document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest("a.headerlink[data-share-url]") : null;
  if (!link || !touch.matches || typeof navigator.share !== "function") return;
  event.preventDefault();
  event.stopImmediatePropagation(); // the share sheet replaces the copy
  navigator.share({ title: noteTitle(link), url: link.dataset.shareUrl }).catch(() => {
    // The reader closed the share sheet: nothing to report.
  });
}, { capture: true });
