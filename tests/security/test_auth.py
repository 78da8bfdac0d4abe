"""Authentication: AUTH-1 (brute-force lockout), AUTH-2 (password hashing), AUTH-3 (policy).

AUTH-4 (default deny: only log-in, reset, sign-up and public pages open) is
tests/test_routes.py.
"""

import logging
import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory, confirm_signup

LOGIN = reverse("accounts:login")
SIGNUP = reverse("accounts:signup")
WRONG = "wrong-password-2026"


def attempts(client, email, password=WRONG, times=1, **extra):
    return [
        client.post(LOGIN, {"username": email, "password": password}, **extra) for _ in range(times)
    ]


def page(response) -> str:
    """The page without its per-request values (CSRF tokens, the request ID)."""
    return re.sub(r'value="[^"]*"', "", response.content.decode())


# ---------------------------------------------------------------------------------------------
# AUTH-1: brute-force lockout (django-axes)
# ---------------------------------------------------------------------------------------------
def test_the_attempt_after_the_limit_is_refused_even_with_the_right_password(
    client, editor, settings
):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    statuses = [r.status_code for r in attempts(client, editor.email, times=limit + 1)]
    # The form says "wrong password" 4 times; the 5th wrong password already locks.
    assert statuses == [200] * (limit - 1) + [429, 429]
    right = attempts(client, editor.email, password=PASSWORD)[0]
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Pārāk daudz mēģinājumu" in right.content.decode()


def test_known_and_unknown_addresses_get_the_same_answers(client, editor, settings):
    known = attempts(client, editor.email, times=settings.AXES_FAILURE_LIMIT + 1)
    unknown = attempts(client, "nobody@alfa.test", times=settings.AXES_FAILURE_LIMIT + 1)
    assert [r.status_code for r in known] == [r.status_code for r in unknown]
    assert [page(r) for r in known] == [page(r) for r in unknown]


def test_the_lockout_is_logged(client, editor, settings, caplog):
    with caplog.at_level(logging.WARNING, logger="axes"):
        attempts(client, editor.email, times=settings.AXES_FAILURE_LIMIT)
    attempt = AccessAttempt.objects.get(username=editor.email, ip_address="127.0.0.1")
    assert attempt.failures_since_start == settings.AXES_FAILURE_LIMIT
    assert WRONG not in attempt.post_data  # the passwords tried are not kept
    assert AccessFailureLog.objects.filter(username=editor.email, locked_out=True).count() == 1
    assert any("Locking out" in r.getMessage() for r in caplog.records)


def test_the_lockout_page_speaks_english_too(client, editor, settings):
    client.cookies["django_language"] = "en"
    locked = attempts(client, editor.email, times=settings.AXES_FAILURE_LIMIT)[-1]
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()


def test_the_lockout_holds_one_address_from_one_ip_only(client, editor, settings):
    """Nobody can lock a person out from elsewhere; the cool-off time ends the lockout."""
    attempts(client, editor.email, times=settings.AXES_FAILURE_LIMIT)
    elsewhere = attempts(Client(), editor.email, password=PASSWORD, REMOTE_ADDR="10.0.0.7")
    assert elsewhere[0].status_code == 302
    assert attempts(client, "other@alfa.test")[0].status_code == 200
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


def test_spelling_the_address_differently_does_not_reset_the_count(client, editor, settings):
    spellings = [editor.email.upper(), f" {editor.email}", editor.email.title()]
    for i in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/admin/login/", {"username": spellings[i % 3], "password": WRONG})
    locked = client.post("/admin/login/", {"username": editor.email, "password": WRONG})
    assert locked.status_code == 429


