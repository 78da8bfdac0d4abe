"""Shared fixtures: company A with a member in every role, and an outsider who owns company B."""

import pytest
from django.test import Client

from tenants.roles import Role
from tests.factories import MembershipFactory, TenantFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _latvian_by_default(settings):
    settings.LANGUAGE_CODE = "lv"


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
