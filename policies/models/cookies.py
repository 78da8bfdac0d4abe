from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policies import catalogue
from policies.choices import CookieCategory, CookieManagement, CookieParty, YesNo
from policies.fields import MultiChoiceField
from policies.models.base import DocumentPart, Row
from policies.models.controller import line
from policies.texts import translation


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
    tool_keys = MultiChoiceField(
        _("known tools on the website"), options=catalogue.cookie_tool_choices
    )
    tools = line(
        _("other tools that set cookies"),
        300,
        help_text=_(
            "Tools not in the list above, by name, e.g. “Smartlook”; describe their cookies below."
        ),
    )
    management = MultiChoiceField(_("how visitors manage cookies"), options=CookieManagement)
    consent_first = models.BooleanField(
        _("cookies other than strictly necessary ones are set only after consent"), default=False
    )
    cookie_policy_url = models.URLField(_("address of a separate cookie policy"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cookies")


class Cookie(Row):
    """Step 7: a cookie of the company's own or of a tool not in the list, for the policy's
    table of cookies (the known tools' cookies come from the catalogue)."""

    document = models.ForeignKey(
        "policies.Document", on_delete=models.CASCADE, related_name="cookie_rows"
    )
    name = line(_("cookie name"), 100, help_text=_("E.g. “sessionid”, or “_ga_*” for a pattern."))
    provider = line(_("set by"), 150, help_text=_("Your website, or the service that sets it."))
    purpose = line(_("what it does"), 300, help_text=_("E.g. “keeps you logged in”."))
    purpose_en = translation(purpose)
    category = models.CharField(
        _("kind"), max_length=16, choices=CookieCategory.choices, blank=True
    )
    duration = line(_("how long it lasts"), 100, help_text=_("E.g. “1 gads”, “sesija”."))
    duration_en = translation(duration)
    party = models.CharField(
        _("whose"), max_length=8, choices=CookieParty.choices, default=CookieParty.FIRST
    )

    history = HistoricalRecords()

    class Meta(Row.Meta):
        verbose_name = _("cookie")
        verbose_name_plural = _("cookies")

    def __str__(self):
        return self.name
