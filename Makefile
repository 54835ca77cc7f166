# Two commands do all set-up on a fresh machine:
#   make run   - create .venv, install, build/update the index, start the web app on :7860
#   make test  - the same set-up plus dev tools and Chromium, then ruff and the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False
export ORT_DISABLE_TELEMETRY := 1
export HF_HUB_OFFLINE := 1

.PHONY: run test index install browser lint bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# torch first, pinned: a bare `torch` would pull gigabytes of CUDA packages.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e .
	touch $@

$(DEV_STAMP): $(STAMP)
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

install: $(STAMP)

# Incremental: validates the corpus and writes nothing when the index is up to date.
index: $(STAMP)
	$(PY) ingest.py --quiet

run: index
	$(PY) app.py

browser:
	bash scripts/install-browser.sh

lint: $(DEV_STAMP)
	$(PY) -m ruff check .

test: $(DEV_STAMP) browser
	$(PY) -m ruff check .
	$(PY) -m pytest

bench: $(STAMP) index
	$(PY) benchmarks/ingest.py
	$(PY) benchmarks/answer.py
	$(PY) benchmarks/crisis.py
	$(PY) benchmarks/web.py

clean:
	rm -rf $(VENV) index cache artifacts
