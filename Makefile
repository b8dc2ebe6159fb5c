# Preventiecatalogus Mensenhandel: the two commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist processes for `make test` (one per core; each has its own test database,
# media folder and search indices). TEST_WORKERS=0 runs in this process, e.g. for a debugger.
TEST_WORKERS ?= auto

include mk/assets.mk
include mk/a11y.mk

.PHONY: run test test-cluster venv setup demo check lint test-postgres search-engine-start search-engine-stop messages bench relevance

# The virtualenv is rebuilt when requirements.txt changes.
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

# Database schema, compiled translations and the demo catalogue (idempotent).
setup: venv
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	$(MANAGE) ensure_demo_accounts

run: setup
	@echo "Serving on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/). Stop with Ctrl-C."
	$(MANAGE) runserver $(HOST):$(PORT)

# The whole suite. Starts the local OpenSearch node when Java is present, so
# the search tests run against the real engine (see scripts/search-engine).
test: venv
	@if command -v java >/dev/null 2>&1; then scripts/search-engine start; \
	  else echo "No Java on this machine: search-engine tests will be skipped (they fail under CI=true)."; fi
	SEARCH_TEST_URL=$${SEARCH_TEST_URL:-http://127.0.0.1:9200} $(PY) -m pytest -n $(TEST_WORKERS) -m "not search_cluster" $(PYTEST_ARGS)

# A node of a two-node cluster dies during a load of searches (tests/search/test_engine_cluster.py):
# starts the cluster (127.0.0.1:9201, :9202), runs that test, and stops the cluster even when it fails.
test-cluster: venv
	@scripts/search-engine start-cluster || { scripts/search-engine stop-cluster; exit 1; }; \
	  SEARCH_CLUSTER_URLS=http://127.0.0.1:9201,http://127.0.0.1:9202 $(PY) -m pytest -n 0 -rA \
	    tests/search/test_engine_cluster.py $(PYTEST_ARGS); status=$$?; \
	  scripts/search-engine stop-cluster; exit $$status

# Django's checks and migrations in step with the models. `make lint` (ruff.toml) is not yet
# clean: 37 findings and the unformatted files are left for one commit after the open branches land.
check: venv
	DJANGO_SETTINGS_MODULE=catalogue.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=catalogue.settings.test $(MANAGE) makemigrations --check --dry-run

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

messages: venv
	$(MANAGE) makemessages -l en --ignore=.venv --ignore=node_modules --ignore=static_collected
	$(MANAGE) makemessages -l en -d djangojs --ignore=.venv --ignore=node_modules --ignore=static_collected
	$(MANAGE) compilemessages --ignore=.venv

search-engine-start:
	scripts/search-engine start

search-engine-stop:
	scripts/search-engine stop

bench: venv
	$(PY) bench/search.py

# The judged queries on engine and database (starts the engine like `make test`);
# fails when a figure drops below its floor (bench/relevance.py FLOORS).
relevance: venv
	@if command -v java >/dev/null 2>&1; then scripts/search-engine start; fi
	$(PY) bench/relevance.py --check --engine-url $${SEARCH_TEST_URL:-http://127.0.0.1:9200}
