import pytest
from django.urls import reverse

from tenants.history import role_changes
from tenants.models import Membership
from tenants.roles import Role
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.unscoped_queries_allowed(
    "checks memberships and their history by reading them directly"
)


def role_url(membership):
    return reverse("company:member_role", args=[membership.tenant.slug, membership.code])


def remove_url(membership):
    return reverse("company:member_remove", args=[membership.tenant.slug, membership.code])


def test_members_see_the_team(viewer, owner, editor, login):
    page = login(viewer).get("/t/alfa/members/").content.decode()
    assert "owner@alfa.test" in page and "editor@alfa.test" in page
    assert "members/invite/" not in page  # no management controls for a viewer


def test_the_owner_changes_a_role(owner, editor, login):
    m = Membership.objects.get(user=editor)
    response = login(owner).post(role_url(m), {"role": Role.REVIEWER})
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.role == Role.REVIEWER


def test_the_change_of_a_role_is_recorded_with_who_and_when(owner, editor, login, company):
    m = Membership.objects.get(user=editor)
    login(owner).post(role_url(m), {"role": Role.REVIEWER})
    record = m.history.latest()
    assert record.role == Role.REVIEWER
    assert record.history_user == owner
    change = role_changes(company)[0]
    assert (change.kind, change.old_role, change.new_role) == ("changed", "Redaktors", "Recenzents")
    assert change.actor == str(owner)
    page = login(owner).get("/t/alfa/members/").content.decode()
    assert "Redaktors → Recenzents" in page


def test_the_last_owner_cannot_step_down(owner, login):
    m = Membership.objects.get(user=owner)
    response = login(owner).post(role_url(m), {"role": Role.EDITOR}, follow=True)
    m.refresh_from_db()
    assert m.role == Role.OWNER
    assert "vienmēr jābūt īpašniekam" in response.content.decode()


def test_the_last_owner_cannot_be_removed(owner, login):
    m = Membership.objects.get(user=owner)
    login(owner).post(remove_url(m))
    assert Membership.objects.filter(pk=m.pk).exists()


def test_with_a_second_owner_the_first_may_step_down(owner, company, login):
    MembershipFactory(tenant=company, user=UserFactory(), role=Role.OWNER)
    m = Membership.objects.get(user=owner)
    login(owner).post(role_url(m), {"role": Role.EDITOR})
    m.refresh_from_db()
    assert m.role == Role.EDITOR


def test_the_owner_removes_a_member(owner, editor, login):
    m = Membership.objects.get(user=editor)
    response = login(owner).post(remove_url(m))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=m.pk).exists()
    assert m.history.latest().history_type == "-"
    assert login(editor).get("/t/alfa/").status_code == 404


def test_an_unknown_role_changes_nothing(owner, editor, login):
    m = Membership.objects.get(user=editor)
    login(owner).post(role_url(m), {"role": "admin"})
    m.refresh_from_db()
    assert m.role == Role.EDITOR


def test_the_owner_edits_company_details_but_not_the_address_name(owner, company, login):
    response = login(owner).post(
        "/t/alfa/settings/", {"legal_name": 'SIA "Alfa Plus"', "country": "EE", "slug": "x"}
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.legal_name, company.country, company.slug) == ('SIA "Alfa Plus"', "EE", "alfa")
    assert company.history.latest().history_user == owner


def test_company_details_refuse_bad_input(owner, company, login):
    response = login(owner).post("/t/alfa/settings/", {"legal_name": "", "country": "US"})
    assert response.status_code == 200
    company.refresh_from_db()
    assert company.legal_name == 'SIA "Alfa"'


def test_a_user_creates_another_company(outsider, login):
    client = login(outsider)
    response = client.post(
        reverse("companies"), {"legal_name": "Gamma", "slug": "", "country": "LV"}
    )
    assert response["Location"] == "/t/gamma/"
    assert Membership.objects.get(user=outsider, tenant__slug="gamma").role == Role.OWNER


def test_creating_a_company_with_a_taken_address_name_changes_nothing(outsider, company, login):
    response = login(outsider).post(
        reverse("companies"), {"legal_name": "Gamma", "slug": "alfa", "country": "LV"}
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(user=outsider, tenant__slug="alfa").exists()


def test_the_members_page_needs_few_queries(owner, company, login, django_assert_max_num_queries):
    for _ in range(15):
        MembershipFactory(tenant=company)
    client = login(owner)
    with django_assert_max_num_queries(12):
        assert client.get("/t/alfa/members/").status_code == 200
