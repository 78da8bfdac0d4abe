"""Shared by the security tests: production settings in this process, a database fingerprint."""

import hashlib

import pytest
from django.apps import apps
from django.db import models

from tests.policies.conftest import document  # noqa: F401  (fixtures, for these tests too)
from tests.policies.test_public import demo  # noqa: F401
from tests.scoping import allow_unscoped
from tests.tenants.test_access import world  # noqa: F401
from tests.test_configuration import production_settings

# What production mode changes that a request served in this process can use. Static files
# keep the development storage: production's needs `collectstatic` first.
PRODUCTION_PREFIXES = (
    "DEBUG",
    "SECURE_",
    "SESSION_",
    "CSRF_",
    "LANGUAGE_COOKIE_",
    "X_FRAME_OPTIONS",
    "PASSWORD_HASHERS",
    "AUTH_PASSWORD_VALIDATORS",
)


@pytest.fixture(scope="session")
def production_values():
    """The settings production mode computes (DEBUG=0), read once in a fresh process."""
    return production_settings()


@pytest.fixture
def production(settings, production_values):
    """These tests' process with production mode's security settings."""
    for name, value in production_values.items():
        if name.startswith(PRODUCTION_PREFIXES):
            setattr(settings, name, value)
    return settings


# Tables any request may change: sessions, and django-axes' record of log-in attempts.
VOLATILE_TABLES = {"django_session"}
VOLATILE_APPS = {"axes", "audit"}  # logs, written by reads too


def _generated(field) -> bool:
    return isinstance(field, (models.AutoField, models.UUIDField, models.ForeignKey))


@allow_unscoped("a fingerprint reads every company's rows, to show a request changed none")
def fingerprint(*, generated_keys=True) -> dict[str, str]:
    """SHA-256 of every other table's rows: {table: digest}.

    Without generated keys (ids, UUIDs and references to them), rows are compared in sorted
    order: for states that PostgreSQL's sequences, which never roll back, would tell apart.
    """
    digests = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or meta.db_table in VOLATILE_TABLES or meta.app_label in VOLATILE_APPS:
            continue
        fields = meta.concrete_fields
        if not generated_keys:
            fields = [f for f in fields if not _generated(f)]
        rows = model._base_manager.order_by("pk").values_list(*(f.attname for f in fields))
        lines = [repr(row) for row in rows]
        if not generated_keys:
            lines.sort()
        digests[meta.db_table] = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    return digests
