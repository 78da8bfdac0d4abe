"""The wizard's steps, in order: what each one edits and which forms it uses."""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from policies import models as m
from policies.wizard import forms as f


@dataclass(frozen=True)
class Step:
    key: str
    title: Promise
    intro: Promise
    section_model: type[models.Model] | None = None
    section_form: type | None = None
    row_model: type[models.Model] | None = None
    row_form: type | None = None
    row_name: Promise | None = None  # heads each row: "Purpose 2"
    add_label: Promise | None = None  # the button that adds a row

    @property
    def section(self) -> bool:
        return self.section_model is not None


STEPS = [
    Step(
        "controller",
        _("Controller details"),
        _(
            "Who is responsible for the personal data (the controller) and how people reach you. "
            "The registration number and address are as in the register of enterprises."
        ),
        m.ControllerAnswers,
        f.ControllerForm,
    ),
    Step(
        "scope",
        _("Scope"),
        _("Where the policy applies: your website, shop or app, and whose data you handle."),
        m.ScopeAnswers,
        f.ScopeForm,
        m.Service,
        f.ServiceForm,
        _("website or service"),
        _("Add a website or service"),
    ),
    Step(
        "data",
        _("Personal data"),
        _(
            "Each kind of personal data you handle, where it comes from and whether people must "
            "give it. Add a row for each kind."
        ),
        row_model=m.DataCategory,
        row_form=f.DataCategoryForm,
        row_name=_("kind of data"),
        add_label=_("Add a kind of data"),
    ),
    Step(
        "purposes",
        _("Purposes and legal bases"),
        _(
            "Why you use the data, and the legal basis for each purpose (GDPR Art. 6(1)). "
            "Most things a business does for its customers rest on the contract; newsletters "
            "and analytics cookies usually on consent."
        ),
        row_model=m.Purpose,
        row_form=f.PurposeForm,
        row_name=_("purpose"),
        add_label=_("Add a purpose"),
    ),
    Step(
        "recipients",
        _("Recipients"),
        _(
            "Who receives personal data from you: service providers (processors) such as "
            "payments, hosting, delivery or e-mail tools, and others. Pick known services from "
            "the list to fill in their details."
        ),
        m.RecipientsAnswers,
        f.RecipientsForm,
        m.Recipient,
        f.RecipientForm,
        _("recipient"),
        _("Add a recipient"),
    ),
    Step(
        "retention",
        _("Retention"),
        _(
            "How long you keep each kind of data: a fixed period, an upper limit, a range, or "
            "until an event such as the deletion of the account."
        ),
        row_model=m.RetentionRule,
        row_form=f.RetentionRuleForm,
        row_name=_("retention period"),
        add_label=_("Add a retention period"),
    ),
    Step(
        "cookies",
        _("Cookies"),
        _(
            "Cookies and similar technologies on your website or in your app, and how visitors "
            "give or refuse consent."
        ),
        m.CookieAnswers,
        f.CookieForm,
        m.Cookie,
        f.CookieRowForm,
        _("cookie"),
        _("Add a cookie"),
    ),
    Step(
        "transfers",
        _("Transfers outside the EU/EEA"),
        _(
            "Whether personal data leaves the European Union and the European Economic Area, "
            "for example to a US provider, and on which legal ground."
        ),
        m.TransferAnswers,
        f.TransferForm,
    ),
    Step(
        "security",
        _("Security"),
        _("How you protect the data. Choose what you really do."),
        m.SecurityAnswers,
        f.SecurityForm,
    ),
    Step(
        "rights",
        _("Rights and contacts"),
        _(
            "The rights people have over their data, how they use them, and the supervisory "
            "authority they may complain to."
        ),
        m.RightsAnswers,
        f.RightsForm,
    ),
    Step(
        "final",
        _("Final details"),
        _("Age limit, automated decisions, and how you announce changes of the policy."),
        m.FinalAnswers,
        f.FinalForm,
    ),
]

STEP_KEYS = [s.key for s in STEPS]
BY_KEY = {s.key: s for s in STEPS}


def neighbours(key: str) -> tuple[Step | None, Step | None]:
    i = STEP_KEYS.index(key)
    previous = STEPS[i - 1] if i > 0 else None
    following = STEPS[i + 1] if i + 1 < len(STEPS) else None
    return previous, following
