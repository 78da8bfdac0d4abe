"""The public policy pages: the URL contract, stored versions only, caching, 404s."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from policies import publishing
from policies.models import Document, PolicyVersion, Recipient, VersionRendering
from policies.services import document_create

TODAY = timezone.localdate().strftime("%d.%m.%Y")
TODAY_EN = f"{timezone.localdate().day} {timezone.localdate():%B %Y}"  # 1 December 2026


@pytest.fixture
def demo(db):
    call_command("demo")
    return Document.objects.get(tenant__slug="demo", slug="privatuma-politika")


def test_the_version_in_force_in_latvian(client, demo):
    response = client.get("/p/demo/privatuma-politika/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="lv">' in page
    assert f"Pēdējās izmaiņas: {TODAY}." in page
    assert "Brevo" in page and "Mailchimp" not in page  # version 2 is in force
    assert '<link rel="alternate" hreflang="en" href="/p/demo/privatuma-politika/en/">' in page
    assert 'href="/p/demo/privatuma-politika/versions/"' in page


def test_the_english_version(client, demo):
    page = client.get("/p/demo/privatuma-politika/en/").content.decode()
    assert '<html lang="en">' in page
    assert f"Last updated: {TODAY_EN}" in page
    assert "Privacy Policy" in page


def test_the_archive_lists_every_version_with_its_changes(client, demo):
    page = client.get("/p/demo/privatuma-politika/versions/").content.decode()
    assert 'href="/p/demo/privatuma-politika/versions/1/"' in page
    assert 'href="/p/demo/privatuma-politika/versions/2/"' in page
    assert "5 gadi → 7 gadi" in page


def test_an_earlier_version_says_it_is_not_in_force(client, demo):
    page = client.get("/p/demo/privatuma-politika/versions/1/").content.decode()
    assert "Mailchimp" in page
    assert "vairs nav spēkā" in page
    assert 'href="/p/demo/privatuma-politika/"' in page
    current = client.get("/p/demo/privatuma-politika/versions/2/").content.decode()
    assert "vairs nav spēkā" not in current


@pytest.mark.parametrize(
    "url",
    [
        "/p/demo/privatuma-politika/versions/3/",
        "/p/demo/privatuma-politika/versions/0/",
        "/p/demo/no-such-document/",
        "/p/no-such-company/privatuma-politika/",
        "/p/demo/privatuma-politika/de/",
        "/p/no-such-company/",
    ],
)
def test_anything_not_published_is_not_found(client, demo, url):
    assert client.get(url).status_code == 404


def test_a_draft_is_not_public(client, demo, owner):
    document_create(tenant=demo.tenant, slug="sikdatnu-politika", by=owner)
    assert client.get("/p/demo/sikdatnu-politika/").status_code == 404
    assert client.get("/p/demo/sikdatnu-politika/versions/").status_code == 404


def test_another_companys_document_is_not_found_under_this_company(client, demo, company):
    assert client.get("/p/alfa/privatuma-politika/").status_code == 404


def test_the_company_page_lists_its_published_documents(client, demo):
    page = client.get("/p/demo/").content.decode()
    assert 'href="/p/demo/privatuma-politika/"' in page


def test_pages_revalidate_with_304(client, demo):
    first = client.get("/p/demo/privatuma-politika/")
    assert "public" in first["Cache-Control"] and "max-age=300" in first["Cache-Control"]
    assert first["ETag"] and first["Last-Modified"]
    again = client.get("/p/demo/privatuma-politika/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    since = client.get("/p/demo/privatuma-politika/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_the_page_links_to_its_pdf_archive_and_feed(client, demo):
    page = client.get("/p/demo/privatuma-politika/").content.decode()
    assert 'href="/p/demo/privatuma-politika/versions/2.pdf"' in page
    assert 'href="/p/demo/privatuma-politika/feed/"' in page
    english = client.get("/p/demo/privatuma-politika/versions/1/en/").content.decode()
    assert 'href="/p/demo/privatuma-politika/versions/1/en.pdf"' in english


@pytest.mark.unscoped_queries_allowed("reads the stored renderings directly")
def test_the_page_serves_the_text_stored_at_publishing(client, demo):
    """The body is the HTML stored with the version, byte for byte, in each language."""
    for language, url in (("lv", ""), ("en", "en/")):
        stored = VersionRendering.objects.get(version__number=2, language=language).html
        page = client.get(f"/p/demo/privatuma-politika/{url}").content.decode()
        assert stored in page and "Brevo" in stored


def test_a_constant_number_of_queries_whatever_the_history(
    client, demo, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        client.get("/p/demo/privatuma-politika/")
    with django_assert_max_num_queries(2):
        client.get("/p/demo/privatuma-politika/versions/1/")
    with django_assert_max_num_queries(1):
        client.get("/p/demo/privatuma-politika/versions/")


def test_an_upcoming_version_is_announced(client, demo):
    owner = demo.tenant.memberships.get(role="owner").user
    demo.tenant.approval_required = False
    demo.tenant.save()
    Recipient.objects.create(
        document=demo,
        name="Vercel",
        name_en="Vercel",
        country="US",
        position=30,
        mechanisms=["eu_us_dpf"],
        role="processor",
    )
    later = timezone.localdate() + datetime.timedelta(days=14)
    publishing.publish(document=demo, by=owner, effective_date=later)
    page = client.get("/p/demo/privatuma-politika/").content.decode()
    assert "Vercel" not in page  # still version 2 in force
    assert later.strftime("%d.%m.%Y") in page
    assert 'href="/p/demo/privatuma-politika/versions/3/"' in page
    upcoming = client.get("/p/demo/privatuma-politika/versions/3/").content.decode()
    assert "Vercel" in upcoming
    assert PolicyVersion.objects.filter(document=demo).count() == 3


def test_public_pages_need_no_log_in_and_set_no_cookie(client, demo):
    response = client.get("/p/demo/privatuma-politika/")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies


def test_the_feed_lists_published_versions_with_their_changes(client, demo):
    response = client.get("/p/demo/privatuma-politika/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = response.content.decode()
    assert "<feed" in feed and 'xmlns="http://www.w3.org/2005/Atom"' in feed
    assert feed.count("<entry>") == 2
    assert "http://testserver/p/demo/privatuma-politika/versions/2/" in feed
    assert "5 gadi → 7 gadi" in feed
    page = client.get("/p/demo/privatuma-politika/").content.decode()
    assert 'type="application/atom+xml" href="/p/demo/privatuma-politika/feed/"' in page


def test_there_is_no_feed_for_what_is_not_published(client, demo):
    assert client.get("/p/demo/nothing/feed/").status_code == 404
    assert client.get("/p/nobody/privatuma-politika/feed/").status_code == 404


def test_the_diff_shows_what_changed_word_by_word(client, demo):
    response = client.get("/p/demo/privatuma-politika/diff/1/2/")
    assert response.status_code == 200
    page = response.content.decode()
    # the summary from the answers
    assert "Mailchimp (Amerikas Savienotās Valstis) aizstāts ar Brevo (Francija)" in page
    assert "<del>Mailchimp" in page and "<ins>Brevo" in page
    assert "<del>5 gadi</del>" in page or "<del>5</del>" in page
    assert "<ins>" in page and "ins {" not in page


def test_the_diff_side_by_side_and_in_english(client, demo):
    side = client.get("/p/demo/privatuma-politika/diff/1/2/?view=side").content.decode()
    assert 'class="side-by-side"' in side
    english = client.get("/p/demo/privatuma-politika/diff/1/2/en/").content.decode()
    assert '<html lang="en">' in english and "<ins>Brevo" in english


@pytest.mark.parametrize(
    "url",
    [
        "/p/demo/privatuma-politika/diff/1/3/",
        "/p/demo/privatuma-politika/diff/2/2/",
        "/p/alfa/privatuma-politika/diff/1/2/",
    ],
)
def test_a_diff_with_an_unpublished_side_is_not_found(client, demo, url):
    assert client.get(url).status_code == 404


def test_the_diff_costs_few_queries(client, demo, django_assert_max_num_queries):
    """The versions, the redline stored at publishing, the versions between them; then kept."""
    with django_assert_max_num_queries(3):
        client.get("/p/demo/privatuma-politika/diff/1/2/")
    with django_assert_max_num_queries(0):
        client.get("/p/demo/privatuma-politika/diff/1/2/")


def test_the_diff_of_consecutive_versions_is_stored_at_publishing(demo):
    from policies.models import VersionDiff

    stored = VersionDiff.objects.filter(tenant=demo.tenant, new__number=2)
    assert sorted(stored.values_list("language", flat=True)) == ["en", "lv"]
    assert any(s["status"] == "changed" for s in stored.get(language="lv").sections)


PUBLIC_PAGES = [
    "/p/demo/",
    "/p/demo/privatuma-politika/",
    "/p/demo/privatuma-politika/en/",
    "/p/demo/privatuma-politika/embed/",
    "/p/demo/privatuma-politika/embed/en/",
    "/p/demo/privatuma-politika/versions/",
    "/p/demo/privatuma-politika/feed/",
    "/p/demo/privatuma-politika/diff/1/2/",
    "/p/demo/privatuma-politika/diff/1/2/en/",
    "/p/demo/privatuma-politika/versions/1/",
    "/p/demo/privatuma-politika/versions/1/en/",
    "/p/demo/privatuma-politika/versions/1.pdf",
    "/p/demo/privatuma-politika/versions/1/en.pdf",
    "/p/demo/privatuma-politika/versions/1.json",
]


def test_public_pages_answer_get_and_head_and_405_to_every_other_method(demo):
    """With a valid CSRF token too: the page is never sent for POST, PUT, PATCH, DELETE,
    TRACE or OPTIONS (the JSON's OPTIONS is a CORS preflight, without the data)."""
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")
    token = client.cookies["csrftoken"].value
    for url in PUBLIC_PAGES:
        assert client.get(url).status_code == 200, url
        head = client.head(url)
        assert head.status_code == 200 and head.content == b"", url
        for method in ("post", "put", "patch", "delete", "trace", "options"):
            if method == "options" and url.endswith(".json"):
                continue
            response = client.generic(method.upper(), url, HTTP_X_CSRFTOKEN=token)
            assert response.status_code == 405, (method, url)
            allowed = "GET, HEAD, OPTIONS" if url.endswith(".json") else "GET, HEAD"
            assert response["Allow"] == allowed, (method, url)
            assert b"<article" not in response.content


def test_the_json_answers_a_cors_preflight(demo):
    response = Client().options(
        "/p/demo/privatuma-politika/versions/1.json",
        HTTP_ORIGIN="https://www.example.lv",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 204
    assert response.content == b""
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]
    assert Client().post("/p/demo/privatuma-politika/versions/1.json").status_code == 405
