"""Choice fields for rows of the same document that refuse impossible ids before asking the
database (a 30-digit "id" would otherwise overflow the database driver: a server error)."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseModelFormSet

MAX_ID = 2**63 - 1


def _plausible_id(value) -> bool:
    text = str(value)
    return text.isdigit() and 0 < int(text) <= MAX_ID


class RowChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _plausible_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class RowMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value:
            if not _plausible_id(item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


class RowFormSet(BaseModelFormSet):
    """A model formset whose hidden row ids are checked the same way, against the formset's
    own rows (Django's default looks them up among every company's rows)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        name = self.model._meta.pk.name
        original = form.fields[name]
        form.fields[name] = RowChoiceField(
            self.get_queryset(), initial=original.initial, required=False, widget=original.widget
        )
