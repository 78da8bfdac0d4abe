"""Review by lawyers: send for review, comment, request changes, approve an exact text."""

import html
import json
import re
from pathlib import Path

import pytest
from django.core import mail

from policies import answers_format, review
from policies.models import Document, ReviewNote, ReviewStatus, WordingOverride

pytestmark = pytest.mark.unscoped_queries_allowed(
    "reloads documents by id and checks review notes by reading them directly"
)
DEMO = Path(__file__).resolve().parents[2] / "policies" / "data" / "demo_answers.json"
BASE = "/t/alfa/documents/privatuma-politika/review/"


@pytest.fixture
def complete(document):
    answers_format.import_into(document, json.loads(DEMO.read_text(encoding="utf-8")))
    return document


def status(document):
    return review.current_status(Document.objects.get(pk=document.pk))


def test_an_editor_sends_a_complete_draft_to_the_reviewers(complete, editor, reviewer, login):
    response = login(editor).post(BASE + "do/submit/", {"note": "Lūdzu, pārbaudiet."})
    assert response.status_code == 302
    assert status(complete) == ReviewStatus.IN_REVIEW
    assert [m.to for m in mail.outbox] == [[reviewer.email]]
    assert "Lūdzu, pārbaudiet." in mail.outbox[0].body
    assert "/t/alfa/documents/privatuma-politika/review/" in mail.outbox[0].body
    note = ReviewNote.objects.get()
    assert (note.kind, note.author) == ("submitted", editor)


def test_an_incomplete_draft_cannot_be_sent(document, editor, reviewer, login):
    response = login(editor).post(BASE + "do/submit/", follow=True)
    assert "Politika vēl nav pilnīga" in response.content.decode()
    assert status(document) == ReviewStatus.DRAFT
    assert mail.outbox == [] and not ReviewNote.objects.exists()


def test_a_reviewer_comments_on_a_section(complete, editor, reviewer, login):
    login(editor).post(BASE + "do/submit/")
    client = login(reviewer)
    client.post(BASE + "do/comment/", {"section": "retention", "text": "Pamatojiet 5 gadus."})
    page = client.get(BASE).content.decode()
    assert "Pamatojiet 5 gadus." in page
    assert ReviewNote.objects.get(kind="comment").section == "retention"


@pytest.mark.parametrize(("section", "text"), [("nope", "x"), ("retention", "  ")])
def test_bad_comments_are_refused(complete, reviewer, login, section, text):
    login(reviewer).post(BASE + "do/comment/", {"section": section, "text": text})
    assert not ReviewNote.objects.exists()


def test_requested_changes_go_back_to_the_editors(complete, owner, editor, reviewer, login):
    login(editor).post(BASE + "do/submit/")
    mail.outbox.clear()
    login(reviewer).post(BASE + "do/request-changes/", {"note": "Skatiet komentārus."})
    assert status(complete) == ReviewStatus.CHANGES_REQUESTED
    assert sorted(m for msg in mail.outbox for m in msg.to) == sorted([owner.email, editor.email])
    # the editor fixes and sends again
    login(editor).post(BASE + "do/submit/")
    assert status(complete) == ReviewStatus.IN_REVIEW


def test_approval_covers_the_exact_text(complete, editor, reviewer, login, step_url):
    login(editor).post(BASE + "do/submit/")
    seen = review.draft_hash(complete)
    response = login(reviewer).post(BASE + "do/approve/", {"seen_hash": seen})
    assert response.status_code == 302
    complete.refresh_from_db()
    assert status(complete) == ReviewStatus.APPROVED
    assert (complete.approved_hash, complete.approved_by) == (seen, reviewer)
    # an answer changes afterwards: the draft is in review again
    complete.security.description = "Jauns apraksts."
    complete.security.save()
    assert status(complete) == ReviewStatus.IN_REVIEW
    assert login(editor).get(BASE).status_code == 200


def test_a_text_changed_while_reading_is_not_approved(complete, editor, reviewer, login):
    login(editor).post(BASE + "do/submit/")
    seen = review.draft_hash(complete)
    complete.security.description = "Mainīts lasīšanas laikā."
    complete.security.save()
    login(reviewer).post(BASE + "do/approve/", {"seen_hash": seen})
    assert status(complete) == ReviewStatus.IN_REVIEW


def test_only_a_draft_in_review_can_be_approved(complete, reviewer, login):
    login(reviewer).post(BASE + "do/approve/", {"seen_hash": review.draft_hash(complete)})
    assert status(complete) == ReviewStatus.DRAFT


def test_an_editor_cannot_approve(complete, editor, login):
    login(editor).post(BASE + "do/submit/")
    response = login(editor).post(BASE + "do/approve/", {"seen_hash": review.draft_hash(complete)})
    assert response.status_code == 403
    assert status(complete) == ReviewStatus.IN_REVIEW


