"""The offline copy's classic scripts (macros/hooks/offline.py, README "Offline copy"): each import and export
form our modules use, rewritten and run under Node the way chromium runs the classic script; every other form
failing the build with its file and line; the site's own entries converted and parsed; and the question bank
as a script (macros/quiz.py). tests/browser/test_offline.py runs the real ones from file:// in chromium."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from macros import quiz
from macros.hooks.offline import ENTRIES, KEYWORD, classic_script, code_only, module_graph
from tests.conftest import ROOT

# Runs a classic script as chromium would from <site>/javascripts/offline/main.js (the entry main.js under
# javascripts/), then prints what the modules put in globalThis.seen once their promises have settled.
HARNESS = """
const vm = require("node:vm");
globalThis.document = { currentScript: { src: "file:///copy/javascripts/offline/main.js" } };
globalThis.seen = {};
vm.runInThisContext(require("node:fs").readFileSync(process.argv[1], "utf8"));
setTimeout(() => console.log(JSON.stringify(globalThis.seen)), 50);
"""

MODULES = {
    "lib/values.js": """\
// import { x } from "./nowhere.js"; export default 1 (a comment, not code)
/* export * from "./nowhere.js"; */
export const GREETING = "import { nothing } from './here.js'; export default";
export let counter = 0;
export function bump() {
  counter += 1;
  return counter;
}
export async function later(x) {
  return x * 2;
}
const pattern = /import\\("x"\\)|[/]export/g; // a regular expression, with a / in a class
export const tag = `export ${GREETING.length > 0 ? `import ${"x"}` : "y"} import`;
export const matched = pattern.test('import("x")');
""",
    "lib/lazy.js": """\
import { bump } from "./values.js";
import { thisAtTop } from "../main.js";
export const name = "lazy";
export const sawMain = thisAtTop === undefined;
bump();
""",
    "main.js": """\
import { GREETING, bump as increment, later, matched, tag, } from "./lib/values.js";
import * as values from "./lib/values.js";

