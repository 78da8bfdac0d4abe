from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policies.choices import TransferMechanism, TransferStatus
from policies.fields import MultiChoiceField
from policies.models.base import DocumentPart
from policies.texts import translation
from policyhub.countries import all_countries


class TransferAnswers(DocumentPart):
    """Step 8: personal data sent outside the EU/EEA, and the safeguards for it."""

    document = models.OneToOneField(
        "policies.Document", on_delete=models.CASCADE, related_name="transfers"
    )
    status = models.CharField(
        _("is personal data sent outside the EU/EEA?"),
        max_length=8,
        choices=TransferStatus.choices,
        blank=True,
    )
    countries = MultiChoiceField(_("countries"), options=all_countries)
    mechanisms = MultiChoiceField(_("legal grounds for the transfers"), options=TransferMechanism)
    copy_access = models.TextField(
        _("how people get a copy of the safeguards (e.g. the clauses)"),
        max_length=500,
        blank=True,
        help_text=_("E.g. “by writing to us at the e-mail above”."),
    )
    copy_access_en = translation(copy_access)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("transfers outside the EU/EEA")
