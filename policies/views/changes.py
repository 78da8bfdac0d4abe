from django.shortcuts import render

from policies import publishing, redline
from policies.answers import load_answers
from policies.render import render as render_policy
from policies.views.common import get_document
from tenants.access import CompanyRequest, company_view
from tenants.roles import Perm


@company_view(Perm.VIEW)
def draft_changes(request: CompanyRequest, doc_slug):
    """What changes if this draft is published: the draft against the latest version."""
    document = get_document(request, doc_slug)
    latest = publishing.latest_version(document)
    context = {"document": document, "latest": latest}
    if latest is not None:
        draft = render_policy(load_answers(document), "lv").as_dict()
        context.update(
            sections=redline.compare(latest.texts["lv"], draft),
            summary=publishing.pending_changes(document)["lv"],
            side_by_side=request.GET.get("view") == "side",
        )
    return render(request, "policies/changes.html", context)
