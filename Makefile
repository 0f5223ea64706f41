# The two quick-start commands: `make demo` and `make test`.
# Each creates the virtual environment and installs what it needs first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench mutation clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/bridge demo --once

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python -m bench

# Mutation score of bridge/ under the fast core tests (issue 8: at least 95%). A fresh mutants/
# each time, so new tests and pragmas always count; mutmut's own output goes to mutants/run.log.
MUTATION_MIN ?= 95
MUTATION_JOBS ?= $(shell nproc 2>/dev/null || echo 2)

mutation: $(STAMP)
	rm -rf mutants && mkdir mutants
	$(BIN)/mutmut run --max-children $(MUTATION_JOBS) > mutants/run.log 2>&1 \
		|| { tail -n 40 mutants/run.log; exit 1; }
	$(BIN)/python tools/mutation_report.py --fail-under $(MUTATION_MIN)

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache mutants
