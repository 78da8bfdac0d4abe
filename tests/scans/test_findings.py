"""A finding added to the answers goes through the wizard's forms, with history in the name of
the person who chose it; the proposal then no longer shows it."""

import pytest
from django.urls import reverse

from policies.answers import load_answers
from policies.models import Cookie, CookieAnswers, Recipient, StepRevision
from scans import proposal
from scans.models import Status, WebsiteScan

pytestmark = pytest.mark.unscoped_queries_allowed("reads the history of the answers it changed")

NOW = 1_796_600_000  # 2026-12-06


def result(origin="https://www.zalaisdarzs.lv"):
    """What the crawler stores (scans/crawler.py), as a scan of the demo's website found it."""
    page = f"{origin}/"
    return {
        "url": origin,
        "origin": origin,
        "pages": [{"url": page, "status": 200}],
        "banner": {"found": True, "accepted": True},
        "cookies": [
            {
                "name": "_hjSession_3210",
                "domain": "www.zalaisdarzs.lv",
                "path": "/",
                "expires": NOW + 1800,
                "party": "first",
                "phase": "before",
                "page": page,
            },
            {
                "name": "cc_cookie",
                "domain": "www.zalaisdarzs.lv",
                "path": "/",
                "expires": NOW + 182 * 86400,
                "party": "first",
                "phase": "after",
                "page": page,
            },
            {
                "name": "lang",
                "domain": "www.zalaisdarzs.lv",
                "path": "/",
                "expires": NOW + 365 * 86400 + 3600,
                "party": "first",
                "phase": "before",
                "page": page,
            },
            {
                "name": "shop_session",
                "domain": "www.zalaisdarzs.lv",
                "path": "/",
                "expires": None,
                "party": "first",
                "phase": "before",
                "page": page,
            },
        ],
        "storage": [{"name": "basket", "kind": "local", "phase": "before", "page": page}],
        "hosts": [
            {"host": "static.hotjar.com", "phase": "before", "segments": ["c"]},
            {"host": "fonts.googleapis.com", "phase": "before", "segments": ["css2"]},
            {"host": "cdn.example-widget.net", "phase": "after", "segments": []},
        ],
        "blocked": [],
        "limits": [],
        "bytes": 1000,
    }


@pytest.fixture
def scan(answered):
    import datetime

    return WebsiteScan.objects.create(
        tenant=answered.tenant,
        document=answered,
        url="https://www.zalaisdarzs.lv",
        status=Status.DONE,
        started_at=datetime.datetime.fromtimestamp(NOW, datetime.UTC),
        result=result(),
    )


def editor_client(client, document):
    client.force_login(document.tenant.memberships.get(role="editor").user)
    return client


def add(client, scan, action, subject):
    url = reverse("policies:scan_add", args=["alfa", scan.document.slug, scan.pk])
    return client.post(url, {"action": action, "subject": subject}, follow=True)


def open_findings(scan):
    found = proposal.propose(scan.result, load_answers(scan.document))
    return {(f.action, f.subject) for f in found.found + found.missing}


def test_the_proposal_reads_the_scan_against_the_answers(scan):
    found = proposal.propose(scan.result, load_answers(scan.document))
    assert [(f.action, f.subject) for f in found.found] == [
        ("add_recipient", "google"),  # Google Fonts: a recipient, not a cookie tool
        ("add_tool", "hotjar"),
        ("add_recipient", "hotjar"),
        ("add_cookie", "lang"),
        ("add_cookie", "shop_session"),
        ("add_cookie", "basket"),
    ]
    assert [f.subject for f in found.before_consent] == ["_hjSession_3210", "static.hotjar.com"]
    assert found.other_hosts == ["cdn.example-widget.net"]
    assert ("remove_tool", "google_analytics") in {(f.action, f.subject) for f in found.missing}


