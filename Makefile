# The README's two commands: `make example` (the main job on the bundled example pages) and
# `make test` (what CI runs: .ci/run calls it on a fresh machine). PY is the project's virtualenv.
PY ?= .venv/bin/python

.PHONY: install lint typecheck test test-fast example ci bench

install: .venv/.installed

.venv/.installed: pyproject.toml
	python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,en,parquet,spark,web,browser,postgres]"
	touch .venv/.installed

lint: install
	$(PY) -m ruff check src tests bench
	$(PY) -m ruff format --check src tests bench

typecheck: install
	$(PY) -m mypy

# Fast tests only (pytest -m "not slow"), for the edit-test loop.
test-fast: install
	$(PY) -m pytest -q -m "not slow"

# Everything CI checks: lint, types, every test including the slow ones and the quality gates.
test: lint typecheck
	$(PY) -m pytest -q

ci: test

# Ingest the example pages into a store (again: nothing new is added) and show what was found.
example: install
	.venv/bin/dateline ingest examples --db example.db
	.venv/bin/dateline show --db example.db
	.venv/bin/dateline search "pont OR port" --db example.db --limit 5
