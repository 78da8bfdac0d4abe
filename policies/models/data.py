from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policies import texts
from policies.choices import (
    DataCategoryCode,
    DataSource,
    DpiaStatus,
    InterestHolder,
    LegalBasis,
    ProvisionRequirement,
    PurposeCode,
    SpecialCondition,
)
from policies.fields import MultiChoiceField
from policies.models.base import Row
from policies.models.controller import line
from policies.texts import translation

NAME_IT = _("Name it, because you chose “Other”.")


def _name(row, codes) -> str:
    own = texts.text(row, "label", get_language() or texts.FIRST) or row.label
    return own or (str(codes(row.code).label) if row.code else "")


def _name_in(row, codes, language: str) -> str:
    own = texts.text(row, "label", language)
    if own or not row.code:
        return own
    with override(language):
        return str(codes(row.code).label)


class DataCategory(Row):
    """Step 3: a kind of personal data, where it comes from and whether it must be given."""

    document = models.ForeignKey(
        "policies.Document", on_delete=models.CASCADE, related_name="data_categories"
    )
    code = models.CharField(_("kind of data"), max_length=32, choices=DataCategoryCode.choices)
    label = line(_("own name"), 150, help_text=_("Required only if you chose “Other”."))
    label_en = translation(label)
    examples = line(_("for example"), 500, help_text=_("E.g. name, surname, e-mail, phone number."))
    examples_en = translation(examples)
    sources = MultiChoiceField(_("where it comes from"), options=DataSource)
    third_party_sources = line(_("which third parties"), 300)
    third_party_sources_en = translation(third_party_sources)
    provision = models.CharField(
        _("must people give it?"),
        max_length=16,
        choices=ProvisionRequirement.choices,
        blank=True,
        help_text=_("GDPR Art. 13(2)(e): whether the data is required and why."),
    )
    condition = line(_("only when"), 300, help_text=_("E.g. “if you pay by card”. Optional."))
    condition_en = translation(condition)
    special_category = models.BooleanField(
        _("sensitive data (health, beliefs, biometrics...)"), default=False
    )
    special_condition = models.CharField(
        _("the condition that allows processing it"),
        max_length=24,
        choices=SpecialCondition.choices,
        blank=True,
        help_text=_("For sensitive data only: the condition of GDPR Art. 9(2) you rely on."),
    )

    history = HistoricalRecords()

    class Meta(Row.Meta):
        verbose_name = _("kind of data")
        verbose_name_plural = _("kinds of data")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The name on the page being shown: its own name in the page's language, else the
        Latvian one, else the name of its kind."""
        return _name(self, DataCategoryCode)

    def name_in(self, language: str) -> str:
        """The name as the policy in `language` prints it."""
        return _name_in(self, DataCategoryCode, language)

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
    label_en = translation(label)
    description = models.TextField(
        _("what it involves"),
        max_length=1000,
        blank=True,
        help_text=_("Optional detail, e.g. “sending order confirmations and invoices”."),
    )
    description_en = translation(description)
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
    legitimate_interest_en = translation(legitimate_interest)
    interest_holder = models.CharField(
        _("whose legitimate interest"),
        max_length=16,
        choices=InterestHolder.choices,
        default=InterestHolder.CONTROLLER,
        blank=True,
    )
    categories = models.ManyToManyField(
        DataCategory, blank=True, related_name="purposes", verbose_name=_("data used")
    )
    involves_profiling = models.BooleanField(_("involves profiling"), default=False)

    # For the records of processing activities (GDPR Art. 30) only; the policy does not say.
    register_owner = line(
        _("who is responsible inside the company"),
        150,
        help_text=_("A role or a department, e.g. “sales manager”."),
    )
    register_owner_en = translation(register_owner)
    register_systems = line(
        _("systems used"), 300, help_text=_("E.g. “Shopify, Google Workspace, accounting app”.")
    )
    dpia = models.CharField(
        _("data protection impact assessment"),
        max_length=12,
        choices=DpiaStatus.choices,
        blank=True,
    )
    dpia_reason = line(
        _("why"),
        300,
        help_text=_("E.g. “no large-scale monitoring or special categories of data”."),
    )
    dpia_reason_en = translation(dpia_reason)
    reviewed_on = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When this activity's record was last checked."),
    )

    history = HistoricalRecords(m2m_fields=[categories])

    class Meta(Row.Meta):
        verbose_name = _("purpose")
        verbose_name_plural = _("purposes")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return _name(self, PurposeCode)

    def name_in(self, language: str) -> str:
        return _name_in(self, PurposeCode, language)

    def clean(self):
        super().clean()
        errors = {}
        if self.code == PurposeCode.CUSTOM and not self.label:
            errors["label"] = NAME_IT
        if not self.legal_bases:
            errors["legal_bases"] = _("Choose at least one legal basis.")
        if errors:
            raise ValidationError(errors)
