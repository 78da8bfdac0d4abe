import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from policies.choices import LegalForm
from policies.models.base import DocumentPart
from policies.texts import translation
from policyhub.validators import no_control_characters

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{4,24}$", _("Enter a phone number, e.g. +371 67 123 456.")
)

# Registration numbers by country: (pattern of digits, message)
REGISTRATION_FORMATS = {
    "LV": (r"\d{11}", _("A Latvian registration number has 11 digits, e.g. 40003000000.")),
    "EE": (r"\d{8}", _("An Estonian registry code has 8 digits, e.g. 17361191.")),
    "LT": (r"\d{9}", _("A Lithuanian company code has 9 digits, e.g. 302123456.")),
}


def line(verbose_name, max_length=200, **kwargs):
    """A single line of free text, optional until the wizard asks for it."""
    return models.CharField(
        verbose_name,
        max_length=max_length,
        blank=True,
        validators=[no_control_characters],
        **kwargs,
    )


class ControllerAnswers(DocumentPart):
    """Step 1: who is responsible for the data, and how to reach them."""

    document = models.OneToOneField(
        "policies.Document", on_delete=models.CASCADE, related_name="controller"
    )
    legal_name = line(
        _("legal name"),
        help_text=_("Without the legal form, e.g. “Zaļā Sala” for SIA “Zaļā Sala”."),
    )
    legal_form = models.CharField(
        _("legal form"), max_length=16, choices=LegalForm.choices, blank=True
    )
    legal_form_other = line(_("legal form (other)"), 100)
    country = CountryField(_("country of registration"), default="LV")
    registration_number = line(_("registration number"), 20)
    vat_number = line(_("VAT number"), 20)
    legal_address = line(_("legal address"), 300)
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_("The main e-mail; people also write here about their data."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    website = models.URLField(_("website"), blank=True, max_length=300)
    contact_page_url = models.URLField(_("contact page"), blank=True, max_length=300)
    brand_name = line(
        _("brand or website name"), 100, help_text=_("If people know you by it, e.g. xparts.lv.")
    )
    privacy_contact_email = models.EmailField(
        _("e-mail for data protection questions"),
        blank=True,
        help_text=_("If it differs from the main e-mail."),
    )
    privacy_contact_role = line(
        _("who answers them"), 100, help_text=_("E.g. “our lawyer”. Optional.")
    )
    privacy_contact_role_en = translation(privacy_contact_role)
    dpo_appointed = models.BooleanField(_("a data protection officer is appointed"), default=False)
    dpo_name = line(_("data protection officer's name"), 150)
    dpo_email = models.EmailField(_("data protection officer's e-mail"), blank=True)
    dpo_phone = models.CharField(
        _("data protection officer's phone"),
        max_length=30,
        blank=True,
        validators=[phone_validator],
    )
    representative = line(
        _("representative in the EU"),
        300,
        help_text=_("Only for companies outside the EU/EEA: name and contacts (GDPR Art. 27)."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("controller details")

    def __str__(self):
        return self.legal_name

    def clean(self):
        super().clean()
        errors = {}
        number = re.sub(r"[\s-]", "", self.registration_number or "")
        self.registration_number = number
        if number:
            pattern, message = REGISTRATION_FORMATS.get(
                str(self.country), (r"[A-Za-z0-9]{2,20}", _("Use letters and digits only."))
            )
            if not re.fullmatch(pattern, number):
                errors["registration_number"] = message
        if self.legal_form == LegalForm.OTHER and not self.legal_form_other:
            errors["legal_form_other"] = _("Name the legal form.")
        if errors:
            raise ValidationError(errors)
