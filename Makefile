PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DB ?= data/noegletal.duckdb
PORT ?= 8501
WORKERS ?= auto

.PHONY: run serve test install install-test build clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

$(DB): $(VENV)/.installed
	$(PY) -m dashboard build

build: $(VENV)/.installed
	$(PY) -m dashboard build

run: $(DB)
	$(PY) -m dashboard serve --server.port $(PORT)

# Several app processes (WORKERS=auto: one per core) behind HAProxy on $(PORT); needs haproxy.
serve: $(DB)
	$(PY) -m dashboard serve --workers $(WORKERS) --server.port $(PORT)

test: $(VENV)/.installed-test
	$(PY) -m pytest

clean:
	rm -rf $(VENV) $(DB)
