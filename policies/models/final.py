from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policies.choices import AutomatedGround, ChangeNoticeMethod, YesNo
from policies.fields import MultiChoiceField
from policies.models.base import DocumentPart
from policies.texts import translation


class FinalAnswers(DocumentPart):
    """Step 11: age limit, automated decisions, how changes are announced, extras."""

    document = models.OneToOneField(
        "policies.Document", on_delete=models.CASCADE, related_name="final"
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age of users"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(99)],
        help_text=_("Leave empty if there is none. In Latvia children consent online from 13."),
    )
    automated_decisions = models.CharField(
        _("do you take decisions about people by automated means alone?"),
        max_length=3,
        choices=YesNo.choices,
        blank=True,
        help_text=_(
            "Decisions with legal or similarly significant effects, e.g. automatic "
            "refusal of credit (GDPR Art. 22)."
        ),
    )
    automated_description = models.TextField(
        _("what the decisions are, their logic and consequences"), max_length=1000, blank=True
    )
    automated_description_en = translation(automated_description)
    automated_significance = models.TextField(
        _("what such a decision means for the person"),
        max_length=1000,
        blank=True,
        help_text=_("Its significance and the consequences the person can expect."),
    )
    automated_significance_en = translation(automated_significance)
    automated_ground = models.CharField(
        _("why the decisions are allowed"),
        max_length=20,
        choices=AutomatedGround.choices,
        blank=True,
    )
    children = models.CharField(
        _("are your services also meant for children under 13?"),
        max_length=3,
        choices=YesNo.choices,
        blank=True,
        help_text=_(
            "In Latvia a child under 13 cannot give consent online alone: a parent or "
            "guardian gives it."
        ),
    )
    change_notices = MultiChoiceField(
        _("how you announce changes of the policy"), options=ChangeNoticeMethod
    )
    third_party_links = models.BooleanField(
        _("say that linked third-party websites have their own policies"), default=False
    )
    accuracy_duty = models.BooleanField(
        _("ask people to keep their data up to date"), default=False
    )
    identity_note = models.TextField(
        _("how you verify identity"),
        max_length=500,
        blank=True,
        help_text=_("Optional, e.g. “an order is identified by the e-mail address given”."),
    )
    identity_note_en = translation(identity_note)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("final details")
