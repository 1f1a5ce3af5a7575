"""MkDocs hook: what the offline copy (mkdocs-offline.yml, `make offline`) needs beyond Material's
offline plugin. Does nothing unless that plugin is enabled, so the published site is unaffected.

Read from file://, chromium refuses three things a server gives: a Web Worker (Material's search), a
fetch() of a local file, and ES module scripts (a module script is fetched in CORS mode, and a
file:// page's origin is opaque). Material's offline plugin covers the first two for search: it
inlines the index as search/search_index.js and lists the iframe-worker shim, which runs the worker
in a hidden <iframe>. This hook:

- copies that shim from the npm package (package-lock.json pins it) to the path mkdocs-offline.yml
  lists under extra.polyfills, so nothing is loaded from unpkg.com, the plugin's default;
- writes a classic-script version of each module graph the pages load (ENTRIES: the calculators, the
  questions and the Practice page, the Cheat sheet's filter) to javascripts/offline/<entry>, which
  docs/javascripts/loader.js loads from file:// instead of import()ing the modules (classic_script);
- writes the question bank as a classic script too, practice/questions.js (macros/quiz.py), which
  sets window.dvaQuestionBank: practice.js takes the bank from there instead of fetch()ing the JSON;
- fails the build when the copy would still name another host, or load one of our scripts as a
  module (both would break on file:// without a word), or when a module uses an import or export
  form classic_script does not rewrite;
- leaves out the change feed's <link rel="alternate"> (macros/hooks/page_meta.py): Material takes
  every alternate link for another language of the site and fetches the sitemap.xml beside it, a
  request to site_url's host that the Content-Security-Policy refuses (and a feed reader cannot
  subscribe to a file anyway).

README: "Offline copy".
"""

from __future__ import annotations

import importlib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

SHIM_PACKAGE = Path("node_modules/iframe-worker/shim/index.js")

# Our module graphs that pages load (docs/javascripts/loader.js), each as one classic script at
# OFFLINE_DIR/<entry>. Not didyoumean.js (it fetch()es names.json); loader.js skips the share sheet there.
JS_DIR = "javascripts"
OFFLINE_DIR = "javascripts/offline"
ENTRIES = ("calculators/mount.js", "quiz/quiz.js", "cheatsheet.js")


def offline_enabled(config: Any) -> bool:
    """Whether Material's offline plugin is on in this build."""
    plugin = config["plugins"].get("material/offline")
    return bool(plugin and plugin.config.enabled)


def shim_path(config: Any) -> str | None:
    """The site path of the iframe-worker shim listed under extra.polyfills, if any."""
    for script in config["extra"].get("polyfills", []):
        if "iframe-worker" in str(script):
            return str(script)
    return None


# --- Classic scripts from our ES modules -------------------------------------------------------------
#
# Not a bundler: each module's text is kept as written, wrapped in a function (its own scope, strict
# like a module) that registers its exports, and only these forms are rewritten:
#
#   import { a, b as c } from "./x.js";   ->  const { a, b: c } = __dvaLoad("dir/x.js");  (moved to the top)
#   import * as x from "./x.js";          ->  const x = __dvaLoad("dir/x.js");             (moved to the top)
#   import("./x.js")                      ->  __dvaImport("dir/x.js"), a promise of the module, a microtask later
#   import.meta.url                       ->  the URL the module has on the site (from the script's own URL)
#   export function f / export async function f / export const x = / export let x =
#                                         ->  the declaration, and a getter for it on the module's exports
#
# Any other import or export (default, re-exports, `export { }`, a bare or computed specifier, ...) fails
# the build with its file and line, as do a static import cycle (named imports are copied when a module
# starts, so they need their module finished first) and a named import of an `export let` (a copy would
# not follow later assignments; a namespace import's getters do). The specifier must be a relative .js
# file under docs/javascripts/.

