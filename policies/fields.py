"""A field for "tick all that apply" answers: a JSON list of codes from a fixed set."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class MultiChoiceField(models.JSONField):
    def __init__(self, *args, options=None, **kwargs):
        # A TextChoices class, or a callable returning (code, label) pairs. Options live in
        # code, not in the database, so migrations do not record them.
        self.options = options
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def option_choices(self):
        options = self.options
        if options is None:
            return []
        if hasattr(options, "choices"):
            return list(options.choices)
        return list(options())

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not isinstance(value, list):
            raise ValidationError(_("Choose from the list."), code="invalid_list")
        allowed = {code for code, _label in self.option_choices()}
        unknown = [v for v in value if v not in allowed]
        if unknown:
            raise ValidationError(
                _("Unknown choice: %(value)s."),
                code="invalid_choice",
                params={"value": ", ".join(map(str, unknown))},
            )
        if len(set(value)) != len(value):
            raise ValidationError(_("A choice is repeated."), code="duplicate")

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.option_choices,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )
