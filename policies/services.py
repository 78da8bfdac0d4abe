"""State changes of policy documents: creating one, saving a wizard step."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from policies import catalogue
from policies.answers import load_answers
from policies.choices import Authority
from policies.models import (
    ControllerAnswers,
    CookieAnswers,
    Document,
    FinalAnswers,
    RecipientsAnswers,
    RightsAnswers,
    ScopeAnswers,
    SecurityAnswers,
    StepRevision,
    TransferAnswers,
)
from policies.wizard import completeness
from policies.wizard.steps import STEP_KEYS
from policyhub.history import acting_user
from tenants.models import Tenant

SLUG_TAKEN = _("This company already has a document with this address name.")
INCOMPLETE = _("The policy is not complete yet: %(items)s.")

SECTIONS = [
    ControllerAnswers,
    ScopeAnswers,
    RecipientsAnswers,
    CookieAnswers,
    TransferAnswers,
    SecurityAnswers,
    RightsAnswers,
    FinalAnswers,
]


class StepConflict(Exception):
    """Someone saved the step after the person saving now had opened it."""

    def __init__(self, current: StepRevision):
        super().__init__("step changed since it was opened")
        self.current = current


@transaction.atomic
def document_create(
    *,
    tenant: Tenant,
    slug: str,
    by: User | None,
    title_variant: str = "privacy_policy",
    address_form: str = "formal",
    english: bool = True,
) -> Document:
    document = Document(
        tenant=tenant,
        slug=slug,
        title_variant=title_variant,
        address_form=address_form,
        english=english,
        created_by=by,
    )
    document.full_clean(validate_unique=False)
    if Document.objects.for_tenant(tenant).filter(slug=slug).exists():
        raise ValidationError({"slug": SLUG_TAKEN})
    with acting_user(by):
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError as exc:
            raise ValidationError({"slug": SLUG_TAKEN}) from exc

        # Sensible starting answers: the company's country, and its country's authority.
        defaults = {
            ControllerAnswers: {"country": tenant.country},
            RightsAnswers: {
                "authority": catalogue.AUTHORITY_BY_COUNTRY.get(tenant.country, Authority.OTHER)
            },
        }
        for model in SECTIONS:
            model.objects.create(tenant=tenant, document=document, **defaults.get(model, {}))
    StepRevision.objects.bulk_create(
        StepRevision(tenant=tenant, document=document, step=key) for key in STEP_KEYS
    )
    return document


@transaction.atomic
def step_save(*, document: Document, step: str, forms, revision: int, by: User) -> StepRevision:
    """Save a step's valid forms unless someone saved the step since `revision` was read."""
    current = (
        StepRevision.objects.for_tenant(document.tenant)
        .select_for_update(of=("self",))  # lock the revision row only, not the user joined
        .select_related("updated_by")
        .get(document=document, step=step)
    )
    if current.revision != revision:
        raise StepConflict(current)
    forms.save()
    current.revision += 1
    current.updated_at = timezone.now()
    current.updated_by = by
    current.save(update_fields=["revision", "updated_at", "updated_by"])
    return current


def ensure_complete(document: Document) -> None:
    """Refuse, naming every missing GDPR Art. 13 item, unless the answers are complete.

    Sending a draft for review and publishing call this first.
    """
    report = completeness.check(load_answers(document))
    if not report.complete:
        items = "; ".join(str(item.title) for item in report.missing)
        raise ValidationError(INCOMPLETE % {"items": items}, code="incomplete")
