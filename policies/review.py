"""Lawyer review of a draft: sending for review, comments on sections, requests for changes and
approval. An approval covers an exact text (its hash): when the answers change afterwards,
the draft is in review again.

Each function is atomic, records a ReviewNote, and raises ValidationError with a message for
the person, changing nothing, when the step is not allowed now.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from policies.answers import load_answers
from policies.models import Document, ReviewNote, ReviewStatus, StepRevision, WordingOverride
from policies.render import render
from policies.render.document import blocks_hash
from policies.services import ensure_complete
from policyhub.validators import no_bidi_controls
from tenants.models import Membership
from tenants.roles import Role

NOT_IN_REVIEW = _("The draft is not waiting for review.")
ALREADY_IN_REVIEW = _("The draft is already waiting for review.")
EMPTY_COMMENT = _("Write the comment first.")
UNKNOWN_SECTION = _("There is no such section.")
CHANGED_WHILE_READING = _(
    "The draft changed while you were reading it. Read the new text, then approve it."
)
OWN_CHANGES = _(
    "You changed the answers last, so someone else approves this text: the company's "
    "four-eyes rule. Ask another reviewer or the owner to approve it."
)
# Free text from the review's buttons: refused with NUL, as Django's form fields refuse it
# (PostgreSQL cannot store it), and refused, never cut, above its limit.
no_null_characters = ProhibitNullCharactersValidator()
NOTE_LIMIT = ReviewNote._meta.get_field("text").max_length
WORDING_LIMIT = WordingOverride._meta.get_field("text").max_length


def _number(n: int) -> str:
    return number_format(n, force_grouping=True)


def clean_text(text: str, limit: int = NOTE_LIMIT) -> str:
    """The text stripped, or ValidationError naming the limit: nothing is shortened quietly."""
    no_null_characters(text)
    no_bidi_controls(text)
    text = text.strip()
    if len(text) > limit:
        raise ValidationError(
            _(
                "The text has %(count)s characters; at most %(limit)s fit. Shorten it and "
                "send it again: what you wrote is still in the form."
            ),
            code="too_long",
            params={"count": _number(len(text)), "limit": _number(limit)},
        )
    return text


def draft_texts(document: Document, answers=None) -> dict:
    """The draft rendered in every language of the document, {language: Policy}."""
    answers = answers or load_answers(document)
    return {language: render(answers, language) for language in document.languages}


def draft_hash(document: Document, texts: dict | None = None) -> str:
    """One hash over the draft's text in every language of the document (from `texts` when
    the caller has rendered them already)."""
    texts = texts or draft_texts(document)
    hashes = [texts[language].content_hash for language in document.languages]
    return hashlib.sha256("".join(hashes).encode()).hexdigest()


def current_status(document: Document, current_hash: str | None = None) -> str:
    """The review status, taking into account answers changed after approval."""
    if document.review_status == ReviewStatus.APPROVED and (
        document.approved_hash != (current_hash or draft_hash(document))
    ):
        return ReviewStatus.IN_REVIEW
    return document.review_status


def is_approved(document: Document) -> bool:
    return current_status(document) == ReviewStatus.APPROVED


def last_changed_by(document: Document) -> User | None:
    """Who saved the answers last (a wizard step or an import), or None if nobody known."""
    latest = (
        StepRevision.objects.for_tenant(document.tenant)
        .filter(document=document)
        .select_related("updated_by")
        .order_by("-updated_at", "-pk")
        .first()
    )
    return latest.updated_by if latest else None


def four_eyes_stops(document: Document, user: User) -> bool:
    """The four-eyes rule: when the company has a reviewer (and has not turned the rule off),
    the person who approves is not the last person who changed the answers."""
    tenant = document.tenant
    return tenant.four_eyes and tenant.has_reviewer and last_changed_by(document) == user


def _lock(document: Document) -> Document:
    return Document.objects.select_for_update().get(pk=document.pk, tenant=document.tenant)


def _note(document, kind, by, text="", section=""):
    return ReviewNote.objects.create(
        tenant=document.tenant,
        document=document,
        kind=kind,
        author=by,
        text=clean_text(text),
        section=section,
    )


def _set_status(document: Document, status: str, by: User, **fields) -> None:
    document.review_status = status
    for name, value in fields.items():
        setattr(document, name, value)
    document._history_user = by
    document.save(update_fields=["review_status", *fields])


def _notify(
    document: Document,
    roles: list[str],
    template: str,
    note: str,
    by: User,
    base_url: str | None,
    mailer: str,
) -> None:
    recipients = list(
        Membership.objects.for_tenant(document.tenant)
        .filter(role__in=roles)
        .exclude(user=by)
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return
    path = reverse("policies:review", args=[document.tenant.slug, document.slug])
    context = {
        "document": document,
        "tenant": document.tenant,
        "by": by,
        "note": note,
        "url": f"{(base_url or settings.SITE_URL).rstrip('/')}{path}",
    }
    send_mail(
        subject=render_to_string(f"policies/email/{template}_subject.txt", context).strip(),
        message=render_to_string(f"policies/email/{template}_body.txt", context),
        from_email=None,
        recipient_list=recipients,
        using=mailer,
    )


@transaction.atomic
def submit(
    *, document: Document, by: User, note: str = "", base_url=None, mailer: str = "default"
) -> None:
    """An editor sends the complete draft to the company's reviewers."""
    note = clean_text(note)
    document = _lock(document)
    if current_status(document) == ReviewStatus.IN_REVIEW:
        raise ValidationError(ALREADY_IN_REVIEW, code="in_review")
    ensure_complete(document)
    _set_status(document, ReviewStatus.IN_REVIEW, by, approved_hash="")
    _note(document, ReviewNote.Kind.SUBMITTED, by, note)
    _notify(document, [Role.REVIEWER], "submitted", note, by, base_url, mailer)


