# LPSE Desk — two commands for everyone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint demo bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP)

## Open the desk on the embedded SQLite database (data/lpse_desk.db).
run: $(STAMP)
	$(BIN)/lpse-desk

## Ruff, then the whole test suite.
test: $(TEST_STAMP)
	$(BIN)/ruff check lpse_desk tests benchmarks
	@# Bytecode once, for the desk processes the tests start (PYTHONDONTWRITEBYTECODE may be set).
	$(BIN)/python -m compileall -q lpse_desk
	$(BIN)/python -m pytest

## Fill the demo database and open the desk on it.
demo: $(STAMP)
	$(BIN)/lpse-desk demo

## Print the performance figures quoted in the README.
bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/cli_help.py
	$(BIN)/python benchmarks/queue_numbers.py
	$(BIN)/python benchmarks/call_next.py
	$(BIN)/python benchmarks/receipt_render.py
	$(BIN)/python benchmarks/vendor_lookup.py
	$(BIN)/python benchmarks/verifier_queue.py
	$(BIN)/python benchmarks/verifier_queue.py --postgresql
	$(BIN)/python benchmarks/ikm_report.py
	$(BIN)/python benchmarks/db_check.py
	$(BIN)/python benchmarks/backup.py
	$(BIN)/python benchmarks/pin_hash.py
	$(BIN)/python benchmarks/engines.py
	$(BIN)/python benchmarks/cross_desk.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
