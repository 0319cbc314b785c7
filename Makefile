# Two commands do all set-up from a fresh clone (Python 3.11+ only):
#   make run    install, then monitor the companies in sources.yaml
#   make test   install, then lint + type check + tests (what CI runs)
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install run test lint bench clean compile

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

# Byte-code of the project's own modules, written even where PYTHONDONTWRITEBYTECODE is set
# (an editable install is not compiled by pip): every process of `run` and of the tests would
# otherwise compile each module it imports again. Only changed files are compiled.
compile: install
	$(BIN)/python -m compileall -q monitor

# honcho runs the Procfile: the scheduler (worker) and Datasette (web) on one database file.
# A local fleet runs all of it: MONITOR_BROKER_URL=redis://127.0.0.1:6379/0 honcho start
run: compile
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/honcho start -f Procfile -p $${PORT:-8001} web worker

lint: install
	$(BIN)/ruff check monitor tests bench
	$(BIN)/mypy

test: lint compile
	scripts/ensure-chromium
	scripts/ensure-redis
	$(BIN)/pytest -q

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
