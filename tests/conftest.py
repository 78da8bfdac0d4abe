"""Shared fixtures: company A with a member in every role, and an outsider who owns company B."""

import uuid

import pytest
from django.db import connection
from django.test import Client
from pytest_django.plugin import blocking_manager_key

from policies import db_triggers
from policies.public import cache as public_cache
from policies.wizard import completeness
from tenants.roles import Role
from tests.factories import MembershipFactory, TenantFactory, UserFactory

pytest_plugins = ["tests.scoping"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _latvian_by_default(settings):
    settings.LANGUAGE_CODE = "lv"


@pytest.fixture(autouse=True)
def _a_cache_of_its_own(settings):
    """Each test starts with nothing cached: its own key prefix in the cache (a Redis shared
    by runs included), and no page kept in the process."""
    default = settings.CACHES["default"]
    settings.CACHES = {**settings.CACHES, "default": {**default, "KEY_PREFIX": uuid.uuid4().hex}}
    settings.PUBLIC_PAGES_LOCAL_SECONDS = 0
    public_cache.local.clear()
    completeness._kept.clear()


@pytest.fixture
def company(db):
    return TenantFactory(legal_name='SIA "Alfa"', slug="alfa")


def _member(company, role, email):
    return MembershipFactory(tenant=company, role=role, user=UserFactory(email=email)).user


@pytest.fixture
def owner(company):
    return _member(company, Role.OWNER, "owner@alfa.test")


@pytest.fixture
def editor(company):
    return _member(company, Role.EDITOR, "editor@alfa.test")


@pytest.fixture
def reviewer(company):
    return _member(company, Role.REVIEWER, "reviewer@alfa.test")


@pytest.fixture
def viewer(company):
    return _member(company, Role.VIEWER, "viewer@alfa.test")


@pytest.fixture
def other_company(db):
    return TenantFactory(legal_name='SIA "Beta"', slug="beta")


@pytest.fixture
def outsider(other_company):
    """Owner of company B, member of nothing in company A."""
    return _member(other_company, Role.OWNER, "outsider@beta.test")


@pytest.fixture
def login():
    """login(user) -> a test client logged in as that user."""

    def _login(user):
        client = Client()
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def append_only_lifted_for_cleanup(request, transactional_db):
    """A database that commits for real (threads, a live server), cleaned up afterwards.

    Published versions are immutable even for the cleanup's DELETE or TRUNCATE: the triggers
    are lifted when the test ends and put back (below) once the database is empty.
    """
    request.node.restore_append_only = True
    yield
    with connection.schema_editor() as editor:
        for table in db_triggers.TABLES:
            db_triggers.drop(editor, table)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield  # every fixture's teardown, the database's cleanup included
    if getattr(item, "restore_append_only", False):
        blocker = item.config.stash[blocking_manager_key]
        with blocker.unblock(), connection.schema_editor() as editor:
            for table in db_triggers.TABLES:
                db_triggers.create(editor, table)
    return result
