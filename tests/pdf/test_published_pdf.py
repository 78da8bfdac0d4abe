"""The PDF of a published version: made once at publishing, stored, served byte for byte."""

import hashlib
import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from pypdf import PdfReader

from policies import answers_format, publishing
from policies.models import PolicyVersion, VersionRendering
from policies.services import document_create
from tests.factories import MembershipFactory, TenantFactory, UserFactory

DEMO = Path(__file__).resolve().parents[2] / "policies" / "data" / "demo_answers.json"
TODAY = timezone.localdate().strftime("%d.%m.%Y")
TODAY_EN = f"{timezone.localdate().day} {timezone.localdate():%B %Y}"  # 1 December 2026
HOSTILE = 'Ēna "<b>&amp;</b>" <img src=x> ../../etc'


@pytest.fixture
def published(db, canary):
    """A company whose name and answers carry markup, a canary URL and path tricks."""
    tenant = TenantFactory(legal_name=f"SIA {HOSTILE} <img src={canary.url}/t>", slug="ena")
    owner = MembershipFactory(tenant=tenant, user=UserFactory(email="owner@ena.test")).user
    document = document_create(tenant=tenant, slug="privatuma-politika", by=owner)
    answers = json.loads(DEMO.read_text(encoding="utf-8"))
    answers["controller"]["legal_name"] = f"{HOSTILE} <link rel=attachment href={canary.url}/a>"
    answers_format.import_into(document, answers)
    return publishing.publish(document=document, by=owner)


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_publishing_stores_a_pdf_for_each_language(published, canary):
    stored = {r.language: r for r in VersionRendering.objects.filter(version=published)}
    assert set(stored) == {"lv", "en"}
    for rendering in stored.values():
        data = bytes(rendering.pdf)
        assert data.startswith(b"%PDF-")
        assert rendering.pdf_sha256 == hashlib.sha256(data).hexdigest()
    assert canary.hits == []


def test_every_page_names_the_company_the_date_and_its_number(published):
    pages = pdf_text(bytes(VersionRendering.objects.get(version=published, language="lv").pdf))
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"SIA {HOSTILE}".replace('"', "„", 1).replace('"', "”", 1) in text  # „…”
        assert f"Pēdējās izmaiņas: {TODAY}." in text
        assert f"{number} / {len(pages)}" in text
    assert "Privātuma politika" in pages[0]
    assert "Datu pārzinis ir" in "".join(pages) or "pārzinis" in "".join(pages)


def test_user_text_is_printed_literally_not_interpreted(published, canary):
    text = "".join(
        pdf_text(bytes(VersionRendering.objects.get(version=published, language="lv").pdf))
    )
    assert "„<b>&amp;</b>” <img src=x>" in text
    # Long lines wrap anywhere: compare without the line breaks and spaces.
    assert f"<linkrel=attachmenthref={canary.url}/a>" in "".join(text.split())
    assert PdfReader(io.BytesIO(bytes(published.renderings.first().pdf))).attachments == {}
    assert canary.hits == []


def test_the_english_pdf_is_in_english(published):
    pages = pdf_text(bytes(VersionRendering.objects.get(version=published, language="en").pdf))
    assert f"Last updated: {TODAY_EN}" in pages[0]
    assert "Privacy Policy" in pages[0]


def test_every_download_returns_the_stored_bytes(client, published, django_assert_max_num_queries):
    stored = VersionRendering.objects.get(version=published, language="lv")
    url = "/p/ena/privatuma-politika/versions/1.pdf"
    with django_assert_max_num_queries(2):
        first = client.get(url)
    second = client.get(url)
    assert first.status_code == 200
    assert first.content == second.content == bytes(stored.pdf)
    assert first["ETag"] == f'"{hashlib.sha256(first.content).hexdigest()}"'
    assert first["Content-Type"] == "application/pdf"
    assert first["X-Content-Type-Options"] == "nosniff"
    assert first["Content-Disposition"] == ('attachment; filename="ena-privatuma-politika-v1.pdf"')
    english = client.get("/p/ena/privatuma-politika/versions/1/en.pdf")
    assert english.content == bytes(
        VersionRendering.objects.get(version=published, language="en").pdf
    )
    assert english["Content-Disposition"].endswith('filename="ena-privatuma-politika-v1-en.pdf"')


def test_a_revalidated_download_is_a_304_without_the_bytes(client, published):
    url = "/p/ena/privatuma-politika/versions/1.pdf"
    etag = client.get(url)["ETag"]
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    last_modified = client.get(url)["Last-Modified"]
    assert client.get(url, headers={"if-modified-since": last_modified}).status_code == 304


@pytest.mark.parametrize(
    "url",
    [
        "/p/ena/privatuma-politika/versions/2.pdf",
        "/p/ena/privatuma-politika/versions/1/de.pdf",
        "/p/ena/cits/versions/1.pdf",
        "/p/other/privatuma-politika/versions/1.pdf",
    ],
)
def test_unknown_pdfs_are_not_found(client, published, url):
    assert client.get(url).status_code == 404


def test_downloading_never_renders(client, published, monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("rendered on download")

    monkeypatch.setattr("policies.pdf.render", fail)
    monkeypatch.setattr("policies.pdf.engine.write_pdf", fail)
    assert client.get("/p/ena/privatuma-politika/versions/1.pdf").status_code == 200


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE policies_versionrendering SET pdf_sha256 = 'x'",
        "DELETE FROM policies_versionrendering",
    ],
)
@pytest.mark.unscoped_queries_allowed("tries raw SQL on every stored rendering")
def test_the_database_refuses_to_change_a_stored_pdf(published, sql):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert VersionRendering.objects.filter(version=published).count() == 2


def test_a_stored_rendering_cannot_be_changed_through_the_orm(published):
    rendering = published.renderings.first()
    rendering.html = "<p>changed</p>"
    with pytest.raises(ValidationError):
        rendering.save()
    with pytest.raises(ValidationError):
        rendering.delete()


def test_a_failed_pdf_leaves_nothing_published(db, settings):
    """A PDF that cannot be made within its time limit stops publishing as a whole."""
    tenant = TenantFactory(slug="lente")
    owner = MembershipFactory(tenant=tenant, user=UserFactory(email="owner@lente.test")).user
    document = document_create(tenant=tenant, slug="privatuma-politika", by=owner)
    answers_format.import_into(document, json.loads(DEMO.read_text(encoding="utf-8")))
    settings.PDF_RENDER_IN_PROCESS = False
    settings.PDF_RENDER_TIMEOUT = 0.05
    with pytest.raises(ValidationError) as error:
        publishing.publish(document=document, by=owner)
    assert error.value.code == "pdf"
    assert not PolicyVersion.objects.filter(document=document).exists()
    assert not VersionRendering.objects.filter(tenant=tenant).exists()
