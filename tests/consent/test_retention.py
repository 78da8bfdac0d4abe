"""Consent records are kept for their company's period, then deleted by the daily purge; a
company's offboarding deletes its records with it."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from consent import records, retention
from consent.models import ConsentRecord, Purge
from tenants.offboarding import offboard
from tests.consent.conftest import SITE, choice, send

pytestmark = pytest.mark.unscoped_queries_allowed("reads every company's consent records")


def aged(days: int, **kwargs) -> ConsentRecord:
    return records.record(
        tenant_slug="demo",
        doc_slug="privatuma-politika",
        origin=SITE,
        address="192.0.2.1",
        body=json.dumps(choice()).encode(),
        at=timezone.now() - datetime.timedelta(days=days),
    )


def test_records_older_than_the_companys_period_are_purged(demo):
    ages = [6 * 365, 5 * 365 + 1, 5 * 365 - 1, 2 * 365, 10]
    for days in ages:
        aged(days)
    out = StringIO()
    call_command("purge_audit_log", stdout=out)
    assert "2 consent records" in out.getvalue()
    left = sorted((timezone.now() - r.created_at).days for r in ConsentRecord.objects.all())
    assert left == [10, 2 * 365, 5 * 365 - 1]
    assert not Purge.objects.exists()

    demo.tenant.consent_retention_years = 1
    demo.tenant.save()
    assert retention.purge() == 2
    assert [(timezone.now() - r.created_at).days for r in ConsentRecord.objects.all()] == [10]


def test_nothing_younger_than_a_year_is_ever_purged(demo):
    aged(364)
    demo.tenant.consent_retention_years = 1
    demo.tenant.save()
    assert retention.purge() == 0
    assert ConsentRecord.objects.count() == 1


def test_the_owner_sets_the_period(demo, login):
    owner = demo.tenant.memberships.get(role="owner").user
    data = {"legal_name": demo.tenant.legal_name, "country": "LV", "embed_origins": SITE}
    response = login(owner).post("/t/demo/settings/", {**data, "consent_retention_years": "3"})
    assert response.status_code == 302
    demo.tenant.refresh_from_db()
    assert demo.tenant.consent_retention_years == 3
    for wrong in ("0", "11", "pieci"):
        page = login(owner).post("/t/demo/settings/", {**data, "consent_retention_years": wrong})
        assert page.status_code == 200
        assert "consent_retention_years" in page.context["form"].errors
    # Left out (an older form), the period stays as it was.
    assert login(owner).post("/t/demo/settings/", data).status_code == 302
    demo.tenant.refresh_from_db()
    assert demo.tenant.consent_retention_years == 3


def test_offboarding_deletes_the_companys_records(demo):
    assert send(choice()).status_code == 201
    offboard(demo.tenant)
    assert not ConsentRecord.objects.exists()
