# Source Lab: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint test-fast test-browser bench chromium proxy clean messages compilemessages

$(VENV)/.base-installed: requirements/base.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.dev-installed: requirements/dev.txt $(VENV)/.base-installed
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $@

## Set up everything and serve the app with demo data on http://127.0.0.1:8000 (SQLite).
run: $(VENV)/.base-installed compilemessages
	DJANGO_SETTINGS_MODULE=config.settings.local $(PY) manage.py migrate --no-input
	DJANGO_SETTINGS_MODULE=config.settings.local $(PY) manage.py demo
	DJANGO_SETTINGS_MODULE=config.settings.local $(PY) manage.py runserver 127.0.0.1:8000

## Set up the test environment and run every test (SQLite, or PostgreSQL if DATABASE_URL says so).
test: $(VENV)/.dev-installed chromium lint test-fast test-browser

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint
	$(VENV)/bin/lint-imports --no-cache
	$(PY) scripts/check_module_size.py

# The load harness (locust, gevent, Flask...) only where its test runs: tests/loadtest runs
# `make load` in small against PostgreSQL, and is skipped on SQLite. Its two-server run puts
# HAProxy in front, installed from Debian's apt by scripts/ensure-proxy.sh.
ifneq ($(filter postgres://% postgresql://%,$(DATABASE_URL)),)
TEST_LOAD_HARNESS := $(VENV)/.load-installed $(VENV)/.argon2-built proxy
endif

test-fast: $(VENV)/.dev-installed $(TEST_LOAD_HARNESS) compilemessages
	$(PY) -m pytest -m "not browser" -n 2 -q

# Browser tests run on their own: Playwright's event loop needs Django's async guard lifted.
# Two workers, each with its own live server, test database and Chromium: a browser test
# mostly waits (for pages, Chromium, axe-core), so two of them share the 2 cores well.
test-browser: $(VENV)/.dev-installed chromium compilemessages
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -m browser -n 2 -q tests/browser

chromium:
	@bash scripts/ensure-chromium.sh

# The load test's reverse proxy (LOAD_ARGS="--servers 2 --proxy haproxy"); the run installs
# nginx the same way when asked for it.
proxy:
	@bash scripts/ensure-proxy.sh haproxy

## The interface's translations (docs/translation.md). `make compilemessages` builds the .mo
## files from locale/*/django.po (they are not committed); `make messages` refreshes the
## catalogues from the code after strings were added or changed, then translate what is new.
compilemessages: $(VENV)/.base-installed
	@bash scripts/ensure-gettext.sh
	$(PY) scripts/locales.py compile

messages: $(VENV)/.base-installed
	@bash scripts/ensure-gettext.sh
	$(PY) scripts/locales.py extract

bench: $(VENV)/.dev-installed
	$(PY) manage.py bench

clean:
	rm -rf $(VENV) staticfiles test-artifacts

## Load test against gunicorn + PostgreSQL on 127.0.0.1: `make load STUDENTS=300` (default 100;
## more options through LOAD_ARGS, e.g. LOAD_ARGS="--workers 5", or two app servers behind a
## reverse proxy: LOAD_ARGS="--servers 2 --proxy haproxy"). See loadtest/README.md.
.PHONY: load
STUDENTS ?= 100
LOAD_ARGS ?=

$(VENV)/.load-installed: requirements/load.txt $(VENV)/.base-installed
	$(PY) -m pip install --quiet -r requirements/load.txt
	touch $@

# Argon2 compiled for this machine's CPU, as the README's production section has the server
# do (scripts/build-argon2.sh): the load test measures the logins production would run.
$(VENV)/.argon2-built: requirements/base.txt scripts/build-argon2.sh $(VENV)/.base-installed
	bash scripts/build-argon2.sh $(PY)
	touch $@

load: $(VENV)/.load-installed $(VENV)/.argon2-built
	$(PY) -m loadtest.run --students $(STUDENTS) $(LOAD_ARGS)
