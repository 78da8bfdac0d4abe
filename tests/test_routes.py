"""Default deny: only the pages listed here open without logging in."""

from django.urls import get_resolver

from tests.tenants.test_access import walk

OPEN_ROUTES = {
    "home",
    "set_language",
    "accounts:signup",
    "accounts:signup_sent",
    "accounts:signup_confirm",
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:invitation",
    "admin:login",
    # the public policy pages
    "public:company",
    "public:policy",
    "public:policy_en",
    "public:archive",
    "public:feed",
    "public:diff",
    "public:diff_en",
    "public:version",
    "public:version_en",
    "public:pdf",
    "public:pdf_en",
    "public:json",
    "public:embed",
    "public:embed_en",
    # the cookie banner on companies' websites: its script, and where it sends each choice
    "public:consent_js",
    "public:consent",
}


def test_only_the_listed_routes_are_open_to_visitors():
    open_routes = {
        name
        for _route, name, pattern in walk(get_resolver().url_patterns)
        if getattr(pattern.callback, "login_required", True) is False
    }
    assert open_routes == OPEN_ROUTES


def test_admin_pages_other_than_log_in_need_site_staff(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
