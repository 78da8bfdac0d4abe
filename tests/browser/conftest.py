"""Browser journeys: Playwright driving the machine's Chromium against a live server.

They run when Chromium is installed (Debian's `chromium` package, or the path in
PLAYWRIGHT_CHROMIUM) and are skipped, with a line saying so, when it is not. Screenshots of
the key pages go to test-artifacts/screenshots/; `make screenshots` copies the README's
into docs/screenshots/.
"""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.motion import wait_until_still

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
README_SHOTS = ROOT / "docs" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("PLAYWRIGHT_CHROMIUM") or shutil.which("chromium")
# Playwright's sync API starts an event loop in the main thread and keeps it for the session;
# the ORM (fixtures, the live server's cleanup, and every later test) runs in that thread too.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
SKIP_REASON = (
    "Chromium not found: browser journeys skipped "
    "(install Debian's chromium package, or set PLAYWRIGHT_CHROMIUM)"
)


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in item.nodeid]
    if browser_items and not CHROMIUM:
        for item in browser_items:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


def pytest_terminal_summary(terminalreporter, config):
    # Counted from the reports, which pytest-xdist's workers send to the controller too.
    reports = terminalreporter.stats.get("skipped", [])
    skipped = sum(1 for report in reports if SKIP_REASON in str(report.longrepr))
    if skipped:
        terminalreporter.write_sep("!", f"{skipped} browser tests skipped. {SKIP_REASON}")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "lv-LV"}


@pytest.fixture
def browser_page(new_context, live_server):
    """browser_page(): a browser of its own (its own cookies: another person), whose relative
    addresses lead to the live server."""

    def _open() -> Page:
        page = new_context(base_url=live_server.url).new_page()
        page.set_default_timeout(20_000)  # publishing renders PDFs; allow a busy machine
        return page

    return _open


@pytest.fixture
def shoot(request):
    """shoot(name): a screenshot of the window, kept as a test artifact (and for the README).

    It shows the test's `page`, or the page given as `on=`."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def _shoot(name: str, *, readme: bool = False, full_page: bool = False, on: Page | None = None):
        path = ARTIFACTS / f"{name}.png"
        (on or request.getfixturevalue("page")).screenshot(path=path, full_page=full_page)
        if readme and os.environ.get("README_SCREENSHOTS"):
            README_SHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, README_SHOTS / f"{name}.png")
        return path

    return _shoot


@pytest.fixture
def axe(request):
    """axe(): axe-core's serious and critical WCAG 2.1 AA violations on the current page of the
    test's `page`, or of the page given as `on=`."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: `make test` installs it with npm")
    source = AXE.read_text(encoding="utf-8")

    def _violations(on: Page | None = None) -> list[str]:
        page = on or request.getfixturevalue("page")
        # evaluate() runs outside the page's Content-Security-Policy, which forbids inline scripts
        page.evaluate(source)
        # Colours are measured as painted: a dialog still fading in is not yet its own contrast.
        wait_until_still(page)
        result = page.evaluate(
            """() => axe.run(document, {runOnly: {type: 'tag',
                 values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                 resultTypes: ['violations']})"""
        )
        return [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    return _violations
