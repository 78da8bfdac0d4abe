"""The security log: one append-only row per security event.

Rows are never changed or deleted by the application, and the database refuses it too
(triggers, migration 0002). References to companies and users are plain IDs without
constraints, so a row outlives what it speaks of, as a log must.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.models import TenantScopedQuerySet


class Action(models.TextChoices):
    LOGIN = "login", _("logged in")
    LOGIN_FAILED = "login_failed", _("log-in failed")
    LOCKED_OUT = "locked_out", _("log-in locked out")
    LOGOUT = "logout", _("logged out")
    PASSWORD_CHANGED = "password_changed", _("password changed")
    NOT_FOUND = "not_found", _("company not found or not a member")
    FORBIDDEN = "forbidden", _("permission denied")
    COMPANY_CREATED = "company_created", _("company created")
    MEMBER_INVITED = "member_invited", _("member invited")
    INVITATION_REVOKED = "invitation_revoked", _("invitation revoked")
    MEMBER_JOINED = "member_joined", _("invitation accepted")
    ROLE_CHANGED = "role_changed", _("role changed")
    MEMBER_REMOVED = "member_removed", _("member removed")
    PUBLISHED = "published", _("policy published")
    ANSWERS_EXPORTED = "answers_exported", _("answers exported")
    ANSWERS_IMPORTED = "answers_imported", _("answers imported")
    COMPANY_EXPORTED = "company_exported", _("company exported")
    COMPANY_OFFBOARDED = "company_offboarded", _("company offboarded")
    LOG_PURGED = "log_purged", _("old security events deleted")


class AuditEvent(models.Model):
    created_at = models.DateTimeField(_("time (UTC)"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    tenant = models.ForeignKey(
        "tenants.Tenant",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("company"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    # What the actor gave to be known by: the signed-in user's e-mail, or the address typed
    # into a failed log-in (which may belong to nobody).
    actor_name = models.CharField(_("user name"), max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    request_id = models.CharField(_("request ID"), max_length=32, blank=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object ID"), max_length=64, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = TenantScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["tenant", "-created_at"], name="audit_tenant_time")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.action} {self.actor_name}"


class Purge(models.Model):
    """A permit to delete the security log's rows older than `cutoff`.

    The log's DELETE trigger (policies.db_triggers) lets through only rows older than a
    cut-off named here, and never rows younger than 30 days. audit.retention.purge() inserts
    the row and deletes it again within its one transaction, so no other transaction sees it.
    """

    cutoff = models.DateTimeField()

    def __str__(self):
        return f"purge before {self.cutoff:%Y-%m-%d}"
