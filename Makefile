# Two commands for a newcomer: `make run` and `make test`.
# Both create .venv with the standard library's venv and install the project
# into it; the install is redone only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test

run: $(VENV)/.installed
	$(BIN)/samverkan build
	$(BIN)/samverkan serve --host 127.0.0.1 --port 5000

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@
