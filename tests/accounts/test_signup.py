import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import PendingSignup, User
from tenants.models import Membership, Tenant
from tenants.roles import Role
from tests.factories import TenantFactory, confirm_signup

URL = reverse("accounts:signup")
SENT = reverse("accounts:signup_sent")


def form(**overrides):
    data = {
        "full_name": "Anna Liepa",
        "email": "Anna@Example.test",
        "password1": "zalais-darzs-2026",
        "password2": "zalais-darzs-2026",
        "legal_name": 'SIA "Zaļā Sala"',
        "slug": "",
        "country": "LV",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
@pytest.mark.unscoped_queries_allowed("checks the new membership by reading it directly")
def test_the_link_in_the_e_mail_creates_the_person_and_their_company(client):
    response = client.post(URL, form())
    assert response.status_code == 302 and response["Location"] == SENT
    assert "anna@example.test" in client.get(SENT).content.decode()
    assert not User.objects.exists() and not Tenant.objects.exists()  # nothing yet
    [message] = mail.outbox
    assert message.to == ["anna@example.test"]
    link = re.search(r"http://testserver(\S+/confirm/\S+/)", message.body).group(1)
    page = client.get(link).content.decode()
    assert "Anna Liepa" in page and "Zaļā Sala" in page
    assert not User.objects.exists()  # opening the link (as mail scanners do) creates nothing
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == "/t/sia-zala-sala/"
    user = User.objects.get()
    assert user.email == "anna@example.test" and user.check_password("zalais-darzs-2026")
    assert Tenant.objects.get().legal_name == 'SIA "Zaļā Sala"'
    assert Membership.objects.get().role == Role.OWNER
    assert client.get("/t/sia-zala-sala/").status_code == 200  # logged in
    # the link works once
    client.logout()
    assert client.get(link).status_code == 404
    assert PendingSignup.objects.count() == 0


@pytest.mark.django_db
def test_an_address_with_an_account_gets_the_same_answer_and_an_e_mail(client, editor):
    password_before = User.objects.get(pk=editor.pk).password
    taken = client.post(URL, form(email="EDITOR@alfa.test"))
    taken_page = client.get(SENT).content.decode().replace("editor@alfa.test", "ADDRESS")
    other = Client()
    new = other.post(URL, form(email="new@example.test"))
    new_page = other.get(SENT).content.decode().replace("new@example.test", "ADDRESS")
    assert (taken.status_code, taken["Location"]) == (new.status_code, new["Location"])
    assert _without_tokens(taken_page) == _without_tokens(new_page)
    to_owner = [m for m in mail.outbox if m.to == ["editor@alfa.test"]]
    assert len(to_owner) == 1
    assert "/accounts/login/" in to_owner[0].body
    assert "/accounts/password/reset/" in to_owner[0].body
    assert "/confirm/" not in to_owner[0].body
    assert User.objects.count() == 1 and Tenant.objects.count() == 1  # only the editor
    assert not PendingSignup.objects.filter(email="editor@alfa.test").exists()
    assert User.objects.get(pk=editor.pk).password == password_before


def _without_tokens(page):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


@pytest.mark.django_db
def test_the_link_expires(client, time_machine):
    time_machine.move_to(datetime.datetime(2027, 3, 1, 12, tzinfo=datetime.UTC), tick=False)
    client.post(URL, form())
    time_machine.shift(datetime.timedelta(hours=49))
    link = re.search(r"http://testserver(\S+/confirm/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link)
    assert response.status_code == 404 and "Reģistrējieties vēlreiz" in response.content.decode()
    assert client.post(link).status_code == 404 and not User.objects.exists()


@pytest.mark.django_db
def test_a_second_form_replaces_the_first(client):
    client.post(URL, form())
    client.post(URL, form(full_name="Anna Liepa-Kalna"))
    first, second = (
        re.search(r"http://testserver(\S+/confirm/\S+/)", m.body).group(1) for m in mail.outbox
    )
    assert client.get(first).status_code == 404
    client.post(second)
    assert User.objects.get().full_name == "Anna Liepa-Kalna"


@pytest.mark.django_db
def test_it_keeps_a_chosen_address_name(client):
    client.post(URL, form(slug="zala-sala"))
    confirm_signup(client, mail.outbox)
    assert Tenant.objects.get().slug == "zala-sala"


@pytest.mark.django_db
def test_a_chosen_address_name_taken_meanwhile_is_explained(client):
    client.post(URL, form(slug="zala-sala"))
    TenantFactory(slug="zala-sala")
    response = confirm_signup(client, mail.outbox)
    assert response.status_code == 409 and "zala-sala" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_numbers_a_generated_address_name_that_is_taken(client, company):
    client.post(URL, form(legal_name="Alfa"))
    confirm_signup(client, mail.outbox)
    assert Tenant.objects.get(legal_name="Alfa").slug == "alfa-2"


@pytest.mark.django_db
def test_it_refuses_a_taken_address_name_in_latvian(client, company):
    response = client.post(URL, form(slug="alfa"))
    assert response.status_code == 200
    assert "Šis adreses nosaukums jau ir aizņemts" in response.content.decode()
    assert not PendingSignup.objects.exists() and mail.outbox == []


@pytest.mark.django_db
def test_it_refuses_a_taken_address_name_in_english(client, company):
    client.cookies["django_language"] = "en"
    response = client.post(URL, form(slug="alfa"))
    assert "This address name is already taken" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides",
    [
        {"password1": "short1", "password2": "short1"},
        {"password1": "password123", "password2": "password123"},
        {"password2": "something-else-entirely"},
        {"slug": "Ne Derīgs!"},
        {"email": "not-an-email"},
        {"legal_name": ""},
        {"legal_name": "SIA\r\nBcc: victim@example.test"},
        {"legal_name": "Zaļā \u202eālaS"},
        {"full_name": "Anna \u2066Liepa\u2069"},
        {"country": "XX"},
    ],
)
def test_it_refuses_bad_input_and_changes_nothing(client, overrides):
    response = client.post(URL, form(**overrides))
    assert response.status_code == 200
    assert 'class="invalid-feedback"' in response.content.decode() or "alert-danger" in (
        response.content.decode()
    )
    assert not User.objects.exists()
    assert not Tenant.objects.exists()
    assert not PendingSignup.objects.exists() and mail.outbox == []


@pytest.mark.django_db
def test_a_logged_in_user_is_sent_on(client, editor, login):
    response = login(editor).get(URL)
    assert response.status_code == 302
