"""The forms of the wizard's steps. Fields are optional while a step is being filled in (an
answer is never lost for being incomplete); the completeness check says what is missing.
A value that is given must be valid."""

import copy

from django import forms
from django.forms import modelformset_factory
from django.forms.formsets import DELETION_FIELD_NAME
from django.http import QueryDict
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from policies import catalogue, texts
from policies.models import (
    ControllerAnswers,
    Cookie,
    CookieAnswers,
    DataCategory,
    FinalAnswers,
    Purpose,
    Recipient,
    RecipientsAnswers,
    RetentionRule,
    RightsAnswers,
    ScopeAnswers,
    SecurityAnswers,
    Service,
    TransferAnswers,
)
from policies.wizard.fields import RowChoiceField, RowFormSet, RowMultipleChoiceField
from policies.wizard.help import apply_help
from policyhub.forms import PlainTextForm
from policyhub.history import detach


class AnswersForm(PlainTextForm, forms.ModelForm):
    """A step's form: fields get their plain-language help; radio buttons list only real
    answers, so an unanswered question simply has none chosen (a select keeps its empty
    choice). A text that reaches the policy has a field per language of the document
    (`languages`; every language when not given), shown side by side."""

    # Fields shown after the others, in a group of their own under this heading.
    apart_title = None
    apart_fields: tuple[str, ...] = ()

    def __init__(self, *args, languages=None, memo=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.memo = {} if memo is None else memo  # what the page's forms share (wizard.html)
        apply_help(self)
        for field in self.fields.values():
            # Choices of rows come from a queryset the form narrows to its document later:
            # reading them here would list every company's rows, and freeze that list.
            if (
                isinstance(field.widget, forms.RadioSelect)
                and hasattr(field, "choices")
                and not isinstance(field, forms.ModelChoiceField)
            ):
                field.choices = [c for c in field.choices if c[0] != ""]
        self._languages(texts.LANGUAGES if languages is None else languages)

    def _languages(self, languages):
        for name in texts.translated_fields(self._meta.model):
            if name not in self.fields:
                continue
            first = self.fields[name]
            label = capfirst(first.label)
            for language in texts.LANGUAGES:
                column = texts.column(name, language)
                if language not in languages:
                    del self.fields[column]
                    continue
                field = self.fields[column]
                if column != name:
                    field.widget = copy.deepcopy(first.widget)  # the same kind of box
                    field.help_text = IN_LANGUAGE[language]
                field.widget.attrs["lang"] = language
                if len(languages) > 1:
                    field.label = format_lazy("{} ({})", label, texts.TAGS[language])

    def field_groups(self, apart: bool = False) -> list[list]:
        """The visible fields, a text's languages together: [[lv, en], [other], ...]; those
        shown apart (`apart_fields`) left out, or with `apart` only those. A row's "Delete"
        comes after the fields shown apart (`delete_field`)."""
        model = self._meta.model
        groups = []
        for bound in self.visible_fields():
            if texts.is_translation(model, bound.name):
                continue
            if (bound.name in self.apart_fields) != apart:
                continue
            if self.apart_fields and bound.name == DELETION_FIELD_NAME:
                continue
            group = [bound]
            if bound.name in texts.translated_fields(model):
                group += [
                    self[texts.column(bound.name, language)]
                    for language in texts.TRANSLATIONS
                    if texts.column(bound.name, language) in self.fields
                ]
            groups.append(group)
        return groups

    def apart_groups(self) -> list[list[tuple]]:
        """The fields shown apart, grouped as `field_groups`, each with its language warning
        ("" for none): [[(lv, ""), (en, warning)], ...]."""
        warnings = self.language_warnings()
        return [
            [(bound, warnings.get(bound.name, "")) for bound in group]
            for group in self.field_groups(apart=True)
        ]

    def delete_field(self):
        """A row's "Delete", when it follows the fields shown apart."""
        if self.apart_fields and DELETION_FIELD_NAME in self.fields:
            return self[DELETION_FIELD_NAME]
        return None

    def apart_open(self) -> bool:
        """Whether the group shown apart starts open: when one of its fields has an error."""
        return any(bound.errors for group in self.field_groups(apart=True) for bound in group)

    def language_warnings(self) -> dict[str, str]:
        """Field name -> a gentle warning, for a text of another language that reads as
        Latvian. A warning, never an error: the company decides what its text says."""
        warnings = {}
        for name in texts.translated_fields(self._meta.model):
            for language in texts.TRANSLATIONS:
                column = texts.column(name, language)
                if column in self.fields and texts.looks_latvian(str(self[column].value() or "")):
                    warnings[column] = LOOKS_LATVIAN
        return warnings


def with_translations(model, fields: list[str]) -> list[str]:
    """A form's fields with the column of each further language after each text."""
    result = []
    for name in fields:
        result.append(name)
        if name in texts.translated_fields(model):
            result += [texts.column(name, language) for language in texts.TRANSLATIONS]
    return result


IN_LANGUAGE = {"en": _("As the English policy is to say it.")}
LOOKS_LATVIAN = _(
    "This reads like Latvian. The English policy prints this field as it is: write it in "
    "English, unless the Latvian words are meant."
)


class ControllerForm(AnswersForm):
    class Meta:
        model = ControllerAnswers
        fields = with_translations(
            ControllerAnswers,
            [
                "legal_name",
                "legal_form",
                "legal_form_other",
                "country",
                "registration_number",
                "vat_number",
                "legal_address",
                "email",
                "phone",
                "website",
                "contact_page_url",
                "brand_name",
                "privacy_contact_email",
                "privacy_contact_role",
                "dpo_appointed",
                "dpo_name",
                "dpo_email",
                "dpo_phone",
                "representative",
            ],
        )


class ScopeForm(AnswersForm):
    class Meta:
        model = ScopeAnswers
        fields = with_translations(
            ScopeAnswers,
            ["channels", "data_subjects", "intro", "acts_as_processor", "processor_note"],
        )
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 2}),
            "processor_note": forms.Textarea(attrs={"rows": 2}),
        }


