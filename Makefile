# Two commands matter: `make dashboard` and `make test`. Both build .venv from the lock
# files first, with nothing but python3 (>= 3.11), pip and make on the machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: dashboard test lint check install dev lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.lock
	$(BIN)/pip install --disable-pip-version-check -q --no-deps -e .
	touch $@

$(VENV)/.dev: requirements-dev.lock $(VENV)/.runtime
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-dev.lock
	touch $@

install: $(VENV)/.runtime  ## runtime dependencies only
dev: $(VENV)/.dev          ## runtime + test and lint tools

dashboard: install  ## start the dashboard on the seeded embedded SQLite database
	$(BIN)/tracker dashboard

test: dev  ## the whole test suite (PostgreSQL and browser tests skip when unavailable, except in CI)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

check: lint test

lock:  ## re-pin dependencies after editing pyproject.toml
	$(BIN)/pip install -q uv
	$(BIN)/uv pip compile pyproject.toml -o requirements.lock --python-version 3.11
	$(BIN)/uv pip compile pyproject.toml --extra dev -o requirements-dev.lock --python-version 3.11

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
