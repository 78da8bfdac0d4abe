import pytest

from policies.services import document_create


@pytest.fixture
def document(company, owner):
    return document_create(tenant=company, slug="privatuma-politika", by=owner)


@pytest.fixture
def step_url(document):
    def _url(step):
        return f"/t/alfa/documents/privatuma-politika/wizard/{step}/"

    return _url
