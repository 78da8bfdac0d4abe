import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from policies import publishing
from policies.models import PolicyVersion
from policies.models.versions import in_force_among, mark_states
from policies.review import current_status
from policies.views.common import get_document
from policyhub.forms import PlainTextForm
from tenants.access import CompanyRequest, company_view
from tenants.roles import Perm


class PublishForm(PlainTextForm, forms.Form):
    effective_date = forms.DateField(
        label=gettext_lazy("Effective date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy(
            "Empty: today. A later date makes the version upcoming until that day; a version "
            "published before then withdraws it."
        ),
    )
    note = forms.CharField(
        label=gettext_lazy("Note on this version (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_effective_date(self):
        value = self.cleaned_data["effective_date"]
        if value and value > timezone.localdate() + datetime.timedelta(days=366):
            raise ValidationError(_("Choose a date within a year."))
        return value


@company_view(Perm.VIEW, post=Perm.PUBLISH)
def publish(request: CompanyRequest, doc_slug):
    """What publishing would change, and the owner's button to publish."""
    document = get_document(request, doc_slug)
    form = PublishForm(request.POST or None)
    latest = publishing.latest_version(document)
    scheduled = publishing.scheduled_version(latest)
    if request.method == "POST" and form.is_valid():
        try:
            version = publishing.publish(
                document=document,
                by=request.user,
                note=form.cleaned_data["note"],
                effective_date=form.cleaned_data["effective_date"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Version %(n)s published.") % {"n": version.number})
            if scheduled:
                messages.info(
                    request,
                    _("Version %(n)s, which had not taken effect, is withdrawn.")
                    % {"n": scheduled.number},
                )
            return redirect("policies:versions", request.tenant.slug, document.slug)
    context = {
        "document": document,
        "form": form,
        "pending": publishing.pending_changes(document),
        "status": current_status(document),
        "approval_required": request.tenant.requires_approval,
        "latest": latest,
        "scheduled": scheduled,
        "can_publish": request.membership.can(Perm.PUBLISH),
    }
    return render(request, "policies/publish.html", context)


@company_view(Perm.VIEW)
def versions(request: CompanyRequest, doc_slug):
    document = get_document(request, doc_slug)
    rows = list(
        PolicyVersion.objects.for_tenant(request.tenant)
        .filter(document=document)
        .with_status()
        .select_related("published_by", "approved_by")
        .defer("answers", "texts")
        .order_by("-number")
    )
    in_force = in_force_among(rows)
    mark_states(rows, in_force.number if in_force else None)
    for row in rows:  # the summary in the reader's language where the document has it
        row.summary = row.change_summary.get(get_language()) or row.change_summary.get("lv", [])
    context = {"document": document, "versions": rows}
    if rows:
        args = [request.tenant.slug, document.slug]
        context["website"] = {
            "page": request.build_absolute_uri(reverse("public:policy", args=args)),
            "embed": request.build_absolute_uri(reverse("public:embed", args=args)),
            "json": request.build_absolute_uri(
                reverse("public:json", args=[*args, rows[0].number])
            ),
            "origins": request.tenant.embed_origins,
        }
        context["banner"] = {
            "script": request.build_absolute_uri(reverse("public:consent_js", args=args)),
            "origins": request.tenant.embed_origins,
        }
    return render(request, "policies/versions.html", context)


@company_view(Perm.VIEW)
def version_detail(request: CompanyRequest, doc_slug, number, language="lv"):
    document = get_document(request, doc_slug)
    version = get_object_or_404(
        PolicyVersion.objects.for_tenant(request.tenant), document=document, number=number
    )
    text = version.texts.get(language)
    if text is None:
        raise Http404
    context = {"document": document, "version": version, "text": text, "language": language}
    return render(request, "policies/version_detail.html", context)
