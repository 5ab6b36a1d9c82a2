# The two commands the README opens with. Each sets up what it needs on a fresh machine.
#   make site   build the site from the shipped example content into site/
#   make test   run the whole test suite (lint, format, types, unit, golden and browser tests)
# And for everyday work:
#   make test-fast   the same without browser tests and slow tests: no root, no Chromium, no npm
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CODE   := generator tests benchmarks scripts

.PHONY: site test test-fast static lint serve check bench golden clean browser constraints fuzz

# Installs exactly the versions in constraints.txt (the ones the tests were written against).
$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) scripts/check_python.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/moinext build

check: $(STAMP)
	$(BIN)/moinext check

serve: $(STAMP)
	$(BIN)/moinext serve

lint: $(STAMP)
	$(BIN)/ruff check $(CODE)

# Lint, formatting and types: what every change must pass before its tests run.
static: $(STAMP)
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/mypy

# On every core: each test owns its folders and ports. The tests marked slow come first
# (tests/conftest.py); a worker that runs out takes half of the other's queue (worksteal), so the
# long ones run side by side from the start and none is left running alone at the end. (--dist
# load pinned 93 tests to one worker and left the other idle for two minutes.)
PYTEST := $(BIN)/pytest -n auto --dist worksteal

test: $(STAMP) browser static
	MOINEXT_REQUIRE_BROWSER=1 $(PYTEST)

# Everything but the browser tests and those marked slow (real servers, whole sites built again
# and again): the loop while working, in under 3 minutes on 2 cores. make test runs them all.
test-fast: $(STAMP) static
	$(PYTEST) -m "not slow" --ignore=tests/browser

# Regenerate the golden files under tests/golden/ after an intended change of output.
golden: $(STAMP)
	MOINEXT_REGENERATE_GOLDEN=1 $(BIN)/pytest tests/test_golden.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_build.py

# The property-based tests with thousands of examples each (CI runs 60), then the hostile inputs'
# time and memory.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=long $(BIN)/pytest -p no:cacheprovider tests/test_properties.py
	$(BIN)/python benchmarks/bench_hostile.py

# After changing dependencies in pyproject.toml: a fresh environment, then its versions recorded.
constraints:
	rm -rf .venv-constraints
	$(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/pip install --quiet -e '.[test]'
	{ head -n 2 constraints.txt; .venv-constraints/bin/pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt
	rm -rf .venv-constraints

# Debian's Chromium, nginx and rsync for the browser and publishing tests (a test tool's own
# browser download fails here), and
# axe-core (the accessibility checker the browser tests run inside it) from the npm registry.
AXE := tests/browser/node_modules/axe-core/axe.min.js
browser: $(AXE)
	@scripts/install-debian-tools.sh

$(AXE): tests/browser/package.json
	cd tests/browser && npm install --no-audit --no-fund --silent
	touch $(AXE)

clean:
	rm -rf $(VENV) site .moinext-cache
