// The site's deferred entry point: on each page Material shows (document$, so instant navigation
// too), load the calculators or the quiz only when the page has one. Pages without them load neither.

// "Did you mean" loads the first time the reader focuses the search box (the header, and so the box,
// stays the same across instant navigation).
document.querySelector("input.md-search__input")?.addEventListener("focus", () => import("./didyoumean.js"), { once: true });

window.document$.subscribe(() => {
  if (document.querySelector("form.calc[data-calc]")) import("./calculators/mount.js");
  if (document.querySelector(".quiz-list form.quiz, [data-practice]")) import("./quiz/quiz.js");
  if (document.querySelector("a.dva-share")) import("./share.js");
});
