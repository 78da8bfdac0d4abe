from django.shortcuts import get_object_or_404

from policies.models import Document
from tenants.access import CompanyRequest


def get_document(request: CompanyRequest, doc_slug: str) -> Document:
    """The request's company's document, or 404: another company's slug is not found."""
    return get_object_or_404(
        Document.objects.for_tenant(request.tenant).select_related("tenant"), slug=doc_slug
    )