class ServiceForm(AnswersForm):
    class Meta:
        model = Service
        fields = with_translations(Service, ["name", "url"])


class DataCategoryForm(AnswersForm):
    class Meta:
        model = DataCategory
        fields = with_translations(
            DataCategory,
            [
                "code",
                "label",
                "examples",
                "sources",
                "third_party_sources",
                "provision",
                "condition",
                "special_category",
                "special_condition",
            ],
        )


class DocumentRowsForm(AnswersForm):
    """A row form whose choices of other rows are limited to the same document."""

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.document = document


class PurposeForm(DocumentRowsForm):
    # Asked for the records of processing activities only: the policy does not print them.
    apart_title = _("For your records of processing (optional)")
    apart_fields = ("register_owner", "register_systems", "dpia", "dpia_reason", "reviewed_on")

    class Meta:
        model = Purpose
        fields = with_translations(
            Purpose,
            [
                "code",
                "label",
                "description",
                "legal_bases",
                "legitimate_interest",
                "interest_holder",
                "categories",
                "involves_profiling",
                "register_owner",
                "register_systems",
                "dpia",
                "dpia_reason",
                "reviewed_on",
            ],
        )
        widgets = {
            "reviewed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 2}),
            "legitimate_interest": forms.Textarea(attrs={"rows": 2}),
            "categories": forms.CheckboxSelectMultiple,
        }
        field_classes = {"categories": RowMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = DataCategory.objects.for_tenant(
            self.document.tenant
        ).filter(document=self.document)


class RecipientsForm(AnswersForm):
    class Meta:
        model = RecipientsAnswers
        fields = ["none_declared"]


class RecipientForm(AnswersForm):
    catalogue_key = forms.ChoiceField(
        choices=[("", "")] + [(e.key, e.name) for e in catalogue.PROCESSORS],
        required=False,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Recipient
        fields = with_translations(
            Recipient,
            [
                "catalogue_key",
                "name",
                "legal_entity",
                "role",
                "service_type",
                "purpose",
                "country",
                "transfers_to",
                "mechanisms",
                "condition",
                "arrangement",
            ],
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True


class RetentionRuleForm(DocumentRowsForm):
    class Meta:
        model = RetentionRule
        fields = with_translations(
            RetentionRule,
            [
                "category",
                "purpose",
                "label",
                "bound",
                "period",
                "period_max",
                "unit",
                "trigger",
                "criterion",
                "legal_reference",
                "note",
            ],
        )
        field_classes = {"category": RowChoiceField, "purpose": RowChoiceField}
        error_messages = {
            "period": {"invalid": _("Enter a whole number, e.g. 7.")},
            "period_max": {"invalid": _("Enter a whole number, e.g. 7.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tenant = self.document.tenant
        self.fields["category"].queryset = DataCategory.objects.for_tenant(tenant).filter(
            document=self.document
        )
        self.fields["purpose"].queryset = Purpose.objects.for_tenant(tenant).filter(
            document=self.document
        )


class CookieForm(AnswersForm):
    class Meta:
        model = CookieAnswers
        fields = [
            "uses_cookies",
            "categories",
            "tool_keys",
            "tools",
            "management",
            "consent_first",
            "cookie_policy_url",
        ]
        widgets = {"uses_cookies": forms.RadioSelect}


class CookieRowForm(AnswersForm):
    class Meta:
        model = Cookie
        fields = with_translations(
            Cookie, ["name", "provider", "purpose", "category", "duration", "party"]
        )


class TransferForm(AnswersForm):
    class Meta:
        model = TransferAnswers
        fields = with_translations(
            TransferAnswers,
            ["status", "countries", "mechanisms", "copy_access"],
        )
        widgets = {
            "status": forms.RadioSelect,
            "copy_access": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A long list of every country reads better as a multiple select than as checkboxes.
        # A widget set after the field was made has no choices of its own: give it the field's.
        countries = self.fields["countries"]
        countries.widget = forms.SelectMultiple(attrs={"size": 8}, choices=countries.choices)
        countries.help_text = format_lazy(
            "{} {}",
            countries.help_text,
            _("Hold Ctrl (⌘ on a Mac) to choose several countries."),
        )


class SecurityForm(AnswersForm):
    class Meta:
        model = SecurityAnswers
        fields = with_translations(
            SecurityAnswers,
            ["measures", "description"],
        )
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class RightsForm(AnswersForm):
    class Meta:
        model = RightsAnswers
        fields = with_translations(
            RightsAnswers,
            [
                "rights",
                "channels",
                "account_section",
                "authority",
                "authority_other",
                "also_dvi",
            ],
        )
        widgets = {"authority_other": forms.Textarea(attrs={"rows": 2})}


class FinalForm(AnswersForm):
    class Meta:
        model = FinalAnswers
        fields = with_translations(
            FinalAnswers,
            [
                "min_age",
                "children",
                "automated_decisions",
                "automated_description",
                "automated_significance",
                "automated_ground",
                "change_notices",
                "third_party_links",
                "accuracy_duty",
                "identity_note",
            ],
        )
        widgets = {
            "automated_decisions": forms.RadioSelect,
            "automated_description": forms.Textarea(attrs={"rows": 2}),
            "automated_significance": forms.Textarea(attrs={"rows": 2}),
            "identity_note": forms.Textarea(attrs={"rows": 2}),
        }


ROW_PREFIX = "rows"
SECTION_PREFIX = "section"


class StepForms:
    """The forms of one step, bound together: the section's form and the rows' formset."""

    def __init__(self, step, document, data=None, languages=None):
        """`languages`: the languages whose texts the forms ask for; every language when not
        given (the import keeps whatever a file holds)."""
        self.step = step
        self.document = document
        self.section_form = None
        self.formset = None
        self.memo = {}  # lists of choices and their options, made once for every row
        if step.section:
            instance = step.section_model.objects.for_tenant(document.tenant).get(document=document)
            self.section_form = step.section_form(
                data, instance=instance, prefix=SECTION_PREFIX, languages=languages, memo=self.memo
            )
        if step.row_model:
            rows = step.row_model.objects.for_tenant(document.tenant).filter(document=document)
            many = [f.name for f in step.row_model._meta.many_to_many]
            if many:  # a row's choices of other rows, for every row in one query
                rows = rows.prefetch_related(*many)
            FormSet = modelformset_factory(
                step.row_model,
                form=step.row_form,
                formset=RowFormSet,
                extra=0 if rows.exists() else 1,
                can_delete=True,
            )
            kwargs = {"languages": languages, "memo": self.memo}
            if issubclass(step.row_form, DocumentRowsForm):
                kwargs["document"] = document
            self.formset = FormSet(data, queryset=rows, prefix=ROW_PREFIX, form_kwargs=kwargs)

    def blank_new_row(self) -> int | None:
        """The index of a trailing new row nobody has typed in, if there is one."""
        if self.formset is None or not self.formset.is_bound:
            return None
        try:
            forms = self.formset.forms
        except Exception:  # a damaged management form: no rows to reuse
            return None
        if forms and not forms[-1].instance.pk and not forms[-1].has_changed():
            return len(forms) - 1
        return None

    def focus_row(self, index: int) -> None:
        """Start the keyboard in the first field of row `index` (a row just added), where the
        person goes on typing, rather than at the top of the re-shown page."""
        if self.formset is None:
            return
        try:
            forms = self.formset.forms
        except Exception:  # a damaged management form: no rows to focus
            return
        if not forms:
            return
        for field in forms[index].fields.values():
            if not field.widget.is_hidden:
                field.widget.attrs["autofocus"] = True
                return

    def as_data(self) -> QueryDict:
        """The saved answers as the step's page posts them when nothing is changed: the start
        of a change made outside the page (a scan's finding) that still goes through these
        forms."""
        data = QueryDict(mutable=True)
        forms = [self.section_form] if self.section_form is not None else []
        if self.formset is not None:
            management = self.formset.management_form
            for name in management.fields:
                data[management.add_prefix(name)] = str(management[name].value())
            forms += list(self.formset.forms)
        for form in forms:
            for name in form.fields:
                value = form[name].value()
                key = form.add_prefix(name)
                if isinstance(value, bool):
                    if value:
                        data[key] = "on"
                elif isinstance(value, list | tuple):
                    data.setlist(key, [str(v) for v in value])
                else:
                    data[key] = "" if value is None else str(value)
        return data

    def is_valid(self) -> bool:
        valid = True
        if self.section_form is not None:
            valid &= self.section_form.is_valid()
        if self.formset is not None:
            valid &= self.formset.is_valid()
        return valid

    def save(self):
        if self.section_form is not None:
            self.section_form.save()
        if self.formset is not None:
            self._save_rows()

    def _save_rows(self):
        formset = self.formset
        for form in formset.deleted_forms:
            if form.instance.pk:
                detach(form.instance)
                form.instance.delete()
        position = 0
        for form in formset.forms:
            if form in formset.deleted_forms:
                continue
            if not form.instance.pk and not form.has_changed():
                continue  # an empty row left blank
            instance = form.save(commit=False)
            if form.has_changed() or instance.position != position or not instance.pk:
                instance.document = self.document
                instance.position = position
                instance.save()
                form.save_m2m()
            position += 1


def add_row(data, prefix=ROW_PREFIX, values=None, at=None):
    """A copy of the posted data with one more row, optionally filled with `values`.

    With `at`, the values fill that (blank) row instead of a new one.
    """
    data = data.copy()
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    except ValueError:
        total = 0
    index = total if at is None else at
    for name, value in (values or {}).items():
        if isinstance(value, list):
            data.setlist(f"{prefix}-{index}-{name}", value)
        else:
            data[f"{prefix}-{index}-{name}"] = value
    if at is None:
        data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
    return data