PREFIX = "__dva"  # the generated code's names; a module may not use it, so none can be shadowed
IDENT = r"[A-Za-z_$][\w$]*"
SPEC = r"""(?P<q>["'])(?P<spec>[^"'\n]*)(?P=q)"""
IMPORT_NAMED = re.compile(rf"import\s*\{{(?P<names>[^}}]*)\}}\s*from\s*{SPEC}\s*;")
IMPORT_NAMESPACE = re.compile(rf"import\s*\*\s*as\s+(?P<name>{IDENT})\s+from\s*{SPEC}\s*;")
IMPORT_DYNAMIC = re.compile(rf"import\s*\(\s*{SPEC}\s*\)")
IMPORT_META_URL = re.compile(r"import\s*\.\s*meta\s*\.\s*url(?![\w$])")
EXPORT_DECLARATION = re.compile(rf"export\s+(?P<kind>async\s+function|function|const|let)\s+(?P<name>{IDENT})")
IMPORT_NAME = re.compile(rf"(?P<name>{IDENT})(?:\s+as\s+(?P<local>{IDENT}))?")
KEYWORD = re.compile(r"(?<![\w$.])(?:import|export)(?![\w$])")
SUPPORTED = ('import { a, b as c } from "./x.js";', 'import * as x from "./x.js";', 'import("./x.js")',
             "import.meta.url", "export function", "export async function", "export const", "export let")

# After these (or at the start), a / begins a regular expression; elsewhere it divides.
REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^")
REGEX_KEYWORDS = {"return", "typeof", "case", "do", "else", "in", "of", "void", "delete", "throw", "new",
                  "yield", "await", "instanceof"}
WORD = re.compile(r"[\w$]+")


def _string_end(source: str, start: int) -> int:
    """The offset after the string literal opened at `start`."""
    quote, i = source[start], start + 1
    while i < len(source) and source[i] not in (quote, "\n"):
        i += 2 if source[i] == "\\" else 1
    return i + 1


def _regex_end(source: str, start: int) -> int | None:
    """The offset after the regular expression literal opened at `start` (flags included), or None when the
    line ends first (then the / divides)."""
    i, in_class = start + 1, False
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "\n":
            return None
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "/" and not in_class:
            flags = WORD.match(source, i + 1)
            return flags.end() if flags else i + 1
        i += 1
    return None


def code_only(source: str) -> str:
    """`source` with the text of its comments, strings, template literals and regular expressions turned
    into spaces (newlines and every offset kept), so that a search for `import` finds only code."""
    out = list(source)

    def blank(start: int, end: int) -> None:
        for k in range(start, min(end, len(out))):
            if out[k] != "\n":
                out[k] = " "

    depths: list[int] = []  # the brace depth of each template literal's ${ } expression we are in
    depth, prev, i = 0, "", 0

    def template_text(start: int) -> int:
        """Blank a template literal's text from `start`; the offset of the code after it, or after its ${."""
        nonlocal depth
        i = start
        while i < len(source):
            if source[i] == "\\":
                i += 2
            elif source[i] == "`":
                blank(start, i)
                return i + 1
            elif source.startswith("${", i):
                blank(start, i + 2)
                depths.append(depth)
                depth = 0
                return i + 2
            else:
                i += 1
        blank(start, i)
        return i

    while i < len(source):
        char = source[i]
        if char.isspace():
            i += 1
        elif source.startswith("//", i):
            end = source.find("\n", i)
            end = len(source) if end < 0 else end
            blank(i, end)
            i = end
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            end = len(source) if end < 0 else end + 2
            blank(i, end)
            i = end
        elif char in "'\"":
            end = _string_end(source, i)
            blank(i + 1, end - 1)
            i, prev = end, "0"
        elif char == "`":
            i, prev = template_text(i + 1), "0"
        elif char == "/" and (prev in REGEX_AFTER or prev in REGEX_KEYWORDS or prev in ("", "}")) \
                and (end := _regex_end(source, i)) is not None:
            blank(i + 1, end)
            i, prev = end, "0"
        elif char == "}" and depths and depth == 0:  # the end of a ${ } expression: back into the template
            blank(i, i + 1)
            depth = depths.pop()
            i, prev = template_text(i + 1), "0"
        elif word := WORD.match(source, i):
            i, prev = word.end(), word.group()
        else:
            depth += {"{": 1, "}": -1}.get(char, 0)
            i, prev = i + 1, char
    return "".join(out)


