import pytest
from django.urls import reverse

from accounts.models import User
from tenants.models import Membership, Tenant
from tenants.roles import Role

URL = reverse("accounts:signup")


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
def test_it_creates_the_person_and_their_company_as_owner(client):
    response = client.post(URL, form())
    assert response.status_code == 302
    assert response["Location"] == "/t/sia-zala-sala/"
    user = User.objects.get()
    assert user.email == "anna@example.test"
    tenant = Tenant.objects.get()
    assert tenant.legal_name == 'SIA "Zaļā Sala"'
    assert Membership.objects.get().role == Role.OWNER
    # and the person is logged in
    assert client.get("/t/sia-zala-sala/").status_code == 200


@pytest.mark.django_db
def test_it_keeps_a_chosen_address_name(client):
    client.post(URL, form(slug="zala-sala"))
    assert Tenant.objects.get().slug == "zala-sala"


@pytest.mark.django_db
def test_it_numbers_a_generated_address_name_that_is_taken(client, company):
    client.post(URL, form(legal_name="Alfa"))
    assert Tenant.objects.get(legal_name="Alfa").slug == "alfa-2"


@pytest.mark.django_db
def test_it_refuses_a_taken_address_name_in_latvian(client, company):
    response = client.post(URL, form(slug="alfa"))
    assert response.status_code == 200
    assert "Šis adreses nosaukums jau ir aizņemts" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_taken_address_name_in_english(client, company):
    client.cookies["django_language"] = "en"
    response = client.post(URL, form(slug="alfa"))
    assert "This address name is already taken" in response.content.decode()


@pytest.mark.django_db
def test_it_refuses_an_email_that_has_an_account(client, editor):
    response = client.post(URL, form(email="EDITOR@alfa.test"))
    assert response.status_code == 200
    assert User.objects.count() == 1
    assert Tenant.objects.count() == 1


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


@pytest.mark.django_db
def test_a_logged_in_user_is_sent_on(client, editor, login):
    response = login(editor).get(URL)
    assert response.status_code == 302
