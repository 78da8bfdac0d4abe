"""A scan of the company's website, in the browser: the demo company's editor starts it from
the cookie step, follows its progress on the scan's page while the real worker (`manage.py
db_worker`) visits the website served by the test on loopback, reads what it found against
the answers and adds a finding to them.

The scan's strings are looked up in the interface's catalogue (Latvian) rather than written
out, and its lists are found by their classes and their forms' fields, so the test reads the
same page whatever the translation says.
"""

import re

import pytest
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Locator, Page, expect

from policies.models import CookieAnswers
from scans import views
from scans.models import Status, WebsiteScan
from tests.browser.steps import button, field, navigate
from tests.scans import conftest as scans
from tests.scans.conftest import needs_chromium, run_worker

# The scan tests' fixtures: the demo company's website on loopback, with the policy's banner,
# and the settings that let the scanner visit it.
site_with_banner = scans.site_with_banner
scan_settings = scans.scan_settings

pytestmark = [
    needs_chromium,
    pytest.mark.usefixtures("append_only_lifted_for_cleanup"),
    pytest.mark.unscoped_queries_allowed("reads the scans and the answers the browser changed"),
]

EDITOR = "editor@demo.test"
PASSWORD = "demo-parole-2026"
APP = "/t/demo/documents/privatuma-politika"
COOKIE_STEP = f"{APP}/wizard/cookies/"
# The worker starts the crawler and its Chromium; the page notices the end within seconds.
SCAN_TIMEOUT = 60_000


def lv(text) -> str:
    """`text` as the interface shows it in Latvian."""
    with translation.override("lv"):
        return gettext(str(text)) if isinstance(text, str) else str(text)


def log_in(page: Page, path: str) -> None:
    page.goto(f"/accounts/login/?next={path}")
    field(page, "E-pasts").fill(EDITOR)
    field(page, "Parole").fill(PASSWORD)
    navigate(page, button(page, "Pieteikties", exact=True))
    expect(page).to_have_url(re.compile(rf"{re.escape(path)}$"))


def finding(scope: Page | Locator, action: str, subject: str) -> Locator:
    """The form that adds (or removes) one finding."""
    return scope.locator(
        f"form:has(input[name='action'][value='{action}'])"
        f":has(input[name='subject'][value='{subject}'])"
    )


def start_scan(page: Page, origin: str) -> WebsiteScan:
    """From the cookie step: the scan card offers the declared website, and the scan it
    starts is followed on its page until the worker has run it."""
    page.goto(COOKIE_STEP)
    card = page.locator(".scan-card")
    expect(card).to_be_visible()
    expect(card.locator("select[name='url']")).to_have_value(origin)
    navigate(page, card.locator("form[action$='/scans/'] button[type='submit']"))
    scan = WebsiteScan.objects.get(status=Status.QUEUED)
    expect(page).to_have_url(re.compile(rf"{re.escape(APP)}/scans/{scan.pk}/$"))
    follow_progress(page, scan)
    return scan


def follow_progress(page: Page, scan: WebsiteScan) -> None:
    """The scan waits for a worker; once the worker has run, its page shows the results
    without being reloaded by the test."""
    progress = page.locator("[data-scan-status]")
    expect(progress).to_be_visible()
    expect(progress.locator("[data-scan-label]")).to_have_text(lv(Status.QUEUED.label).capitalize())
    page.evaluate("window.stillTheSamePage = true")

    run_worker()

    scan.refresh_from_db()
    assert scan.status == Status.DONE, scan.failure
    expect(page.locator("#findings")).to_be_visible(timeout=SCAN_TIMEOUT)
    expect(progress).to_have_count(0)
    assert page.evaluate("window.stillTheSamePage") is None  # the page reloaded itself


