// The site's deferred entry point: on each page Material shows (document$, so instant navigation
// too), load the calculators or the quiz only when the page has one. Pages without them load neither.

window.document$.subscribe(() => {
  if (document.querySelector("form.calc[data-calc]")) import("./calculators/mount.js");
  if (document.querySelector(".quiz-list form.quiz, [data-practice]")) import("./quiz/quiz.js");
  if (document.querySelector("a.dva-share")) import("./share.js");
});