def test_forwarded_addresses_count_only_behind_our_proxy(client, editor, settings):
    def locked_out_after_rotating_forwarded_for():
        for i in range(settings.AXES_FAILURE_LIMIT):
            response = attempts(
                client, editor.email, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}"
            )[0]
        return response.status_code == 429

    settings.BEHIND_PROXY = False  # X-Forwarded-For is whatever the client wrote: ignored
    assert locked_out_after_rotating_forwarded_for()
    AccessAttempt.objects.all().delete()
    settings.BEHIND_PROXY = True  # our proxy appends the address it saw: each is a client
    assert not locked_out_after_rotating_forwarded_for()
    spoofed = "10.0.0.99, 198.51.100.4"  # only the proxy's own, last entry counts
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = attempts(client, editor.email, HTTP_X_FORWARDED_FOR=spoofed)[0]
    assert response.status_code == 429
    assert AccessAttempt.objects.filter(ip_address="198.51.100.4").exists()


def test_tests_can_still_log_in_with_force_login_and_client_login(editor):
    forced = Client()
    forced.force_login(editor)
    assert forced.get("/t/alfa/").status_code == 200
    # django-axes needs to know who is trying: Client.login must be given a request.
    client = Client()
    assert client.login(request=HttpRequest(), username=editor.email, password=PASSWORD)
    assert client.get("/t/alfa/").status_code == 200


# ---------------------------------------------------------------------------------------------
# AUTH-2: password hashing
# ---------------------------------------------------------------------------------------------
SIGNUP_DATA = {
    "full_name": "Anna Bērziņa",
    "email": "anna@zala-sala.test",
    "legal_name": 'SIA "Zaļā Sala"',
    "slug": "",
    "country": "LV",
}


def signup(client, password):
    """The sign-up form; when accepted, its e-mailed link followed too (the account exists)."""
    response = client.post(SIGNUP, {**SIGNUP_DATA, "password1": password, "password2": password})
    if response.status_code == 302:
        return confirm_signup(client, mail.outbox)
    return response


def argon2_parameters(encoded: str) -> dict[str, int]:
    algorithm, variant, _version, params, _salt, _hash = encoded.split("$")
    assert (algorithm, variant) == ("argon2", "argon2id"), encoded
    return {k: int(v) for k, v in (p.split("=") for p in params.split(","))}


@pytest.fixture
def production_hashers(settings, production_values):
    """The hashers production uses (the suite hashes with MD5 for speed)."""
    settings.PASSWORD_HASHERS = production_values["PASSWORD_HASHERS"]
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_new_passwords_are_hashed_with_argon2id(client, db, production_hashers):
    assert signup(client, "Zaļā-sala-parole-2026").status_code == 302
    params = argon2_parameters(User.objects.get(email=SIGNUP_DATA["email"]).password)
    assert params["m"] >= 19456  # KiB
    assert params["t"] >= 2


def test_an_older_hash_is_upgraded_at_log_in(client, db, production_hashers):
    user = UserFactory(email="old@alfa.test")
    old = make_password(PASSWORD, hasher="pbkdf2_sha256")
    User.objects.filter(pk=user.pk).update(password=old)
    assert attempts(client, user.email, password=PASSWORD)[0].status_code == 302
    user.refresh_from_db()
    argon2_parameters(user.password)


# ---------------------------------------------------------------------------------------------
# AUTH-3: password policy, through the real sign-up form
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("password", "refusal"),
    [
        ("Kx7#pq2", "password_too_short"),  # 7 characters
        ("qwertyuiop", "password_too_common"),  # 10 characters, but on the common list
    ],
)
def test_weak_passwords_are_refused(client, db, password, refusal):
    response = signup(client, password)
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["password2"]
    assert refusal in [e.code for e in errors]
    assert not User.objects.filter(email=SIGNUP_DATA["email"]).exists()


@pytest.mark.parametrize("length", [64, 128])
def test_long_passwords_are_accepted(client, db, length):
    password = ("Zaļā sala, 2026! " * 10)[:length]
    assert len(password) == length
    assert signup(client, password).status_code == 302
    user = User.objects.get(email=SIGNUP_DATA["email"])
    assert user.check_password(password)
