// Gate rule 9 (lint) for the site's own JavaScript (docs/**/*.js): no HTML sinks and no code from
// strings. Every value our scripts show is text (textContent, value, setAttribute); a sink here would
// turn a shared URL's parameters into markup. tests/gate/lint.py runs this with `eslint --format json`.
import noUnsanitized from "eslint-plugin-no-unsanitized"

const SINK = "is an HTML sink: build nodes and set textContent instead"

export default [
  {
    files: ["**/*.js"],
    languageOptions: { ecmaVersion: "latest", sourceType: "module" },
    plugins: { "no-unsanitized": noUnsanitized },
    rules: {
      "no-unsanitized/method": "error",
      "no-unsanitized/property": "error",
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: `innerHTML/outerHTML ${SINK}` },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: `insertAdjacentHTML ${SINK}` },
        { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^write(ln)?$/]",
          message: `document.write ${SINK}` },
      ],
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
    },
  },
]
