from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policies.choices import Authority, DataSubjectRight, ExerciseChannel
from policies.fields import MultiChoiceField
from policies.models.base import DocumentPart
from policies.models.controller import line
from policies.texts import translation


def default_rights():
    return [r.value for r in DataSubjectRight if r != DataSubjectRight.AUTOMATED_DECISIONS]


class RightsAnswers(DocumentPart):
    """Step 10: the rights people have, how they use them, and where they can complain."""

    document = models.OneToOneField(
        "policies.Document", on_delete=models.CASCADE, related_name="rights"
    )
    rights = MultiChoiceField(_("rights stated"), options=DataSubjectRight, default=default_rights)
    channels = MultiChoiceField(_("how people use their rights"), options=ExerciseChannel)
    account_section = line(
        _("name of the section in the account"), 100, help_text=_("E.g. “Privātums & dati”.")
    )
    account_section_en = translation(account_section)
    authority = models.CharField(
        _("supervisory authority"),
        max_length=16,
        choices=Authority.choices,
        default=Authority.LV_DVI,
    )
    authority_other = models.TextField(
        _("another authority: name and contacts"), max_length=500, blank=True
    )
    authority_other_en = translation(authority_other)
    also_dvi = models.BooleanField(
        _("also mention the Latvian Data State Inspectorate"),
        default=False,
        help_text=_("For companies outside Latvia whose customers live in Latvia."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rights and contacts")
