"""Isolation of companies: every company URL, every role, and an outsider.

ROUTES is the permission table. test_every_company_route_is_in_the_table walks the whole
URLconf and fails when a route under /t/<tenant_slug>/ is added without an entry here, so no
company page can skip these checks.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from policies import answers_format
from policies.answers import load_answers
from policies.models import PolicyVersion
from policies.render import render
from policies.services import document_create
from scans.models import Status, WebsiteScan
from tenants.models import Invitation, Membership
from tenants.roles import Perm, Role, role_can
from tests.factories import MembershipFactory, UserFactory

# route name -> {HTTP method: permission it needs}
ROUTES = {
    "company:dashboard": {"get": Perm.VIEW},
    "company:members": {"get": Perm.VIEW},
    "company:settings": {"get": Perm.MANAGE, "post": Perm.MANAGE},
    "company:member_invite": {"post": Perm.MANAGE},
    "company:member_role": {"post": Perm.MANAGE},
    "company:member_remove": {"post": Perm.MANAGE},
    "company:invitation_revoke": {"post": Perm.MANAGE},
    "company:register": {"get": Perm.VIEW},
    "company:register_xlsx": {"get": Perm.VIEW},
    "company:register_pdf": {"get": Perm.VIEW},
    "company:register_reviewed": {"post": Perm.EDIT},
    "policies:new": {"get": Perm.EDIT, "post": Perm.EDIT},
    "policies:detail": {"get": Perm.VIEW},
    "policies:settings": {"get": Perm.EDIT, "post": Perm.EDIT},
    "policies:step": {"get": Perm.VIEW, "post": Perm.EDIT},
    "policies:history": {"get": Perm.VIEW},
    "policies:preview": {"get": Perm.VIEW},
    "policies:preview_in": {"get": Perm.VIEW},
    "policies:review": {"get": Perm.VIEW},
    "policies:review_in": {"get": Perm.VIEW},
    "policies:submit": {"post": Perm.EDIT},
    "policies:comment": {"post": Perm.REVIEW},
    "policies:request_changes": {"post": Perm.REVIEW},
    "policies:approve": {"post": Perm.REVIEW},
    "policies:override": {"post": Perm.REVIEW},
    "policies:publish": {"get": Perm.VIEW, "post": Perm.PUBLISH},
    "policies:changes": {"get": Perm.VIEW},
    "policies:versions": {"get": Perm.VIEW},
    "policies:version": {"get": Perm.VIEW},
    "policies:version_in": {"get": Perm.VIEW},
    "policies:export": {"get": Perm.VIEW},
    "policies:import": {"post": Perm.EDIT},
    "policies:consent": {"get": Perm.REVIEW},
    "policies:consent_csv": {"get": Perm.REVIEW},
    "policies:scan_start": {"post": Perm.EDIT},
    "policies:scan": {"get": Perm.VIEW},
    "policies:scan_status": {"get": Perm.VIEW},
    "policies:scan_add": {"post": Perm.EDIT},
}
CASES = sorted((name, method) for name, perms in ROUTES.items() for method in perms)


def walk(patterns, prefix="", namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            if ns and namespace and p.namespace:
                ns = f"{namespace}:{p.namespace}"
            yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield prefix + str(p.pattern), name, p


def company_routes():
    return {
        name: pattern
        for route, name, pattern in walk(get_resolver().url_patterns)
        if route.startswith("t/<slug:tenant_slug>/")
    }


def test_every_company_route_is_in_the_table():
    found = company_routes()
    assert None not in found, "every company route needs a name"
    assert set(found) == set(ROUTES), (
        f"missing from ROUTES: {sorted(set(found) - set(ROUTES))}; "
        f"stale in ROUTES: {sorted(set(ROUTES) - set(found))}"
    )


def test_every_company_route_passes_the_gate_with_its_permission():
    for name, pattern in company_routes().items():
        perms = ROUTES[name]
        callback = pattern.callback
        assert getattr(callback, "company_perm", None) == perms.get("get", perms.get("post")), name
        if "post" in perms:
            assert callback.company_post_perm == perms["post"], name


@pytest.fixture
def world(company, owner, editor, reviewer, viewer, outsider, other_company):
    """Objects of company A to aim at, and company B's equivalents."""
    invitation = Invitation.objects.create(
        tenant=company,
        email="invitee@alfa.test",
        role=Role.EDITOR,
        token_hash="a" * 64,
        expires_at="2999-01-01T00:00:00Z",
    )
    foreign_member = MembershipFactory(tenant=other_company, role=Role.EDITOR)
    foreign_invitation = Invitation.objects.create(
        tenant=other_company,
        email="invitee@beta.test",
        role=Role.EDITOR,
        token_hash="b" * 64,
        expires_at="2999-01-01T00:00:00Z",
    )
    document = document_create(tenant=company, slug="politika", by=owner)
    foreign_document = document_create(tenant=other_company, slug="beta-politika", by=None)
    for doc in (document, foreign_document):
        PolicyVersion.objects.create(
            tenant=doc.tenant,
            document=doc,
            number=1,
            effective_date=timezone.localdate(),
            answers=answers_format.export(doc),
            texts={"lv": render(load_answers(doc), "lv").as_dict()},
            content_hash="0" * 64,
        )
    scans = {
        doc.pk: WebsiteScan.objects.create(
            tenant=doc.tenant, document=doc, url="https://example.lv", status=Status.DONE
        )
        for doc in (document, foreign_document)
    }
    return {
        "document": document,
        "scan": scans[document.pk],
        "foreign_scan": scans[foreign_document.pk],
        "users": {
            "owner": owner,
            "editor": editor,
            "reviewer": reviewer,
            "viewer": viewer,
            "outsider": outsider,
        },
        "target": Membership.objects.for_tenant(company).get(user=viewer),
        "invitation": invitation,
        "foreign_member": foreign_member,
        "foreign_invitation": foreign_invitation,
    }


