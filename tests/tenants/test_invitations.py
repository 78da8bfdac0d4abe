import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from tenants.models import Invitation, Membership
from tenants.roles import Role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.unscoped_queries_allowed(
    "checks invitations and memberships by reading them directly"
)

INVITE = "/t/alfa/members/invite/"


def invite(client, email="lawyer@law.test", role=Role.REVIEWER):
    return client.post(INVITE, {"email": email, "role": role})


def link_in_last_email():
    match = re.search(r"http://testserver(/accounts/invitations/[^/\s]+/)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def test_the_owner_invites_by_email(owner, login):
    response = invite(login(owner))
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role) == ("lawyer@law.test", Role.REVIEWER)
    assert mail.outbox[0].to == ["lawyer@law.test"]
    assert 'SIA "Alfa"' in mail.outbox[0].subject
    assert link_in_last_email()
    # the token travels only in the e-mail
    token = link_in_last_email().rstrip("/").rsplit("/", 1)[1]
    assert token not in invitation.token_hash


def test_a_new_person_accepts_by_signing_up(owner, login, client):
    invite(login(owner))
    link = link_in_last_email()
    page = client.get(link)
    assert page.status_code == 200
    assert "lawyer@law.test" in page.content.decode()
    response = client.post(
        link, {"full_name": "Laura Ozola", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/t/alfa/"
    user = User.objects.get(email="lawyer@law.test")
    assert Membership.objects.get(user=user).role == Role.REVIEWER
    assert client.get("/t/alfa/").status_code == 200


def test_a_person_with_an_account_accepts_while_logged_in(owner, login, outsider):
    invite(login(owner), email=outsider.email)
    link = link_in_last_email()
    lawyer = login(outsider)
    assert "Pieņemt" in lawyer.get(link).content.decode() or lawyer.get(link).status_code == 200
    response = lawyer.post(link)
    assert response["Location"] == "/t/alfa/"
    # one account, two companies: the lawyer now switches between them
    assert set(outsider.memberships.values_list("tenant__slug", flat=True)) == {"alfa", "beta"}
    page = lawyer.get("/t/alfa/").content.decode()
    assert 'href="/t/beta/"' in page and 'href="/t/alfa/"' in page


def test_a_logged_out_person_with_an_account_is_asked_to_log_in(owner, login, outsider, client):
    invite(login(owner), email=outsider.email)
    page = client.get(link_in_last_email()).content.decode()
    assert "/accounts/login/?next=/accounts/invitations/" in page
    assert not Membership.objects.filter(user=outsider, tenant__slug="alfa").exists()


def test_a_link_works_once(owner, login, client):
    invite(login(owner))
    link = link_in_last_email()
    client.post(link, {"full_name": "L", "password1": PASSWORD, "password2": PASSWORD})
    again = login(User.objects.get(email="lawyer@law.test")).post(link)
    assert again.status_code == 410
    assert Membership.objects.filter(user__email="lawyer@law.test").count() == 1


def test_an_expired_link_is_refused(owner, login, client):
    invite(login(owner))
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    link = link_in_last_email()
    response = client.post(link, {"full_name": "L", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 410
    assert not User.objects.filter(email="lawyer@law.test").exists()


def test_an_unknown_link_is_not_found(client, db):
    assert client.get("/accounts/invitations/made-up-token/").status_code == 404


def test_it_refuses_someone_already_a_member(owner, editor, login):
    response = invite(login(owner), email="EDITOR@alfa.test")
    assert response.status_code == 200
    assert "editor@alfa.test" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_the_wrong_account_cannot_use_a_link(owner, login, outsider, editor):
    invite(login(owner), email="lawyer@law.test")
    link = link_in_last_email()
    response = login(outsider).post(link)
    assert response.status_code == 200
    assert not Membership.objects.filter(user=outsider, tenant__slug="alfa").exists()


def test_inviting_again_replaces_the_open_invitation(owner, login):
    client = login(owner)
    invite(client)
    first = link_in_last_email()
    invite(client, role=Role.EDITOR)
    assert Invitation.objects.count() == 1
    assert Invitation.objects.get().role == Role.EDITOR
    assert first != link_in_last_email()


def test_the_owner_withdraws_an_invitation(owner, login, client):
    c = login(owner)
    invite(c)
    link = link_in_last_email()
    code = Invitation.objects.get().code
    c.post(reverse("company:invitation_revoke", args=["alfa", code]))
    assert not Invitation.objects.exists()
    assert client.get(link).status_code == 404


@pytest.mark.parametrize("email", ["not-an-email", ""])
def test_it_refuses_a_bad_address(owner, login, email):
    response = invite(login(owner), email=email)
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_it_refuses_an_unknown_role(owner, login):
    response = invite(login(owner), role="superuser")
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_signing_up_through_an_invitation_checks_the_password(owner, login, client):
    invite(login(owner))
    response = client.post(
        link_in_last_email(), {"full_name": "L", "password1": "123", "password2": "123"}
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="lawyer@law.test").exists()


def test_a_member_who_joined_otherwise_meanwhile_keeps_their_role(owner, login, company):
    invite(login(owner), email="late@alfa.test", role=Role.REVIEWER)
    link = link_in_last_email()
    late = UserFactory(email="late@alfa.test")
    Membership.objects.create(tenant=company, user=late, role=Role.EDITOR)
    login(late).post(link)
    assert Membership.objects.get(user=late).role == Role.EDITOR
    assert Invitation.objects.get().accepted_at is not None
