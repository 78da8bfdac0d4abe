from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policies.choices import SecurityMeasure
from policies.fields import MultiChoiceField
from policies.models.base import DocumentPart
from policies.texts import translation


class SecurityAnswers(DocumentPart):
    """Step 9: how the data is protected."""

    document = models.OneToOneField(
        "policies.Document", on_delete=models.CASCADE, related_name="security"
    )
    measures = MultiChoiceField(_("measures"), options=SecurityMeasure)
    description = models.TextField(_("anything else about security"), max_length=1000, blank=True)
    description_en = translation(description)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("security")
