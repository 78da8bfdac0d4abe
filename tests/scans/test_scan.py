"""A scan of the demo company's website (served by the test on loopback), through the real
task queue: the worker takes it, the crawler visits the website in Chromium, and what it found
is read against the demo's answers."""

import pytest
from django.utils import translation

from consent.models import ConsentRecord
from policies.answers import load_answers
from scans import proposal
from scans.models import Status, WebsiteScan
from scans.runner import run
from scans.services import request_scan
from tests.scans.conftest import declare, needs_chromium, run_worker
from tests.scans.site import ScanSite

pytestmark = [
    needs_chromium,
    pytest.mark.unscoped_queries_allowed("reads the scan the worker stored"),
]


def owner(document):
    return document.tenant.memberships.get(role="owner").user


def by_name(entries):
    return {entry["name"]: entry for entry in entries}


def test_the_worker_scans_the_website_before_and_after_consent(site_with_banner):
    document = site_with_banner.document
    records = ConsentRecord.objects.count()
    scan = request_scan(document, site_with_banner.origin, by=owner(document))
    assert scan.status == Status.QUEUED

    run_worker()

    scan.refresh_from_db()
    assert scan.status == Status.DONE, scan.failure
    result = scan.result
    origin = site_with_banner.origin
    pages = [page["url"] for page in result["pages"]]
    # From the start page's links and from the sitemap (the offer is linked from nowhere).
    assert pages == [
        f"{origin}/",
        f"{origin}/par-mums",
        f"{origin}/kontakti",
        f"{origin}/akcija?kods=1&x=2",
    ]
    assert ("127.0.0.1", "/cenas.pdf") not in site_with_banner.requests  # no downloads
    assert result["banner"] == {"found": True, "accepted": True, "host": "localhost"}

    cookies = by_name(result["cookies"])
    assert {name: c["phase"] for name, c in cookies.items()} == {
        "shop_session": "before",
        "lang": "before",
        "promo_seen": "before",
        "_hjSessionUser_3210": "before",
        "_hjSession_3210": "before",
        "_mcid": "after",  # Mailchimp's script waits for marketing consent
        "cc_cookie": "after",  # the banner's own, once the visitor chose
    }
    assert cookies["shop_session"]["expires"] is None
    assert all(c["party"] == "first" for c in cookies.values())
    assert by_name(result["storage"])["basket"]["kind"] == "local"
    hosts = {h["host"]: h["phase"] for h in result["hosts"]}
    assert hosts["static.hotjar.com"] == "before"
    assert hosts["chimpstatic.com"] == "after"
    # The scan's "accept all" is not recorded as a visitor's consent.
    assert ConsentRecord.objects.count() == records


def test_the_scan_is_proposed_against_the_answers(site_with_banner):
    document = site_with_banner.document
    scan = request_scan(document, site_with_banner.origin, by=owner(document))
    run_worker()
    scan.refresh_from_db()

    found = proposal.propose(scan.result, load_answers(document))
    # The demo's answers moved its newsletters from Mailchimp to Brevo (version 2), but the
    # website still loads Mailchimp's script.
    assert [(f.action, f.subject) for f in found.found] == [
        ("add_tool", "hotjar"),
        ("add_recipient", "hotjar"),
        ("add_tool", "mailchimp"),
        ("add_recipient", "mailchimp"),
        ("add_cookie", "lang"),
        ("add_cookie", "promo_seen"),
        ("add_cookie", "shop_session"),
        ("add_cookie", "basket"),
    ]
    assert [(f.action, f.subject) for f in found.missing] == [
        ("remove_tool", "brevo"),
        ("remove_tool", "google_analytics"),
        ("remove_cookie", str(document.cookie_rows.get(name="sessionid").pk)),
    ]
    assert sorted(f.subject for f in found.before_consent) == [
        "_hjSessionUser_3210",
        "_hjSession_3210",
        "static.hotjar.com",
    ]
    assert all(f.category == "statistics" for f in found.before_consent)
    # PolicyHub, which serves the banner, is not listed among the website's other services.
    assert found.other_hosts == []


def scanned(document, site) -> WebsiteScan:
    """A scan of `site` for `document`, run in this process as the worker runs it."""
    declare(document, site.origin)
    scan = WebsiteScan.objects.create(tenant=document.tenant, document=document, url=site.origin)
    run(scan.pk)
    scan.refresh_from_db()
    return scan


def test_a_website_that_is_not_public_is_refused(answered, scan_settings):
    """Without the tests' permission for loopback, the scan refuses the local website."""
    scan_settings.SCAN_ALLOWED_NETWORKS = []
    site = ScanSite(None)
    try:
        scan = scanned(answered, site)
    finally:
        site.close()
    assert (scan.status, scan.failure) == (Status.FAILED, "blocked")
    assert site.requests == []


def test_a_website_that_does_not_answer_in_time_says_so(answered, scan_settings):
    scan_settings.SCAN_SECONDS = 3
    site = ScanSite(None, delay=10)
    try:
        scan = scanned(answered, site)
    finally:
        site.close()
    assert (scan.status, scan.failure) == (Status.FAILED, "timeout")
    with translation.override("en"):
        assert scan.failure_message == "The scan took longer than its time limit and was stopped."


def test_a_website_that_is_down_says_so(answered, scan_settings):
    site = ScanSite(None)
    site.close()  # nothing listens on its port any more
    scan = scanned(answered, site)
    assert (scan.status, scan.failure) == (Status.FAILED, "unreachable")