@dataclass
class Module:
    path: str  # under docs/javascripts/, e.g. "quiz/quiz.js"
    body: str = ""  # the source, its imports and exports rewritten
    exports: dict[str, str] = field(default_factory=dict)  # name -> "function", "async function", "const", "let"
    hoisted: list[str] = field(default_factory=list)  # the static imports, as declarations
    static: list[str] = field(default_factory=list)
    dynamic: list[str] = field(default_factory=list)
    named: list[tuple[str, str, int]] = field(default_factory=list)  # (module, name, line) per named import


def _fail(where: str, message: str) -> PluginError:
    return PluginError(f"{where}: {message} (the offline copy's classic scripts, macros/hooks/offline.py)")


def _single_declarator(code: str, start: int) -> bool:
    """Whether the const or let declaration whose first name ends at `start` declares only that name."""
    depth = 0
    for char in code[start:]:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth < 0:
                return True
        elif depth == 0 and char == ";":
            return True
        elif depth == 0 and char == ",":
            return False
    return True


def parse_module(root: Path, path: str, shown: str = "docs/javascripts") -> Module:
    """Read root/path and rewrite its imports and exports (see above); `shown`: root as error messages name it."""
    source = (root / path).read_text(encoding="utf-8")
    module = Module(path)

    def where(offset: int) -> str:
        return f"{shown}/{path}:{source.count(chr(10), 0, offset) + 1}"

    if PREFIX in source:
        raise _fail(where(source.index(PREFIX)), f"names starting with {PREFIX} are reserved for the generated code")

    def resolve(offset: int, spec: str) -> str:
        target = Path(path).parent.joinpath(spec).as_posix()
        parts: list[str] = []
        for part in target.split("/"):
            if part == "..":
                if not parts:
                    raise _fail(where(offset), f'"{spec}" is outside {shown}/')
                parts.pop()
            elif part not in (".", ""):
                parts.append(part)
        resolved = "/".join(parts)
        if not spec.startswith(("./", "../")) or not spec.endswith(".js"):
            raise _fail(where(offset), f'"{spec}": only a relative .js file (./x.js, ../x.js) can be imported')
        if not (root / resolved).is_file():
            raise _fail(where(offset), f'"{spec}": no such file {shown}/{resolved}')
        return resolved

    code = code_only(source)
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in source
    for keyword in KEYWORD.finditer(code):
        start = keyword.start()
        if keyword.group() == "export":
            if not (match := EXPORT_DECLARATION.match(source, start)):
                raise _fail(where(start), f"unsupported export form `{source[start:].splitlines()[0].strip()}`; "
                            f"supported: {', '.join(SUPPORTED)}")
            kind = " ".join(match["kind"].split())
            if kind in ("const", "let") and not _single_declarator(code, match.end()):
                raise _fail(where(start), f"`export {kind}` declares more than one name: export each on its own")
            module.exports[match["name"]] = kind
            edits.append((start, match.start("kind"), ""))
        elif match := IMPORT_NAMED.match(source, start):
            target = resolve(start, match["spec"])
            names = [n.strip() for n in match["names"].split(",")]
            if names and names[-1] == "":
                names.pop()  # a trailing comma
            pairs = []
            for name in names:
                if not (one := IMPORT_NAME.fullmatch(name)):
                    raise _fail(where(start), f"unsupported name `{name}` in `{match.group()}`")
                pairs.append(one["name"] if one["local"] is None else f"{one['name']}: {one['local']}")
                module.named.append((target, one["name"], source.count("\n", 0, start) + 1))
            module.hoisted.append(f"const {{ {', '.join(pairs)} }} = {PREFIX}Load({json.dumps(target)});")
            module.static.append(target)
            edits.append((start, match.end(), "\n" * match.group().count("\n")))
        elif match := IMPORT_NAMESPACE.match(source, start):
            target = resolve(start, match["spec"])
            module.hoisted.append(f"const {match['name']} = {PREFIX}Load({json.dumps(target)});")
            module.static.append(target)
            edits.append((start, match.end(), "\n" * match.group().count("\n")))
        elif match := IMPORT_DYNAMIC.match(source, start):
            target = resolve(start, match["spec"])
            module.dynamic.append(target)
            edits.append((start, match.end(), f"{PREFIX}Import({json.dumps(target)})"))
        elif match := IMPORT_META_URL.match(source, start):
            edits.append((start, match.end(), f"{PREFIX}Url"))
        else:
            raise _fail(where(start), f"unsupported import form `{source[start:].splitlines()[0].strip()}`; "
                        f"supported: {', '.join(SUPPORTED)}")
    body, last = [], 0
    for start, end, replacement in edits:
        body += [source[last:start], replacement]
        last = end
    module.body = "".join([*body, source[last:]])
    return module


