"""A visitor reads a published policy: the pages, the languages, the archive, the diff,
the PDF and the feed, in a real browser."""

import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

TODAY = timezone.localdate().strftime("%d.%m.%Y")


@pytest.fixture
def demo(append_only_lifted_for_cleanup):
    call_command("demo")


def test_a_visitor_reads_the_policy_and_its_history(live_server, demo, page: Page, shoot, axe):
    page.goto(f"{live_server.url}/p/demo/privatuma-politika/")
    expect(page.locator("h1")).to_have_text("Privātuma politika")
    expect(page.get_by_text(f"Pēdējās izmaiņas: {TODAY}.")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "lv")
    assert axe() == []
    shoot("public-page", readme=True)

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/p/demo/privatuma-politika/en/$"))
    expect(page.locator("h1")).to_have_text("Privacy Policy")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Latviešu").click()

    page.get_by_role("link", name="Iepriekšējās versijas").click()
    expect(page.get_by_role("table")).to_contain_text("5 gadi → 7 gadi")
    assert axe() == []
    page.get_by_role("link", name="1. versija").click()
    expect(page.get_by_role("note")).to_contain_text("vairs nav spēkā")
    expect(page.locator("main")).to_contain_text("Mailchimp")

    page.go_back()
    page.get_by_role("link", name="Skatīt izmaiņas pa vārdiem").click()
    expect(page).to_have_url(re.compile(r"/diff/1/2/$"))
    expect(page.locator("del").filter(has_text="Mailchimp").first).to_be_visible()
    expect(page.locator("ins").filter(has_text="Brevo").first).to_be_visible()
    assert axe() == []
    shoot("diff", readme=True)

    page.goto(f"{live_server.url}/p/demo/privatuma-politika/")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Lejupielādēt PDF")).click()
    pdf = download.value
    assert pdf.suggested_filename == "demo-privatuma-politika-v2.pdf"
    assert pdf.path().read_bytes().startswith(b"%PDF-")

    feed = page.request.get(f"{live_server.url}/p/demo/privatuma-politika/feed/")
    assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
    assert "Brevo" in feed.text()
    expect(page.locator('link[type="application/atom+xml"]')).to_have_count(1)


def test_the_policy_reads_on_a_phone(live_server, demo, page: Page, shoot, axe):
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("", "versions/", "diff/1/2/?view=side"):
        page.goto(f"{live_server.url}/p/demo/privatuma-politika/{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path or 'policy'} scrolls sideways by {overflow}px"
        assert axe() == []
    shoot("public-page-phone")
