import pytest
from django.core.management import call_command
from django.test import Client

from tenants.management.commands.demo import DEMO_PASSWORD
from tenants.models import Membership, Tenant


def test_the_demo_has_three_logins_and_can_run_twice(db):
    call_command("demo")
    call_command("demo")
    tenant = Tenant.objects.get(slug="demo")
    roles = dict(Membership.objects.filter(tenant=tenant).values_list("user__email", "role"))
    assert roles == {
        "owner@demo.test": "owner",
        "editor@demo.test": "editor",
        "reviewer@demo.test": "reviewer",
    }
    for email in roles:
        client = Client()
        assert client.post("/accounts/login/", {"username": email, "password": DEMO_PASSWORD})
        assert client.get("/t/demo/").status_code == 200


def test_the_demo_policy_is_fully_answered(db):
    from policies.answers import load_answers
    from policies.models import Document
    from policies.wizard import completeness

    call_command("demo")
    call_command("demo")
    document = Document.objects.get(tenant__slug="demo", slug="privatuma-politika")
    assert completeness.check(load_answers(document)).complete


@pytest.mark.unscoped_queries_allowed("reads the demo's versions by the document's address name")
def test_the_demo_policy_has_two_published_versions(db):
    from policies.models import PolicyVersion

    call_command("demo")
    v1, v2 = PolicyVersion.objects.filter(document__slug="privatuma-politika").order_by("number")
    assert (v1.number, v2.number) == (1, 2)
    lines = v2.change_summary["lv"]
    assert any("Brevo" in line for line in lines)
    assert any("5 gadi → 7 gadi" in line for line in lines)
    assert v2.approved_by.email == "reviewer@demo.test"
    assert v2.published_by.email == "owner@demo.test"


@pytest.mark.unscoped_queries_allowed("reads the demo's consent records")
def test_the_demo_shows_a_consent_chart_from_records_made_through_the_banner(db):
    from consent.models import ConsentRecord

    call_command("demo", consent_records=True)
    call_command("demo", consent_records=True)  # once only
    records = ConsentRecord.objects.filter(tenant__slug="demo")
    assert 200 < records.count() < 600
    assert set(records.values_list("choice", flat=True)) == {"accept_all", "reject_all", "custom"}
    assert set(records.values_list("origin", flat=True)) == {"https://zalaisdarzs.lv"}
    assert {r.address.rsplit(".", 1)[1] for r in records} == {"0"}
    client = Client()
    client.force_login(Membership.objects.get(tenant__slug="demo", role="owner").user)
    page = client.get("/t/demo/documents/privatuma-politika/consent/").content.decode()
    assert "<svg" in page and "Izvēles pa dienām" in page
