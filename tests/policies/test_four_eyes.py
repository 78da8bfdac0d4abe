"""The four-eyes rule: when a company has a reviewer, the person who approves a draft is not
the last person who changed its answers; the publisher sees who approved; the owner can turn
the rule off, and the company's history says who did."""

import json
from pathlib import Path

import pytest

from policies import answers_format, review
from policies.models import Document, ReviewStatus
from tenants.models import Tenant

pytestmark = pytest.mark.unscoped_queries_allowed("reloads the document and the company by id")
DEMO = Path(__file__).resolve().parents[2] / "policies" / "data" / "demo_answers.json"
BASE = "/t/alfa/documents/privatuma-politika/"
SETTINGS = "/t/alfa/settings/"


def answered_by(document, user):
    """The answers, saved by `user` (through the wizard's forms, as the import does)."""
    answers_format.import_into(document, json.loads(DEMO.read_text(encoding="utf-8")), by=user)
    return document


def sent(document, user, login):
    assert login(user).post(BASE + "review/do/submit/").status_code == 302
    return review.draft_hash(document)


def status(document):
    return review.current_status(Document.objects.get(pk=document.pk))


def settings_data(company, **changes):
    data = {"legal_name": company.legal_name, "country": "LV", "approval_required": ""}
    data.update(changes)
    return data


def test_the_owner_who_changed_the_answers_cannot_approve_them(document, owner, reviewer, login):
    answered_by(document, owner)
    seen = sent(document, owner, login)
    client = login(owner)
    page = client.get(BASE + "review/").content.decode()
    assert 'id="four-eyes"' in page and "review/do/approve/" not in page
    response = client.post(BASE + "review/do/approve/", {"seen_hash": seen})
    assert response.status_code == 400
    assert "četru acu" in response.content.decode()
    assert status(document) == ReviewStatus.IN_REVIEW
    # the reviewer, who did not change them, approves
    reviewer_page = login(reviewer).get(BASE + "review/").content.decode()
    assert "review/do/approve/" in reviewer_page and 'id="four-eyes"' not in reviewer_page
    login(reviewer).post(BASE + "review/do/approve/", {"seen_hash": seen})
    assert status(document) == ReviewStatus.APPROVED


def test_the_last_change_counts_not_the_first(document, owner, editor, reviewer, login):
    answered_by(document, editor)
    answered_by(document, owner)  # the owner changed them after the editor
    seen = sent(document, editor, login)
    login(owner).post(BASE + "review/do/approve/", {"seen_hash": seen})
    assert status(document) == ReviewStatus.IN_REVIEW
    answered_by(document, editor)  # now the editor has the last word: the owner may approve
    seen = review.draft_hash(document)
    login(owner).post(BASE + "review/do/approve/", {"seen_hash": seen})
    assert status(document) == ReviewStatus.APPROVED


def test_without_a_reviewer_the_only_person_may_approve(document, owner, login):
    answered_by(document, owner)
    seen = sent(document, owner, login)
    login(owner).post(BASE + "review/do/approve/", {"seen_hash": seen})
    assert status(document) == ReviewStatus.APPROVED


def test_the_publisher_sees_who_approved(document, editor, reviewer, owner, login):
    answered_by(document, editor)
    seen = sent(document, editor, login)
    login(reviewer).post(BASE + "review/do/approve/", {"seen_hash": seen})
    page = login(owner).get(BASE + "publish/").content.decode()
    assert 'id="approved-by"' in page and str(reviewer) in page.split('id="approved-by"')[1]


def test_the_owner_turns_the_rule_off_and_the_history_says_who(
    company, document, owner, reviewer, login
):
    client = login(owner)
    assert 'id="four-eyes-change"' not in client.get(SETTINGS).content.decode()
    response = client.post(SETTINGS, settings_data(company))  # the box left unticked
    assert response.status_code == 302
    company = Tenant.objects.get(pk=company.pk)
    assert company.four_eyes is False
    record = company.history.latest("history_id")
    assert (record.four_eyes, record.history_user) == (False, owner)
    page = client.get(SETTINGS).content.decode()
    assert 'id="four-eyes-change"' in page and str(owner) in page

    answered_by(document, owner)
    seen = sent(document, owner, login)
    client.post(BASE + "review/do/approve/", {"seen_hash": seen})
    assert status(document) == ReviewStatus.APPROVED

    client.post(SETTINGS, settings_data(company, four_eyes="on"))
    assert Tenant.objects.get(pk=company.pk).four_eyes is True


def test_a_reviewer_cannot_change_the_rule(company, reviewer, login):
    response = login(reviewer).post(SETTINGS, settings_data(company))
    assert response.status_code == 403
    assert Tenant.objects.get(pk=company.pk).four_eyes is True
