from django.urls import path

import policyhub.converters  # noqa: F401  (the "version" converter)
from consent import dashboard as consent
from policies.views import (
    changes,
    documents,
    history,
    preview,
    review,
    transfer,
    versions,
    wizard,
)
from scans import views as scans

app_name = "policies"

# /t/<tenant_slug>/documents/...  Every view here is wrapped in tenants.access.company_view.
urlpatterns = [
    path("new/", documents.document_new, name="new"),
    path("<slug:doc_slug>/", documents.document_detail, name="detail"),
    path("<slug:doc_slug>/settings/", documents.document_settings, name="settings"),
    path("<slug:doc_slug>/wizard/<slug:step_key>/", wizard.step, name="step"),
    path("<slug:doc_slug>/history/", history.document_history, name="history"),
    path("<slug:doc_slug>/preview/", preview.document_preview, name="preview"),
    path("<slug:doc_slug>/preview/<str:language>/", preview.document_preview, name="preview_in"),
    path("<slug:doc_slug>/review/", review.review_page, name="review"),
    path("<slug:doc_slug>/review/<str:language>/", review.review_page, name="review_in"),
    path("<slug:doc_slug>/review/do/submit/", review.review_submit, name="submit"),
    path("<slug:doc_slug>/review/do/comment/", review.review_comment, name="comment"),
    path(
        "<slug:doc_slug>/review/do/request-changes/",
        review.review_request_changes,
        name="request_changes",
    ),
    path("<slug:doc_slug>/review/do/approve/", review.review_approve, name="approve"),
    path("<slug:doc_slug>/review/do/wording/", review.review_override, name="override"),
    path("<slug:doc_slug>/publish/", versions.publish, name="publish"),
    path("<slug:doc_slug>/changes/", changes.draft_changes, name="changes"),
    path("<slug:doc_slug>/versions/", versions.versions, name="versions"),
    path("<slug:doc_slug>/versions/<version:number>/", versions.version_detail, name="version"),
    path(
        "<slug:doc_slug>/versions/<version:number>/<str:language>/",
        versions.version_detail,
        name="version_in",
    ),
    path("<slug:doc_slug>/answers.json", transfer.answers_export, name="export"),
    path("<slug:doc_slug>/import/", transfer.answers_import, name="import"),
    path("<slug:doc_slug>/consent/", consent.records, name="consent"),
    path("<slug:doc_slug>/consent.csv", consent.records_csv, name="consent_csv"),
    path("<slug:doc_slug>/scans/", scans.start, name="scan_start"),
    path("<slug:doc_slug>/scans/<int:scan_id>/", scans.detail, name="scan"),
    path("<slug:doc_slug>/scans/<int:scan_id>/status/", scans.status, name="scan_status"),
    path("<slug:doc_slug>/scans/<int:scan_id>/add/", scans.add, name="scan_add"),
]
