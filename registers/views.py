"""The company's records of processing activities (GDPR Art. 30): the page, its XLSX and PDF
in either language, and marking every activity reviewed."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from policies import pdf
from policies.services import StepConflict
from registers import exports, services
from registers.build import LANGUAGES, build
from tenants.access import CompanyRequest, company_view
from tenants.roles import Perm


def _language(language: str) -> str:
    if language not in LANGUAGES:
        raise Http404
    return language


def _page_language() -> str:
    language = (get_language() or "lv")[:2]
    return language if language in LANGUAGES else "lv"


def _attachment(body: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@company_view(Perm.VIEW)
def register(request: CompanyRequest):
    context = {"register": build(request.tenant, _page_language()), "languages": LANGUAGES}
    return render(request, "registers/register.html", context)


@company_view(Perm.VIEW)
def register_xlsx(request: CompanyRequest, language):
    made = build(request.tenant, _language(language))
    return _attachment(exports.xlsx(made), exports.XLSX_TYPE, exports.filename(made, "xlsx"))


@company_view(Perm.VIEW)
def register_pdf(request: CompanyRequest, language):
    made = build(request.tenant, _language(language))
    try:
        body = exports.pdf_bytes(made)
    except pdf.PdfError:
        messages.error(request, _("The PDF could not be made just now. Try again later."))
        return redirect("company:register", request.tenant.slug)
    return _attachment(body, "application/pdf", exports.filename(made, "pdf"))


@require_POST
@company_view(Perm.EDIT)
def register_reviewed(request: CompanyRequest):
    try:
        done = services.mark_reviewed(request.tenant, by=request.user)
    except StepConflict:
        messages.error(
            request, _("Someone changed the purposes at the same moment. Nothing was changed.")
        )
        return redirect("company:register", request.tenant.slug)
    if done.invalid:
        names = ", ".join(f"/{document.slug}/" for document in done.invalid)
        messages.error(
            request,
            _(
                "Nothing was marked reviewed: the purposes of %(documents)s need correcting "
                "first. Open the wizard's step “Purposes and legal bases” and save it."
            )
            % {"documents": names},
        )
    elif done.purposes:
        messages.success(
            request,
            ngettext(
                "%(count)s activity marked reviewed today.",
                "%(count)s activities marked reviewed today.",
                done.purposes,
            )
            % {"count": done.purposes},
        )
    else:
        messages.info(request, _("There are no activities to mark reviewed yet."))
    return redirect("company:register", request.tenant.slug)
