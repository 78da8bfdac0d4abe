from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import User, normalize_email
from policyhub.countries import EEA_COUNTRIES
from policyhub.forms import PlainTextForm
from policyhub.validators import no_control_characters
from tenants.forms import FreeSlugMixin
from tenants.models import slug_validator

CONFIRM_HELP = _("Enter the same password again, to be sure it has no typo.")


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self):
        return normalize_email(self.cleaned_data["username"])


class SignupForm(PlainTextForm, FreeSlugMixin, BaseUserCreationForm):
    """A new account together with its first company, of which the person is the owner."""

    legal_name = forms.CharField(
        label=_("Company's legal name"),
        max_length=200,
        validators=[no_control_characters],
        help_text=_('As registered, e.g. SIA "Zaļā Sala".'),
    )
    slug = forms.CharField(
        label=_("Address name"),
        max_length=50,
        required=False,
        validators=[slug_validator],
        help_text=_(
            "Used in the addresses of your public pages, e.g. /p/zala-sala/. "
            "Leave empty to make one from the company name. It cannot be changed later."
        ),
    )
    country = forms.ChoiceField(label=_("Country of registration"), choices=EEA_COUNTRIES)

    class Meta:
        model = User
        fields = ("full_name", "email")
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].widget.attrs["autofocus"] = True
        self.fields["email"].widget.attrs.pop("autofocus", None)
        self.fields["password2"].help_text = CONFIRM_HELP

    def clean_email(self):
        # Whether the address has an account is never said here (accounts.signup).
        return normalize_email(self.cleaned_data["email"])

    def validate_unique(self):
        pass  # the same: an address with an account gets an e-mail, not an error


class InvitationSignupForm(PlainTextForm, forms.Form):
    """An account for an invited person; the e-mail address comes from the invitation."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=150, validators=[no_control_characters]
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password confirmation"),
        help_text=CONFIRM_HELP,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The passwords do not match."))
        elif p1:
            candidate = User(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned
