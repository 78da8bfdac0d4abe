import json
from pathlib import Path

import pytest
from django.core.management import call_command

from policies import answers_format
from policies.models import Document
from policies.services import document_create
from tenants.models import Tenant

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("seed_*.json"))


def seed_data(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def import_seed(company, path: Path, *, by, slug="privatuma-politika") -> Document:
    """A fresh document of `company` with the seed's answers, through the wizard's forms."""
    document = document_create(tenant=company, slug=slug, by=by)
    answers_format.import_into(document, answers_format.parse(path.read_bytes()), by=by)
    return Document.objects.for_tenant(company).select_related("tenant").get(pk=document.pk)


@pytest.fixture
def seeded(company, editor):
    """import_seed(path) -> company A's document with that seed's answers."""

    def _seeded(path, slug="privatuma-politika"):
        return import_seed(company, path, by=editor, slug=slug)

    return _seeded


@pytest.fixture
def demo(db):
    """The demo company, its policy published in two versions (slow: some ten seconds)."""
    call_command("demo")
    return Tenant.objects.get(slug="demo")
