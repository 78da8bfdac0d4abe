import shutil

import pytest
from django.core.management import call_command

from policies import answers_format, catalogue
from policies.models import Document
from policies.public import cache
from policies.services import document_create
from tests.scans.site import TRACKER_HOSTS, ScanSite

CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(
    not CHROMIUM, reason="Chromium not found: the website scanner's tests need it"
)


@pytest.fixture
def scan_settings(settings):
    """The scanner may visit the tests' loopback websites, and the tracker stand-ins' names
    lead there; nowhere else."""
    settings.SCAN_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    settings.SCAN_HOSTS = TRACKER_HOSTS
    settings.SCAN_CHROMIUM = CHROMIUM or ""
    return settings


def declare(document, origin):
    tenant = document.tenant
    tenant.embed_origins = [origin]
    tenant.approval_required = False
    tenant.save()
    cache.forget(tenant.slug)


@pytest.fixture
def answered(company, owner, editor, reviewer):
    """A company's document with the demo's answers (its first version's), never published:
    what a stored scan is read against, without the cost of publishing."""
    document = document_create(tenant=company, slug="politika", by=editor)
    answers = answers_format.parse((catalogue.DATA / "demo_answers.json").read_bytes())
    answers_format.import_into(document, answers, by=editor)
    return Document.objects.select_related("tenant").get(pk=document.pk)


@pytest.fixture
def site_with_banner(append_only_lifted_for_cleanup, live_server, scan_settings):
    """The demo company's website, with its published policy's cookie banner."""
    call_command("demo")
    document = Document.objects.select_related("tenant").get(
        tenant__slug="demo", slug="privatuma-politika"
    )
    site = ScanSite(f"{live_server.url}/p/demo/privatuma-politika/consent.js")
    declare(document, site.origin)
    site.document = document
    yield site
    site.close()


def run_worker():
    """The real worker, as `manage.py db_worker` runs it, until the queue is empty."""
    call_command("db_worker", "--batch", "--interval", "0", verbosity=0)
