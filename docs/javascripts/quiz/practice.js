// The Practice page: choose questions, run them (one at a time or as a list, in an order a seed in the
// URL fixes), score them per domain, run an exam simulation, and show, export, import or reset progress.
// Two JSON files beside the page (macros/quiz.py writes both at build time): the bank's index, fetched on
// load (exam domains, page names, note links, and each question's id, domain, page and notes: enough to
// draw the progress view and to choose questions; 38 KB gzipped), and the full bank, fetched when the reader starts a
// practice or first uses the form, since parsing its 900 KB on every load was the page's only long task
// (make audit, README "Performance"). The offline copy read from file://, where fetch() of a local file
// is refused, runs practice/questions.js before this instead (javascripts/loader.js); it sets
// window.dvaQuestionBank, the full bank, which serves as its own index there and which the site never has.
//
// URL parameters (so a study group can share "this quiz"): seed, domains, services, count, mode,
// missed, and exam=1 for a simulation. speed=N runs the exam clock N times faster (the tests use it).

import { build, el, reveal, selected } from "./question.js";
import { bind, currentProgress, replaceProgress, takeNotice } from "./quiz.js";
import * as store from "./store.js";

const files = new Map(); // URL -> promise of the parsed file, once per page load (a failure is retried)

function fetchJson(url) {
  if (!files.has(url)) {
    const offline = window.dvaQuestionBank;
    const loading = offline ? Promise.resolve(offline) : fetch(url).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    });
    files.set(url, loading);
    loading.catch(() => files.delete(url));
  }
  return files.get(url);
}

/** The full questions for `drawn` (index entries), from the bank file, in the same order. */
async function fullQuestions(url, drawn) {
  const bank = await fetchJson(url);
  bank.byId ??= new Map(bank.questions.map((q) => [q.id, q]));
  const questions = drawn.map((q) => bank.byId.get(q.id));
  if (questions.includes(undefined)) throw new Error("the question bank and its index differ: reload the page");
  return questions;
}

// --- Seeded order -----------------------------------------------------------------------------

function hash(text) {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 16777619);
  return h >>> 0;
}

/** A small deterministic generator (mulberry32): the same seed gives the same quiz everywhere. */
export function random(seed) {
  let a = hash(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle(items, rand) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function newSeed() {
  const bytes = new Uint32Array(1);
  window.crypto.getRandomValues(bytes);
  return bytes[0].toString(36);
}

/** Whole numbers proportional to `weights` that add up to `total` (largest remainder). */
export function apportion(weights, total) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w * total) / sum);
  const out = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < total - out.reduce((a, b) => a + b, 0); k += 1) out[order[k][1]] += 1;
  return out;
}

/** A rough scaled score (linear between the exam's minimum and maximum), never an AWS score. */
export function scaled(right, total, format) {
  if (total === 0) return format.score_min;
  return Math.round(format.score_min + ((format.score_max - format.score_min) * right) / total);
}

// --- Choosing -----------------------------------------------------------------------------------

function checkedValues(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((input) => input.value);
}

