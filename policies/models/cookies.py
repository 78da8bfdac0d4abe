from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policies.choices import CookieCategory, CookieManagement, YesNo
from policies.fields import MultiChoiceField
from policies.models.base import DocumentPart
from policies.models.controller import line


class CookieAnswers(DocumentPart):
    """Step 7: cookies and similar technologies on the company's website or app."""

    document = models.OneToOneField(
        "policies.Document", on_delete=models.CASCADE, related_name="cookies"
    )
    uses_cookies = models.CharField(
        _("does your website or app use cookies?"),
        max_length=3,
        choices=YesNo.choices,
        blank=True,
    )
    categories = MultiChoiceField(_("kinds of cookies"), options=CookieCategory)
    tools = line(
        _("tools that set cookies"),
        300,
        help_text=_("Name only the tools you really use, e.g. “Google Analytics, Meta Pixel”."),
    )
    management = MultiChoiceField(_("how visitors manage cookies"), options=CookieManagement)
    consent_first = models.BooleanField(
        _("cookies other than strictly necessary ones are set only after consent"), default=False
    )
    cookie_policy_url = models.URLField(_("address of a separate cookie policy"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cookies")
