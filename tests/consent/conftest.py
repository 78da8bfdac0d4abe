import json
import uuid

import pytest
from django.core.management import call_command
from django.test import Client

from consent import banner
from policies import publishing
from policies.models import Cookie, Document
from policies.public import cache

SITE = "https://www.zalaisdarzs.lv"
ENDPOINT = "/p/demo/privatuma-politika/consent/"
SCRIPT = "/p/demo/privatuma-politika/consent.js"


@pytest.fixture
def demo(db):
    """The demo company's published policy, with its website declared."""
    call_command("demo")
    document = Document.objects.get(tenant__slug="demo", slug="privatuma-politika")
    tenant = document.tenant
    tenant.approval_required = False
    tenant.embed_origins = [SITE]
    tenant.save()
    cache.forget("demo")
    return document


def owner_of(document):
    return document.tenant.memberships.get(role="owner").user


def publish_with(document, *, security=None, tool=None, cookie=None):
    """A new version: other words in the security step, or another known tool, or another
    cookie of the company's own (a dict of Cookie's fields)."""
    if security:
        document.security.description = security
        document.security.description_en = security
        document.security.save()
    if tool:
        document.cookies.tool_keys = [*document.cookies.tool_keys, tool]
        document.cookies.save()
    if cookie:
        Cookie.objects.create(tenant=document.tenant, document=document, **cookie)
    return publishing.publish(document=document, by=owner_of(document))


def state(doc_slug="privatuma-politika"):
    return banner.states("demo", doc_slug)[-1]


def choice(current=None, **changes) -> dict:
    """A choice as the banner sends it: everything accepted, unless changed."""
    current = current or state()
    return {
        "consent_id": str(uuid.uuid4()),
        "choice": "accept_all",
        "accepted": list(current.categories),
        "rejected": [],
        "version": current.version,
        "revision": current.revision,
        "hash": current.hash,
        "language": "en",
        **changes,
    }


def send(data, *, origin=SITE, url=ENDPOINT, address="203.0.113.57", raw=None):
    body = raw if raw is not None else json.dumps(data)
    return Client().post(
        url,
        body,
        content_type="text/plain;charset=UTF-8",
        headers={"origin": origin},
        REMOTE_ADDR=address,
    )
