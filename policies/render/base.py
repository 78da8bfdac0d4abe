"""What the Latvian and English writers share: the order of the sections and plain helpers.
The sentences themselves are written natively in each language's module."""

from django.utils import translation

from policies import catalogue
from policies.answers import Answers
from policies.choices import (
    AddressForm,
    LegalBasis,
    RecipientRole,
    YesNo,
)
from policies.render.document import Policy, Section
from policyhub.countries import country_name


class Writer:
    language = ""

    def __init__(self, answers: Answers):
        self.a = answers
        self.formal = answers.document.address_form == AddressForm.FORMAL

    # -- helpers ----------------------------------------------------------------------------

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