function allValues(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]`)].map((input) => input.value);
}

function settingsFrom(form) {
  return {
    domains: checkedValues(form, "domain"),
    services: checkedValues(form, "service"),
    count: checkedValues(form, "count")[0] ?? "10",
    mode: checkedValues(form, "mode")[0] ?? "one",
    missed: checkedValues(form, "missed").length > 0,
  };
}

/** Put URL parameters into the form; returns the seed and mode to start with, if the URL names one. */
function settingsToForm(form, params) {
  const setList = (name, values) => {
    if (values === null) return;
    const wanted = new Set(values.split(",").filter(Boolean));
    for (const input of form.querySelectorAll(`input[name="${name}"]`)) input.checked = wanted.has(input.value);
  };
  setList("domain", params.get("domains"));
  setList("service", params.get("services"));
  for (const name of ["count", "mode"]) {
    const value = params.get(name);
    const input = value && [...form.querySelectorAll(`input[name="${name}"]`)].find((i) => i.value === value);
    if (input) input.checked = true;
  }
  const missed = form.querySelector('input[name="missed"]');
  if (params.has("missed")) missed.checked = params.get("missed") === "1";
}

function shareUrl(settings, seed, form, exam) {
  const params = new URLSearchParams();
  params.set("seed", seed);
  if (exam) params.set("exam", "1");
  else {
    if (settings.domains.length !== allValues(form, "domain").length) params.set("domains", settings.domains.join(","));
    if (settings.services.length !== allValues(form, "service").length) params.set("services", settings.services.join(","));
    params.set("count", settings.count);
    params.set("mode", settings.mode);
    if (settings.missed) params.set("missed", "1");
  }
  const speed = new URLSearchParams(window.location.search).get("speed");
  if (speed) params.set("speed", speed);
  return `${window.location.pathname}?${params}`;
}

function pick(bank, settings, seed) {
  const progress = currentProgress();
  const domains = new Set(settings.domains);
  const services = new Set(settings.services);
  const pool = bank.questions.filter((q) => domains.has(q.domain) && services.has(q.service)
    && (!settings.missed || progress.questions[q.id]?.lastCorrect === false));
  const drawn = shuffle(pool, random(seed));
  return settings.count === "all" ? drawn : drawn.slice(0, Number(settings.count));
}

function pickExam(bank, seed) {
  const rand = random(`exam:${seed}`);
  const { domains, format } = bank.exam;
  const counts = apportion(domains.map((d) => d.weight), format.questions);
  const chosen = [];
  const rest = [];
  domains.forEach((domain, i) => {
    const mine = shuffle(bank.questions.filter((q) => q.domain === domain.id), rand);
    chosen.push(...mine.slice(0, counts[i]));
    rest.push(...mine.slice(counts[i]));
  });
  chosen.push(...shuffle(rest, rand).slice(0, Math.max(0, format.questions - chosen.length)));
  return shuffle(chosen, rand);
}

// --- Running ------------------------------------------------------------------------------------

function forms(bank, questions, seed, exam) {
  const rand = random(`options:${seed}`);
  return questions.map((q, i) => {
    const form = build(q, i + 1, bank.notes, shuffle(q.options.map((_, k) => k), rand));
    if (exam) form.querySelector(".quiz__actions").remove();
    return form;
  });
}

function domainName(bank, id) {
  return bank.exam.domains.find((d) => d.id === id)?.name ?? id;
}

/** Per-domain score report and the review of missed questions, linking to the notes. */
function report(bank, questions, outcome, heading) {
  // A domain "meets competencies" at the exam's passing share (exam.yml format: 720 of 1,000), a rough
  // stand-in for AWS's per-section report, which publishes no per-domain threshold.
  const bar = bank.exam.format.passing_score / bank.exam.format.score_max;
  const rows = bank.exam.domains.map((domain) => {
    const mine = questions.filter((q) => q.domain === domain.id);
    if (mine.length === 0) return null;
    const right = mine.filter((q) => outcome.get(q.id) === true).length;
    const share = right / mine.length;
    return el("tr", {}, el("th", { scope: "row", text: domain.name }), el("td", { text: `${right} of ${mine.length}` }),
      el("td", { text: share >= bar ? "Meets competencies" : "Needs improvement" }));
  });
  const missed = questions.filter((q) => outcome.get(q.id) !== true);
  const review = missed.map((q) => el("li", {}, el("span", { text: q.stem.length > 140 ? `${q.stem.slice(0, 137)}...` : q.stem }), " ",
    ...q.notes.flatMap((id) => [" ", el("a", { href: bank.notes[id].url, text: bank.notes[id].title })]),
    outcome.has(q.id) ? null : el("em", { text: " (not answered)" })));
  return el("div", { class: "practice__report" },
    el("h2", { text: heading, tabindex: "-1" }),
    el("table", {}, el("thead", {}, el("tr", {}, el("th", { text: "Domain" }), el("th", { text: "Right" }), el("th", { text: "Result" }))),
      el("tbody", {}, ...rows.filter(Boolean))),
    missed.length ? el("h3", { text: "Review what you missed" }) : el("p", { text: "No question missed." }),
    missed.length ? el("ul", { class: "practice__missed" }, ...review) : null);
}

function nav(...buttons) {
  return el("p", { class: "practice__nav" }, ...buttons);
}

function button(text, onClick, primary = false) {
  const b = el("button", { type: "button", class: primary ? "md-button md-button--primary" : "md-button", text });
  b.addEventListener("click", onClick);
  return b;
}

function focusHeading(container) {
  container.querySelector("h2")?.focus();
}

function runPractice(ctx, questions, seed, settings) {
  const { bank, run } = ctx;
  const outcome = new Map();
  const all = forms(bank, questions, seed, false);
  const onAnswer = (form, right) => {
    if (!outcome.has(form.dataset.question)) outcome.set(form.dataset.question, right);
  };
  for (const form of all) bind(form, { onAnswer });
  let index = 0;
  const finish = () => {
    run.replaceChildren(report(bank, questions, outcome, `Your score: ${[...outcome.values()].filter(Boolean).length} of ${questions.length}`),
      nav(button("Practise again", () => ctx.start("practice", newSeed()), true)));
    focusHeading(run);
    ctx.refresh();
  };
  const heading = el("h2", { tabindex: "-1" });
  const show = () => {
    const one = settings.mode === "one";
    heading.textContent = one ? `Question ${index + 1} of ${all.length}` : `${all.length} questions`;
    const buttons = one
      ? [index > 0 ? button("Previous", () => { index -= 1; show(); }) : null,
        index < all.length - 1 ? button("Next", () => { index += 1; show(); }, true) : null,
        button("Finish and see the score", finish, index === all.length - 1)]
      : [button("Finish and see the score", finish, true)];
    run.replaceChildren(heading, ctx.shareLine(), ...(one ? [all[index]] : all), nav(...buttons));
    heading.focus();
  };
  show();
}

function clock(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}

function runExam(ctx, questions, seed) {
  const { bank, run } = ctx;
  const format = bank.exam.format;
  const all = forms(bank, questions, seed, true);
  const flags = new Set();
  const speed = Math.min(100000, Math.max(1, Number(new URLSearchParams(window.location.search).get("speed")) || 1));
  const started = Date.now();
  const limit = format.minutes * 60000;
  const timer = el("p", { class: "practice__timer", role: "timer", "aria-live": "off" });
  let index = 0;
  let done = false;
  let interval = 0;
  const left = () => limit - (Date.now() - started) * speed;
  const submit = (timeUp) => {
    if (done) return;
    done = true;
    window.clearInterval(interval);
    const outcome = new Map();
    const progress = currentProgress();
    all.forEach((form, i) => {
      const q = questions[i];
      if (selected(form).length === 0) return; // unanswered: counted as missed, not recorded
      const right = reveal(form);
      outcome.set(q.id, right);
      store.record(progress, q.id, q.notes, right);
    });
    replaceProgress(progress);
    const right = [...outcome.values()].filter(Boolean).length;
    const score = scaled(right, questions.length, format);
    const verdict = score >= format.passing_score ? "at or above" : "below";
    const summary = el("p", { class: "practice__scaled", text: `${timeUp ? "Time is up. " : ""}${right} of ${questions.length} right: about ${score} on the ${format.score_min}-${format.score_max} scale, ${verdict} the passing score of ${format.passing_score}. This is a rough guide, not an AWS score: AWS scales scores its own way, and ${questions.length - format.scored} of the real exam's questions are unscored.` });
    run.replaceChildren(report(bank, questions, outcome, "Exam simulation result"), summary,
      el("details", { class: "practice__answers" }, el("summary", { text: "All questions with answers" }), ...all),
      nav(button("New exam simulation", () => ctx.start("exam", newSeed()), true)));
    focusHeading(run);
    ctx.refresh();
  };
  const tick = () => {
    if (!run.isConnected) {
      window.clearInterval(interval);
      return;
    }
    timer.textContent = `Time left: ${clock(left())}`;
    if (left() <= 0) submit(true);
  };
  const heading = el("h2", { tabindex: "-1" });
  const review = () => {
    heading.textContent = "Review before you submit";
    const items = all.map((form, i) => {
      const answered = selected(form).length > 0;
      const status = `${answered ? "answered" : "not answered"}${flags.has(i) ? ", flagged" : ""}`;
      return el("li", { "data-status": status }, button(`Question ${i + 1}: ${status}`, () => { index = i; show(); }));
    });
    run.replaceChildren(heading, timer, el("ol", { class: "practice__review" }, ...items),
      nav(button("Submit the exam", () => submit(false), true)));
    heading.focus();
  };
  const show = () => {
    heading.textContent = `Question ${index + 1} of ${all.length}`;
    const flag = el("input", { type: "checkbox", name: "flag", id: "practice-flag" });
    flag.checked = flags.has(index);
    flag.addEventListener("change", () => (flag.checked ? flags.add(index) : flags.delete(index)));
    run.replaceChildren(heading, timer, all[index],
      el("p", { class: "practice__flag" }, flag, " ", el("label", { for: "practice-flag", text: "Flag for review" })),
      nav(index > 0 ? button("Previous", () => { index -= 1; show(); }) : null,
        index < all.length - 1 ? button("Next", () => { index += 1; show(); }, true) : null,
        button("Review and submit", review, index === all.length - 1)));
    heading.focus();
  };
  interval = window.setInterval(tick, speed > 1 ? 50 : 1000);
  tick();
  show();
}

