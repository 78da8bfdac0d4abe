from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policies import texts
from policies.choices import PeriodUnit, RetentionBound, RetentionTrigger
from policies.models.base import Row
from policies.models.controller import line
from policies.texts import translation


class RetentionRule(Row):
    """Step 6: how long one kind of data (or the data of one purpose) is kept."""

    document = models.ForeignKey(
        "policies.Document", on_delete=models.CASCADE, related_name="retention_rules"
    )
    category = models.ForeignKey(
        "policies.DataCategory",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="retention_rules",
        verbose_name=_("kind of data"),
    )
    purpose = models.ForeignKey(
        "policies.Purpose",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="retention_rules",
        verbose_name=_("or purpose"),
    )
    label = line(_("or own name"), 150, help_text=_("E.g. “Requests”, “Logs”."))
    label_en = translation(label)
    bound = models.CharField(
        _("kind of period"),
        max_length=16,
        choices=RetentionBound.choices,
        default=RetentionBound.EXACT,
    )
    period = models.PositiveIntegerField(
        _("number"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    period_max = models.PositiveIntegerField(
        _("range ends at"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    unit = models.CharField(_("unit"), max_length=8, choices=PeriodUnit.choices, blank=True)
    trigger = models.CharField(
        _("until"), max_length=32, choices=RetentionTrigger.choices, blank=True
    )
    criterion = line(_("or describe the event"), 300)
    criterion_en = translation(criterion)
    legal_reference = line(
        _("law that requires it"), 200, help_text=_("E.g. “Grāmatvedības likums”. Optional.")
    )
    legal_reference_en = translation(legal_reference)
    note = line(_("note"), 300, help_text=_("E.g. “in backups for up to 30 more days”."))
    note_en = translation(note)

    history = HistoricalRecords()

    class Meta(Row.Meta):
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")

    def __str__(self):
        return self.subject

    @property
    def subject(self) -> str:
        if self.category_id:
            return self.category.name
        if self.purpose_id:
            return self.purpose.name
        return texts.text(self, "label", get_language() or texts.FIRST) or self.label

    def subject_in(self, language: str) -> str:
        """What the period is for, as the policy in `language` names it."""
        if self.category_id:
            return self.category.name_in(language)
        if self.purpose_id:
            return self.purpose.name_in(language)
        return texts.text(self, "label", language)

    def clean(self):
        super().clean()
        errors = {}
        if not (self.category_id or self.purpose_id or self.label):
            errors["label"] = _("Say what this period is for: a kind of data, a purpose or a name.")
        if self.bound == RetentionBound.CRITERION:
            if not (self.trigger or self.criterion):
                errors["trigger"] = _("Choose until when, or describe the event.")
        else:
            if self.period is None:
                errors["period"] = _("Enter the number, e.g. 7.")
            if not self.unit:
                errors["unit"] = _("Choose days, months or years.")
            if self.bound == RetentionBound.RANGE:
                if self.period_max is None:
                    errors["period_max"] = _("Enter where the range ends.")
                elif self.period is not None and self.period_max <= self.period:
                    errors["period_max"] = _("The end of the range must be above its start.")
        if self.unit and self.period is None and "period" not in errors:
            errors["period"] = _("A unit needs a number.")
        if errors:
            raise ValidationError(errors)
