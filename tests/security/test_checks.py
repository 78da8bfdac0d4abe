"""Configuration: CFG-2 (our deploy checks) and CFG-3 (the error page and its log line).

CFG-1 (Django's deploy checks pass with --fail-level WARNING, none silenced) is in
tests/test_configuration.py, which also runs our checks in production mode.
"""

import logging

import pytest
from django.core.checks import Tags, run_checks
from django.test import Client
from weasyprint.urls import URLFetcherResponse

from policies.pdf.fetcher import AssetFetcher
from policyhub import checks
from tenants.models import Membership

CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "object-src": ["'none'"],
}


def ours(findings) -> set[str]:
    return {f.id for f in findings if f.id.startswith("policyhub.")}


def test_our_checks_pass_in_production(production, production_values, settings):
    settings.PDF_RENDER_IN_PROCESS = production_values["PDF_RENDER_IN_PROCESS"]
    assert ours(run_checks(tags=[Tags.security], include_deployment_checks=True)) == set()


@pytest.mark.parametrize(
    ("setting", "value", "finding"),
    [
        ("SECURE_CSP", {}, "policyhub.E001"),
        ("SECURE_CSP", {**CSP, "script-src": ["'self'", "'unsafe-inline'"]}, "policyhub.E002"),
        ("SECURE_CSP", {**CSP, "script-src": ["'self'", "'unsafe-eval'"]}, "policyhub.E002"),
        ("SECURE_CSP", {"frame-ancestors": ["'none'"], "object-src": ["'none'"]}, "policyhub.E002"),
        ("SECURE_CSP", {**CSP, "frame-ancestors": ["'self'"]}, "policyhub.E003"),
        ("SECURE_CSP", {k: v for k, v in CSP.items() if k != "object-src"}, "policyhub.E003"),
        ("MIDDLEWARE", "django.middleware.csp.ContentSecurityPolicyMiddleware", "policyhub.E004"),
        ("MIDDLEWARE", "django.contrib.auth.middleware.LoginRequiredMiddleware", "policyhub.E004"),
        ("MIDDLEWARE", "policyhub.middleware.SessionLifetimeMiddleware", "policyhub.E004"),
        ("MIDDLEWARE", "axes.middleware.AxesMiddleware", "policyhub.E004"),
        ("SIMPLE_HISTORY_ENABLED", False, "policyhub.E006"),
        ("PDF_RENDER_IN_PROCESS", True, "policyhub.E007"),
        ("PDF_RENDER_TIMEOUT", 0, "policyhub.E008"),
    ],
)
def test_each_check_fails_when_its_setting_is_broken(settings, setting, value, finding):
    settings.PDF_RENDER_IN_PROCESS = False
    check = {
        "SECURE_CSP": checks.check_content_security_policy,
        "MIDDLEWARE": checks.check_middleware,
        "SIMPLE_HISTORY_ENABLED": checks.check_history,
    }.get(setting, checks.check_pdf_renderer)
    assert check() == []
    if setting == "MIDDLEWARE":
        value = [name for name in settings.MIDDLEWARE if name != value]
    setattr(settings, setting, value)
    assert ours(check()) == {finding}


def test_the_pdf_check_fails_when_the_fetcher_would_load_anything(settings, monkeypatch):
    settings.PDF_RENDER_IN_PROCESS = False
    permissive = lambda self, url, headers=None: URLFetcherResponse(url, b"")  # noqa: E731
    monkeypatch.setattr(AssetFetcher, "fetch", permissive)
    assert ours(checks.check_pdf_renderer()) == {"policyhub.E009"}


def test_the_scoping_check_fails_on_a_company_model_without_for_tenant(monkeypatch):
    assert checks.check_tenant_scoping() == []
    monkeypatch.setattr(Membership._meta, "default_manager", Membership.history.model.objects)
    assert ours(checks.check_tenant_scoping()) == {"policyhub.E005"}


def test_an_error_shows_a_generic_page_and_is_logged_with_its_request_id(
    production, settings, caplog
):
    """CFG-3."""
    settings.ROOT_URLCONF = "tests.security.urls"
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/fail/", secure=True)
    assert response.status_code == 500
    page = response.content.decode()
    request_id = response["X-Request-ID"]
    assert f"<code>{request_id}</code>" in page
    assert "Radās kļūda" in page and "Something went wrong" in page
    for leak in ("Traceback", "RuntimeError", "SELECT", "accounts_user", "SECRET_KEY", "DEBUG"):
        assert leak not in page
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelno == logging.ERROR and record.exc_info[0] is RuntimeError
    assert record.request_id == request_id
