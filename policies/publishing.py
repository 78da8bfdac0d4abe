"""Publishing: a draft becomes the next immutable, numbered, dated version."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit.models import Action
from audit.services import record
from policies import answers_format, changes, renderings
from policies.models import Document, PolicyVersion, ReviewStatus
from policies.public import cache as public_cache
from policies.review import draft_hash, draft_texts
from policies.services import ensure_complete

NOT_APPROVED = _(
    "This company publishes only approved drafts. Send the draft for review and wait for "
    "the approval."
)
NOTHING_NEW = _("The draft is the same as the latest version; there is nothing new to publish.")
PUBLISHED_MEANWHILE = _("Someone published this document at the same moment. Reload the page.")
DATE_IN_PAST = _("The effective date cannot be in the past.")


def latest_version(document: Document) -> PolicyVersion | None:
    return (
        PolicyVersion.objects.for_tenant(document.tenant)
        .filter(document=document)
        .order_by("-number")
        .first()
    )


def scheduled_version(latest: PolicyVersion | None) -> PolicyVersion | None:
    """Of a document's latest version, the version waiting for its effective date, if it is
    one: publishing now withdraws it (only the latest can be waiting, see
    `policies.models.versions.withdrawn_by`)."""
    return latest if latest is not None and latest.is_upcoming else None


def pending_changes(document: Document) -> dict[str, list[str]]:
    """What publishing now would change, per language."""
    last = latest_version(document)
    snapshot = answers_format.export(document)
    return {
        language: changes.summarize(last.answers if last else None, snapshot, language)
        for language in document.languages
    }


@transaction.atomic
def publish(
    *,
    document: Document,
    by: User,
    note: str = "",
    effective_date: datetime.date | None = None,
) -> PolicyVersion:
    # Lock the document: two publishes at once queue here, and the second finds the first.
    document = (
        Document.objects.select_for_update(of=("self",))
        .select_related("tenant")
        .get(pk=document.pk, tenant=document.tenant)
    )
    ensure_complete(document)
    texts = draft_texts(document)  # rendered once: for the hash and for the version
    current = draft_hash(document, texts)
    approved = document.review_status == ReviewStatus.APPROVED and (
        document.approved_hash == current
    )
    if document.tenant.requires_approval and not approved:
        raise ValidationError(NOT_APPROVED, code="not_approved")
    last = latest_version(document)
    if last is not None and last.content_hash == current:
        raise ValidationError(NOTHING_NEW, code="nothing_new")
    today = timezone.localdate()
    effective_date = effective_date or today
    if effective_date < today:
        raise ValidationError(DATE_IN_PAST, code="date")
    withdrawn = scheduled_version(last)  # this publication withdraws it

    snapshot = answers_format.export(document)
    try:
        with transaction.atomic():
            version = PolicyVersion.objects.create(
                tenant=document.tenant,
                document=document,
                number=(last.number if last else 0) + 1,
                effective_date=effective_date,
                answers=snapshot,
                texts={lang: policy.as_dict() for lang, policy in texts.items()},
                content_hash=current,
                change_summary={
                    lang: changes.summarize(last.answers if last else None, snapshot, lang)
                    for lang in document.languages
                },
                note=note.strip(),
                approved_by=document.approved_by if approved else None,
                published_by=by,
            )
    except IntegrityError as exc:
        raise ValidationError(PUBLISHED_MEANWHILE, code="race") from exc
    renderings.store(version)  # a failed PDF raises and rolls the whole publishing back
    if last is not None:
        renderings.store_diffs(last, version)

    # The next change starts a new draft, to be reviewed again.
    document.review_status = ReviewStatus.DRAFT
    document.approved_hash = ""
    document._history_user = by
    document.save(update_fields=["review_status", "approved_hash"])
    public_cache.forget(document.tenant.slug)  # its public pages are made anew
    record(
        Action.PUBLISHED,
        tenant=document.tenant,
        actor=by,
        obj=version,
        document=document.slug,
        number=version.number,
        **({"withdraws": withdrawn.number} if withdrawn else {}),
    )
    return version
