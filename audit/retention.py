"""How long the security log keeps its events: AUDIT_RETENTION_DAYS, then purge() deletes them.

The log is append-only in the database; the one way to delete from it is a purge, which
names its cut-off in audit_purge for the length of its transaction (see audit.models.Purge).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from audit.models import Action, AuditEvent, Purge
from audit.services import record
from policies.db_triggers import MIN_LOG_DAYS


def purge() -> int:
    """Delete the events older than the retention period; returns how many were deleted."""
    if settings.AUDIT_RETENTION_DAYS < MIN_LOG_DAYS:
        raise ImproperlyConfigured(f"AUDIT_RETENTION_DAYS must be at least {MIN_LOG_DAYS}.")
    cutoff = timezone.now() - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    with transaction.atomic():
        Purge.objects.create(cutoff=cutoff)
        deleted, _ = AuditEvent.objects.filter(created_at__lt=cutoff).delete()
        Purge.objects.all().delete()
        record(Action.LOG_PURGED, deleted=deleted, cutoff=cutoff.isoformat())
    return deleted
