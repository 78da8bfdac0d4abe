"""Django strings whose Latvian translation Django itself lacks; our catalogue supplies it."""

from django.utils.translation import gettext_lazy as _

# django.db.models.fields.BLANK_CHOICE_LABEL, the empty choice of every select (Django 6.1).
BLANK_CHOICE_LABEL = _("- Select an option -")
