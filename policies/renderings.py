"""What publishing stores besides the version: per language, the HTML of the text and a PDF.

Public pages serve these bytes as they are. They are made from the version's own frozen
text by autoescaping templates, so every string a user typed is escaped in both.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from policies import pdf
from policies.models import PolicyVersion, VersionRendering

PDF_FAILED = _("The PDF of the policy could not be made just now. Try publishing again later.")


def store(version: PolicyVersion) -> list[VersionRendering]:
    """Render and store every language of a new version; ValidationError if a PDF fails."""
    tenant = version.document.tenant
    stored = []
    for language, text in version.texts.items():
        with override(language):
            body = render_to_string("public/includes/policy_body.html", {"text": text})
            html = render_to_string(
                "public/pdf.html",
                {
                    "language": language,
                    "title": text["title"],
                    "tenant": tenant,
                    "version": version,
                    "body": body,
                },
            )
        try:
            document = pdf.render(html)
        except pdf.PdfError as exc:
            raise ValidationError(PDF_FAILED, code="pdf") from exc
        stored.append(
            VersionRendering.objects.create(
                tenant=tenant,
                version=version,
                language=language,
                title=text["title"],
                html=body,
                pdf=document,
                pdf_sha256=hashlib.sha256(document).hexdigest(),
            )
        )
    return stored
