# PolicyHub: `make run` serves the app with demo data; `make test` runs every test.
# Both create or update the virtual environment in .venv first.

VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-stamp

.PHONY: run test install browser-tools screenshots lint format messages audit clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || { py=$$(bin/find-python) && echo "Creating $(VENV) with $$py" && "$$py" -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

# axe-core, which the browser tests inject into pages to check accessibility (npm registry).
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --silent --no-audit --no-fund; \
	else echo "npm not found: the browser tests' accessibility checks need axe-core"; fi

browser-tools: $(AXE)

run: export DEBUG = 1
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Browser journeys run too when Chromium is installed; pytest says so when they are skipped.
test: install browser-tools
	$(BIN)/pytest

# The README's screenshots, made by the browser journeys.
screenshots: install browser-tools
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
