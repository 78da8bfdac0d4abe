"""The cookie banner on a company's own website, in Chromium: a small website served by the
test on loopback pastes the demo policy's snippet, as the company would, and marks its
statistics and marketing scripts to wait for consent.

What a visitor does happens in the browser; what PolicyHub stored is read from its database,
as the company would read it on the consent page.
"""

import time

import pytest
from django.core.management import call_command
from django.db import OperationalError
from playwright.sync_api import Page, expect

from consent.models import ConsentRecord
from policies import publishing
from policies.models import Cookie, Document
from policies.public import cache
from tests.browser.keyboard import tab_to
from tests.loopback import LoopbackSite

pytestmark = [
    pytest.mark.usefixtures("append_only_lifted_for_cleanup"),
    pytest.mark.unscoped_queries_allowed("reads the consent records the banner made"),
]

BANNER_TITLE = "Šī tīmekļa vietne izmanto sīkdatnes"
SETTINGS_TITLE = "Sīkdatņu iestatījumi"
# The company's own words in its cookie table: shown as text, never run.
HOSTILE = '<img src=x onerror="window.injected = true">'

PAGE = """<!doctype html>
<html lang="lv">
<head>
<meta charset="utf-8">
<title>Zaļais Dārzs</title>
<script src="{script}"></script>
</head>
<body>
<main>
<h1>Zaļais Dārzs</h1>
<p>Dārza preces Rīgā.</p>
<p><a href="#cookie-settings">Sīkdatņu iestatījumi</a></p>
</main>
<script type="text/plain" data-category="analytics">
window.statisticsRan = (window.statisticsRan || 0) + 1;
</script>
<script type="text/plain" data-category="marketing">window.marketingRan = true;</script>
</body>
</html>
"""


class Website(LoopbackSite):
    """The company's website: one page, on its own loopback port (its own origin)."""

    def __init__(self, script_url: str):
        self.body = PAGE.format(script=script_url).encode()
        super().__init__()

    def answer(self, host, path):
        return 200, [("Content-Type", "text/html; charset=utf-8")], self.body


@pytest.fixture
def website(live_server):
    call_command("demo")
    document = Document.objects.get(tenant__slug="demo", slug="privatuma-politika")
    site = Website(f"{live_server.url}/p/demo/privatuma-politika/consent.js")
    tenant = document.tenant
    tenant.embed_origins = [site.origin]
    tenant.approval_required = False
    tenant.save()
    cache.forget("demo")
    site.document = document
    yield site
    site.close()


@pytest.fixture
def visitor(new_context):
    """visitor(): a browser of its own; visitor(like=page) one with that page's cookies (the
    same person, after the five minutes browsers keep the banner's script)."""

    def _open(like: Page | None = None) -> Page:
        state = like.context.storage_state() if like else None
        page = new_context(storage_state=state).new_page()
        page.set_default_timeout(20_000)
        return page

    return _open


def records(count: int) -> list[ConsentRecord]:
    """The document's records, oldest first, once there are `count` of them (the banner sends
    a choice after the visitor makes it)."""
    deadline = time.monotonic() + 15
    while True:
        try:
            found = list(ConsentRecord.objects.order_by("created_at", "id"))
        except OperationalError:
            # SQLite's shared test database refuses a read while the server thread is
            # writing a record ("table is locked"); the write ends within milliseconds.
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
            continue
        if len(found) >= count or time.monotonic() > deadline:
            assert len(found) == count, found
            return found
        time.sleep(0.1)


def ran(page: Page, name: str):
    return page.evaluate(f"window.{name}")


def banner(page: Page):
    return page.get_by_role("dialog", name=BANNER_TITLE)


def consent_id(page: Page) -> str:
    return page.evaluate("CookieConsent.getCookie('consentId')")


