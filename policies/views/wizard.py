from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from policies import catalogue
from policies.answers import load_answers
from policies.display import summarize
from policies.models import StepRevision
from policies.services import StepConflict, step_save
from policies.views.common import get_document
from policies.views.documents import step_states
from policies.wizard import completeness
from policies.wizard.forms import StepForms, add_row
from policies.wizard.steps import BY_KEY, neighbours
from scans.views import step_card as scan_card
from tenants.access import CompanyRequest, company_view
from tenants.roles import Perm


@company_view(Perm.VIEW, post=Perm.EDIT)
def step(request: CompanyRequest, doc_slug, step_key):
    """One wizard step: every member reads it, editors save it.

    Buttons: save (stay), next, back, add a row, add a row from the processor catalogue.
    Adding rows re-shows the form with what was typed and saves nothing yet.
    """
    document = get_document(request, doc_slug)
    step = BY_KEY.get(step_key)
    if step is None:
        raise Http404
    current = StepRevision.objects.for_tenant(request.tenant).get(document=document, step=step.key)

    if request.method != "POST":
        return _render(
            request,
            document,
            step,
            StepForms(step, document, languages=document.languages),
            current.revision,
        )

    action = request.POST.get("action", "save")
    if action == "add_row":
        forms = StepForms(step, document, add_row(request.POST), document.languages)
        forms.focus_row(-1)
        return _render(request, document, step, forms, _posted_revision(request))
    if action == "add_catalogue":
        entry = catalogue.PROCESSORS_BY_KEY.get(request.POST.get("catalogue", ""))
        values = entry.recipient_values() if entry else None
        blank = StepForms(step, document, request.POST, document.languages).blank_new_row()
        forms = StepForms(
            step, document, add_row(request.POST, values=values, at=blank), document.languages
        )
        forms.focus_row(-1 if blank is None else blank)
        return _render(request, document, step, forms, _posted_revision(request))

    forms = StepForms(step, document, request.POST, document.languages)
    if not forms.is_valid():
        messages.error(request, _("Some answers need correcting; nothing was saved yet."))
        return _render(request, document, step, forms, _posted_revision(request))
    try:
        step_save(
            document=document,
            step=step.key,
            forms=forms,
            revision=_posted_revision(request),
            by=request.user,
        )
    except StepConflict as conflict:
        # Show both: what this person typed (unsaved) and what is saved now.
        return _render(
            request,
            document,
            step,
            forms,
            conflict.current.revision,
            conflict=conflict.current,
            saved=summarize(step, document),
            status=409,
        )
    messages.success(request, _("Saved."))
    previous, following = neighbours(step.key)
    if action == "next" and following:
        return redirect("policies:step", request.tenant.slug, document.slug, following.key)
    if action == "back" and previous:
        return redirect("policies:step", request.tenant.slug, document.slug, previous.key)
    if action in ("next", "finish"):
        return redirect("policies:detail", request.tenant.slug, document.slug)
    return redirect("policies:step", request.tenant.slug, document.slug, step.key)


def _posted_revision(request) -> int:
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        return -1  # never matches: the person is shown the saved answers first


def _render(request, document, step, forms, revision, *, conflict=None, saved=None, status=200):
    revisions = list(document.revisions.all())
    report, warnings = completeness.kept(document, revisions, lambda: load_answers(document))
    answers = load_answers(document) if step.key in ("rights", "transfers") else None
    previous, following = neighbours(step.key)
    context = {
        "document": document,
        "step": step,
        "forms": forms,
        "revision": revision,
        "steps": step_states(document, report, revisions),
        "report": report,
        "step_gaps": report.missing_in(step.key),
        "step_warnings": warnings.get(step.key, []),
        "previous": previous,
        "following": following,
        "can_edit": request.membership.can(Perm.EDIT),
        "conflict": conflict,
        "saved": bool(saved),
        "saved_summary": saved,
        "catalogue": catalogue.PROCESSORS if step.key == "recipients" else None,
        # What the step's answers lead to elsewhere, shown beside the questions.
        "authority": catalogue.AUTHORITIES.get(answers.rights.authority)
        if step.key == "rights"
        else None,
        "outside_eea": answers.recipients_outside_eea if step.key == "transfers" else None,
        "scan_card": scan_card(request, document) if step.key == "cookies" else None,
    }
    return render(request, "policies/wizard/step.html", context, status=status)
