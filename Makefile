# Two commands for a newcomer: `make run` and `make test`.
# Both create .venv with the standard library's venv and install the project
# into it; the install is redone only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench load

run: $(VENV)/.installed
	$(BIN)/samverkan build
	$(BIN)/samverkan serve --host 127.0.0.1 --port 5000

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

# Benchmarks at 10k, 100k and 1M triples (about an hour on 2 cores), and the load test with a rebuild.
bench: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.run

load: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.load

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@
