"""Export and import of a document's answers as JSON (policies.answers_format)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import record
from policies import answers_format
from policies.views.common import get_document
from tenants.access import CompanyRequest, company_view
from tenants.roles import Perm

MAX_IMPORT_BYTES = 1024 * 1024


@company_view(Perm.VIEW)
def answers_export(request: CompanyRequest, doc_slug):
    document = get_document(request, doc_slug)
    body = answers_format.dumps(answers_format.export(document))
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"{request.tenant.slug}-{document.slug}-answers.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    record(Action.ANSWERS_EXPORTED, obj=document)
    return response


@require_POST
@company_view(Perm.EDIT)
def answers_import(request: CompanyRequest, doc_slug):
    document = get_document(request, doc_slug)
    upload = request.FILES.get("file")
    errors = []
    if upload is None:
        errors = [("", _("Choose a JSON file exported from PolicyHub."))]
    elif upload.size > MAX_IMPORT_BYTES:
        errors = [("", _("The file is larger than 1 MB."))]
    else:
        try:
            data = answers_format.parse(upload.read())
            answers_format.import_into(document, data, by=request.user)
        except answers_format.AnswersImportError as exc:
            errors = exc.errors
    if errors:
        return render(
            request,
            "policies/import_errors.html",
            {"document": document, "errors": errors},
            status=400,
        )
    record(Action.ANSWERS_IMPORTED, obj=document)
    messages.success(request, _("Answers imported."))
    return redirect("policies:detail", request.tenant.slug, document.slug)