export const thisAtTop = this;
globalThis.seen.named = GREETING.startsWith("import") && matched && tag === "export import x import";
globalThis.seen.before = values.counter;
increment();
globalThis.seen.live = values.counter;
globalThis.seen.frozen = Object.isFrozen(values) && Object.keys(values).join();
globalThis.seen.url = import.meta.url;
globalThis.seen.css = new URL("../stylesheets/quiz.css", import.meta.url).href;
later(21).then((value) => { globalThis.seen.async = value; });
globalThis.seen.order = "sync";
import("./lib/lazy.js").then((lazy) => {
  globalThis.seen.lazy = [lazy.name, lazy.sawMain, values.counter, globalThis.seen.order];
});
globalThis.seen.order = "after";
""",
}


def _write(root: Path, modules: dict[str, str]) -> Path:
    for path, text in modules.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def _node(args: list[str]) -> subprocess.CompletedProcess[str]:
    if shutil.which("node") is None:
        pytest.fail("node is missing: the test tools need Node (make test installs the npm packages with it)")
    return subprocess.run(["node", *args], capture_output=True, text=True, check=False, timeout=60)


def test_each_supported_form_runs_as_a_module_would(tmp_path: Path) -> None:
    root = _write(tmp_path / "js", MODULES)
    script = tmp_path / "main.classic.js"
    script.write_text(classic_script(root, "main.js", "js"), encoding="utf-8")
    result = _node(["-e", HARNESS, str(script)])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "named": True,  # named imports, `as`, a trailing comma; comments, strings, templates and regexes untouched
        "before": 0,
        "live": 1,  # a namespace import sees an `export let` change
        "frozen": "GREETING,counter,bump,later,tag,matched",
        "url": "file:///copy/javascripts/main.js",  # import.meta.url: where the module is on the site
        "css": "file:///copy/stylesheets/quiz.css",
        "async": 42,  # export async function
        "order": "after",
        # import(): after the script ran; its static imports shared (one counter), `this` undefined at the top
        "lazy": ["lazy", True, 2, "after"],
    }


def test_the_generated_script_is_a_classic_script(tmp_path: Path) -> None:
    text = classic_script(_write(tmp_path / "js", MODULES), "main.js", "js")
    assert not KEYWORD.search(code_only(text)), "an import or export is left in the classic script"
    assert "js/lib/lazy.js" in text and text.count('__dvaDefine("') == 3


UNSUPPORTED = [
    ("export default function () {}", "unsupported export form `export default function () {}`"),
    ("export { a };", "unsupported export form"),
    ('export * from "./b.js";', "unsupported export form"),
    ("export class A {}", "unsupported export form"),
    ("export function* numbers() {}", "unsupported export form"),
    ("export const a = 1, b = [2, 3];", "`export const` declares more than one name"),
    ('import a from "./b.js";', 'unsupported import form `import a from "./b.js";`'),
    ('import "./b.js";', "unsupported import form"),
    ('import a, { b } from "./b.js";', "unsupported import form"),
    ("const b = import(name);", "unsupported import form"),
    ('const b = import.meta.resolve("./b.js");', "unsupported import form"),
    ('import { a } from "b";', '"b": only a relative .js file'),
    ('import { a } from "./b.mjs";', "only a relative .js file"),
    ('import { a } from "./missing.js";', "no such file js/missing.js"),
    ('import { a } from "../../outside.js";', "is outside js/"),
    ('import { default as a } from "./b.js";', "b.js has no `export` named default"),
    ('import { c } from "./b.js";', "b.js has no `export` named c"),
    ('import { counter } from "./b.js";', "counter is an `export let` of b.js"),
    ("const __dvaLoad = 1;", "names starting with __dva are reserved"),
]


@pytest.mark.parametrize(("line", "message"), UNSUPPORTED)
def test_any_other_form_fails_the_build_with_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    root = _write(tmp_path / "js", {
        "b.js": "export const a = 1;\nexport let counter = 0;\n",
        "main.js": f'// main\nimport {{ a as first }} from "./b.js";\n{line}\n',
    })
    with pytest.raises(PluginError, match=r"macros/hooks/offline\.py") as failure:
        classic_script(root, "main.js", "js")
    assert str(failure.value).startswith("js/main.js:3: "), str(failure.value)
    assert message in str(failure.value)


def test_a_static_import_cycle_fails_the_build(tmp_path: Path) -> None:
    root = _write(tmp_path / "js", {
        "a.js": 'import { b } from "./b.js";\nexport const a = 1;\n',
        "b.js": 'import * as a from "./a.js";\nexport const b = 2;\n',
    })
    with pytest.raises(PluginError, match=r"static import cycle a\.js -> b\.js -> a\.js"):
        classic_script(root, "a.js", "js")


def test_an_import_cycle_through_import_is_fine(tmp_path: Path) -> None:
    """quiz.js import()s practice.js, which imports quiz.js statically: as in the site."""
    root = _write(tmp_path / "js", {
        "main.js": 'export const x = 1;\nimport("./lazy.js").then((m) => { globalThis.seen.y = m.y; });\n',
        "lazy.js": 'import { x } from "./main.js";\nexport const y = x + 1;\n',
    })
    script = tmp_path / "main.classic.js"
    script.write_text(classic_script(root, "main.js", "js"), encoding="utf-8")
    result = _node(["-e", HARNESS, str(script)])
    assert result.returncode == 0 and json.loads(result.stdout) == {"y": 2}, result.stderr


def test_code_only_keeps_offsets_and_finds_only_code() -> None:
    source = ('a = "import" + `x ${import("./y.js")} export` / 2; // import\n'
              "/* export */ b = /import/.test(c) / d; e = f / g / h; export const i = 1;\n")
    code = code_only(source)
    assert len(code) == len(source) and code.count("\n") == source.count("\n")
    assert [m.start() for m in KEYWORD.finditer(code)] == [source.index('import("'), source.index("export const")]


@pytest.mark.parametrize("entry", ENTRIES)
def test_the_sites_entries_convert_and_parse(tmp_path: Path, entry: str) -> None:
    root = ROOT / "docs/javascripts"
    script = tmp_path / "entry.js"
    script.write_text(classic_script(root, entry), encoding="utf-8")
    result = _node(["--check", str(script)])
    assert result.returncode == 0, result.stderr
    paths = {m.path for m in module_graph(root, entry)}
    expected = {"calculators/mount.js": {"calculators/core.js", "calculators/registry.js", "calculators/backoff.js"},
                "quiz/quiz.js": {"quiz/practice.js", "quiz/question.js", "quiz/store.js"},
                "cheatsheet.js": {"cheatsheet.js"}}[entry]
    assert expected <= paths


def test_the_bank_script_sets_the_same_bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bank = {"version": 1, "notes": {"__proto__": {"title": "a key, not a prototype"}}, "text": "line\u2028sep \"q\""}
    monkeypatch.setattr(quiz, "bank_json", lambda ctx: bank)
    quiz.write_bank_script(tmp_path, ctx=None)  # type: ignore[arg-type]
    script = tmp_path / quiz.BANK_SCRIPT
    harness = ('globalThis.window = {}; require("node:vm").runInThisContext(require("node:fs").readFileSync('
               'process.argv[1], "utf8")); console.log(JSON.stringify(window.dvaQuestionBank));')
    result = _node(["-e", harness, str(script)])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == bank
    assert quiz.BANK_SCRIPT.as_posix() == "practice/questions.js" and quiz.BANK_GLOBAL == "dvaQuestionBank"
