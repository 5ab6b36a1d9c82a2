# The two commands the README opens with. Each sets up what it needs on a fresh machine.
#   make site   build the site from the shipped example content into site/
#   make test   run the whole test suite (lint, unit, golden and browser tests)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test lint serve check bench golden clean browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/moinext build

check: $(STAMP)
	$(BIN)/moinext check

serve: $(STAMP)
	$(BIN)/moinext serve

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks scripts

test: $(STAMP) browser
	$(BIN)/ruff check generator tests benchmarks scripts
	MOINEXT_REQUIRE_BROWSER=1 $(BIN)/pytest

# Regenerate the golden files under tests/golden/ after an intended change of output.
golden: $(STAMP)
	MOINEXT_REGENERATE_GOLDEN=1 $(BIN)/pytest tests/test_golden.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_build.py

# Debian's Chromium for the browser tests (a test tool's own browser download fails here), and
# axe-core (the accessibility checker the browser tests run inside it) from the npm registry.
AXE := tests/browser/node_modules/axe-core/axe.min.js
browser: $(AXE)
	@command -v chromium >/dev/null 2>&1 || scripts/install-chromium.sh

$(AXE): tests/browser/package.json
	cd tests/browser && npm install --no-audit --no-fund --silent
	touch $(AXE)

clean:
	rm -rf $(VENV) site .moinext-cache
