# Two commands do all set-up on a fresh machine:
#   make run   - create .venv, install, build/update the index, start the web app on :7860
#   make test  - the same set-up plus dev tools, Chromium, strace, redis-server and axe-core, then ruff, mypy and the tests
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

.PHONY: run test index install browser tools axe lint bench bench-cluster cluster cluster-down clean lock typecheck check-resources demo-clinic

$(PY):
	$(PYTHON) -m venv $(VENV)

# Exact versions from the lock files (torch is locked to the CPU build: a bare `torch` would pull
# gigabytes of CUDA packages). `make lock` refreshes them after a change to pyproject.toml.
$(STAMP): requirements.lock pyproject.toml | $(PY)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	touch $@

$(DEV_STAMP): $(STAMP) requirements-dev.lock
	$(PY) -m pip install -q -r requirements-dev.lock
	touch $@

# Resolved with this machine's own pip configuration (its wheel folder holds torch 2.13.0+cpu).
lock: | $(PY)
	$(PY) -m pip install -q pip-tools
	$(PY) -m piptools compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock pyproject.toml
	$(PY) -m piptools compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
		--extra dev --output-file requirements-dev.lock pyproject.toml

install: $(STAMP)

# Incremental: validates the corpus and writes nothing when the index is up to date.
index: $(STAMP)
	$(PY) ingest.py --quiet

run: index
	$(PY) app.py

browser:
	bash scripts/install-browser.sh

# strace, ip, unshare (no-outbound-connections test), redis-server (shared rate limits and sessions) and
# nginx (the several-replica fault tests)
tools:
	bash scripts/install-test-tools.sh
	bash scripts/install-cluster-tools.sh

# Several replicas on loopback behind nginx, with Redis and a Chroma server (README "Running several replicas").
cluster: $(STAMP)
	bash scripts/cluster.sh up --replicas $(or $(REPLICAS),2)

cluster-down:
	bash scripts/cluster.sh down

# axe-core for the accessibility checks of the browser tests (npm ci from package-lock.json, pinned)
axe:
	bash scripts/install-axe.sh

# The fictional clinic's site with the widget's script tag, on http://127.0.0.1:8766 (run `make run` too)
demo-clinic:
	$(PYTHON) -m http.server 8766 --bind 127.0.0.1 --directory examples/clinic-site

lint: $(DEV_STAMP)
	$(PY) -m ruff check .

typecheck: $(DEV_STAMP)
	$(PY) -m mypy

test: $(DEV_STAMP) browser tools axe
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m pytest

# Fails when a crisis line was checked over 11 months ago (make test only warns: CI never turns red by the calendar).
check-resources: $(STAMP)
	$(PY) -m assistant.crisis.check_resources

bench: $(STAMP) index
	$(PY) benchmarks/ingest.py
	$(PY) benchmarks/answer.py
	$(PY) benchmarks/crisis.py
	$(PY) benchmarks/web.py

# Throughput and latency through nginx with 1, 2 and 4 replicas against the embedded single process; store scale.
bench-cluster: $(STAMP) tools
	$(PY) benchmarks/cluster.py

clean:
	rm -rf $(VENV) index cache artifacts run/cluster
