"""What publishing stores besides the version: per language, the HTML of the text and a PDF,
and the redline against the version before it.

Public pages serve these bytes as they are. They are made from the version's own frozen
text by autoescaping templates, so every string a user typed is escaped in both.
"""

import hashlib
from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from policies import pdf, redline
from policies.models import PolicyVersion, VersionDiff, VersionRendering

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


def store_diffs(old: PolicyVersion, new: PolicyVersion) -> None:
    """The redline of `new` against `old`, in each language both have."""
    for language, text in new.texts.items():
        if language in old.texts:
            VersionDiff.objects.create(
                tenant=new.tenant,
                old=old,
                new=new,
                language=language,
                sections=[asdict(s) for s in redline.compare(old.texts[language], text)],
            )
