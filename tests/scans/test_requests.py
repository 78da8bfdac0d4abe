"""Starting a scan, its limits, its progress and what a failed one says."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from scans.models import Status, WebsiteScan
from scans.services import ScanRefused, request_scan
from tests.scans.conftest import declare

pytestmark = pytest.mark.unscoped_queries_allowed("reads the scans and the task queue")
SITE = "https://www.zalaisdarzs.lv"


@pytest.fixture
def document(answered):
    declare(answered, SITE)
    return answered


def member(document, role):
    return document.tenant.memberships.get(role=role).user


def url(name, document, *args):
    return reverse(f"policies:{name}", args=["alfa", document.slug, *args])


def test_a_member_starts_a_scan_and_the_task_is_queued(client, document):
    client.force_login(member(document, "editor"))
    step = client.get(url("step", document, "cookies")).content.decode()
    assert f'<option value="{SITE}">' in step
    response = client.post(url("scan_start", document), {"url": SITE})
    scan = WebsiteScan.objects.get(document=document)
    assert response.status_code == 302
    assert response["Location"] == url("scan", document, scan.pk)
    assert (scan.status, scan.url, scan.requested_by.email) == (
        Status.QUEUED,
        SITE,
        "editor@alfa.test",
    )
    page = client.get(response["Location"]).content.decode()
    assert "data-scan-status" in page
    status = client.get(url("scan_status", document, scan.pk))
    assert status["Cache-Control"] == "no-store"
    assert status.json()["status"] == "queued"


def test_the_task_is_on_the_queue_for_a_worker(document, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        scan = request_scan(document, SITE, by=member(document, "editor"))
    [task] = DBTaskResult.objects.all()
    assert task.task_path == "scans.tasks.scan_website"
    assert task.args_kwargs == {"args": [scan.pk], "kwargs": {}}
    assert task.status == "READY"


def test_only_a_declared_website_is_scanned(client, document):
    client.force_login(member(document, "editor"))
    response = client.post(url("scan_start", document), {"url": "http://127.0.0.1/"}, follow=True)
    assert not WebsiteScan.objects.exists()
    assert response.redirect_chain[-1][0] == url("step", document, "cookies")


def test_one_scan_per_document_at_a_time(client, document):
    first = request_scan(document, SITE, by=member(document, "editor"))
    client.force_login(member(document, "owner"))
    response = client.post(url("scan_start", document), {"url": SITE})
    assert response["Location"] == url("scan", document, first.pk)
    assert WebsiteScan.objects.count() == 1
    first.status = Status.DONE
    first.save()
    request_scan(document, SITE, by=member(document, "editor"))
    assert WebsiteScan.objects.count() == 2


def test_a_company_has_a_daily_limit(document, settings):
    settings.SCAN_DAILY_LIMIT = 2
    editor = member(document, "editor")
    old = WebsiteScan.objects.create(
        tenant=document.tenant, document=document, url=SITE, status=Status.DONE
    )
    WebsiteScan.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=25)
    )
    for _ in range(2):
        scan = request_scan(document, SITE, by=editor)
        WebsiteScan.objects.filter(pk=scan.pk).update(status=Status.DONE)
    with translation.override("en"), pytest.raises(ScanRefused, match="2 scans for the last"):
        request_scan(document, SITE, by=editor)


def test_a_scan_whose_worker_stopped_says_so(client, document):
    scan = WebsiteScan.objects.create(
        tenant=document.tenant,
        document=document,
        url=SITE,
        status=Status.RUNNING,
        started_at=timezone.now() - datetime.timedelta(minutes=10),
    )
    client.force_login(member(document, "reviewer"))
    page = client.get(url("scan", document, scan.pk)).content.decode()
    scan.refresh_from_db()
    assert (scan.status, scan.failure) == (Status.FAILED, "worker_lost")
    assert "alert-danger" in page
    # and it no longer holds the document's one scan at a time
    assert request_scan(document, SITE, by=member(document, "editor")).status == Status.QUEUED


def test_a_scan_no_worker_took_says_so(document):
    scan = request_scan(document, SITE, by=member(document, "editor"))
    WebsiteScan.objects.filter(pk=scan.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=31)
    )
    request_scan(document, SITE, by=member(document, "editor"))
    scan.refresh_from_db()
    assert (scan.status, scan.failure) == (Status.FAILED, "not_started")
    assert "db_worker" in scan.failure_message


def test_another_companys_scan_is_not_found(client, document, other_company_scan):
    client.force_login(member(document, "owner"))
    for name in ("scan", "scan_status"):
        assert client.get(url(name, document, other_company_scan.pk)).status_code == 404
    response = client.post(
        url("scan_add", document, other_company_scan.pk), {"action": "add_tool", "subject": "x"}
    )
    assert response.status_code == 404


@pytest.fixture
def other_company_scan(document):
    from policies.services import document_create
    from tests.factories import TenantFactory

    other = TenantFactory(slug="cits")
    other_document = document_create(tenant=other, slug="politika", by=None)
    return WebsiteScan.objects.create(
        tenant=other, document=other_document, url=SITE, status=Status.DONE, result={}
    )


def test_what_a_website_sends_is_shown_as_text(client, document):
    """Cookie names, hosts and addresses come from the scanned website: never markup."""
    hostile = '<img src=x onerror="alert(1)">'
    scan = WebsiteScan.objects.create(
        tenant=document.tenant,
        document=document,
        url=SITE,
        status=Status.DONE,
        result={
            "origin": SITE,
            "pages": [{"url": f"{SITE}/{hostile}", "status": 200}],
            "banner": {"found": False, "accepted": False},
            "cookies": [
                {
                    "name": hostile,
                    "domain": hostile,
                    "path": "/",
                    "expires": None,
                    "party": "first",
                    "phase": "before",
                    "page": f"{SITE}/{hostile}",
                }
            ],
            "storage": [{"name": hostile, "kind": "local", "phase": "before", "page": SITE}],
            "hosts": [{"host": hostile, "phase": "before", "segments": [hostile]}],
            "limits": [],
        },
    )
    client.force_login(member(document, "editor"))
    page = client.get(url("scan", document, scan.pk)).content.decode()
    assert hostile not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
