# DVA Notes: the README's two commands (make serve, make test) and the tools behind them.
# Every target sets up what it needs itself, so both commands work on a fresh clone.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_DIR ?= site

# Material 9.8 prints its end-of-life notice on every build; README "Maintenance" records our plan.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint chromium clean

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
	$(BIN)/ruff check macros tests

# npm packages for the browser tests (axe-core), exactly as package-lock.json pins them.
node_modules/.npm-ci: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

test: $(VENV)/.test-deps chromium node_modules/.npm-ci  ## The whole suite: the publishing gate
	$(BIN)/ruff check macros tests
	$(BIN)/pytest

clean:
	rm -rf $(SITE_DIR) .pytest_cache
