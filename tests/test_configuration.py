"""Settings from the environment, and the production mode operators deploy."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from policyhub.env import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parent.parent


def run(args, **env):
    """Run a command in a fresh process with only these settings variables changed."""
    # DJANGO_ALLOW_ASYNC_UNSAFE is set for the browser tests and PDF_RENDER_IN_PROCESS for the
    # whole suite; the deploy checks would flag both.
    left_out = (
        "DEBUG",
        "SECRET_KEY",
        "EMAIL_HOST",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "PDF_RENDER_IN_PROCESS",
    )
    clean = {k: v for k, v in os.environ.items() if k not in left_out}
    clean.update(env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def manage(*args, **env):
    return run(["manage.py", *args], **env)


# What an operator sets at the least for production mode (README, "Production mode").
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-a-long-and-random-production-secret-value",
    "ALLOWED_HOSTS": "policies.example.lv",
    "EMAIL_HOST": "smtp.example.lv",
}


def production_settings() -> dict:
    """Every setting as production mode computes it, read in a fresh process.

    Values that are not JSON (paths, durations) come back as their repr().
    """
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in dir(s) if k.isupper()}, default=repr))"
    )
    result = run(["-c", code], DJANGO_SETTINGS_MODULE="policyhub.settings", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def mailer(**env):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "m = s.MAILERS['default']; o = m.get('OPTIONS', {}); "
        "print(m['BACKEND'], o.get('host'), o.get('port'))"
    )
    return run(["-c", code], DJANGO_SETTINGS_MODULE="policyhub.settings", DEBUG="1", **env)


def test_production_start_up_stops_without_a_secret_key():
    result = manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_mode_passes_the_deploy_checks():
    """CFG-1 and CFG-2: Django's deploy checks and our own (policyhub/checks.py) all pass."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_security_check_is_silenced():
    """CFG-1: the deploy checks above count only if none of Django's is switched off."""
    silenced = production_settings()["SILENCED_SYSTEM_CHECKS"]
    assert [check for check in silenced if check.startswith("security.")] == []


def test_a_secret_can_come_from_a_file(tmp_path, monkeypatch):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("SOME_SECRET_FILE", str(secret))
    assert env_str("SOME_SECRET") == "from-a-file"


def test_bad_values_name_the_variable(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG")
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER"):
        env_int("SOME_NUMBER", 1)


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", "a.lv, b.lv,,")
    assert env_list("SOME_HOSTS") == ["a.lv", "b.lv"]
    monkeypatch.delenv("SOME_HOSTS")
    assert env_list("SOME_HOSTS", ["x"]) == ["x"]


def test_smtp_is_configured_by_variables():
    result = mailer(EMAIL_HOST="smtp.example.lv", EMAIL_PORT="2525")
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.lv",
        "2525",
    ], result.stderr


def test_email_goes_to_the_console_by_default():
    result = mailer()
    assert result.stdout.split()[0] == "django.core.mail.backends.console.EmailBackend"


def test_production_mode_without_smtp_fails_the_deploy_checks():
    result = manage(
        "check", "--deploy", DEBUG="0", SECRET_KEY="x" * 60, ALLOWED_HOSTS="policies.example.lv"
    )
    assert result.returncode != 0
    assert "mail.E001" in result.stderr