@transaction.atomic
def comment(*, document: Document, by: User, section: str, text: str) -> ReviewNote:
    text = clean_text(text)
    if not text:
        raise ValidationError(EMPTY_COMMENT, code="empty")
    known = {s.key for s in render(load_answers(document), "lv").sections}
    if section and section not in known:
        raise ValidationError(UNKNOWN_SECTION, code="section")
    return _note(document, ReviewNote.Kind.COMMENT, by, text, section)


@transaction.atomic
def request_changes(
    *, document: Document, by: User, note: str = "", base_url=None, mailer: str = "default"
) -> None:
    """The draft goes back to its editors with the reviewer's comments."""
    note = clean_text(note)
    document = _lock(document)
    if current_status(document) != ReviewStatus.IN_REVIEW:
        raise ValidationError(NOT_IN_REVIEW, code="not_in_review")
    _set_status(document, ReviewStatus.CHANGES_REQUESTED, by, approved_hash="")
    _note(document, ReviewNote.Kind.CHANGES_REQUESTED, by, note)
    _notify(document, [Role.EDITOR, Role.OWNER], "changes_requested", note, by, base_url, mailer)


@transaction.atomic
def approve(*, document: Document, by: User, seen_hash: str, note: str = "") -> None:
    """Approve exactly the text the reviewer read: `seen_hash` is the hash of the page they
    approved from, and it must still be the draft's."""
    note = clean_text(note)
    document = _lock(document)
    if current_status(document) != ReviewStatus.IN_REVIEW:
        raise ValidationError(NOT_IN_REVIEW, code="not_in_review")
    ensure_complete(document)
    if four_eyes_stops(document, by):
        raise ValidationError(OWN_CHANGES, code="four_eyes")
    current = draft_hash(document)
    if seen_hash != current:
        raise ValidationError(CHANGED_WHILE_READING, code="changed")
    _set_status(
        document,
        ReviewStatus.APPROVED,
        by,
        approved_hash=current,
        approved_by=by,
        approved_at=timezone.now(),
    )
    _note(document, ReviewNote.Kind.APPROVED, by, note)


def _generated_section(document: Document, section: str, language: str):
    answers = load_answers(document)
    for s in render(answers, language, with_overrides=False).sections:
        if s.key == section:
            return s
    raise ValidationError(UNKNOWN_SECTION, code="section")


@transaction.atomic
def override_set(*, document: Document, by: User, section: str, language: str, text: str):
    """Replace one section's generated text with the reviewer's own wording (empty text goes
    back to the generated one)."""
    text = clean_text(text, WORDING_LIMIT)
    if language not in document.languages:
        raise ValidationError(UNKNOWN_SECTION, code="language")
    generated = _generated_section(document, section, language)
    existing = WordingOverride.objects.for_tenant(document.tenant).filter(
        document=document, section=section, language=language
    )
    if not text:
        for override in existing:
            override._history_user = by
            override.delete()
        return None
    override = existing.first() or WordingOverride(
        tenant=document.tenant, document=document, section=section, language=language
    )
    override.text = text
    override.based_on = blocks_hash(generated.blocks)
    override.created_by = by
    override.updated_at = timezone.now()
    override._history_user = by
    override.save()
    return override