def test_the_page_shows_each_role_its_actions(complete, editor, reviewer, viewer, login):
    login(editor).post(BASE + "do/submit/")
    reviewer_page = login(reviewer).get(BASE).content.decode()
    assert "do/approve/" in reviewer_page and "do/comment/" in reviewer_page
    viewer_page = login(viewer).get(BASE).content.decode()
    assert "do/approve/" not in viewer_page and "do/comment/" not in viewer_page
    assert "do/submit/" not in viewer_page


def test_comments_are_escaped(complete, editor, reviewer, login):
    login(editor).post(BASE + "do/submit/")
    client = login(reviewer)
    client.post(BASE + "do/comment/", {"section": "data", "text": "<img src=x onerror=alert(1)>"})
    page = client.get(BASE).content.decode()
    assert "<img src=x" not in page and "&lt;img src=x" in page


def test_approval_is_required_when_the_company_has_a_reviewer(company, owner, reviewer):
    assert company.requires_approval
    company.approval_required = False
    assert not company.requires_approval


def test_without_a_reviewer_approval_is_optional_unless_set(company, owner, login):
    assert not company.requires_approval
    response = login(owner).post(
        "/t/alfa/settings/",
        {"legal_name": company.legal_name, "country": "LV", "approval_required": "yes"},
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.approval_required is True and company.requires_approval


def _digits(page: str) -> str:
    """The page with digit groups joined (Latvian groups thousands with a no-break space)."""
    return re.sub(r"(?<=\d)[\s\u00a0](?=\d)", "", page)


def test_a_comment_over_the_limit_is_refused_and_kept(complete, editor, reviewer, login):
    login(editor).post(BASE + "do/submit/")
    client = login(reviewer)
    text = "Pamatojiet " + "ļoti " * 400  # 2,010 characters without the last space
    response = client.post(BASE + "do/comment/", {"section": "retention", "text": text})
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "2010" in _digits(page) and "2000" in _digits(page)
    assert text.strip() in page  # what was typed is in its textarea again
    assert "Komentārs pievienots" not in page
    assert not ReviewNote.objects.filter(kind="comment").exists()
    # at the limit exactly, it is stored whole
    client.post(BASE + "do/comment/", {"section": "retention", "text": "x" * 2000})
    assert len(ReviewNote.objects.get(kind="comment").text) == 2000


def test_a_long_change_request_changes_nothing(complete, editor, reviewer, login):
    login(editor).post(BASE + "do/submit/")
    mail.outbox.clear()
    note = "Skatiet. " * 300
    response = login(reviewer).post(BASE + "do/request-changes/", {"note": note})
    assert response.status_code == 400
    assert note.strip() in html.unescape(response.content.decode())
    assert status(complete) == ReviewStatus.IN_REVIEW and mail.outbox == []


def test_a_long_note_for_the_reviewer_is_refused(complete, editor, reviewer, login):
    response = login(editor).post(BASE + "do/submit/", {"note": "a" * 2001})
    assert response.status_code == 400 and "a" * 2001 in response.content.decode()
    assert status(complete) == ReviewStatus.DRAFT and mail.outbox == []


def test_own_wording_over_the_limit_is_refused_and_kept(complete, reviewer, login):
    client = login(reviewer)
    text = "Mūsu formulējums. " * 600  # 10,800 characters
    response = client.post(
        BASE + "do/wording/", {"section": "retention", "language": "lv", "text": text}
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "10000" in _digits(page) and text.strip() in page
    assert "Savs formulējums saglabāts" not in page
    assert not WordingOverride.objects.exists()
    client.post(
        BASE + "do/wording/", {"section": "retention", "language": "lv", "text": "y" * 10000}
    )
    assert len(WordingOverride.objects.get().text) == 10000


def test_a_refusal_in_english_keeps_the_english_page(complete, reviewer, login):
    response = login(reviewer).post(
        BASE + "do/wording/", {"section": "retention", "language": "en", "text": "z" * 10001}
    )
    assert response.status_code == 400
    assert 'lang="en"' in response.content.decode() and "z" * 10001 in response.content.decode()


@pytest.mark.parametrize("control", ["\u202e", "\u2066", "\u202a"])
def test_direction_controls_are_refused_in_review_text(complete, editor, reviewer, login, control):
    login(editor).post(BASE + "do/submit/")
    text = f"Termiņš {control}sup 5 gadi"
    response = login(reviewer).post(BASE + "do/comment/", {"section": "data", "text": text})
    assert response.status_code == 400
    assert f"U+{ord(control):04X}" in response.content.decode()
    assert not ReviewNote.objects.filter(kind="comment").exists()