def test_scripts_wait_for_consent_and_every_choice_is_recorded(website, visitor, axe, shoot):
    """Nothing marked runs before consent; "Reject all", chosen with the keyboard alone,
    keeps it so; the settings link lets the visitor accept later and withdraw again, and each
    choice is a record with its categories, version and the visitor's consent ID."""
    page = visitor()
    page.goto(website.origin)
    expect(banner(page)).to_be_visible()
    shoot("cookie-banner", on=page)
    assert ran(page, "statisticsRan") is None and ran(page, "marketingRan") is None
    assert axe(on=page) == []
    # Consent Mode v2: the demo uses Google Analytics, so everything starts denied.
    assert page.evaluate(
        "dataLayer.some(e => e[0] === 'consent' && e[1] === 'default'"
        " && e[2].analytics_storage === 'denied' && e[2].ad_storage === 'denied')"
    )

    # The three choices weigh the same, and the keyboard reaches them.
    for name in ("Pieņemt visas", "Noraidīt visas", "Iestatījumi"):
        expect(banner(page).get_by_role("button", name=name)).to_be_visible()
    tab_to(page, banner(page).get_by_role("button", name="Noraidīt visas"))
    page.keyboard.press("Enter")
    expect(banner(page)).to_be_hidden()
    (refused,) = records(1)
    assert (refused.choice, refused.accepted, refused.rejected) == (
        "reject_all",
        ["necessary"],
        ["analytics", "marketing"],
    )
    assert (refused.version, refused.language, refused.origin) == (2, "lv", website.origin)
    assert str(refused.consent_id) == consent_id(page)

    page.reload()
    expect(page.get_by_role("heading", name="Zaļais Dārzs")).to_be_visible()
    page.wait_for_function("window.CookieConsent && CookieConsent.validConsent()")
    expect(banner(page)).to_be_hidden()
    assert ran(page, "statisticsRan") is None

    # Later the visitor accepts everything from the website's settings link.
    page.get_by_role("link", name="Sīkdatņu iestatījumi").click()
    settings = page.get_by_role("dialog", name=SETTINGS_TITLE)
    expect(settings).to_be_visible()
    assert axe(on=page) == []
    settings.get_by_role("button", name="Pieņemt visas").click()
    expect(settings).to_be_hidden()
    page.wait_for_function("window.statisticsRan === 1 && window.marketingRan === true")
    assert page.evaluate(
        "dataLayer.some(e => e[0] === 'consent' && e[1] === 'update'"
        " && e[2].analytics_storage === 'granted')"
    )
    accepted = records(2)[-1]
    assert (accepted.choice, accepted.rejected) == ("accept_all", [])
    assert accepted.consent_id == refused.consent_id

    # And withdraws it: the page reloads, and nothing marked runs any more.
    page.evaluate("location.hash = ''")
    page.get_by_role("link", name="Sīkdatņu iestatījumi").click()
    expect(settings).to_be_visible()
    with page.expect_event("load"):
        settings.get_by_role("button", name="Noraidīt visas").click()
    withdrawn = records(3)[-1]
    assert (withdrawn.choice, withdrawn.consent_id) == ("reject_all", refused.consent_id)
    page.wait_for_function("window.CookieConsent && CookieConsent.validConsent()")
    assert ran(page, "statisticsRan") is None and ran(page, "marketingRan") is None


def test_a_new_cookie_category_asks_again(website, visitor, axe):
    """After "Accept all", a version that adds a kind of cookies raises the banner's revision
    and the visitor is asked again; the company's words in the banner stay text; the banner
    speaks English on request, and its settings work with the keyboard alone."""
    page = visitor()
    page.goto(website.origin)
    banner(page).get_by_role("button", name="Pieņemt visas").click()
    page.wait_for_function("window.statisticsRan === 1")
    first = records(1)[0]

    document = website.document
    document.cookies.tool_keys = [*document.cookies.tool_keys, "crisp"]
    document.cookies.save()
    Cookie.objects.create(
        tenant=document.tenant,
        document=document,
        name=HOSTILE,
        provider="zalaisdarzs.lv",
        purpose="atceras izvēlēto valodu",
        purpose_en="remembers the language chosen",
        category="preferences",
        duration="1 gads",
        duration_en="1 year",
    )
    owner = document.tenant.memberships.get(role="owner").user
    publishing.publish(document=document, by=owner)

    again = visitor(like=page)
    again.goto(website.origin)
    expect(banner(again)).to_be_visible()
    assert ran(again, "statisticsRan") is None  # the old consent no longer counts

    again.get_by_role("link", name="English").click()
    english = again.get_by_role("dialog", name="This website uses cookies")
    expect(english).to_be_visible()
    # The settings, with the keyboard alone.
    tab_to(again, english.get_by_role("button", name="Settings"))
    again.keyboard.press("Enter")
    settings = again.get_by_role("dialog", name="Cookie settings")
    expect(settings).to_be_visible()
    tab_to(again, settings.get_by_role("button", name="Preference cookies"))
    again.keyboard.press("Enter")
    expect(settings.get_by_text(HOSTILE)).to_be_visible()
    assert ran(again, "injected") is None
    assert axe(on=again) == []
    tab_to(again, settings.get_by_role("button", name="Accept all"))
    again.keyboard.press("Enter")

    second = records(2)[-1]
    assert second.version == 3 and second.revision == first.revision + 1
    assert second.accepted == ["necessary", "preferences", "analytics", "marketing"]
    assert (second.language, second.consent_id) == ("en", first.consent_id)
