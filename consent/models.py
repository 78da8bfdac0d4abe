"""Consent records: one append-only row per choice a visitor makes in a company's cookie
banner (GDPR Art. 7(1): the company must be able to show that consent was given).

Rows are never changed by the application, and the database refuses it too (triggers,
migration 0001). They are deleted only by the retention purge (`consent.retention`), under a
permit that names the company and its cut-off, and with the company at offboarding.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.models import Tenant, TenantScopedQuerySet

APPEND_ONLY = _("A consent record cannot be changed or deleted.")


class Choice(models.TextChoices):
    ACCEPT_ALL = "accept_all", _("accepted all")
    REJECT_ALL = "reject_all", _("rejected all")
    CUSTOM = "custom", _("chose by category")


class RecordQuerySet(TenantScopedQuerySet):
    def update(self, **kwargs):
        raise ValidationError(APPEND_ONLY, code="append_only")


class ConsentRecord(models.Model):
    # Both are the first column of an index below, which serves their lookups too.
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+", db_index=False)
    document = models.ForeignKey(
        "policies.Document",
        on_delete=models.CASCADE,
        related_name="consent_records",
        db_index=False,
    )
    # Random, made by the visitor's browser and kept in its cookie on the company's website.
    consent_id = models.UUIDField(_("consent ID"), db_index=True)
    created_at = models.DateTimeField(_("time (UTC)"), default=timezone.now)
    choice = models.CharField(_("choice"), max_length=16, choices=Choice.choices)
    accepted = models.JSONField(_("accepted kinds"), default=list)
    rejected = models.JSONField(_("refused kinds"), default=list)
    # What the visitor was shown: the policy version in force and the banner's configuration.
    version = models.PositiveIntegerField(_("policy version"))
    revision = models.PositiveIntegerField(_("banner revision"))
    config_hash = models.CharField(_("banner configuration hash"), max_length=64)
    language = models.CharField(_("language"), max_length=5)
    origin = models.CharField(_("website"), max_length=200)
    # The visitor's address with its last part zeroed (IPv4 /24, IPv6 /48).
    address = models.CharField(_("address (shortened)"), max_length=45)

    objects = RecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["document", "-created_at"], name="consent_document_time"),
            models.Index(fields=["tenant", "created_at"], name="consent_tenant_time"),
        ]

    def __str__(self):
        return f"{self.consent_id} {self.choice} {self.created_at:%Y-%m-%d %H:%M:%S}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(APPEND_ONLY, code="append_only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(APPEND_ONLY, code="append_only")


class Purge(models.Model):
    """A permit to delete a company's consent records older than `cutoff`: inserted and
    deleted inside the purge's transaction (`consent.retention.purge`), so no other
    transaction ever sees one. The DELETE trigger of the records reads it."""

    tenant_id = models.BigIntegerField()
    cutoff = models.DateTimeField()

    def __str__(self):
        return f"purge of company {self.tenant_id} before {self.cutoff:%Y-%m-%d}"
