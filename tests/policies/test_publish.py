"""Publishing: immutable, numbered, dated versions with a change summary from the answers."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from accounts.models import User
from policies import answers_format, publishing, review
from policies.models import PolicyVersion, Recipient, RetentionRule
from tests.factories import UserFactory

DEMO = Path(__file__).resolve().parents[2] / "policies" / "data" / "demo_answers.json"
DOC = "/t/alfa/documents/privatuma-politika/"

pytestmark = pytest.mark.unscoped_queries_allowed(
    "checks the versions stored, and tries raw SQL on them, reading the tables directly"
)


@pytest.fixture
def approved(document, editor, reviewer):
    answers_format.import_into(document, json.loads(DEMO.read_text(encoding="utf-8")))
    approve(document, editor, reviewer)
    return document


def approve(document, editor, reviewer):
    review.submit(document=document, by=editor)
    review.approve(document=document, by=reviewer, seen_hash=review.draft_hash(document))
    document.refresh_from_db()


def test_the_owner_publishes_version_1(approved, owner, reviewer, login):
    response = login(owner).post(DOC + "publish/", {"note": "Pirmā redakcija"})
    assert response.status_code == 302
    v = PolicyVersion.objects.get()
    assert (v.number, v.effective_date, v.published_by, v.approved_by) == (
        1,
        timezone.localdate(),
        owner,
        reviewer,
    )
    assert set(v.texts) == {"lv", "en"}
    assert v.texts["lv"]["title"] == "Privātuma politika"
    assert v.change_summary["lv"] == ["Pirmā publicētā versija."]
    assert v.content_hash == review.draft_hash(approved)
    assert v.answers == answers_format.export(approved)
    page = login(owner).get(DOC + "versions/1/").content.decode()
    assert f"Pēdējās izmaiņas: {timezone.localdate():%d.%m.%Y}." in page


def test_version_2_summarises_what_changed_in_the_answers(approved, owner, editor, reviewer):
    publishing.publish(document=approved, by=owner)
    Recipient.objects.create(
        document=approved,
        name="Brevo",
        name_en="Brevo",
        country="FR",
        position=20,
        role="processor",
    )
    rule = RetentionRule.objects.get(document=approved, period=5)
    rule.period = 7
    rule.save()
    approve(approved, editor, reviewer)
    v2 = publishing.publish(document=approved, by=owner)
    assert v2.number == 2
    lines = v2.change_summary["lv"]
    assert "Pievienots apstrādātājs: Brevo (Francija)" in lines
    assert any(line.endswith(": 5 gadi → 7 gadi") for line in lines), lines
    assert any(line.endswith(": 5 years → 7 years") for line in v2.change_summary["en"])


def test_an_unapproved_draft_is_not_published_where_approval_is_required(
    document, owner, reviewer, login
):
    answers_format.import_into(document, json.loads(DEMO.read_text(encoding="utf-8")))
    response = login(owner).post(DOC + "publish/", {"effective_date": "", "note": ""})
    assert response.status_code == 200
    assert response.content.decode().count("Nosūtiet melnrakstu pārskatīšanai") == 1  # once
    assert not PolicyVersion.objects.exists()


def test_without_required_approval_the_owner_publishes_directly(document, owner):
    answers_format.import_into(document, json.loads(DEMO.read_text(encoding="utf-8")))
    assert not document.tenant.requires_approval
    version = publishing.publish(document=document, by=owner)
    assert version.approved_by is None


def test_a_draft_with_missing_items_is_not_published(document, owner):
    with pytest.raises(ValidationError):
        publishing.publish(document=document, by=owner)
    assert not PolicyVersion.objects.exists()


def test_a_changed_answer_after_approval_needs_a_new_approval(approved, owner):
    approved.security.description = "Pēc apstiprināšanas."
    approved.security.save()
    with pytest.raises(ValidationError):
        publishing.publish(document=approved, by=owner)


@pytest.mark.parametrize("role", ["editor", "reviewer", "viewer"])
def test_only_the_owner_publishes(approved, request, login, role):
    response = login(request.getfixturevalue(role)).post(DOC + "publish/", {})
    assert response.status_code == 403
    assert not PolicyVersion.objects.exists()


def test_publishing_the_same_text_twice_is_refused(approved, owner):
    publishing.publish(document=approved, by=owner)
    with pytest.raises(ValidationError):
        publishing.publish(document=approved, by=owner)
    assert PolicyVersion.objects.count() == 1


def test_two_publishes_at_once_make_exactly_one_version(approved, owner, monkeypatch):
    publishing.publish(document=approved, by=owner)
    approved.review_status, approved.approved_hash = "approved", review.draft_hash(approved)
    approved.save()
    # the second request read "no version yet" before the first committed
    monkeypatch.setattr(publishing, "latest_version", lambda document: None)
    with pytest.raises(ValidationError, match="tajā pašā brīdī|same moment"):
        publishing.publish(document=approved, by=owner)
    assert PolicyVersion.objects.count() == 1


def test_a_future_date_makes_the_version_upcoming(approved, owner):
    later = timezone.localdate() + datetime.timedelta(days=10)
    version = publishing.publish(document=approved, by=owner, effective_date=later)
    assert version.is_upcoming
    assert not PolicyVersion.objects.published().exists()


def test_a_published_version_cannot_be_changed_through_the_orm(approved, owner):
    version = publishing.publish(document=approved, by=owner)
    version.note = "changed"
    with pytest.raises(ValidationError):
        version.save()
    with pytest.raises(ValidationError):
        version.delete()
    with pytest.raises(ValidationError):
        PolicyVersion.objects.filter(pk=version.pk).update(note="x")
    with pytest.raises(ValidationError):
        PolicyVersion.objects.filter(pk=version.pk).delete()


def test_who_published_and_approved_cannot_be_deleted_while_the_version_exists(
    approved, owner, reviewer, editor, login
):
    """The admin explains instead of failing on the database's refusal; others may go."""
    publishing.publish(document=approved, by=owner)
    staff = login(UserFactory(is_staff=True, is_superuser=True))
    for person in (owner, reviewer):
        page = staff.post(f"/admin/accounts/user/{person.pk}/delete/", {"post": "yes"})
        assert page.status_code == 200
        assert "Nevar izdzēst" in page.content.decode()  # "Cannot delete", with the reason
        assert User.objects.filter(pk=person.pk).exists()
    gone = staff.post(f"/admin/accounts/user/{editor.pk}/delete/", {"post": "yes"})
    assert gone.status_code == 302
    assert not User.objects.filter(pk=editor.pk).exists()


