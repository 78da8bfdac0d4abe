"""ISO-4: nothing of another company reaches any output channel.

Company B's free text (its name and every free-text answer) carries a unique canary; B has a
published version with its PDFs. Then, as each role of company A, every page of A is
fetched (the whole permission table of tests/tenants/test_access.py), with A's public pages,
A's PDFs' text, the e-mails sent, and the log records of it all: no canary anywhere.
"""

import io
import json
import logging
import uuid

import pytest
from django.core import mail
from pypdf import PdfReader

from policies import answers_format, publishing, review
from policies.models import VersionRendering
from policies.services import document_create
from tenants.models import Tenant
from tests.policies.test_publish import DEMO
from tests.tenants.test_access import ROUTES, url_for

CANARY = f"CANARY-B-{uuid.uuid4().hex}"
ROLES = ["owner", "editor", "reviewer", "viewer"]
PUBLIC = ["", "en/", "versions/", "versions/{n}/", "feed/", "versions/{n}.json", "embed/"]


def with_canary(value):
    """The demo answers with the canary added to every free text (those with a space)."""
    if isinstance(value, dict):
        return {key: with_canary(item) for key, item in value.items()}
    if isinstance(value, list):
        return [with_canary(item) for item in value]
    if isinstance(value, str) and " " in value:
        return f"{value} {CANARY}"
    return value


def publish(document, answers, *, editor, reviewer, owner):
    answers_format.import_into(document, answers)
    review.submit(document=document, by=editor)
    review.approve(document=document, by=reviewer, seen_hash=review.draft_hash(document))
    document.refresh_from_db()
    return publishing.publish(document=document, by=owner)


@pytest.fixture
def published_pair(world):
    users = world["users"]
    demo = json.loads(DEMO.read_text(encoding="utf-8"))
    roles = {role: users[role] for role in ("editor", "reviewer", "owner")}
    ours = publish(world["document"], demo, **roles)
    theirs_company = Tenant.objects.get(slug="beta")
    theirs_company.legal_name = f'SIA "{CANARY}"'
    theirs_company.approval_required = False
    theirs_company.save()
    theirs = document_create(tenant=theirs_company, slug="beta-politika-2", by=None)
    answers_format.import_into(theirs, with_canary(demo))
    publishing.publish(document=theirs, by=users["outsider"])
    assert CANARY in VersionRendering.objects.get(version__document=theirs, language="lv").html
    return ours


def body(response) -> bytes:
    """What the response sends, streamed (the consent CSV) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_no_output_of_company_a_shows_company_b(published_pair, world, login, caplog):
    caplog.set_level(logging.DEBUG)
    mail.outbox.clear()
    outputs = {}
    for role in ROLES:
        client = login(world["users"][role])
        for name, methods in ROUTES.items():
            if "get" in methods:
                response = client.get(url_for(name, world))
                outputs[f"{role} GET {name}"] = body(response)
    document = published_pair.document
    for path in PUBLIC:
        url = f"/p/alfa/{document.slug}/{path.format(n=published_pair.number)}"
        response = login(world["users"]["viewer"]).get(url)
        assert response.status_code == 200, path
        outputs[f"public {path or 'page'}"] = response.content
    for rendering in published_pair.renderings.all():
        pages = PdfReader(io.BytesIO(bytes(rendering.pdf))).pages
        outputs[f"PDF {rendering.language}"] = "".join(p.extract_text() for p in pages).encode()
    for message in mail.outbox:
        outputs[f"e-mail {message.subject}"] = str(message.message()).encode()
    outputs["log"] = caplog.text.encode()

    pages = sum("get" in methods for methods in ROUTES.values())
    assert len(outputs) == len(ROLES) * pages + len(PUBLIC) + 2 + len(mail.outbox) + 1
    leaks = [where for where, body in outputs.items() if CANARY.encode() in body]
    assert leaks == []
    # where it belongs, the canary is seen: its absence above means something
    theirs = login(world["users"]["viewer"]).get("/p/beta/beta-politika-2/")
    assert CANARY.encode() in theirs.content