// --- Progress view ------------------------------------------------------------------------------

function readiness(bank, questions, progress) {
  const answered = questions.filter((q) => progress.questions[q.id]);
  const right = answered.filter((q) => progress.questions[q.id].lastCorrect).length;
  return [el("td", { text: `${answered.length} of ${questions.length}` }),
    el("td", { text: `${Math.round((100 * right) / questions.length)}%` })];
}

function weakest(bank, progress) {
  const wrong = new Map();
  for (const q of bank.questions) {
    const record = progress.questions[q.id];
    if (!record || record.lastCorrect) continue;
    for (const note of q.notes) wrong.set(note, (wrong.get(note) ?? 0) + record.wrong);
  }
  return [...wrong.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10);
}

function progressView(ctx) {
  const { bank, section } = ctx;
  const progress = currentProgress();
  const head = (...names) => el("thead", {}, el("tr", {}, ...names.map((text) => el("th", { scope: "col", text }))));
  const domainRows = bank.exam.domains.map((d) => el("tr", {}, el("th", { scope: "row", text: d.name }),
    ...readiness(bank, bank.questions.filter((q) => q.domain === d.id), progress)));
  // The table by page is built when the reader opens it: a row per page (59 today) that nobody asked for cost the load
  // (make audit, Practice; README "Performance").
  const byPage = el("details", {}, el("summary", { text: "By service and topic" }));
  byPage.addEventListener("toggle", () => {
    if (!byPage.open || byPage.querySelector("table")) return;
    const rows = Object.entries(bank.services).filter(([id]) => bank.questions.some((q) => q.service === id))
      .map(([id, name]) => el("tr", {}, el("th", { scope: "row", text: name }),
        ...readiness(bank, bank.questions.filter((q) => q.service === id), progress)));
    byPage.append(el("table", {}, head("Page", "Answered", "Readiness"), el("tbody", {}, ...rows)));
  });
  const weak = weakest(bank, progress);
  const status = el("p", { class: "practice__progress-status", role: "status" });
  const file = el("input", { type: "file", id: "practice-import", accept: "application/json,.json" });
  file.addEventListener("change", async () => {
    const chosen = file.files[0];
    if (!chosen) return;
    try {
      const next = store.importText(await chosen.text());
      replaceProgress(next);
      ctx.refresh(`Imported progress: ${Object.keys(next.questions).length} answered questions.`);
    } catch (error) {
      status.textContent = error.message;
    }
  });
  const confirm = el("span", { class: "practice__confirm", hidden: true }, "Erase every stored answer? ",
    button("Erase", () => { replaceProgress(store.empty()); ctx.refresh("Progress reset."); }),
    " ", button("Keep", () => { confirm.hidden = true; }));
  section.replaceChildren(
    el("h2", { text: "Your progress" }),
    status,
    el("p", { text: "Readiness is the share of a domain's questions whose last answer was right. Progress stays in this browser; export it to move to another device." }),
    el("table", {}, el("caption", { text: "By exam domain" }), head("Domain", "Answered", "Readiness"), el("tbody", {}, ...domainRows)),
    byPage,
    el("h3", { text: "Notes to revisit" }),
    weak.length
      ? el("ol", { class: "practice__weak" }, ...weak.map(([id]) => el("li", {}, el("a", { href: bank.notes[id].url, text: bank.notes[id].title }))))
      : el("p", { text: "None yet: notes you answer wrongly appear here." }),
    el("p", { class: "practice__files" },
      button("Export progress", () => {
        const link = el("a", { href: URL.createObjectURL(new Blob([store.exportText(currentProgress())], { type: "application/json" })), download: "dva-notes-progress.json" });
        link.click();
        window.setTimeout(() => URL.revokeObjectURL(link.href), 1000);
        status.textContent = "Progress exported as dva-notes-progress.json.";
      }),
      " ", el("label", { for: "practice-import", class: "md-button", text: "Import progress" }), file,
      " ", button("Reset progress", () => { confirm.hidden = false; }), " ", confirm));
  section.hidden = false;
  return status;
}

