# Automated accessibility audit (see docs/accessibility.md).
#
#   make a11y     build a throwaway SQLite database with the demo catalogue,
#                 serve the site on 127.0.0.1:$(A11Y_PORT) (or another free
#                 port), run scripts/a11y-audit.mjs against it (axe-core in
#                 headless Chromium, keyboard/skip-link and reflow checks),
#                 stop the server and exit with the audit's status.
#
#   make a11y A11Y_PATHS="/ /methoden/"       audit only these paths
#
# Without A11Y_PATHS the audit adds A11Y_EXTRA_PATHS to its list: the alert
# confirmation and unsubscribe pages of two example subscriptions (alerts/audit.py).
#   make a11y A11Y_ARGS="--verbose --mobile-width 320 --screenshots .a11y-shots"
#
# Needs Node/npm (axe-core and playwright-core are devDependencies in
# package.json; `npm ci` runs when they are missing) and Debian's Chromium at
# $(CHROMIUM) (`apt-get install -y chromium`; nothing downloads a browser).
# The server runs with catalogue.settings.test (DEBUG off, so the real 404
# page is audited; static files served by runserver --insecure) and never
# touches db.sqlite3 or $$DATABASE_URL.
# Included from the main Makefile with `include mk/a11y.mk`.

NPM ?= npm
PY ?= .venv/bin/python
CHROMIUM ?= /usr/bin/chromium
A11Y_HOST ?= 127.0.0.1
A11Y_PORT ?= 8765
A11Y_PATHS ?=
A11Y_ARGS ?=

.PHONY: a11y
a11y: venv
	@set -uo pipefail; \
	if [ ! -f node_modules/axe-core/package.json ] || [ ! -f node_modules/playwright-core/package.json ]; then \
	  echo "a11y: installing the npm devDependencies (npm ci)"; \
	  $(NPM) ci --no-audit --no-fund --ignore-scripts || exit 2; \
	fi; \
	if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "a11y: no Chromium at $(CHROMIUM); install it with 'apt-get install -y chromium' or set CHROMIUM=/path" >&2; exit 2; \
	fi; \
	tmp=$$(mktemp -d "$${TMPDIR:-/tmp}/a11y.XXXXXX"); server_pid=; \
	cleanup() { \
	  if [ -n "$$server_pid" ]; then kill "$$server_pid" 2>/dev/null; wait "$$server_pid" 2>/dev/null; fi; \
	  rm -rf "$$tmp"; \
	}; \
	trap cleanup EXIT; trap 'exit 130' INT TERM; \
	export DJANGO_SETTINGS_MODULE=catalogue.settings.test DATABASE_URL="sqlite:///$$tmp/a11y.sqlite3"; \
	echo "a11y: demo catalogue in a throwaway database ($$tmp)"; \
	$(PY) manage.py migrate --no-input > "$$tmp/migrate.log" 2>&1 || { cat "$$tmp/migrate.log" >&2; exit 2; }; \
	$(PY) manage.py load_demo || exit 2; \
	A11Y_EXTRA_PATHS=$$($(PY) manage.py shell -c 'from alerts.audit import audit_paths; print(" ".join(audit_paths()))' | tail -1) || exit 2; \
	export A11Y_EXTRA_PATHS; \
	port=$(A11Y_PORT); \
	if ! $(PY) -c 'import socket,sys; s=socket.socket(); s.bind((sys.argv[1], int(sys.argv[2])))' $(A11Y_HOST) $$port 2>/dev/null; then \
	  port=$$($(PY) -c 'import socket,sys; s=socket.socket(); s.bind((sys.argv[1], 0)); print(s.getsockname()[1])' $(A11Y_HOST)); \
	  echo "a11y: port $(A11Y_PORT) is busy, using $$port"; \
	fi; \
	base="http://$(A11Y_HOST):$$port"; \
	$(PY) manage.py runserver --insecure --noreload "$(A11Y_HOST):$$port" > "$$tmp/server.log" 2>&1 & server_pid=$$!; \
	for i in $$(seq 1 120); do \
	  $(PY) -c 'import socket,sys; socket.create_connection((sys.argv[1], int(sys.argv[2])), 1)' $(A11Y_HOST) $$port 2>/dev/null && break; \
	  if ! kill -0 "$$server_pid" 2>/dev/null; then echo "a11y: the server did not start:" >&2; cat "$$tmp/server.log" >&2; exit 2; fi; \
	  sleep 0.5; \
	done; \
	echo "a11y: server on $$base (pid $$server_pid)"; \
	CHROMIUM_PATH="$(CHROMIUM)" node scripts/a11y-audit.mjs "$$base" $(A11Y_PATHS) $(A11Y_ARGS); status=$$?; \
	if [ $$status -ne 0 ] && grep -q "Traceback" "$$tmp/server.log"; then \
	  echo "a11y: the server logged errors:" >&2; grep -B2 -A12 "Traceback" "$$tmp/server.log" | tail -40 >&2; \
	fi; \
	exit $$status
