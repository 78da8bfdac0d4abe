"""The company's side of the website scans: start one from the cookie step, follow its
progress, read what it found against the answers and add findings to them."""

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from policies.answers import load_answers
from policies.views.common import get_document
from scans import apply as applying
from scans import proposal, services
from scans.models import Status, WebsiteScan
from tenants.access import CompanyRequest, company_view
from tenants.roles import Perm

EARLIER = 10  # earlier scans listed on a scan's page


def step_card(request: CompanyRequest, document) -> dict:
    """What the cookie step shows of the scans: the websites to scan and the latest scan."""
    scans = WebsiteScan.objects.for_tenant(request.tenant).filter(document=document)
    services.expire_stale(scans)
    return {
        "websites": services.websites(document),
        "latest": scans.first(),
        "can_scan": request.membership.can(Perm.EDIT),
        "max_pages": settings.SCAN_MAX_PAGES,
    }


@require_POST
@company_view(Perm.EDIT)
def start(request: CompanyRequest, doc_slug):
    document = get_document(request, doc_slug)
    try:
        scan = services.request_scan(document, request.POST.get("url", ""), by=request.user)
    except services.ScanRefused as refused:
        messages.error(request, refused.message)
        if refused.scan is not None:
            return redirect(_url(refused.scan))
        return redirect("policies:step", request.tenant.slug, document.slug, "cookies")
    return redirect(_url(scan))


@company_view(Perm.VIEW)
def detail(request: CompanyRequest, doc_slug, scan_id):
    document = get_document(request, doc_slug)
    scans = WebsiteScan.objects.for_tenant(request.tenant).filter(document=document)
    services.expire_stale(scans)
    scan = get_object_or_404(scans.select_related("requested_by"), pk=scan_id)
    earlier = list(scans.filter(created_at__lt=scan.created_at).exclude(pk=scan.pk)[:EARLIER])
    context = {
        "document": document,
        "scan": scan,
        "earlier": earlier,
        "can_edit": request.membership.can(Perm.EDIT),
        "websites": services.websites(document),
        "progress_text": progress_text(scan),
    }
    if scan.status == Status.DONE:
        context["proposal"] = proposal.propose(scan.result, load_answers(document))
        previous = next((s for s in earlier if s.status == Status.DONE), None)
        context["changes"] = proposal.changes(scan.result, previous)
    return render(request, "scans/detail.html", context)


@company_view(Perm.VIEW)
def status(request: CompanyRequest, doc_slug, scan_id):
    """The scan's progress, for its page to follow without reloading."""
    document = get_document(request, doc_slug)
    scans = WebsiteScan.objects.for_tenant(request.tenant).filter(document=document)
    services.expire_stale(scans)
    scan = get_object_or_404(scans, pk=scan_id)
    return JsonResponse(
        {
            "status": scan.status,
            "label": scan.get_status_display(),
            "text": progress_text(scan),
            "pages_done": scan.pages_done,
            "pages_total": scan.pages_total,
        },
        headers={"Cache-Control": "no-store"},
    )


def progress_text(scan: WebsiteScan) -> str:
    """“Scanning: 3 of 12 pages (after accepting the banner)”."""
    text = str(scan.get_status_display()).capitalize()
    if scan.pages_total:
        text += ": " + _("%(done)d of %(total)d pages") % {
            "done": scan.pages_done,
            "total": scan.pages_total,
        }
    if scan.phase == "after":
        text += " (" + _("after accepting the banner") + ")"
    return text


@require_POST
@company_view(Perm.EDIT)
def add(request: CompanyRequest, doc_slug, scan_id):
    """One finding into the answers, through the wizard's forms."""
    document = get_document(request, doc_slug)
    scan = get_object_or_404(
        WebsiteScan.objects.for_tenant(request.tenant).filter(
            document=document, status=Status.DONE
        ),
        pk=scan_id,
    )
    action, subject = request.POST.get("action", ""), request.POST.get("subject", "")[:200]
    try:
        finding = applying.apply(scan, action, subject, by=request.user)
    except applying.NotOpen:
        messages.error(request, _("This finding is no longer open: the answers already say so."))
    except applying.Invalid as invalid:
        step_url = reverse(
            "policies:step", args=[request.tenant.slug, document.slug, invalid.step.key]
        )
        messages.error(
            request,
            _(
                "The step “%(step)s” has answers that need correcting first; nothing was "
                "changed. Open the step, correct them and save, then add this finding again."
            )
            % {"step": invalid.step.title},
        )
        return redirect(step_url)
    else:
        messages.success(request, MESSAGES[action] % {"name": finding.name})
    return redirect(_url(scan) + "#findings")


MESSAGES = {
    "add_tool": gettext_lazy("%(name)s added to the known tools of the cookie step."),
    "remove_tool": gettext_lazy("%(name)s removed from the known tools of the cookie step."),
    "add_cookie": gettext_lazy(
        "The cookie %(name)s added to the cookie table. Choose its kind and say what it does "
        "in the cookie step."
    ),
    "remove_cookie": gettext_lazy("The cookie %(name)s removed from the cookie table."),
    "add_recipient": gettext_lazy("%(name)s added to the recipients. Check its row in the step."),
}


def _url(scan: WebsiteScan) -> str:
    return reverse("policies:scan", args=[scan.tenant.slug, scan.document.slug, scan.pk])
