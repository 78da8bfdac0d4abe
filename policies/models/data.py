from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policies.choices import (
    DataCategoryCode,
    DataSource,
    LegalBasis,
    ProvisionRequirement,
    PurposeCode,
)
from policies.fields import MultiChoiceField
from policies.models.base import Row
from policies.models.controller import line

NAME_IT = _("Name it, because you chose “Other”.")


class DataCategory(Row):
    """Step 3: a kind of personal data, where it comes from and whether it must be given."""

    document = models.ForeignKey(
        "policies.Document", on_delete=models.CASCADE, related_name="data_categories"
    )
    code = models.CharField(_("kind of data"), max_length=32, choices=DataCategoryCode.choices)
    label = line(_("own name"), 150, help_text=_("Required only if you chose “Other”."))
    examples = line(_("for example"), 500, help_text=_("E.g. name, surname, e-mail, phone number."))
    sources = MultiChoiceField(_("where it comes from"), options=DataSource)
    third_party_sources = line(_("which third parties"), 300)
    provision = models.CharField(
        _("must people give it?"),
        max_length=16,
        choices=ProvisionRequirement.choices,
        blank=True,
        help_text=_("GDPR Art. 13(2)(e): whether the data is required and why."),
    )
    condition = line(_("only when"), 300, help_text=_("E.g. “if you pay by card”. Optional."))
    special_category = models.BooleanField(
        _("sensitive data (health, beliefs, biometrics...)"), default=False
    )

    history = HistoricalRecords()

    class Meta(Row.Meta):
        verbose_name = _("kind of data")
        verbose_name_plural = _("kinds of data")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.label or str(DataCategoryCode(self.code).label) if self.code else self.label

    def clean(self):
        super().clean()
        if self.code == DataCategoryCode.CUSTOM and not self.label:
            raise ValidationError({"label": NAME_IT})


class Purpose(Row):
    """Step 4: why data is processed, and on which legal basis (GDPR Art. 6(1))."""

    document = models.ForeignKey(
        "policies.Document", on_delete=models.CASCADE, related_name="purposes"
    )
    code = models.CharField(_("purpose"), max_length=32, choices=PurposeCode.choices)
    label = line(_("own name"), 150, help_text=_("Required only if you chose “Other”."))
    description = models.TextField(
        _("what it involves"),
        max_length=1000,
        blank=True,
        help_text=_("Optional detail, e.g. “sending order confirmations and invoices”."),
    )
    legal_bases = MultiChoiceField(_("legal basis"), options=LegalBasis)
    legitimate_interest = models.TextField(
        _("your legitimate interest"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Needed for legitimate interests: what the interest is and why it outweighs "
            "the person's interests."
        ),
    )
    categories = models.ManyToManyField(
        DataCategory, blank=True, related_name="purposes", verbose_name=_("data used")
    )
    involves_profiling = models.BooleanField(_("involves profiling"), default=False)

    history = HistoricalRecords(m2m_fields=[categories])

    class Meta(Row.Meta):
        verbose_name = _("purpose")
        verbose_name_plural = _("purposes")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.label or str(PurposeCode(self.code).label) if self.code else self.label

    def clean(self):
        super().clean()
        errors = {}
        if self.code == PurposeCode.CUSTOM and not self.label:
            errors["label"] = NAME_IT
        if not self.legal_bases:
            errors["legal_bases"] = _("Choose at least one legal basis.")
        if errors:
            raise ValidationError(errors)
