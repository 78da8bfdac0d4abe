"""A scan of a company's website: what a headless browser found there, kept with its date.

A scan is an observation, not an answer: it changes nothing in the wizard. Its findings are
proposed against the answers (`scans.proposal`), and each one is added through the wizard's
own forms and history when a person chooses so.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.models import Tenant, TenantScopedQuerySet


class Status(models.TextChoices):
    QUEUED = "queued", _("waiting for a worker")
    RUNNING = "running", _("scanning")
    DONE = "done", _("finished")
    FAILED = "failed", _("failed")


# Why a scan failed, as the company reads it. The codes come from the task and the crawler.
FAILURES = {
    "blocked": _(
        "The website's address leads to a private, local or otherwise non-public network, "
        "which PolicyHub does not visit."
    ),
    "port": _(
        "PolicyHub visits websites only on the usual web ports (80, 443, 8000, 8080 and "
        "8443). Declare the website's address without another port."
    ),
    "resolve": _("The website's name could not be found in DNS. Check the address."),
    "unreachable": _(
        "The website did not answer, or answered with an error, when its start page was "
        "opened. Check that it is online and try again."
    ),
    "timeout": _("The scan took longer than its time limit and was stopped."),
    "browser": _(
        "The scanning browser (Chromium) is not installed where the worker runs, or could not "
        "be started. An administrator can set SCAN_CHROMIUM."
    ),
    "worker_lost": _("The worker running the scan stopped before it finished."),
    "not_started": _(
        "No worker took the scan within 30 minutes. An administrator should check that a "
        "worker (manage.py db_worker) is running."
    ),
    "crashed": _("The scan stopped because of an error in PolicyHub. Please try again later."),
}


class ScanQuerySet(TenantScopedQuerySet):
    def active(self):
        return self.filter(status__in=[Status.QUEUED, Status.RUNNING])


class WebsiteScan(models.Model):
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(
        "policies.Document", on_delete=models.CASCADE, related_name="website_scans"
    )
    url = models.URLField(_("website"), max_length=200)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    # Progress while running: pages visited so far, of how many found, and in which phase
    # ("before" consent, or "after" accepting the banner).
    pages_done = models.PositiveSmallIntegerField(default=0)
    pages_total = models.PositiveSmallIntegerField(default=0)
    phase = models.CharField(max_length=8, blank=True)
    failure = models.CharField(max_length=16, blank=True)
    # What the crawler found (scans/crawler.py describes the shape).
    result = models.JSONField(default=dict, blank=True)

    objects = ScanQuerySet.as_manager()

    class Meta:
        verbose_name = _("website scan")
        verbose_name_plural = _("website scans")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["document", "-created_at"], name="scan_document_time")]

    def __str__(self):
        return f"{self.url} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def active(self) -> bool:
        return self.status in (Status.QUEUED, Status.RUNNING)

    @property
    def failure_message(self) -> str:
        return str(FAILURES.get(self.failure, FAILURES["crashed"])) if self.failure else ""