def test_a_company_that_has_published_is_not_deleted_in_the_admin(approved, owner, login):
    """Offboarding (offboard_company) is the way: the admin offers no delete that would fail."""
    publishing.publish(document=approved, by=owner)
    staff = login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/admin/tenants/tenant/{approved.tenant.pk}/"
    assert staff.post(url + "delete/", {"post": "yes"}).status_code == 403
    assert "deletelink" not in staff.get(url + "change/").content.decode()
    assert PolicyVersion.objects.filter(tenant=approved.tenant).exists()


@pytest.mark.parametrize(
    "sql", ["UPDATE policies_policyversion SET note = 'x'", "DELETE FROM policies_policyversion"]
)
def test_the_database_refuses_to_change_a_published_version(approved, owner, sql):
    publishing.publish(document=approved, by=owner)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert PolicyVersion.objects.get().note == ""


def test_the_publish_page_shows_what_would_change(approved, owner, login):
    page = login(owner).get(DOC + "publish/").content.decode()
    assert "Pirmā publicētā versija." in page


def test_the_draft_is_compared_with_the_version_in_force(approved, owner, login):
    publishing.publish(document=approved, by=owner)
    approved.security.description = "Jauns drošības apraksts."
    approved.security.save()
    page = login(owner).get(DOC + "changes/").content.decode()
    assert "<ins>Jauns drošības apraksts.</ins>" in page or "<ins>Jauns" in page
    assert "Drošība – Cita informācija par drošību: jauns teksts" in page