def url_for(name, world, tenant_slug="alfa", foreign=False):
    kwargs = {"tenant_slug": tenant_slug}
    if name.startswith("policies:") and name != "policies:new":
        kwargs["doc_slug"] = "beta-politika" if foreign else "politika"
    if name == "policies:step":
        kwargs["step_key"] = "controller"
    if name in (
        "policies:preview_in",
        "policies:review_in",
        "policies:version_in",
        "company:register_xlsx",
        "company:register_pdf",
    ):
        kwargs["language"] = "lv"
    if name in ("policies:version", "policies:version_in"):
        kwargs["number"] = 1
    if name in ("policies:scan", "policies:scan_status", "policies:scan_add"):
        kwargs["scan_id"] = (world["foreign_scan"] if foreign else world["scan"]).pk
    if name in ("company:member_role", "company:member_remove"):
        kwargs["code"] = (world["foreign_member"] if foreign else world["target"]).code
    if name == "company:invitation_revoke":
        kwargs["code"] = (world["foreign_invitation"] if foreign else world["invitation"]).code
    return reverse(name, kwargs=kwargs)


POST_DATA = {"role": Role.EDITOR, "email": "new@alfa.test", "revision": "0", "slug": "jauna"}


def request(client, method, url):
    return client.post(url, POST_DATA) if method == "post" else client.get(url)


@pytest.mark.parametrize(("name", "method"), CASES)
@pytest.mark.parametrize("actor", ["owner", "editor", "reviewer", "viewer", "outsider"])
def test_role_matrix(name, method, actor, world, login):
    perm = ROUTES[name][method]
    response = request(login(world["users"][actor]), method, url_for(name, world))
    if actor == "outsider":
        expected = {404}
    elif role_can(actor, perm):
        expected = {200, 302, 400}  # 400: a form the request left incomplete
    else:
        expected = {403}
    assert response.status_code in expected


@pytest.mark.parametrize(("name", "method"), CASES)
def test_outsider_cannot_tell_a_company_exists(name, method, world, login):
    client = login(world["users"]["outsider"])
    existing = request(client, method, url_for(name, world, tenant_slug="alfa"))
    missing = request(client, method, url_for(name, world, tenant_slug="no-such-company"))
    assert existing.status_code == missing.status_code == 404
    assert "Alfa" not in existing.content.decode()


@pytest.mark.parametrize(
    "name", ["company:member_role", "company:member_remove", "company:invitation_revoke"]
)
def test_objects_of_another_company_are_not_found(name, world, login):
    before = (
        Membership.objects.filter(tenant=world["foreign_member"].tenant).count(),
        Invitation.objects.filter(tenant=world["foreign_member"].tenant).count(),
    )
    response = request(login(world["users"]["owner"]), "post", url_for(name, world, foreign=True))
    assert response.status_code == 404
    world["foreign_member"].refresh_from_db()
    assert world["foreign_member"].role == Role.EDITOR
    after = (
        Membership.objects.filter(tenant=world["foreign_member"].tenant).count(),
        Invitation.objects.filter(tenant=world["foreign_member"].tenant).count(),
    )
    assert before == after


@pytest.mark.parametrize("slug", ["alfa", "no-such-company"])
def test_anonymous_visitors_are_sent_to_log_in_alike(slug, client, company):
    response = client.get(f"/t/{slug}/")
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/t/{slug}/"


@pytest.mark.unscoped_queries_allowed("removes the membership behind the application's back")
def test_a_removed_member_loses_access_at_once(company, owner, editor, login):
    client = login(editor)
    assert client.get("/t/alfa/").status_code == 200
    Membership.objects.get(user=editor).delete()
    assert client.get("/t/alfa/").status_code == 404


@pytest.mark.unscoped_queries_allowed("changes the role behind the application's back")
def test_a_downgraded_member_loses_rights_at_once(company, owner, login):
    second_owner = MembershipFactory(tenant=company, role=Role.OWNER, user=UserFactory()).user
    client = login(second_owner)
    assert client.get("/t/alfa/settings/").status_code == 200
    Membership.objects.filter(user=second_owner).update(role=Role.VIEWER)
    assert client.get("/t/alfa/settings/").status_code == 403


def test_a_deactivated_user_is_logged_out(company, editor, login):
    client = login(editor)
    editor.is_active = False
    editor.save()
    response = client.get("/t/alfa/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("name", "method"),
    [c for c in CASES if c[0].startswith("policies:") and c[0] != "policies:new"],
)
def test_documents_of_another_company_are_not_found(name, method, world, login):
    response = request(login(world["users"]["owner"]), method, url_for(name, world, foreign=True))
    assert response.status_code == 404
