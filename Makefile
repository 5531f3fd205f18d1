# The first Python 3.11 or newer on PATH (python3 first); override with `make run PYTHON=…`.
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
DB ?= data/noegletal.duckdb
PORT ?= 8501
WORKERS ?= auto
# `make test` runs the tests in this many processes (pytest-xdist; 1 runs them in this one).
TEST_PROCESSES ?= 2

.PHONY: run serve test install install-test build clean check-python

check-python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "Fandt ingen Python 3.11 eller nyere (prøvede python3, python3.13, python3.12, python3.11)." >&2; \
		echo "Installér Python 3.11+ eller angiv den: make run PYTHON=/sti/til/python3" >&2; exit 1; fi

$(VENV)/.installed: pyproject.toml | check-python
	@echo "→ Opretter virtuelt miljø i $(VENV) med $(PYTHON) ($$($(PYTHON) --version 2>&1)) …"
	@$(PYTHON) -m venv $(VENV)
	@echo "→ Opdaterer pip …"
	@$(PY) -m pip install --quiet --upgrade pip
	@echo "→ Installerer Nøgletal og dets pakker (streamlit, duckdb, altair, pandas …); første gang ca. 1–2 minutter …"
	@$(PY) -m pip install --quiet --progress-bar off -e .
	@touch $@
	@echo "→ Pakkerne er installeret."

$(VENV)/.installed-test: $(VENV)/.installed
	@echo "→ Installerer testværktøjerne (pytest, pytest-xdist, hypothesis, playwright) …"
	@$(PY) -m pip install --quiet --progress-bar off -e '.[test]'
	@touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

$(DB): $(VENV)/.installed
	@echo "→ Bygger databasen $(DB) fra data/ (ca. 20–60 sekunder) …"
	@$(PY) -m dashboard build

build: $(VENV)/.installed
	$(PY) -m dashboard build

# browser.serverAddress: Streamlit prints this one address and does not look up an external IP
# (which fails on a closed network with a warning that reads like an error).
run: $(DB)
	@echo "→ Starter appen på http://localhost:$(PORT) (stop med Ctrl+C; anden port: make run PORT=8502) …"
	@$(PY) -m dashboard serve --server.port $(PORT) --browser.serverAddress localhost

# Several app processes (WORKERS=auto: one per core) behind HAProxy on $(PORT); needs haproxy.
serve: $(DB)
	$(PY) -m dashboard serve --workers $(WORKERS) --server.port $(PORT)

test: $(VENV)/.installed-test
	$(PY) -m pytest $(if $(filter-out 0 1,$(TEST_PROCESSES)),-n $(TEST_PROCESSES) --dist loadfile)

clean:
	rm -rf $(VENV) $(DB)
