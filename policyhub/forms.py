from django import forms

from policyhub.validators import no_bidi_controls


class PlainTextForm:
    """A form mixin: every text field refuses the characters that change the direction of the
    text (see `no_bidi_controls`), so typed text reads on the page as it was typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # A password is never shown, so any character may be in it.
            if isinstance(field, forms.CharField) and not isinstance(
                field.widget, forms.PasswordInput
            ):
                field.validators.append(no_bidi_controls)
