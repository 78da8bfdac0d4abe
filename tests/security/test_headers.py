"""HDR-1: the security headers of the main pages, under production settings, over HTTPS."""

import re
from contextlib import contextmanager

import pytest
from django.test import Client

from accounts.models import User
from tests.security.test_csrf import PUBLIC, route_urls

POLICY = "/p/demo/privatuma-politika"
PUBLIC_PAGES = {
    "public policy": f"{POLICY}/",
    "diff": f"{POLICY}/diff/1/2/",
    "PDF": f"{POLICY}/versions/2.pdf",
    "log in": "/accounts/login/",
}
APP_PAGES = {
    "dashboard": "/t/demo/",
    "wizard step": "/t/demo/documents/privatuma-politika/wizard/controller/",
}
# The Referrer-Policy values that send no path to other sites (MDN Observatory's "private").
PRIVATE_REFERRERS = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}


@contextmanager
def check(page):
    """Names the page in a failure."""
    try:
        yield
    except AssertionError as exc:
        raise AssertionError(f"{page}: {exc}") from exc


@pytest.fixture
def visitor(production, demo):
    return Client()


def assert_security_headers(response, *, framed_by_none=True, resource_policy="same-origin"):
    headers = response.headers
    assert response.status_code == 200
    csp = headers["Content-Security-Policy"]  # enforced, not only reported
    assert "Content-Security-Policy-Report-Only" not in headers
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    hsts = headers["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31536000
    assert "includeSubDomains" in hsts
    assert headers["X-Content-Type-Options"] == "nosniff"
    if framed_by_none:
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] in PRIVATE_REFERRERS
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Resource-Policy"] == resource_policy
    assert "Server" not in headers and "X-Powered-By" not in headers
    assert re.fullmatch(r"[0-9a-f]{16}", headers["X-Request-ID"])


def test_public_and_signed_in_pages(visitor):
    for page, url in PUBLIC_PAGES.items():
        with check(page):
            assert_security_headers(visitor.get(url, secure=True))
    visitor.force_login(User.objects.get(email="owner@demo.test"))
    for page, url in APP_PAGES.items():
        with check(page):
            response = visitor.get(url, secure=True)
            assert_security_headers(response)
            assert "no-store" in response["Cache-Control"]


def test_the_embed_page_the_json_and_plain_http(visitor):
    """The embed page may be framed by the websites the company lists (none here)."""
    response = visitor.get(f"{POLICY}/embed/", secure=True)
    assert_security_headers(response, framed_by_none=False)
    assert "X-Frame-Options" not in response
    assert re.search(r"frame-ancestors [^;]+", response["Content-Security-Policy"])
    # The JSON form may be read by any website's script.
    response = visitor.get(f"{POLICY}/versions/2.json", secure=True)
    assert_security_headers(response, resource_policy="cross-origin")
    assert response["Access-Control-Allow-Origin"] == "*"
    # Plain HTTP is redirected to HTTPS.
    response = visitor.get(f"{POLICY}/")
    assert response.status_code == 301
    assert response["Location"] == f"https://testserver{POLICY}/"


def test_no_signed_in_page_is_stored(production, world):
    """Every route but the public pages (which are public on purpose), as the owner.

    Last run: 93 routes.
    """
    client = Client()
    client.force_login(world["users"]["owner"])
    urls = {n: url for n, url in route_urls(world, PUBLIC).items() if not n.startswith("public:")}
    for name, url in urls.items():
        response = client.get(url, secure=True)
        assert "no-store" in response.get("Cache-Control", ""), (name, response.status_code)
    print(f"HDR-1: no-store on {len(urls)} routes")
