// Check yourself: makes each page's question forms answerable and records every answer in the
// reader's progress (store.js). Loaded by javascripts/loader.js only on pages that have questions; it
// subscribes to Material's document$, so it binds again after each instant navigation.

import { clear, el, ready, reveal } from "./question.js";
import * as store from "./store.js";

let state = null; // { progress, notice }, read once per page view

function progress() {
  if (state === null) state = store.load();
  return state.progress;
}

/** Show the store's notice (progress reset, storage refused) once, above the first questions. */
function showNotice(root) {
  if (!state?.notice || !root) return;
  root.before(el("p", { class: "quiz-notice admonition warning", role: "status", text: state.notice }));
  state.notice = "";
}

function lastAnswer(form) {
  const record = progress().questions[form.dataset.question];
  const old = form.querySelector(".quiz__last");
  if (old) old.remove();
  if (!record) return;
  form.dataset.last = record.lastCorrect ? "correct" : "incorrect";
  const day = new Date(record.last).toLocaleDateString(undefined, { day: "numeric", month: "short" });
  const text = `Answered ${record.answered} time${record.answered === 1 ? "" : "s"}, last ${record.lastCorrect ? "right" : "wrong"} on ${day}.`;
  form.querySelector(".quiz__actions").append(el("span", { class: "quiz__last", text: ` ${text}` }));
}

/** Bind one form. `onAnswer(form, right)` runs after each graded answer (the Practice page listens). */
export function bind(form, { record = true, onAnswer = null } = {}) {
  if (form.dataset.quizBound) return;
  form.dataset.quizBound = "1";
  const button = form.querySelector('button[type="submit"]');
  if (button) button.hidden = false;
  lastAnswer(form);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (form.dataset.state) {
      clear(form);
      return;
    }
    if (!ready(form)) return;
    const right = reveal(form);
    if (record) {
      store.record(progress(), form.dataset.question, form.dataset.notes.split(" "), right);
      if (!store.save(progress())) state.notice = "Your answer could not be stored: this browser refused to save progress.";
      lastAnswer(form);
    }
    if (onAnswer) onAnswer(form, right);
  });
}

export function currentProgress() {
  return progress();
}

export function replaceProgress(next) {
  progress();
  state.progress = next;
  return store.save(next);
}

export function takeNotice() {
  progress();
  const notice = state.notice;
  state.notice = "";
  return notice;
}

function mount() {
  state = null; // re-read on every page: another tab may have answered meanwhile
  const lists = document.querySelectorAll(".quiz-list");
  for (const form of document.querySelectorAll(".quiz-list form.quiz")) bind(form);
  if (lists.length) showNotice(lists[0]);
  const practice = document.querySelector("[data-practice]");
  if (practice) import("./practice.js").then((module) => module.mount(practice));
}

window.document$.subscribe(mount);
