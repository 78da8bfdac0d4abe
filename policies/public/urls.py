from django.urls import path

import policyhub.converters  # noqa: F401  (the "version" converter)
from consent import views as consent
from policies.public import views
from policies.public.feed import versions_feed

app_name = "public"

EN = {"language": "en"}

# /p/<tenant_slug>/...  A contract: links to these addresses live on companies' websites.
# No two patterns match the same address; the most requested come first, as the resolver
# tries them in order.
urlpatterns = [
    path("<slug:doc_slug>/", views.policy, name="policy"),
    path("<slug:doc_slug>/versions/<version:number>.pdf", views.version_pdf, name="pdf"),
    path("<slug:doc_slug>/versions/<version:number>.json", views.version_json, name="json"),
    path("<slug:doc_slug>/embed/", views.embed, name="embed"),
    path("<slug:doc_slug>/en/", views.policy, EN, name="policy_en"),
    path("<slug:doc_slug>/embed/en/", views.embed, EN, name="embed_en"),
    path("<slug:doc_slug>/versions/<version:number>/en.pdf", views.version_pdf, EN, name="pdf_en"),
    path("", views.company, name="company"),
    path("<slug:doc_slug>/versions/", views.archive, name="archive"),
    path("<slug:doc_slug>/feed/", versions_feed, name="feed"),
    path("<slug:doc_slug>/diff/<version:a>/<version:b>/", views.diff, name="diff"),
    path("<slug:doc_slug>/diff/<version:a>/<version:b>/en/", views.diff, EN, name="diff_en"),
    path("<slug:doc_slug>/consent.js", consent.banner_script, name="consent_js"),
    path("<slug:doc_slug>/consent/", consent.record, name="consent"),
    path("<slug:doc_slug>/versions/<version:number>/", views.version_page, name="version"),
    path(
        "<slug:doc_slug>/versions/<version:number>/en/", views.version_page, EN, name="version_en"
    ),
]
