from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from policies.choices import RecipientRole, RecipientServiceType, TransferMechanism
from policies.fields import MultiChoiceField
from policies.models.base import DocumentPart, Row
from policies.models.controller import line
from policies.texts import translation
from policyhub.countries import is_eea


class RecipientsAnswers(DocumentPart):
    """Step 5, for the whole list: a company may state that it shares data with nobody."""

    document = models.OneToOneField(
        "policies.Document", on_delete=models.CASCADE, related_name="recipients_answers"
    )
    none_declared = models.BooleanField(
        _("we give personal data to nobody outside the company"), default=False
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recipients")


class Recipient(Row):
    """Step 5: who receives personal data (a processor, another controller, an authority)."""

    document = models.ForeignKey(
        "policies.Document", on_delete=models.CASCADE, related_name="recipients"
    )
    catalogue_key = models.CharField(max_length=40, blank=True)
    name = line(_("name or description"), 200)
    name_en = translation(name)
    legal_entity = line(_("legal entity"), 200)
    role = models.CharField(
        _("role"), max_length=24, choices=RecipientRole.choices, default=RecipientRole.PROCESSOR
    )
    service_type = models.CharField(
        _("service"), max_length=24, choices=RecipientServiceType.choices, blank=True
    )
    purpose = line(_("what for"), 300, help_text=_("E.g. “to process payments”."))
    purpose_en = translation(purpose)
    country = CountryField(
        _("country"),
        default="LV",
        blank=True,
        help_text=_("Leave empty for a group of recipients in several countries."),
    )
    transfers_to = line(
        _("other countries outside the EU/EEA"),
        200,
        help_text=_("If the provider may send data on, e.g. to its US parent company."),
    )
    mechanisms = MultiChoiceField(
        _("legal ground for transfers outside the EU/EEA"), options=TransferMechanism
    )
    condition = line(_("only when"), 300, help_text=_("E.g. “if you choose courier delivery”."))
    condition_en = translation(condition)
    arrangement = models.TextField(
        _("the essence of the joint-controller arrangement"),
        max_length=1000,
        blank=True,
        help_text=_(
            "For joint controllers only (GDPR Art. 26(2)): who does what, e.g. who answers "
            "people's requests."
        ),
    )
    arrangement_en = translation(arrangement)

    history = HistoricalRecords()

    class Meta(Row.Meta):
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")

    def __str__(self):
        return self.name

    def get_mechanisms_display(self) -> str:
        return ", ".join(str(TransferMechanism(code).label) for code in self.mechanisms)

    @property
    def outside_eea(self) -> bool:
        country = str(self.country)
        return bool(country and not is_eea(country)) or bool(self.transfers_to.strip())
