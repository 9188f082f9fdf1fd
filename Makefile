# Two commands on a fresh machine with Python 3.11+:
#   make run    set up .venv and open the bundled demo scenario
#   make test   set up .venv with the test tools and run ruff, the import contracts, mypy and pytest
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
SCENARIO ?= demo

.PHONY: run test bench lock clean messages catalogues

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The versions the tests passed with, from the lock files (every file checked against its
# hash); then the project itself, built by the locked hatchling. Reinstall only when the
# project metadata or a lock changes. `make lock` updates the locks (docs/dependencies.md).
INSTALL_SELF = $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .

$(VENV)/.installed: pyproject.toml requirements/run.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/run.lock
	$(INSTALL_SELF)
	@touch $@

$(VENV)/.installed-test: pyproject.toml requirements/test.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/test.lock
	$(INSTALL_SELF)
	@touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/exercise run $(SCENARIO)

test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest

# Update the lock files from pyproject.toml: the newest versions its ranges allow
# (`make lock`), or only what the ranges force (`make lock UPGRADE=`).
UPGRADE ?= --upgrade
TOOLS = .venv-tools
COMPILE = env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null $(TOOLS)/bin/pip-compile --quiet \
	--generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links --strip-extras \
	$(UPGRADE)

lock:
	test -x $(TOOLS)/bin/pip-compile || ($(PYTHON) -m venv $(TOOLS) && \
		$(TOOLS)/bin/pip install --quiet pip-tools)
	$(COMPILE) -o requirements/run.lock pyproject.toml requirements/build.in
	$(COMPILE) --extra test -o requirements/test.lock pyproject.toml requirements/build.in

bench: $(VENV)/.installed-test
	@failed=0; for script in tests/bench/bench_*.py; do echo "== $$script"; \
		$(BIN)/python $$script || failed=1; done; exit $$failed

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .ruff_cache .hypothesis build dist

# Message catalogues (docs/translating.md). `make messages` extracts the product's words into
# exercise/locale/exercise.pot and merges them into every language's .po; `make catalogues`
# compiles each .po into the .mo that ships in the wheel (a test fails while one is stale).
messages: $(VENV)/.installed
	$(BIN)/python tools/messages.py update

catalogues: $(VENV)/.installed
	$(BIN)/python tools/messages.py compile
