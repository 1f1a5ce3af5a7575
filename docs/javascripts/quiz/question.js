// One question form: grading, feedback and the markup the Practice page builds. The markup is the same
// as macros/quiz.py renders on each page (tests/browser/test_quiz.py checks both against the contract):
//   <form class="quiz" data-question="<id>"> <fieldset><legend>stem</legend>
//     one input per option: name="answer", value = the option's index in the data file
//     a submit button; feedback in an aria-live region (.quiz__feedback) </fieldset>
//   <details class="quiz__answer">: the answer and every option's "why", readable without JavaScript.
// Text from the bank only ever reaches textContent, never HTML.

const LETTERS = "ABCDEFGHIJ";
const COUNT_WORDS = ["zero", "one", "two", "three", "four", "five"];

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

/** Plain text with `code` spans (the bank's only markup) as DOM nodes. */
export function inline(text) {
  return String(text).split("`").map((part, i) => (i % 2 === 1 ? el("code", { text: part }) : document.createTextNode(part)));
}

export function selected(form) {
  return [...form.querySelectorAll('input[name="answer"]:checked')].map((input) => Number(input.value)).sort((a, b) => a - b);
}

/** The correct option indexes, read from the form's own answer key. */
export function answerOf(form) {
  return [...form.querySelectorAll('.quiz__why li[data-verdict="correct"]')].map((li) => Number(li.dataset.option)).sort((a, b) => a - b);
}

export function isRight(chosen, answer) {
  return chosen.length === answer.length && chosen.every((value, i) => value === answer[i]);
}

function feedbackOf(form) {
  return form.querySelector(".quiz__feedback");
}

/** An inline message in the form's live region (no grading): e.g. nothing chosen yet. */
export function say(form, message) {
  feedbackOf(form).replaceChildren(el("p", { class: "quiz__message", text: message }));
}

/** Whether the reader's choice can be graded; says what is missing when it cannot. */
export function ready(form) {
  const chosen = selected(form);
  const needed = answerOf(form).length;
  if (chosen.length === 0) {
    say(form, form.dataset.kind === "multiple" ? `Choose ${COUNT_WORDS[needed] ?? needed} options first.` : "Choose an answer first.");
    return false;
  }
  if (form.dataset.kind === "multiple" && chosen.length !== needed) {
    say(form, `This question asks for ${COUNT_WORDS[needed] ?? needed} options; you chose ${chosen.length}.`);
    return false;
  }
  return true;
}

/** Grade the form, mark it, and put the explanation in its live region. Returns true when right. */
export function reveal(form) {
  const chosen = selected(form);
  const right = isRight(chosen, answerOf(form));
  form.dataset.state = right ? "correct" : "incorrect";
  for (const input of form.querySelectorAll('input[name="answer"]')) {
    const label = input.closest("label");
    const option = Number(input.value);
    const correct = answerOf(form).includes(option);
    label.classList.toggle("quiz__option--correct", correct);
    label.classList.toggle("quiz__option--missed", input.checked && !correct);
  }
  const details = form.querySelector(".quiz__answer");
  const verdict = right ? "Correct." : `Incorrect. ${details.querySelector(".quiz__key").textContent}.`;
  const body = [...details.children].filter((child) => child.tagName !== "SUMMARY" && !child.classList.contains("quiz__key"));
  feedbackOf(form).replaceChildren(el("p", { class: "quiz__verdict", text: verdict }), ...body.map((node) => node.cloneNode(true)));
  details.hidden = true;
  const button = form.querySelector('button[type="submit"]');
  if (button) button.textContent = "Try again";
  return right;
}

/** Back to unanswered, keeping the reader's last choice visible until they change it. */
export function clear(form) {
  delete form.dataset.state;
  for (const label of form.querySelectorAll(".quiz__options label")) label.classList.remove("quiz__option--correct", "quiz__option--missed");
  feedbackOf(form).replaceChildren();
  form.querySelector(".quiz__answer").hidden = false;
  const button = form.querySelector('button[type="submit"]');
  if (button) button.textContent = "Check answer";
}

/** The same markup as macros/quiz.py, built from the bank file, with the options in `order`. */
export function build(question, number, notes, order) {
  const type = question.kind === "single" ? "radio" : "checkbox";
  const options = order.map((index, shown) => el("li", {}, el("label", {},
    el("input", { type, name: "answer", value: index }), " ",
    el("span", { class: "quiz__letter", text: `${LETTERS[shown]}.` }), " ", ...inline(question.options[index].text))));
  const letterOf = (index) => LETTERS[order.indexOf(index)];
  const answer = order.filter((index) => question.options[index].correct).map(letterOf).join(", ");
  const whys = order.map((index) => {
    const option = question.options[index];
    return el("li", { "data-option": index, "data-verdict": option.correct ? "correct" : "incorrect" },
      el("strong", { text: `${letterOf(index)}. ${option.correct ? "Correct" : "Incorrect"}:` }), " ", ...inline(option.why),
      option.trap ? el("span", { class: "quiz__trap", text: " The raw notes said this." }) : null);
  });
  const links = question.notes.flatMap((id, i) => [i ? ", " : "", el("a", { href: notes[id].url }, ...inline(notes[id].title))]);
  const hint = question.kind === "single" ? el("span", { class: "quiz__hint", text: " Choose one." }) : null;
  return el("form", { class: "quiz", "data-question": question.id, "data-kind": question.kind, "data-domain": question.domain, "data-notes": question.notes.join(" ") },
    el("fieldset", {},
      el("legend", {}, el("span", { class: "quiz__number", text: `Question ${number}.` }), " ", ...inline(question.stem), hint),
      el("ul", { class: "quiz__options" }, ...options),
      el("p", { class: "quiz__actions" }, el("button", { type: "submit", class: "md-button", text: "Check answer" })),
      el("div", { class: "quiz__feedback", "aria-live": "polite" })),
    el("details", { class: "quiz__answer" }, el("summary", { text: "Show the answer" }),
      el("p", { class: "quiz__key", text: `Answer: ${answer}` }),
      el("ul", { class: "quiz__why" }, ...whys),
      el("p", { class: "quiz__notes" }, "Read: ", ...links)));
}
