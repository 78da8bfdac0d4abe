"""What every page carries: language, security headers, caching rules."""

import pytest


def test_the_interface_is_latvian_by_default(client, db):
    page = client.get("/accounts/login/")
    assert '<html lang="lv">' in page.content.decode()
    assert "Pieteikties" in page.content.decode()


def test_the_language_switcher_changes_to_english_and_back(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    page = client.get("/accounts/login/").content.decode()
    assert '<html lang="en">' in page and "Log in" in page
    client.post("/i18n/setlang/", {"language": "lv", "next": "/"})
    assert '<html lang="lv">' in client.get("/accounts/login/").content.decode()


def test_pages_carry_a_content_security_policy(client, db):
    csp = client.get("/accounts/login/")["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp


def test_signed_in_pages_are_not_stored(editor, login):
    response = login(editor).get("/t/alfa/")
    assert "no-store" in response["Cache-Control"]


def test_pages_have_no_inline_script(editor, login):
    page = login(editor).get("/t/alfa/members/").content.decode()
    assert "<script>" not in page and "onclick=" not in page


@pytest.mark.parametrize("user_fixture", ["editor", "owner"])
def test_the_admin_is_for_site_staff_only(request, login, user_fixture):
    user = request.getfixturevalue(user_fixture)
    response = login(user).get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_site_staff_reach_the_admin(db, login):
    from tests.factories import UserFactory

    staff = UserFactory(is_staff=True, is_superuser=True)
    assert login(staff).get("/admin/tenants/membership/").status_code == 200


def test_not_found_pages_are_friendly(client, db):
    response = client.get("/accounts/invitations/x/")
    assert response.status_code == 404


def test_the_browser_language_does_not_override_latvian(client, db):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="lv">' in page.content.decode()
    assert page["Content-Language"] == "lv"
