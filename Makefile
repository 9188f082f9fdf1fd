# Two commands on a fresh machine with Python 3.11+:
#   make run    set up .venv and open the bundled demo scenario
#   make test   set up .venv with the test tools and run ruff and pytest
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
SCENARIO ?= demo

.PHONY: run test bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project metadata changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/exercise run $(SCENARIO)

test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	@failed=0; for script in tests/bench/bench_*.py; do echo "== $$script"; \
		$(BIN)/python $$script || failed=1; done; exit $$failed

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build dist
