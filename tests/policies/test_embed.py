"""Embedding on the company's website, and the JSON form of a version."""

import pytest
from django.core.management import call_command

from policies.models import Document
from tenants.models import Tenant
from tenants.services import tenant_update

EMBED = "/p/demo/privatuma-politika/embed/"


@pytest.fixture
def demo(db):
    call_command("demo")
    return Document.objects.get(tenant__slug="demo", slug="privatuma-politika")


def frame_ancestors(response) -> str:
    directives = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    return directives["frame-ancestors"]


def test_only_the_declared_websites_may_frame_the_policy(client, demo):
    Tenant.objects.filter(slug="demo").update(
        embed_origins=["https://zalaisdarzs.lv", "https://www.zalaisdarzs.lv"]
    )
    response = client.get(EMBED)
    assert response.status_code == 200
    assert frame_ancestors(response) == "https://zalaisdarzs.lv https://www.zalaisdarzs.lv"
    assert "X-Frame-Options" not in response
    page = response.content.decode()
    assert "Brevo" in page and "<header" not in page
    assert 'target="_blank"' in page


def test_without_declared_websites_nobody_may_frame_it(client, demo):
    Tenant.objects.filter(slug="demo").update(embed_origins=[])
    response = client.get(EMBED)
    assert frame_ancestors(response) == "'none'"


def test_the_other_public_pages_may_not_be_framed(client, demo):
    response = client.get("/p/demo/privatuma-politika/")
    assert frame_ancestors(response) == "'none'"
    assert response["X-Frame-Options"] == "DENY"


def test_a_change_of_websites_changes_the_embed_etag(client, demo):
    etag = client.get(EMBED)["ETag"]
    owner = demo.tenant.memberships.get(role="owner").user
    tenant_update(
        tenant=demo.tenant,
        legal_name=demo.tenant.legal_name,
        country="LV",
        embed_origins=["https://www.zalaisdarzs.lv"],
        by=owner,
    )
    response = client.get(EMBED, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert frame_ancestors(response) == "https://www.zalaisdarzs.lv"


def test_the_english_embed(client, demo):
    page = client.get(EMBED + "en/").content.decode()
    assert '<html lang="en">' in page and "Privacy Policy" in page


def test_the_owner_declares_the_websites(client, demo, login):
    owner = demo.tenant.memberships.get(role="owner").user
    response = login(owner).post(
        "/t/demo/settings/",
        {
            "legal_name": demo.tenant.legal_name,
            "country": "LV",
            "embed_origins": "https://ZalaisDarzs.lv/\nhttp://localhost:8080",
        },
    )
    assert response.status_code == 302
    demo.tenant.refresh_from_db()
    assert demo.tenant.embed_origins == ["https://zalaisdarzs.lv", "http://localhost:8080"]
    versions_page = login(owner).get("/t/demo/documents/privatuma-politika/versions/")
    page = versions_page.content.decode()
    assert "http://testserver/p/demo/privatuma-politika/embed/" in page
    assert "https://zalaisdarzs.lv, http://localhost:8080" in page


@pytest.mark.parametrize(
    "value",
    [
        "zalaisdarzs.lv",
        "https://zalaisdarzs.lv/privatuma-politika",
        "https://zalaisdarzs.lv; script-src *",
        "javascript:alert(1)",
        "https://*.zalaisdarzs.lv",
        "https://user:pass@zalaisdarzs.lv",
    ],
)
def test_bad_website_addresses_are_refused_with_a_reason(demo, login, value):
    owner = demo.tenant.memberships.get(role="owner").user
    response = login(owner).post(
        "/t/demo/settings/",
        {"legal_name": demo.tenant.legal_name, "country": "LV", "embed_origins": value},
    )
    assert response.status_code == 200
    assert "embed_origins" in response.context["form"].errors
    demo.tenant.refresh_from_db()
    assert demo.tenant.embed_origins == ["https://zalaisdarzs.lv"]  # the demo's, unchanged


def test_a_version_as_json(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/p/demo/privatuma-politika/versions/1.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert (data["version"], data["document"]) == (1, "privatuma-politika")
    assert data["company"] == {"name": 'SIA "Zaļais Dārzs"', "slug": "demo"}
    latvian = data["languages"]["lv"]
    assert latvian["title"] == "Privātuma politika"
    assert latvian["pdf"] == "http://testserver/p/demo/privatuma-politika/versions/1.pdf"
    assert any(
        "Mailchimp" in item for s in latvian["sections"] for b in s["blocks"] for item in b["items"]
    )
    assert data["languages"]["en"]["change_summary"]
    etag = response["ETag"]
    revalidated = client.get(
        "/p/demo/privatuma-politika/versions/1.json", headers={"if-none-match": etag}
    )
    assert revalidated.status_code == 304
    assert revalidated["Access-Control-Allow-Origin"] == "*"  # scripts may read the 304 too


@pytest.mark.parametrize(
    "url",
    [
        "/p/demo/privatuma-politika/versions/9.json",
        "/p/nobody/privatuma-politika/versions/1.json",
        "/p/demo/privatuma-politika/embed/de/",
        "/p/nobody/privatuma-politika/embed/",
    ],
)
def test_unknown_embeds_and_json_are_not_found(client, demo, url):
    assert client.get(url).status_code == 404
