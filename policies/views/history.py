from django.core.paginator import Paginator
from django.shortcuts import render

from policies import history
from policies.views.common import get_document
from tenants.access import CompanyRequest, company_view
from tenants.roles import Perm


@company_view(Perm.VIEW)
def document_history(request: CompanyRequest, doc_slug):
    document = get_document(request, doc_slug)
    page = Paginator(history.changes(document), 50).get_page(request.GET.get("page"))
    return render(request, "policies/history.html", {"document": document, "page": page})
