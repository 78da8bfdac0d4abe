# PolicyHub: `make run` serves the app with demo data and runs the background worker beside it;
# `make test` runs every test.
# Both create or update the virtual environment in .venv first.

VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-stamp

.PHONY: run test install assets browser-tools screenshots lint format messages audit clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || { py=$$(bin/find-python) && echo "Creating $(VENV) with $$py" && "$$py" -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

# Packages from the npm registry (package.json, pinned in package-lock.json): axe-core, which
# the browser tests inject into pages to check accessibility, and vanilla-cookieconsent, which
# bin/build-assets builds into static/consent/vendor/ for the cookie banner.
NPM_STAMP := node_modules/.installed-stamp
ASSETS := static/consent/vendor/cookieconsent.umd.js
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js (npm) to build the cookie banner and run the accessibility checks"; exit 1; }
	npm ci --silent --no-audit --no-fund
	@touch $(NPM_STAMP)

$(ASSETS): $(NPM_STAMP) bin/build-assets
	bin/build-assets

assets: $(ASSETS)
browser-tools: $(NPM_STAMP)

# The worker (manage.py db_worker) runs the background tasks, the website scans, from the
# database. It runs in the background; the server replaces the shell (exec), so that Ctrl-C
# and a signal to make reach it as before, and a watcher stops the worker once the server
# has stopped, however it stopped.
run: export DEBUG = 1
run: install assets
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo --consent-records
	$(BIN)/python manage.py db_worker & worker=$$!; \
	(while kill -0 $$$$ 2>/dev/null; do sleep 1; done; kill $$worker 2>/dev/null) & \
	exec $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Browser journeys run too when Chromium is installed; pytest says so when they are skipped.
# The tests are shared among one process per CPU (pytest-xdist); TEST_WORKERS=0 runs them in one.
TEST_WORKERS ?= auto
test: install assets browser-tools
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal

# The README's screenshots, made by the browser journeys.
screenshots: install assets browser-tools
	README_SCREENSHOTS=1 $(BIN)/pytest tests/browser

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Known vulnerabilities of the installed packages (PyPI's advisories; needs pypi.org), and the
# software bill of materials, CycloneDX, in sbom.cdx.json.
audit: install
	$(BIN)/pip-audit --strict --skip-editable
	$(BIN)/pip-audit --skip-editable --format cyclonedx-json --output sbom.cdx.json

# Refresh the Latvian and English catalogues from the code, then compile them.
messages: export DEBUG = 1
messages: install
	$(BIN)/python manage.py makemessages --locale lv --locale en --no-location --no-obsolete \
		--ignore '.venv/*' --ignore 'tests/*' --ignore 'staticfiles/*'
	$(BIN)/python bin/fill-english-catalogue locale/en/LC_MESSAGES/django.po
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) sbom.cdx.json staticfiles .pytest_cache .ruff_cache node_modules test-artifacts
