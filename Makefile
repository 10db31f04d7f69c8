# The targets CI runs (.ci/run calls `make ci`). PY is the project's virtualenv.
PY ?= .venv/bin/python

.PHONY: install lint typecheck test test-fast example ci bench

install: .venv/.installed

.venv/.installed: pyproject.toml
	python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,en,parquet,spark,web,browser]"
	touch .venv/.installed

lint: install
	$(PY) -m ruff check src tests bench
	$(PY) -m ruff format --check src tests bench

typecheck: install
	$(PY) -m mypy

test-fast: install
	$(PY) -m pytest -q -m "not slow"

test: install
	$(PY) -m pytest -q

example: install
	.venv/bin/dateline read examples/*.html examples/*.txt

ci: lint typecheck test
