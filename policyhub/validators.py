import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def no_control_characters(value: str) -> None:
    """Names end up in e-mail headers, logs and PDFs: line breaks and control codes never do."""
    if any(unicodedata.category(ch) == "Cc" for ch in value or ""):
        raise ValidationError(
            _("Line breaks and control characters are not allowed here."), code="control"
        )


# Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): in a sentence they turn
# the rest of it around on the page and in the PDF. No language of the product needs them
# typed by hand; right-to-left letters display correctly without them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def no_bidi_controls(value) -> None:
    if not isinstance(value, str):
        return
    for position, ch in enumerate(value, start=1):
        if ch in BIDI_CONTROLS:
            raise ValidationError(
                _(
                    "The text has an invisible character, U+%(code)s at position %(position)s, "
                    "that changes the direction of the text and would turn the sentence "
                    "around on the page. Delete it, for example by typing that part anew."
                ),
                code="bidi",
                params={"code": f"{ord(ch):04X}", "position": position},
            )