def test_the_editor_scans_the_website_and_adds_what_it_found(
    site_with_banner, browser_page, axe, shoot
):
    """The editor scans the declared website from the cookie step; the scan's page follows
    the worker and then shows the statistics cookies set before consent, what the answers lack
    and what they have that the website no longer shows. Hotjar, added from the page, is
    ticked in the cookie step, in the editor's name."""
    document = site_with_banner.document
    page = browser_page()
    log_in(page, COOKIE_STEP)
    scan = start_scan(page, site_with_banner.origin)

    before_consent = page.locator(".scan-before-consent")
    expect(before_consent).to_be_visible()
    expect(before_consent).to_contain_text("_hjSessionUser_3210")
    expect(before_consent).to_contain_text("static.hotjar.com")

    found = page.locator(".scan-found")
    expect(finding(found, "add_tool", "hotjar")).to_have_count(1)
    # The website still loads Mailchimp's script, which the answers replaced with Brevo.
    expect(finding(found, "add_tool", "mailchimp")).to_have_count(1)
    for cookie in ("shop_session", "lang", "promo_seen", "basket"):
        expect(finding(found, "add_cookie", cookie)).to_have_count(1)
    missing = page.locator(".scan-missing")
    expect(finding(missing, "remove_tool", "brevo")).to_have_count(1)
    expect(finding(missing, "remove_tool", "google_analytics")).to_have_count(1)
    sessionid = document.cookie_rows.get(name="sessionid")
    expect(finding(missing, "remove_cookie", str(sessionid.pk))).to_have_count(1)
    for name in ("Brevo", "Google Analytics", "sessionid"):
        expect(missing.locator("li strong", has_text=name)).to_have_count(1)

    # Hotjar into the answers, from the page.
    navigate(page, finding(found, "add_tool", "hotjar").locator("button[type='submit']"))
    message = lv(views.MESSAGES["add_tool"]) % {"name": "Hotjar"}
    expect(page.get_by_role("status").filter(has_text=message)).to_be_visible()
    expect(finding(page, "add_tool", "hotjar")).to_have_count(0)
    expect(finding(page, "add_recipient", "hotjar")).to_have_count(1)  # still open

    answers = CookieAnswers.objects.get(document=document)
    assert "hotjar" in answers.tool_keys
    assert answers.history.first().history_user.email == EDITOR

    # The results survive a reload.
    page.reload()
    expect(page.locator("#findings")).to_be_visible()
    expect(page.locator(".scan-before-consent")).to_contain_text("_hjSessionUser_3210")
    expect(finding(page, "add_tool", "hotjar")).to_have_count(0)
    assert axe(on=page) == []
    shoot("website-scan", readme=True, full_page=True, on=page)

    page.goto(COOKIE_STEP)
    hotjar = page.locator("form.wizard-form input[name='section-tool_keys'][value='hotjar']")
    expect(hotjar).to_be_checked()
    # The scan card leads back to the latest scan.
    expect(page.locator(f".scan-card a[href$='/scans/{scan.pk}/']")).to_have_count(1)


def test_a_second_scan_shows_what_changed_since_the_first(site_with_banner, browser_page):
    """A finished scan's page starts another scan of the same website ("Scan again"), whose
    results say what changed since the earlier scan: nothing, on the same website."""
    page = browser_page()
    log_in(page, COOKIE_STEP)
    first = start_scan(page, site_with_banner.origin)
    expect(page.locator(".scan-changes")).to_have_count(0)

    again = page.locator("form[action$='/scans/']")
    expect(again.locator("input[name='url']")).to_have_value(site_with_banner.origin)
    navigate(page, again.locator("button[type='submit']"))
    second = WebsiteScan.objects.get(status=Status.QUEUED)
    assert second.pk != first.pk
    follow_progress(page, second)

    changes = page.locator(".scan-changes")
    expect(changes).to_be_visible()
    with translation.override("lv"):
        since = formats.date_format(timezone.localtime(first.created_at), "SHORT_DATE_FORMAT")
        heading = gettext("Changes since the scan of %(when)s") % {"when": since}
        nothing = gettext("Nothing changed.")
    expect(changes.get_by_role("heading")).to_have_text(heading)
    expect(changes).to_contain_text(nothing)
    # The earlier scan is listed, and leads to its own results.
    expect(page.locator(f"a[href$='/scans/{first.pk}/']")).to_have_count(1)
