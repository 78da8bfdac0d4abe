"""Sessions: SES-3 (idle and absolute timeouts) and SES-5 (cookie attributes in production).

SES-1, SES-2 and SES-4 are in tests/accounts/test_login.py: a new session key on log-in, the
session deleted on the server at log-out, and a password change ending the other sessions.
"""

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

LOGIN = reverse("accounts:login")
START = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def signed_in(editor, time_machine):
    """A client that logged in at START, with the clock stopped there."""
    time_machine.move_to(START, tick=False)
    client = Client()
    client.post(LOGIN, {"username": editor.email, "password": PASSWORD})
    assert client.get("/t/alfa/").status_code == 200
    return client


def sent_to_log_in(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_the_timeouts_are_30_minutes_idle_and_12_hours_in_all(production_values):
    assert production_values["SESSION_COOKIE_AGE"] == 30 * 60
    assert production_values["SESSION_SAVE_EVERY_REQUEST"] is True
    assert production_values["SESSION_MAX_LIFETIME"] == 12 * 60 * 60


def test_a_session_ends_after_30_idle_minutes(signed_in, time_machine):
    time_machine.shift(29 * MINUTE)
    assert signed_in.get("/t/alfa/").status_code == 200
    time_machine.shift(29 * MINUTE)  # each request starts the 30 minutes again
    assert signed_in.get("/t/alfa/").status_code == 200
    time_machine.shift(31 * MINUTE)
    assert sent_to_log_in(signed_in.get("/t/alfa/"))


def test_a_busy_session_still_ends_12_hours_after_log_in(signed_in, time_machine):
    for _ in range(35):  # a request every 20 minutes, until 11 h 40 min after logging in
        time_machine.shift(20 * MINUTE)
        assert signed_in.get("/t/alfa/").status_code == 200
    key = signed_in.cookies["sessionid"].value
    time_machine.shift(25 * MINUTE)  # 12 h 5 min after logging in, 25 minutes idle
    assert sent_to_log_in(signed_in.get("/t/alfa/"))
    assert not Session.objects.filter(session_key=key).exists()


def test_a_signed_in_session_without_a_log_in_time_is_ended(editor, login):
    client = login(editor)
    session = client.session
    del session["auth_time"]
    session.save()
    assert sent_to_log_in(client.get("/t/alfa/"))


def attributes(response, name) -> dict[str, str]:
    """The attributes of cookie `name` exactly as its Set-Cookie header sends them."""
    header = response.cookies[name].output(header="").strip()
    _value, *parts = header.split("; ")
    return {k.lower(): v for k, _eq, v in (part.partition("=") for part in parts)}


def test_cookies_under_production_settings(production, editor):
    client = Client()
    login_page = client.get(LOGIN, secure=True)
    # A session planted before logging in (fixation) is replaced, not adopted.
    planted = SessionStore()
    planted["planted"] = True
    planted.save()
    client.cookies["__Host-sessionid"] = planted.session_key
    logged_in = client.post(LOGIN, {"username": editor.email, "password": PASSWORD}, secure=True)
    assert logged_in.status_code == 302
    assert logged_in.cookies["__Host-sessionid"].value != planted.session_key
    assert not Session.objects.filter(session_key=planted.session_key).exists()
    language = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, secure=True)

    cookies = {
        "__Host-csrftoken": attributes(login_page, "__Host-csrftoken"),
        "__Host-sessionid": attributes(logged_in, "__Host-sessionid"),
        "django_language": attributes(language, "django_language"),
    }
    for name, attrs in cookies.items():
        assert "secure" in attrs, name
        assert attrs["samesite"] == "Lax", name
        assert attrs["path"] == "/", name
        assert "domain" not in attrs, name
    assert "httponly" in cookies["__Host-sessionid"]
    assert "httponly" in cookies["__Host-csrftoken"]
    assert int(cookies["__Host-sessionid"]["max-age"]) == 30 * 60
