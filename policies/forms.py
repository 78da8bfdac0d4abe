from django import forms

from policies.models import Document


class DocumentCreateForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title_variant", "slug", "address_form", "english"]
        widgets = {"address_form": forms.RadioSelect}

    def validate_unique(self):
        pass  # checked by the service, with its own message


class DocumentSettingsForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title_variant", "address_form", "english"]
        widgets = {"address_form": forms.RadioSelect}
