"""What the Latvian and English writers share: the order of the sections and plain helpers.
The sentences themselves are written natively in each language's module."""

from django.utils import translation

from policies import catalogue, grammar, texts
from policies.answers import Answers
from policies.choices import (
    AddressForm,
    LegalBasis,
    LegalForm,
    RecipientRole,
    RetentionBound,
    YesNo,
)
from policies.render.document import Policy, Section
from policyhub.countries import country_name


class Writer:
    language = ""

    def __init__(self, answers: Answers):
        self.a = answers
        self.formal = answers.document.address_form == AddressForm.FORMAL

    # Set by each language: the forms written before or after the name, quotes, and how the
    # events that end a retention period are worded.
    PREFIX_FORMS: dict = {}
    SUFFIX_FORMS: dict = {}
    QUOTES = ("“", "”")
    TRIGGERS: dict = {}

    # -- helpers ----------------------------------------------------------------------------

    def name(self) -> str:
        """The controller's name with its legal form: SIA „Zaļā Sala”, PRO BALANCES OÜ."""
        c = self.a.controller
        name = c.legal_name.strip()
        opening, closing = self.QUOTES
        quoted = name if name[:1] in '„“"' else f"{opening}{name}{closing}"
        if c.legal_form in self.SUFFIX_FORMS:
            return f"{name} {self.SUFFIX_FORMS[c.legal_form]}"
        if c.legal_form in self.PREFIX_FORMS:
            return f"{self.PREFIX_FORMS[c.legal_form]} {quoted}"
        if c.legal_form == LegalForm.OTHER and c.legal_form_other:
            return f"{c.legal_form_other} {quoted}"
        return name

    def t(self, obj, name: str) -> str:
        """A text the company wrote, in this policy's language (never another's)."""
        return texts.text(obj, name, self.language)

    def email(self) -> str:
        return self.a.controller.privacy_contact_email or self.a.controller.email

    def recipient_line(self, r) -> str:
        text = self.t(r, "name")
        details = [x for x in (r.legal_entity, self.country(r.country) if r.country else "") if x]
        if details:
            text += f" ({', '.join(details)})"
        if self.t(r, "purpose"):
            text += f" – {self.t(r, 'purpose')}"
        if self.t(r, "condition"):
            text += f", {self.t(r, 'condition')}"
        return text

    def period(self, rule) -> str:
        """A retention rule's period in this language, with its number agreement."""
        if rule.bound == RetentionBound.CRITERION:
            return self.TRIGGERS.get(rule.trigger, "") or self.t(rule, "criterion")
        with translation.override(self.language):
            if rule.bound == RetentionBound.UP_TO:
                return grammar.up_to(rule.period, rule.unit)
            if rule.bound == RetentionBound.RANGE:
                return grammar.period_range(rule.period, rule.period_max, rule.unit)
            return grammar.period(rule.period, rule.unit)

    def you(self, formal: str, informal: str) -> str:
        """The same words in the form of address the document uses throughout."""
        return formal if self.formal else informal

    def country(self, code) -> str:
        with translation.override(self.language):
            return country_name(str(code))

    def places(self, recipient) -> list[str]:
        """Where a recipient keeps data: its country, then any countries it sends data on to
        (written as ISO codes or names in the answers)."""
        places = [self.country(recipient.country)] if recipient.country else []
        for part in recipient.transfers_to.split(","):
            part = part.strip()
            if part:
                name = self.country(part) if len(part) == 2 and part.isupper() else part
                if name not in places:
                    places.append(name)
        return places

    def label(self, choice) -> str:
        with translation.override(self.language):
            return str(choice.label)

    def authority(self):
        return catalogue.AUTHORITIES.get(self.a.rights.authority)

    def recipients(self, *roles: str) -> list:
        return [r for r in self.a.recipients if r.role in roles]

    def uses_consent(self) -> bool:
        return any(LegalBasis.CONSENT in p.legal_bases for p in self.a.purposes)

    def profiling_purposes(self) -> list:
        return [p for p in self.a.purposes if p.involves_profiling]

    def section(self, key: str, title: str, *steps: str) -> Section:
        return Section(key=key, title=title, blocks=[], steps=steps)

    # -- the document -----------------------------------------------------------------------

    def write(self) -> Policy:
        policy = Policy(language=self.language, title=self.title(), intro=self.intro())
        builders = [
            self.controller,
            self.data,
            self.purposes,
            self.recipients_section,
            self.transfers,
            self.retention,
            self.rights,
            self.complaint,
            self.cookies,
            self.security,
            self.age,
            self.automated,
            self.other,
            self.changes,
        ]
        for build in builders:
            section = build()
            if section is not None and section.blocks:
                policy.sections.append(section)
        return policy

    def has_other_terms(self) -> bool:
        f = self.a.final
        return f.third_party_links or f.accuracy_duty

    def automated(self):
        raise NotImplementedError

    # Subclasses implement: title, intro, controller, data, purposes, recipients_section,
    # transfers, retention, rights, complaint, cookies, security, age, automated, other,
    # changes.


def lcfirst(text: str) -> str:
    """“Šifrēti savienojumi (TLS)” inside a sentence: only the first letter changes."""
    return text[:1].lower() + text[1:]


ROLE_ORDER = [
    RecipientRole.PROCESSOR,
    RecipientRole.JOINT_CONTROLLER,
    RecipientRole.CONTROLLER,
    RecipientRole.SUCCESSOR_OR_GROUP,
    RecipientRole.AUTHORITY,
    RecipientRole.OTHER_WITH_CONSENT,
]

__all__ = ["ROLE_ORDER", "Writer", "YesNo"]
