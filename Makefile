# Two commands set everything up on a fresh machine: `make run` and `make test`.
VENV := .venv
PYTHON := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install node-packages browser stack-packages pdf-packages gettext run serve test lint bench bench-reading bench-tables bench-stack bench-admin-import

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

# axe-core, which the browser tests inject into pages, pinned in package.json
# (package-lock.json) and installed by npm, Debian's when missing.
node-packages: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	  else echo "npm is missing: sudo apt-get install npm"; exit 1; fi; }
	npm ci --no-audit --no-fund --silent
	touch $@

# The browser tests drive Debian's Chromium (never a downloaded browser).
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "chromium is missing: sudo apt-get install chromium chromium-driver"; fi; }

# The PDF edition (WeasyPrint): Pango and HarfBuzz, the fonts it embeds, and
# poppler-utils, whose pdffonts the tests read the PDF's fonts with.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation fonts-dejavu-core poppler-utils
pdf-packages:
	@missing=""; \
	for package in $(PDF_PACKAGES); do \
	  dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "missing:$$missing (sudo apt-get install$$missing)"; fi; fi

# GNU gettext: the tests check the Hungarian catalogue against the app's
# strings with makemessages (xgettext, msgmerge) and msgfmt. The site itself
# needs none of it: the compiled catalogue (django.mo) is committed.
gettext:
	@command -v msgfmt >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	  else echo "gettext is missing: sudo apt-get install gettext"; fi; }

# The development server, DEBUG on: production is the settings' default.
# The production stack's programs, Debian's own: nginx, Redis, and wrk for bench/.
stack-packages:
	@missing=""; \
	for pair in nginx:nginx-light redis-server:redis-server wrk:wrk; do \
	  command -v $${pair%%:*} >/dev/null || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "missing:$$missing (sudo apt-get install$$missing)"; fi; fi

run: export DJANGO_DEBUG ?= 1
# Every absolute link names the address the server is reached at.
run: export DJANGO_SITE_ORIGIN ?= http://$(HOST):$(PORT)
run: install pdf-packages
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py load_initial_data
	$(PYTHON) manage.py create_local_admin
	@echo "Site:  http://$(HOST):$(PORT)/"
	@echo "Admin: http://$(HOST):$(PORT)/admin/ (credentials above)"
	@# Beside the server, the worker runs background jobs: large admin imports,
	@# and each scheduled brief's publishing at its time.
	$(PYTHON) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' INT TERM EXIT; \
	$(PYTHON) manage.py runserver $(HOST):$(PORT)

# The production stack (nginx, gunicorn, Redis, PostgreSQL) in the foreground.
serve: install stack-packages pdf-packages
	bash deploy/postgres.sh
	$(PYTHON) deploy/serve.py

# The whole suite in one run across the cores (pytest-xdist: a process and a
# test database each). The tests that share a stack are one xdist_group
# (--dist loadgroup), so it starts once; the browser and stack tests, which
# mostly wait on their servers and Chromium, start first (tests/conftest.py),
# and one worker more than there are cores runs the others meanwhile. Fails
# if any test fails; a run left with no test to run (status 5, as
# PYTEST_ADDOPTS="-k …" may leave it) is no failure.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
# Python keeps compiled modules, and pytest the test modules it rewrites for
# its assertions, in __pycache__ (git-ignored); where the environment forbids
# writing them (PYTHONDONTWRITEBYTECODE), every xdist worker rewrote every
# test module at each start (3 of its 7 s of collecting) and every process
# the tests start compiled the app again.
test: install node-packages browser stack-packages pdf-packages gettext
	PYTHONDONTWRITEBYTECODE= $(PYTHON) -m pytest -n $(TEST_WORKERS) --dist loadgroup || [ $$? = 5 ]

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: bench-reading bench-tables bench-stack bench-admin-import

# Brief page under gunicorn next to the same HTML from nginx, loaded with wrk.
bench-reading: install
	$(PYTHON) bench/bench_reading.py

# 100,000 rows in and out: import-export, loaddata, bulk_create, COPY and ours.
bench-tables: install
	$(PYTHON) bench/bench_import_export.py

# The production stack through nginx under wrk, then faults under load: PostgreSQL
# restarted; Redis, a gunicorn worker, the task worker and nginx killed.
bench-stack: install stack-packages
	$(PYTHON) bench/bench_stack.py
	$(PYTHON) bench/bench_faults.py

# 100,000 sanctions through the admin as a background job, next to import_table;
# the public site meanwhile, and import_table's peak memory on a 50 MB file.
bench-admin-import: install stack-packages
	$(PYTHON) bench/bench_admin_import.py
