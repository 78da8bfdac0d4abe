from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from policies import review
from policies.answers import load_answers
from policies.models import ReviewNote
from policies.views.common import get_document
from policies.wizard import completeness
from tenants.access import CompanyRequest, company_view
from tenants.roles import Perm


@company_view(Perm.VIEW)
def review_page(request: CompanyRequest, doc_slug, language="lv"):
    """The draft as reviewers read it: each section with its comments, and the actions the
    person's role allows."""
    document = get_document(request, doc_slug)
    if language not in document.languages:
        raise Http404
    answers = load_answers(document)
    texts = review.draft_texts(document, answers)  # rendered once, for the page and its hash
    policy = texts[language]
    current_hash = review.draft_hash(document, texts)
    notes = list(
        ReviewNote.objects.for_tenant(request.tenant)
        .filter(document=document)
        .select_related("author")
    )
    by_section = {}
    for note in notes:
        by_section.setdefault(note.section, []).append(note)
    context = {
        "document": document,
        "policy": policy,
        "language": language,
        "sections": [(s, by_section.get(s.key, [])) for s in policy.sections],
        "general_notes": by_section.get("", []),
        "status": review.current_status(document, current_hash),
        "seen_hash": current_hash,
        "report": completeness.check(answers),
        "can_review": request.membership.can(Perm.REVIEW),
        "can_edit": request.membership.can(Perm.EDIT),
        "approval_required": request.tenant.requires_approval,
    }
    return render(request, "policies/review.html", context)


def _back(request, document):
    return redirect("policies:review", request.tenant.slug, document.slug)


def _run(request, document, action, success, **kwargs):
    try:
        action(document=document, by=request.user, **kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return _back(request, document)


@require_POST
@company_view(Perm.EDIT)
def review_submit(request: CompanyRequest, doc_slug):
    document = get_document(request, doc_slug)
    return _run(
        request,
        document,
        review.submit,
        _("Sent for review. The reviewers have been told."),
        note=request.POST.get("note", "")[:2000],
        base_url=request.build_absolute_uri("/"),
    )


@require_POST
@company_view(Perm.REVIEW)
def review_comment(request: CompanyRequest, doc_slug):
    document = get_document(request, doc_slug)
    return _run(
        request,
        document,
        review.comment,
        _("Comment added."),
        section=request.POST.get("section", ""),
        text=request.POST.get("text", "")[:2000],
    )


@require_POST
@company_view(Perm.REVIEW)
def review_request_changes(request: CompanyRequest, doc_slug):
    document = get_document(request, doc_slug)
    return _run(
        request,
        document,
        review.request_changes,
        _("Changes requested. The editors have been told."),
        note=request.POST.get("note", "")[:2000],
        base_url=request.build_absolute_uri("/"),
    )


@require_POST
@company_view(Perm.REVIEW)
def review_approve(request: CompanyRequest, doc_slug):
    document = get_document(request, doc_slug)
    return _run(
        request,
        document,
        review.approve,
        _("Approved."),
        seen_hash=request.POST.get("seen_hash", ""),
        note=request.POST.get("note", "")[:2000],
    )


@require_POST
@company_view(Perm.REVIEW)
def review_override(request: CompanyRequest, doc_slug):
    document = get_document(request, doc_slug)
    text = request.POST.get("text", "")[:10000]
    language = request.POST.get("language", "lv")
    result = _run(
        request,
        document,
        review.override_set,
        _("Own wording saved.") if text.strip() else _("The generated wording is back."),
        section=request.POST.get("section", ""),
        language=language,
        text=text,
    )
    if language == "en":
        return redirect("policies:review_in", request.tenant.slug, document.slug, "en")
    return result
