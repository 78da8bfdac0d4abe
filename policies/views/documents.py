from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from policies import services
from policies.answers import load_answers
from policies.forms import ENGLISH_OFF, ENGLISH_ON, DocumentCreateForm, DocumentSettingsForm
from policies.models import PolicyVersion
from policies.views.common import get_document
from policies.wizard import completeness
from policies.wizard.steps import STEPS
from tenants.access import CompanyRequest, company_view
from tenants.roles import Perm


@company_view(Perm.EDIT)
def document_new(request: CompanyRequest):
    form = DocumentCreateForm(request.POST or None, initial={"slug": "privatuma-politika"})
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_create(
                tenant=request.tenant, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Document created. Start with the first step."))
            return redirect("policies:step", request.tenant.slug, document.slug, STEPS[0].key)
    return render(request, "policies/document_new.html", {"form": form})


def step_states(document, report, revisions=None):
    revisions = {r.step: r for r in (document.revisions.all() if revisions is None else revisions)}
    gaps = report.steps_with_gaps()
    states = []
    for step in STEPS:
        revision = revisions.get(step.key)
        if step.key not in gaps:
            state = "done"
        elif revision is None or revision.revision == 0:
            state = "todo"
        else:
            state = "missing"
        states.append({"step": step, "state": state, "revision": revision})
    return states


@company_view(Perm.VIEW)
def document_detail(request: CompanyRequest, doc_slug):
    document = get_document(request, doc_slug)
    report = completeness.check(load_answers(document))
    context = {"document": document, "report": report, "steps": step_states(document, report)}
    in_force = PolicyVersion.objects.for_tenant(request.tenant).filter(document=document)
    if in_force.in_force().exists():  # the cookie banner of the version in force
        args = [request.tenant.slug, document.slug]
        context["banner"] = {
            "script": request.build_absolute_uri(reverse("public:consent_js", args=args)),
            "origins": request.tenant.embed_origins,
        }
    return render(request, "policies/document_detail.html", context)


@company_view(Perm.EDIT)
def document_settings(request: CompanyRequest, doc_slug):
    document = get_document(request, doc_slug)
    had_english = document.english
    form = DocumentSettingsForm(
        request.POST or None,
        instance=document,
        may_change_languages=request.membership.can(Perm.PUBLISH),
    )
    if request.method == "POST" and form.is_valid():
        # Only these fields: never write back a review state read before someone changed it.
        form.save(commit=False).save(update_fields=list(form.Meta.fields))
        messages.success(request, _("Document settings saved."))
        if had_english and not document.english:
            messages.info(request, ENGLISH_OFF)
        elif document.english and not had_english:
            messages.info(request, ENGLISH_ON)
        return redirect("policies:detail", request.tenant.slug, document.slug)
    return render(request, "policies/document_settings.html", {"document": document, "form": form})
