"""A person's list of the registers of every company they belong to, and the dashboard's
reminder of a register not reviewed for a year."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from policies.models import Purpose
from tenants.roles import Role
from tests.factories import MembershipFactory, TenantFactory
from tests.registers.conftest import SEEDS, import_seed

pytestmark = pytest.mark.unscoped_queries_allowed("sets review dates behind the app's back")


@pytest.fixture
def lawyer(company, editor, other_company, outsider):
    """A reviewer of companies A and B, with answers in both; company C is not theirs."""
    import_seed(company, SEEDS[0], by=editor)
    import_seed(other_company, SEEDS[1], by=outsider)
    third = TenantFactory(legal_name='SIA "Gamma"', slug="gamma")
    import_seed(third, SEEDS[2], by=None)
    user = MembershipFactory(tenant=company, role=Role.REVIEWER).user
    MembershipFactory(tenant=other_company, role=Role.REVIEWER, user=user)
    return user


def test_a_lawyer_sees_the_registers_of_their_clients_and_no_others(client, lawyer):
    Purpose.objects.filter(tenant__slug="alfa").update(reviewed_on=datetime.date(2026, 3, 2))
    client.force_login(lawyer)
    page = client.get(reverse("registers")).content.decode()
    assert 'href="/t/alfa/register/"' in page
    assert 'href="/t/beta/register/"' in page
    assert "gamma" not in page and "Gamma" not in page
    assert "02.03.2026" in page  # company A's last review
    assert "nekad" in page  # company B: never reviewed


def test_someone_of_one_company_sees_only_it(client, lawyer, outsider):
    client.force_login(outsider)
    page = client.get(reverse("registers")).content.decode()
    assert 'href="/t/beta/register/"' in page
    assert "/t/alfa/" not in page


def test_the_list_needs_a_log_in(client, db):
    response = client.get(reverse("registers"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_dashboard_reminds_of_a_register_not_reviewed_for_a_year(client, company, editor):
    import_seed(company, SEEDS[0], by=editor)
    client.force_login(editor)
    dashboard = reverse("company:dashboard", args=["alfa"])
    assert "register-reminder" in client.get(dashboard).content.decode()  # never reviewed

    today = timezone.localdate()
    Purpose.objects.filter(tenant=company).update(reviewed_on=today)
    assert "register-reminder" not in client.get(dashboard).content.decode()

    Purpose.objects.filter(tenant=company).update(reviewed_on=today - datetime.timedelta(366))
    page = client.get(dashboard).content.decode()
    assert "register-reminder" in page
    assert (today - datetime.timedelta(366)).strftime("%d.%m.%Y") in page


def test_no_reminder_before_there_is_anything_to_review(client, company, editor):
    client.force_login(editor)
    page = client.get(reverse("company:dashboard", args=["alfa"])).content.decode()
    assert "register-reminder" not in page