def test_a_known_tool_is_added_through_the_cookie_step(client, scan):
    document = scan.document
    revision = StepRevision.objects.get(document=document, step="cookies").revision
    response = add(editor_client(client, document), scan, "add_tool", "hotjar")
    assert "Hotjar" in response.content.decode()
    cookies = CookieAnswers.objects.get(document=document)
    assert "hotjar" in cookies.tool_keys
    assert "statistics" in cookies.categories
    step = StepRevision.objects.get(document=document, step="cookies")
    assert step.revision == revision + 1
    assert step.updated_by.email == "editor@alfa.test"
    last = cookies.history.first()
    assert last.history_user.email == "editor@alfa.test"
    assert ("add_tool", "hotjar") not in open_findings(scan)


def test_a_cookie_is_added_with_its_duration_in_each_language(client, scan):
    document = scan.document
    add(editor_client(client, document), scan, "add_cookie", "lang")
    add(client, scan, "add_cookie", "shop_session")
    add(client, scan, "add_cookie", "basket")
    rows = {row.name: row for row in Cookie.objects.filter(document=document)}
    assert (rows["lang"].duration, rows["lang"].duration_en) == ("1 gads", "1 year")
    assert (rows["shop_session"].duration, rows["shop_session"].duration_en) == (
        "sesija",
        "session",
    )
    assert rows["basket"].duration_en == "until deleted"
    assert rows["lang"].party == "first"
    assert rows["lang"].provider == "www.zalaisdarzs.lv"
    assert rows["lang"].history.first().history_user.email == "editor@alfa.test"
    # The rows the company had are kept, in their order, before the new ones.
    assert list(Cookie.objects.filter(document=document).values_list("name", flat=True)) == [
        "sessionid",
        "cc_cookie",
        "lang",
        "shop_session",
        "basket",
    ]


def test_a_recipient_is_added_from_the_processor_catalogue(client, scan):
    document = scan.document
    add(editor_client(client, document), scan, "add_recipient", "hotjar")
    row = Recipient.objects.get(document=document, catalogue_key="hotjar")
    assert row.legal_entity.startswith("Hotjar")
    assert row.history.first().history_user.email == "editor@alfa.test"


def test_declared_but_not_found_is_removed_only_when_chosen(client, scan):
    document = scan.document
    sessionid = Cookie.objects.get(document=document, name="sessionid")
    assert ("remove_cookie", str(sessionid.pk)) in open_findings(scan)
    add(editor_client(client, document), scan, "remove_cookie", str(sessionid.pk))
    assert not Cookie.objects.filter(pk=sessionid.pk).exists()
    add(client, scan, "remove_tool", "google_analytics")
    assert "google_analytics" not in CookieAnswers.objects.get(document=document).tool_keys


def test_only_an_open_finding_can_be_added(client, scan):
    """A post naming something the scan did not find changes nothing."""
    document = scan.document
    revision = StepRevision.objects.get(document=document, step="cookies").revision
    response = add(editor_client(client, document), scan, "add_tool", "stripe")
    assert "Šis atradums vairs nav atvērts" in response.content.decode()
    response = add(client, scan, "add_cookie", "<script>alert(1)</script>")
    assert "<script>alert(1)" not in response.content.decode()
    assert StepRevision.objects.get(document=document, step="cookies").revision == revision
    assert "stripe" not in CookieAnswers.objects.get(document=document).tool_keys


def test_readers_see_findings_but_cannot_add_them(client, scan):
    document = scan.document
    client.force_login(document.tenant.memberships.get(role="reviewer").user)
    page = client.get(reverse("policies:scan", args=["alfa", document.slug, scan.pk]))
    assert page.status_code == 200
    assert "Hotjar" in page.content.decode()
    assert 'name="action" value="add_tool"' not in page.content.decode()
    assert add(client, scan, "add_tool", "hotjar").status_code == 403
    assert "hotjar" not in CookieAnswers.objects.get(document=document).tool_keys