def module_graph(root: Path, entry: str, shown: str = "docs/javascripts") -> list[Module]:
    """`entry` and every module it imports, statically or with import(), each once; fails on a static
    import cycle and on a named import its module does not export (or exports with `export let`)."""
    modules: dict[str, Module] = {}
    pending = [entry]  # import() targets wait until the static graph before them is read

    def visit(path: str, trail: list[str]) -> None:
        if path in trail:
            cycle = " -> ".join([*trail[trail.index(path):], path])
            raise _fail(f"{shown}/{trail[-1]}", f"static import cycle {cycle}: import one side with import()")
        if path in modules:
            return
        module = modules[path] = parse_module(root, path, shown)
        for target in module.static:
            visit(target, [*trail, path])
        pending.extend(module.dynamic)

    while pending:
        visit(pending.pop(0), [])
    for module in modules.values():
        for target, name, line in module.named:
            kind = modules[target].exports.get(name)
            if kind is None:
                raise _fail(f"{shown}/{module.path}:{line}", f"{target} has no `export` named {name}")
            if kind == "let":
                raise _fail(f"{shown}/{module.path}:{line}", f"{name} is an `export let` of {target}: a named import "
                            "would not see it change here; import the module as a namespace (import * as)")
    return list(modules.values())


RUNTIME = """\
// Written by macros/hooks/offline.py for the offline copy (README "Offline copy"): {shown}/{entry}
// and the modules it imports, as one classic script, because chromium runs no module script from file://.
// Generated from the modules at build time; do not edit.
(function () {{
  "use strict";
  // The site's {js}/ folder, from this file's URL ({offline}/{entry}).
  const {p}Base = new URL({up}, document.currentScript.src);
  const {p}Modules = new Map(); // path under {js}/ -> {{ factory, exports }}
  function {p}Define(path, factory) {{
    {p}Modules.set(path, {{ factory, exports: null }});
  }}
  // The module's exports (run it first if no one has yet); its import.meta.url is its URL on the site.
  function {p}Load(path) {{
    const module = {p}Modules.get(path);
    if (module.exports === null) {{
      module.exports = Object.create(null);
      const factory = module.factory;
      factory(module.exports, new URL(path, {p}Base).href);
    }}
    return module.exports;
  }}
  // import(): a promise, settled after the script that asked has run (as import() would be).
  function {p}Import(path) {{
    return Promise.resolve().then(() => {p}Load(path));
  }}
  // Live exports, as a module's: a getter per name, read when used.
  function {p}Export(exports, getters) {{
    for (const [name, get] of Object.entries(getters)) Object.defineProperty(exports, name, {{ enumerable: true, get }});
    Object.freeze(exports);
  }}
"""


