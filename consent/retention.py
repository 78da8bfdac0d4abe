"""How long consent records are kept: each company's `consent_retention_years` (5 by default),
then purge() deletes them. It runs with the security log's purge (`manage.py purge_audit_log`,
daily).

Records are append-only in the database; a purge names, for each company whose records have
grown old, its cut-off in consent_purge for the length of its transaction (consent.Purge),
and the DELETE trigger lets through only rows older than their company's cut-off.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from consent.models import ConsentRecord, Purge
from tenants.models import Tenant

YEAR = timedelta(days=365)


def purge(now=None) -> int:
    """Delete every company's records older than its retention period; returns how many."""
    now = now or timezone.now()
    # Only companies with records older than a year, the shortest period there is.
    companies = Tenant.objects.filter(
        pk__in=ConsentRecord.objects.filter(created_at__lt=now - YEAR).values("tenant_id")
    ).values_list("pk", "consent_retention_years")
    deleted = 0
    with transaction.atomic():
        permits = Purge.objects.bulk_create(
            Purge(tenant_id=pk, cutoff=now - YEAR * years) for pk, years in companies
        )
        for permit in permits:
            count, _ = ConsentRecord.objects.filter(
                tenant_id=permit.tenant_id, created_at__lt=permit.cutoff
            ).delete()
            deleted += count
        Purge.objects.all().delete()
    return deleted
