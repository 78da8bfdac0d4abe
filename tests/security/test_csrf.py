"""CSRF-1 (no state change without a valid CSRF token) and CSRF-2 (reading changes nothing).

Both walk the whole URLconf, as tests/tenants/test_access.py does, and compare a fingerprint
of the database (conftest.fingerprint: every table but sessions and log-in attempts) before
and after the requests to each route.
"""

import re

from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tenants.models import Tenant
from tenants.roles import Role
from tenants.services import invitation_create
from tests.factories import PASSWORD, UserFactory
from tests.scoping import allow_unscoped
from tests.security.conftest import fingerprint
from tests.tenants.test_access import POST_DATA, ROUTES, url_for, walk

KWARG = re.compile(r"<(?:\w+:)?(\w+)>")
# Public pages: company A's document (version 1 only), or the demo's policy in two versions.
PUBLIC = {"tenant_slug": "alfa", "doc_slug": "politika", "number": 1, "a": 1, "b": 1}
DEMO = {"tenant_slug": "demo", "doc_slug": "privatuma-politika", "number": 2, "a": 1, "b": 2}
# What a forged form might carry, so that a request that got through would change something.
PAYLOAD = {
    **POST_DATA,
    "username": "owner@alfa.test",
    "password": PASSWORD,
    "old_password": PASSWORD,
    "new_password1": "forged-password-2026",
    "new_password2": "forged-password-2026",
    "password1": "forged-password-2026",
    "password2": "forged-password-2026",
    "full_name": "Forged",
    "legal_name": "Forged",
    "country": "LV",
    "title": "Forged",
    "language": "en",
    "action": "delete_selected",
    "_selected_action": "1",
    "post": "yes",
}


def admin_model(name):
    for model in admin.site._registry:
        if name.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_"):
            return model
    return None


@allow_unscoped("takes any company's rows as samples for the admin's pages")
def route_urls(world, public) -> dict[str, str]:
    """A URL for every named route, aimed at real objects; `public`: the public pages' kwargs."""
    owner = world["users"]["owner"]
    tenant = world["document"].tenant
    _invitation, invitation_token = invitation_create(
        tenant=tenant, email="new@alfa.test", role=Role.EDITOR, invited_by=owner, mailer="quiet"
    )
    values = {
        **public,
        "uidb64": urlsafe_base64_encode(force_bytes(owner.pk)),
        "id": owner.pk,
        "content_type_id": ContentType.objects.get_for_model(Tenant).pk,
        "object_id": tenant.pk,
        "app_label": "tenants",
    }
    urls = {}
    for route, name, pattern in walk(get_resolver().url_patterns):
        if name is None:
            continue  # admin's unnamed redirects to the named pages below
        if name in ROUTES:
            urls[name] = url_for(name, world)
            continue
        kwargs = {key: values.get(key) for key in KWARG.findall(route)}
        if name == "accounts:password_reset_confirm":
            kwargs["token"] = default_token_generator.make_token(owner)
        elif name == "accounts:invitation":
            kwargs["token"] = invitation_token
        model = admin_model(name)
        if "object_id" in kwargs and model is not None:
            instance = model._base_manager.first()
            kwargs["object_id"] = instance.pk if instance else 1
        if isinstance(pattern, URLPattern) and pattern.pattern.regex.groups and not kwargs:
            # django-simple-history's admin pages: /<object>/history/<history id>/
            history = tenant.history.first()
            urls[name] = reverse(name, args=[tenant.pk, history.history_id])
            continue
        urls[name] = reverse(name, kwargs=kwargs)
    return urls


def test_every_route_has_a_url(world):
    found = {name for _route, name, _pattern in walk(get_resolver().url_patterns) if name}
    assert set(route_urls(world, PUBLIC)) == found


# Routes without CSRF protection, and why that is safe. The test below holds them to refusing
# these requests anyway, and changing nothing.
CSRF_EXEMPT = {
    "public:consent": "the cookie banner's endpoint, posted to from companies' websites: it "
    "reads and sets no cookie (no credentials), takes choices only from a declared website's "
    "Origin, and can only add an append-only record of its own (CONSENT-1)",
}


def test_only_the_listed_routes_are_csrf_exempt():
    exempt = {
        name
        for _route, name, pattern in walk(get_resolver().url_patterns)
        if getattr(pattern.callback, "csrf_exempt", False)
    }
    assert exempt == set(CSRF_EXEMPT)


def test_no_unsafe_request_without_a_valid_csrf_token_changes_anything(world):
    """CSRF-1: POST, PUT and DELETE to every route, as the owner (site staff too, so that the
    admin would act), without a token and with another session's token.

    Last run: 118 routes x 3 methods x 2 = 708 requests, all refused; 0 database changes.
    """
    owner = world["users"]["owner"]
    owner.is_staff = owner.is_superuser = True
    owner.save()
    other = Client()
    other.get(reverse("accounts:login"))
    foreign = other.cookies["csrftoken"].value

    urls = route_urls(world, PUBLIC)  # refused before any view runs: no rendering needed
    requests, refused, changed = 0, 0, []
    for name, url in sorted(urls.items()):
        # A fresh session for each route, in case one request got through and logged out.
        client = Client(enforce_csrf_checks=True)
        owner.refresh_from_db()
        client.force_login(owner)
        client.get(reverse("accounts:password_change"))  # the owner's own CSRF cookie
        assert client.cookies["csrftoken"].value != foreign
        before = fingerprint()
        for method in ("post", "put", "delete"):
            send = getattr(client, method)
            for response in (
                send(url, PAYLOAD),
                send(url, {**PAYLOAD, "csrfmiddlewaretoken": foreign}, HTTP_X_CSRFTOKEN=foreign),
            ):
                requests += 1
                if name in CSRF_EXEMPT:  # refused by the view itself: origin, or method
                    refused += response.status_code in (403, 404, 405)
                else:
                    refused += response.status_code == 403
        if fingerprint() != before:
            changed.append(name)
    print(f"CSRF-1: {len(urls)} routes, 403 on {refused} of {requests} requests")
    assert refused == requests, f"403 on {refused} of {requests} requests"
    assert changed == []


ROLES = ["owner", "editor", "reviewer", "viewer", "outsider"]


def test_reading_any_route_changes_nothing(world, demo):
    """CSRF-2: GET every route as each role, the outsider and a visitor (the admin as site
    staff), and HEAD and OPTIONS as the owner and a visitor.

    Last run: 107 routes, 862 requests, 0 database changes.
    """
    clients = {None: Client()}
    for role in ROLES:
        clients[role] = Client()
        clients[role].force_login(world["users"][role])
    staff = Client()
    staff.force_login(UserFactory(is_staff=True, is_superuser=True))

    urls = route_urls(world, DEMO)
    requests, changed = 0, []
    for name, url in sorted(urls.items()):
        actors = [clients[None], staff] if name.startswith("admin:") else list(clients.values())
        before = fingerprint()
        for client in actors:
            methods = ("get", "head", "options") if client in (actors[0], actors[1]) else ("get",)
            for method in methods:
                response = getattr(client, method)(url)
                assert response.status_code < 500, (name, method)
                requests += 1
        if fingerprint() != before:
            changed.append(name)
    print(f"CSRF-2: {len(urls)} routes, {requests} requests")
    assert changed == [], f"{len(changed)} of {len(urls)} routes changed the database"