def classic_script(root: Path, entry: str, shown: str = "docs/javascripts") -> str:
    """The classic script for `entry` (a module under root): its graph, each module in its own function."""
    up = "../" * (entry.count("/") + 1)  # from OFFLINE_DIR/<entry> back to JS_DIR/
    parts = [RUNTIME.format(shown=shown, entry=entry, js=JS_DIR, offline=OFFLINE_DIR, up=json.dumps(up), p=PREFIX)]
    for module in module_graph(root, entry, shown):
        getters = ", ".join(f"{name}: () => {name}" for name in module.exports)
        header = [f"{PREFIX}Export({PREFIX}Exports, {{ {getters} }});", *module.hoisted]
        parts.append(f"\n  // {shown}/{module.path}\n"
                     f"  {PREFIX}Define({json.dumps(module.path)}, function ({PREFIX}Exports, {PREFIX}Url) {{\n"
                     + "".join(f"  {line}\n" for line in header)
                     + module.body.rstrip("\n") + "\n  });\n")
    parts.append(f"\n  {PREFIX}Load({json.dumps(entry)});\n}})();\n")
    return "".join(parts)


# --- Hook events ----------------------------------------------------------------------------------------


def _project_module(config: Any, name: str) -> Any:
    """A module of the project (macros/quiz.py). MkDocs imports a hook as a lone file."""
    root = str(Path(config.config_file_path).resolve().parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    return importlib.import_module(name)


def on_config(config: Any) -> Any:
    if not offline_enabled(config):
        return config
    remote = [str(s) for s in config["extra"].get("polyfills", []) if "://" in str(s)]
    if remote:
        raise PluginError(
            f"mkdocs-offline.yml: extra.polyfills loads {remote} from another host; the offline copy must work "
            "without a network: list the local shim (assets/javascripts/iframe-worker/shim.js) under extra.polyfills"
        )
    modules = [str(s.path) for s in config["extra_javascript"] if getattr(s, "type", None) == "module"]
    if modules:
        raise PluginError(
            f"mkdocs-offline.yml: extra_javascript loads {modules} as ES modules, which chromium refuses from file://; "
            "list them without `type: module` (loader.js loads the classic versions this hook writes)"
        )
    return config


def on_files(files: Files, config: Any) -> Files:
    if not offline_enabled(config):
        return files
    path = shim_path(config)
    source = Path(config["config_file_path"]).resolve().parent / SHIM_PACKAGE
    if path is None or not source.is_file():
        raise PluginError(f"offline build: the iframe-worker shim {SHIM_PACKAGE} is missing: run `npm ci`")
    files.append(File.generated(config, path, abs_src_path=str(source)))
    root = Path(config["docs_dir"]) / JS_DIR
    shown = f"{Path(config['docs_dir']).name}/{JS_DIR}"
    for entry in ENTRIES:
        files.append(File.generated(config, f"{OFFLINE_DIR}/{entry}", content=classic_script(root, entry, shown)))
    return files


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    if offline_enabled(config):
        context["feed"] = None  # set by macros/hooks/page_meta.py, which runs before this hook
    return context


def on_post_build(config: Any) -> None:
    """The question bank as a classic script (practice/questions.js), from the context mkdocs-macros loaded."""
    if not offline_enabled(config):
        return
    macros = config["plugins"].get("macros")
    ref = macros.variables.get("_dva_context") if macros is not None else None  # macros/context.py ContextRef
    if ref is None:
        raise PluginError("offline build: the macros plugin's context (_dva_context, macros/__init__.py) is missing")
    _project_module(config, "macros.quiz").write_bank_script(Path(config["site_dir"]), ref.context)
