"""Shared by the security tests: production settings in this process, a database fingerprint."""

import hashlib

import pytest
from django.apps import apps

from tests.policies.test_public import demo  # noqa: F401  (fixtures, for these tests too)
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
VOLATILE_APPS = {"axes"}


def fingerprint() -> dict[str, str]:
    """SHA-256 of every other table's rows, in primary-key order: {table: digest}."""
    digests = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or meta.db_table in VOLATILE_TABLES or meta.app_label in VOLATILE_APPS:
            continue
        digest = hashlib.sha256()
        for row in model._base_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
        digests[meta.db_table] = digest.hexdigest()
    return digests
