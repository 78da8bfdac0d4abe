from django.http import Http404
from django.shortcuts import render

from policies.answers import load_answers
from policies.display import summarize
from policies.render import render as render_policy
from policies.views.common import get_document
from policies.wizard import completeness
from policies.wizard.steps import BY_KEY
from tenants.access import CompanyRequest, company_view
from tenants.roles import Perm


@company_view(Perm.VIEW)
def document_preview(request: CompanyRequest, doc_slug, language="lv"):
    """The draft text beside the answers behind each section, with links to edit them."""
    document = get_document(request, doc_slug)
    if language not in document.languages:
        raise Http404
    answers = load_answers(document)
    policy = render_policy(answers, language)
    summaries = {key: summarize(step, document, language) for key, step in BY_KEY.items()}
    sections = [
        {
            "section": section,
            "steps": [{"step": BY_KEY[key], "summary": summaries[key]} for key in section.steps],
        }
        for section in policy.sections
    ]
    context = {
        "document": document,
        "policy": policy,
        "sections": sections,
        "language": language,
        "report": completeness.check(answers),
    }
    return render(request, "policies/preview.html", context)
