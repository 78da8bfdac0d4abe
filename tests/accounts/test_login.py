import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

LOGIN = reverse("accounts:login")


def test_it_logs_in_by_email_in_any_case(client, editor):
    response = client.post(LOGIN, {"username": "Editor@ALFA.test", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/t/alfa/").status_code == 200


def test_it_starts_a_new_session_on_log_in(client, editor):
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    client.post(LOGIN, {"username": editor.email, "password": PASSWORD})
    assert client.session.session_key != before


def test_it_refuses_a_wrong_password_with_a_clear_message(client, editor):
    response = client.post(LOGIN, {"username": editor.email, "password": "wrong-password"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "alert" in response.content.decode()


def test_it_answers_an_unknown_email_like_a_wrong_password(client, editor):
    known = client.post(LOGIN, {"username": editor.email, "password": "wrong-password"})
    unknown = client.post(LOGIN, {"username": "nobody@alfa.test", "password": "wrong-password"})
    strip = lambda r: re.sub(r'value="[^"]*"', "", r.content.decode())  # noqa: E731
    assert strip(known) == strip(unknown)


def test_after_log_in_it_opens_the_company_used_last(client, company, editor, other_company):
    from tests.factories import MembershipFactory

    MembershipFactory(tenant=other_company, user=editor)
    client.force_login(editor)
    client.get("/t/beta/")
    assert client.get("/")["Location"] == "/t/beta/"
    client.get("/t/alfa/")
    assert client.get("/")["Location"] == "/t/alfa/"


def test_a_user_without_a_company_is_offered_to_create_one(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get("/")["Location"] == reverse("companies")


def test_log_out_ends_the_session_on_the_server(client, editor):
    client.post(LOGIN, {"username": editor.email, "password": PASSWORD})
    cookie = client.cookies["sessionid"].value
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=cookie).exists()
    replay = Client()
    replay.cookies["sessionid"] = cookie
    response = replay.get("/t/alfa/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_log_out_needs_a_post(client, editor, login):
    c = login(editor)
    assert c.get(reverse("accounts:logout")).status_code == 405
    assert c.get("/t/alfa/").status_code == 200


def test_password_reset_by_email(client, editor):
    response = client.post(reverse("accounts:password_reset"), {"email": "EDITOR@alfa.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    form_url = client.get(link.group(1))["Location"]
    new = "jauna-parole-2026"
    done = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert client.post(LOGIN, {"username": editor.email, "password": new}).status_code == 302


def test_password_reset_says_the_same_for_unknown_addresses(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@x.test"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change_logs_out_other_devices(editor):
    laptop, phone = Client(), Client()
    for c in (laptop, phone):
        c.post(LOGIN, {"username": editor.email, "password": PASSWORD})
    new = "cita-parole-2026"
    response = laptop.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert laptop.get("/t/alfa/").status_code == 200
    assert phone.get("/t/alfa/").status_code == 302


def test_password_change_refuses_a_wrong_old_password(editor, login):
    c = login(editor)
    new = "cita-parole-2026"
    response = c.post(
        reverse("accounts:password_change"),
        {"old_password": "not-it", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 200
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


@pytest.mark.parametrize(
    "url", ["/", LOGIN, reverse("accounts:signup"), reverse("accounts:password_reset")]
)
def test_pages_open_to_visitors(client, db, url):
    assert client.get(url).status_code == 200
