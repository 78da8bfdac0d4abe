from django import forms
from django.utils.translation import gettext_lazy as _

from policies.models import Document


class DocumentCreateForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title_variant", "slug", "address_form", "english"]
        widgets = {"address_form": forms.RadioSelect}

    def validate_unique(self):
        pass  # checked by the service, with its own message


ENGLISH_OFF = _(
    "Without English, versions published from now on have no English text and no English "
    "addresses; the English pages and PDFs of versions published earlier stay online at their "
    "addresses. The English texts typed in the wizard are kept, should English be turned on "
    "again."
)
ENGLISH_ON = _(
    "With English, every text typed in the wizard needs its English version before the "
    "document can be sent for review; the GDPR check lists each one."
)


class DocumentSettingsForm(forms.ModelForm):
    """Only an owner turns English on or off: it decides what the public pages offer."""

    class Meta:
        model = Document
        fields = ["title_variant", "address_form", "english"]
        widgets = {"address_form": forms.RadioSelect}

    def __init__(self, *args, may_change_languages: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        english = self.fields["english"]
        english.help_text = ENGLISH_OFF if self.instance.english else ENGLISH_ON
        if not may_change_languages:
            english.disabled = True
            english.help_text = _("Only an owner turns the English version on or off.")