// --- Page ---------------------------------------------------------------------------------------

export async function mount(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "1";
  const form = root.querySelector(".practice__setup");
  const status = form.querySelector(".practice__status");
  for (const b of root.querySelectorAll("[data-select], [data-clear]")) {
    b.addEventListener("click", () => {
      const name = b.dataset.select ?? b.dataset.clear;
      for (const input of form.querySelectorAll(`input[name="${name}"]`)) input.checked = Boolean(b.dataset.select);
    });
  }
  const address = (name) => new URL(root.dataset[name], window.location.href).href;
  let bank; // the index: questions without stems or options
  try {
    bank = await fetchJson(address("index"));
  } catch (error) {
    status.textContent = `The question bank could not be loaded (${error.message}). Every question is also on its page, under "Check yourself".`;
    return;
  }
  // The buttons appear only now, with their handlers: before the bank is there, a click would submit the
  // form natively and reload the page.
  for (const b of root.querySelectorAll("button[hidden]")) b.hidden = false;
  const ctx = { bank, run: root.querySelector(".practice__run"), section: root.querySelector(".practice__progress") };
  let shared = "";
  ctx.shareLine = () => el("p", { class: "practice__share" }, "Share this quiz: ", el("a", { href: shared, text: "link to these questions in this order" }));
  ctx.refresh = (message = "") => {
    const line = progressView(ctx);
    line.textContent = message || takeNotice();
  };
  // The reader reaching for the form is the moment to fetch the full bank, so Start rarely waits for it.
  const prefetch = () => fetchJson(address("bank")).catch(() => {}); // a failure shows when they start
  form.addEventListener("focusin", prefetch, { once: true });
  form.addEventListener("pointerdown", prefetch, { once: true });
  let latest = 0; // the start the reader asked for last: an earlier one still loading gives way to it
  ctx.start = async (kind, seed) => {
    const settings = settingsFrom(form);
    const exam = kind === "exam";
    shared = shareUrl(settings, seed, form, exam);
    window.history.replaceState(window.history.state, "", `${shared}${window.location.hash}`);
    if (!exam && (settings.domains.length === 0 || settings.services.length === 0)) {
      status.textContent = "Choose at least one domain and one service or topic.";
      return;
    }
    const drawn = exam ? pickExam(bank, seed) : pick(bank, settings, seed);
    if (drawn.length === 0) {
      status.textContent = settings.missed ? "No missed questions match these choices: nothing to practise again yet." : "No questions match these choices.";
      return;
    }
    const ticket = ++latest;
    status.textContent = "Loading the questions…";
    let questions;
    try {
      questions = await fullQuestions(address("bank"), drawn);
    } catch (error) {
      if (ticket === latest) status.textContent = `The questions could not be loaded (${error.message}). Every question is also on its page, under "Check yourself".`;
      return;
    }
    if (ticket !== latest) return;
    status.textContent = "";
    ctx.run.hidden = false;
    if (exam) runExam(ctx, questions, seed);
    else runPractice(ctx, questions, seed, settings);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    ctx.start(event.submitter?.value === "exam" ? "exam" : "practice", newSeed());
  });
  ctx.refresh();
  const params = new URLSearchParams(window.location.search);
  settingsToForm(form, params);
  if (params.get("seed")) ctx.start(params.get("exam") === "1" ? "exam" : "practice", params.get("seed"));
}
