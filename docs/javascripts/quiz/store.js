// Progress: the reader's answers, kept only in this browser's localStorage under one versioned key.
// Nothing is sent anywhere. A stored value that is not valid progress of this version (corrupt, edited
// by hand, from an older version) is reset, and the caller shows the returned notice to the reader.
//
// Shape (version 1):
//   { "version": 1,
//     "questions": { "<question id>": { "answered": n, "right": n, "wrong": n, "last": "<ISO date>", "lastCorrect": bool } },
//     "revisit": ["<note id>", ...] }     notes of questions whose last answer was wrong

export const KEY = "dva-notes.progress"; // Material keeps its own keys in localStorage: ours are namespaced
export const VERSION = 1;
const ID = /^[a-z0-9][a-z0-9-]*$/;

export function empty() {
  return { version: VERSION, questions: {}, revisit: [] };
}

const isCount = (n) => Number.isInteger(n) && n >= 0;

function validRecord(record) {
  return record !== null && typeof record === "object" && !Array.isArray(record)
    && isCount(record.answered) && isCount(record.right) && isCount(record.wrong)
    && record.right + record.wrong === record.answered
    && typeof record.last === "string" && !Number.isNaN(Date.parse(record.last))
    && typeof record.lastCorrect === "boolean";
}

/** The reason a value is not progress of this version, or "" when it is. */
export function problem(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "it is not a progress record";
  if (value.version !== VERSION) return `it is from another version (${String(value.version)}) of the site`;
  const { questions, revisit } = value;
  if (questions === null || typeof questions !== "object" || Array.isArray(questions)) return "its answers are unreadable";
  for (const [id, record] of Object.entries(questions)) {
    if (!ID.test(id) || !validRecord(record)) return `the answer record for "${id}" is damaged`;
  }
  if (!Array.isArray(revisit) || !revisit.every((id) => typeof id === "string" && ID.test(id))) return "its list of notes to revisit is damaged";
  return "";
}

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled by the browser's settings
  }
}

/** { progress, notice }: the stored progress, or empty progress and a notice saying why it was reset. */
export function load() {
  const store = storage();
  if (store === null) return { progress: empty(), notice: "This browser does not let the site store progress; answers count only until you leave the page." };
  let text = null;
  try {
    text = store.getItem(KEY);
  } catch {
    return { progress: empty(), notice: "This browser does not let the site read stored progress." };
  }
  if (text === null) return { progress: empty(), notice: "" };
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const why = value === undefined ? "it is not readable" : problem(value);
  if (!why) return { progress: value, notice: "" };
  save(empty());
  return { progress: empty(), notice: `Your stored practice progress was reset because ${why}.` };
}

/** Store progress; false when the browser refuses (full or disabled storage). */
export function save(progress) {
  const store = storage();
  if (store === null) return false;
  try {
    store.setItem(KEY, JSON.stringify(progress));
    return true;
  } catch {
    return false;
  }
}

/** Record one answer to a question that tests `notes`; returns the same progress object. */
export function record(progress, questionId, notes, correct, now = new Date()) {
  const before = progress.questions[questionId] ?? { answered: 0, right: 0, wrong: 0 };
  progress.questions[questionId] = {
    answered: before.answered + 1,
    right: before.right + (correct ? 1 : 0),
    wrong: before.wrong + (correct ? 0 : 1),
    last: now.toISOString(),
    lastCorrect: correct,
  };
  const revisit = new Set(progress.revisit);
  for (const note of notes) {
    if (correct) revisit.delete(note);
    else revisit.add(note);
  }
  progress.revisit = [...revisit].sort();
  return progress;
}

export function exportText(progress) {
  return `${JSON.stringify({ app: "dva-notes", exported: new Date().toISOString(), ...progress }, null, 1)}\n`;
}

/** Progress from an exported file's text; throws an Error whose message is for the reader. */
export function importText(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error("That file is not a DVA Notes progress file (it is not JSON).");
  }
  if (value === null || typeof value !== "object" || value.app !== "dva-notes") {
    throw new Error("That file is not a DVA Notes progress file.");
  }
  const progress = { version: value.version, questions: value.questions, revisit: value.revisit };
  const why = problem(progress);
  if (why) throw new Error(`That progress file cannot be used: ${why}. Your current progress is unchanged.`);
  return progress;
}
