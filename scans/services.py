"""Starting a scan: the rules a request must pass before a worker is asked to visit a
company's website."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from scans.models import Status, WebsiteScan
from scans.tasks import scan_website

# A scan longer than its time limit plus this is no longer running: its worker stopped.
LOST_AFTER = datetime.timedelta(minutes=3)
NOT_STARTED_AFTER = datetime.timedelta(minutes=30)


class ScanRefused(Exception):
    def __init__(self, message: str, scan: WebsiteScan | None = None):
        super().__init__(message)
        self.message = message
        self.scan = scan


def websites(document) -> list[str]:
    """The websites a document's company has declared, which a scan may visit."""
    return list(document.tenant.embed_origins)


def expire_stale(scans) -> None:
    """Mark as failed the scans whose worker stopped (or never started them), so that they
    say why and do not hold the document's one scan at a time."""
    now = timezone.now()
    running_since = now - datetime.timedelta(seconds=settings.SCAN_SECONDS) - LOST_AFTER
    scans.filter(status=Status.RUNNING, started_at__lt=running_since).update(
        status=Status.FAILED, failure="worker_lost", finished_at=now
    )
    scans.filter(status=Status.QUEUED, created_at__lt=now - NOT_STARTED_AFTER).update(
        status=Status.FAILED, failure="not_started", finished_at=now
    )


@transaction.atomic
def request_scan(document, url: str, *, by) -> WebsiteScan:
    """Queue a scan of `url` (one of the company's declared websites) for `document`."""
    tenant = document.tenant
    if url not in websites(document):
        raise ScanRefused(_("Choose one of the company's declared websites."))
    # One decision at a time per company: the checks below and the insert.
    type(tenant).objects.select_for_update().filter(pk=tenant.pk).first()
    scans = WebsiteScan.objects.for_tenant(tenant)
    expire_stale(scans)
    running = scans.active().filter(document=document).first()
    if running:
        raise ScanRefused(_("A scan of this document is already under way."), running)
    today = scans.filter(created_at__gte=timezone.now() - datetime.timedelta(days=1)).count()
    if today >= settings.SCAN_DAILY_LIMIT:
        raise ScanRefused(
            ngettext(
                "Your company has used its %(limit)d scan for the last 24 hours. Try again later.",
                "Your company has used its %(limit)d scans for the last 24 hours. Try again later.",
                settings.SCAN_DAILY_LIMIT,
            )
            % {"limit": settings.SCAN_DAILY_LIMIT}
        )
    scan = WebsiteScan.objects.create(tenant=tenant, document=document, url=url, requested_by=by)
    transaction.on_commit(lambda: scan_website.enqueue(scan.pk))
    return scan
