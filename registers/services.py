"""Marking the register reviewed: every purpose of every document of a company gets today's
date as its last review, through the purposes step's forms as a person filling the wizard
would save it (validation, the revision check, history in that person's name)."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from policies.models import Document, StepRevision
from policies.services import step_save
from policies.wizard.forms import ROW_PREFIX, StepForms
from policies.wizard.steps import BY_KEY
from policyhub.history import acting_user
from tenants.models import Tenant

STEP = "purposes"


@dataclass
class Reviewed:
    """What marking did: the purposes dated, or the documents whose answers need correcting
    first (then nothing was changed)."""

    purposes: int = 0
    invalid: list[Document] = field(default_factory=list)


def mark_reviewed(tenant: Tenant, *, by) -> Reviewed:
    step = BY_KEY[STEP]
    today = timezone.localdate().isoformat()
    result = Reviewed()
    with transaction.atomic():
        prepared = []
        for document in Document.objects.for_tenant(tenant).select_related("tenant"):
            revision = StepRevision.objects.for_tenant(tenant).get(document=document, step=STEP)
            saved = StepForms(step, document, languages=document.languages)
            data = saved.as_data()
            rows = [i for i, form in enumerate(saved.formset.forms) if form.instance.pk]
            if not rows:
                continue
            for index in rows:
                data[f"{ROW_PREFIX}-{index}-reviewed_on"] = today
            forms = StepForms(step, document, data, document.languages)
            if forms.is_valid():
                prepared.append((document, forms, revision.revision, len(rows)))
            else:
                result.invalid.append(document)
        if result.invalid:
            return result
        with acting_user(by):
            for document, forms, revision, count in prepared:
                step_save(document=document, step=STEP, forms=forms, revision=revision, by=by)
                result.purposes += count
    return result
