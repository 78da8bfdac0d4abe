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
    return _page(request, document, language)


def _page(request, document, language, kept=None, status=200):
    """The review page; `kept` is what the person typed into a form that was refused, shown
    again in that form: {"form": ..., "section": ..., "text": ..., "errors": [...]}."""
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
        "four_eyes_stops": review.four_eyes_stops(document, request.user),
        "can_edit": request.membership.can(Perm.EDIT),
        "approval_required": request.tenant.requires_approval,
        "kept": kept or {},
    }
    return render(request, "policies/review.html", context, status=status)


def _language(request, document):
    language = request.POST.get("language", "lv")
    return language if language in document.languages else "lv"


def _run(request, document, action, success, kept, **kwargs):
    """Run a review action; on success back to the page, on refusal the page again (400) with
    the message and with what was typed still in its form."""
    language = _language(request, document)
    try:
        action(document=document, by=request.user, **kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        kept = {**kept, "errors": exc.messages}
        return _page(request, document, language, kept=kept, status=400)
    messages.success(request, success)
    if language == "lv":
        return redirect("policies:review", request.tenant.slug, document.slug)
    return redirect("policies:review_in", request.tenant.slug, document.slug, language)


@require_POST
@company_view(Perm.EDIT)
def review_submit(request: CompanyRequest, doc_slug):
    document = get_document(request, doc_slug)
    note = request.POST.get("note", "")
    return _run(
        request,
        document,
        review.submit,
        _("Sent for review. The reviewers have been told."),
        {"form": "submit", "text": note},
        note=note,
        base_url=request.build_absolute_uri("/"),
    )


@require_POST
@company_view(Perm.REVIEW)
def review_comment(request: CompanyRequest, doc_slug):
    document = get_document(request, doc_slug)
    text, section = request.POST.get("text", ""), request.POST.get("section", "")
    return _run(
        request,
        document,
        review.comment,
        _("Comment added."),
        {"form": "comment", "section": section, "text": text},
        section=section,
        text=text,
    )


@require_POST
@company_view(Perm.REVIEW)
def review_request_changes(request: CompanyRequest, doc_slug):
    document = get_document(request, doc_slug)
    note = request.POST.get("note", "")
    return _run(
        request,
        document,
        review.request_changes,
        _("Changes requested. The editors have been told."),
        {"form": "changes", "text": note},
        note=note,
        base_url=request.build_absolute_uri("/"),
    )


@require_POST
@company_view(Perm.REVIEW)
def review_approve(request: CompanyRequest, doc_slug):
    document = get_document(request, doc_slug)
    note = request.POST.get("note", "")
    return _run(
        request,
        document,
        review.approve,
        _("Approved."),
        {"form": "approve", "text": note},
        seen_hash=request.POST.get("seen_hash", ""),
        note=note,
    )


@require_POST
@company_view(Perm.REVIEW)
def review_override(request: CompanyRequest, doc_slug):
    document = get_document(request, doc_slug)
    text, section = request.POST.get("text", ""), request.POST.get("section", "")
    return _run(
        request,
        document,
        review.override_set,
        _("Own wording saved.") if text.strip() else _("The generated wording is back."),
        {"form": "override", "section": section, "text": text},
        section=section,
        language=request.POST.get("language", "lv"),
        text=text,
    )
