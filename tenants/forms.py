from django import forms
from django.utils.translation import gettext_lazy as _

from policyhub.forms import PlainTextForm
from tenants.models import Tenant
from tenants.origins import parse_origins
from tenants.roles import ROLE_HELP, Role
from tenants.services import SLUG_TAKEN, unique_slug


class FreeSlugMixin:
    """Checks that a chosen address name is free, or makes one from the company's name."""

    def clean_slug(self):
        slug = (self.cleaned_data.get("slug") or "").strip().lower()
        if slug and Tenant.objects.filter(slug=slug).exists():
            raise forms.ValidationError(SLUG_TAKEN)
        return slug

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("legal_name"):
            cleaned["slug"] = unique_slug(cleaned["legal_name"])
        return cleaned


class CompanyCreateForm(PlainTextForm, FreeSlugMixin, forms.ModelForm):
    class Meta:
        model = Tenant
        fields = ("legal_name", "slug", "country")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

    def validate_unique(self):
        # Uniqueness of the slug is checked above with our own message.
        pass


APPROVAL_CHOICES = [
    ("", _("Automatic: required when the company has a reviewer")),
    ("yes", _("Always required")),
    ("no", _("Not required")),
]


class OriginsField(forms.CharField):
    """One website address per line, e.g. https://www.example.lv; stored as a list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return parse_origins(super().to_python(value))


class CompanySettingsForm(PlainTextForm, forms.ModelForm):
    embed_origins = OriginsField(
        label=_("Websites that may embed your policies"),
        required=False,
        help_text=_(
            "One address per line, e.g. https://www.example.lv. Only these websites can show "
            "your published policy inside their pages and use its cookie banner."
        ),
    )
    approval_required = forms.TypedChoiceField(
        label=_("Approval before publishing"),
        choices=APPROVAL_CHOICES,
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        empty_value=None,
        required=False,
    )

    class Meta:
        model = Tenant
        fields = (
            "legal_name",
            "country",
            "approval_required",
            "four_eyes",
            "embed_origins",
            "consent_retention_years",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        value = self.instance.approval_required
        self.initial["approval_required"] = {True: "yes", False: "no"}.get(value, "")
        self.fields["consent_retention_years"].required = False  # empty keeps the period

    def clean_consent_retention_years(self):
        value = self.cleaned_data["consent_retention_years"]
        return self.instance.consent_retention_years if value is None else value


def role_choices():
    return [(role.value, f"{role.label} – {ROLE_HELP[role]}") for role in Role]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(
        label=_("Role"), choices=role_choices, initial=Role.EDITOR, widget=forms.RadioSelect
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
