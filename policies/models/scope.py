from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policies.choices import DataSubjectCategory, ServiceChannel
from policies.fields import MultiChoiceField
from policies.models.base import DocumentPart, Row
from policies.models.controller import line
from policies.texts import translation


class ScopeAnswers(DocumentPart):
    """Step 2: where and for whom the policy applies."""

    document = models.OneToOneField(
        "policies.Document", on_delete=models.CASCADE, related_name="scope"
    )
    channels = MultiChoiceField(_("where you meet people"), options=ServiceChannel)
    data_subjects = MultiChoiceField(_("whose data you process"), options=DataSubjectCategory)
    intro = models.TextField(
        _("what you do, in one or two sentences"),
        max_length=1000,
        blank=True,
        help_text=_("E.g. “We run the online shop xparts.lv and a shop in Rīga.”"),
    )
    intro_en = translation(intro)
    acts_as_processor = models.BooleanField(
        _("our customers store their own clients' data in our service"),
        default=False,
        help_text=_(
            "For software services: for such data you process on your customers' behalf, "
            "and their policies cover it."
        ),
    )
    processor_note = models.TextField(
        _("which data you process on your customers' behalf"), max_length=1000, blank=True
    )
    processor_note_en = translation(processor_note)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scope")


class Service(Row):
    """A product, website or app the policy covers."""

    document = models.ForeignKey(
        "policies.Document", on_delete=models.CASCADE, related_name="services"
    )
    name = line(_("name"), 150)
    name_en = translation(name)
    url = models.URLField(_("address"), blank=True, max_length=300)

    history = HistoricalRecords()

    class Meta(Row.Meta):
        verbose_name = _("service")

    def __str__(self):
        return self.name
