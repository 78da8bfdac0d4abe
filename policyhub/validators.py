import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def no_control_characters(value: str) -> None:
    """Names end up in e-mail headers, logs and PDFs: line breaks and control codes never do."""
    if any(unicodedata.category(ch) == "Cc" for ch in value or ""):
        raise ValidationError(
            _("Line breaks and control characters are not allowed here."), code="control"
        )
