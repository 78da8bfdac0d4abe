"""The policy in English, written from the same answers as the Latvian one."""

from policies.choices import (
    AutomatedGround,
    ChangeNoticeMethod,
    CookieCategory,
    CookieParty,
    DataSubjectCategory,
    DataSubjectRight,
    InterestHolder,
    LegalBasis,
    LegalForm,
    ProvisionRequirement,
    RecipientRole,
    RetentionTrigger,
    SecurityMeasure,
    SpecialCondition,
    TitleVariant,
    TransferMechanism,
)
from policies.render.sentences import (
    Sentences,
    fragment,
    is_sentence,
    lcfirst,
    sentence,
)

TITLES = {
    TitleVariant.PRIVACY_POLICY: "Privacy Policy",
    TitleVariant.CONFIDENTIALITY_POLICY: "Confidentiality Policy",
    TitleVariant.PROCESSING_RULES: "Personal Data Processing Rules",
}
DOCUMENT = {
    TitleVariant.PRIVACY_POLICY: ("this privacy policy", "Changes to this privacy policy"),
    TitleVariant.CONFIDENTIALITY_POLICY: (
        "this confidentiality policy",
        "Changes to this confidentiality policy",
    ),
    TitleVariant.PROCESSING_RULES: (
        "these personal data processing rules",
        "Changes to these rules",
    ),
}
PREFIX_FORMS = {
    LegalForm.SIA: "SIA",
    LegalForm.AS: "AS",
    LegalForm.IK: "IK",
    LegalForm.PS: "PS",
    LegalForm.KS: "KS",
    LegalForm.BIEDRIBA: "Association",
    LegalForm.NODIBINAJUMS: "Foundation",
    LegalForm.LT_UAB: "UAB",
}
SUFFIX_FORMS = {LegalForm.EE_OU: "OÜ", LegalForm.EE_AS: "AS"}
HEADINGS = {
    "summary": "In brief",
    "controller": "Controller and contacts",
    "data": "The personal data we process",
    "purposes": "Purposes and legal bases",
    "recipients": "Recipients of personal data",
    "transfers": "Transfers outside the EU and the EEA",
    "retention": "How long we keep data",
    "rights": "Your rights",
    "objection": "Your right to object",
    "complaint": "Complaints to the supervisory authority",
    "cookies": "Cookies",
    "security": "Security",
    "children": "Children and age limit",
    "automated": "Automated decisions and profiling",
}


def article(number: int, paragraph: int | None = None, letter: str | None = None) -> str:
    """“GDPR Art. 6(1)(a)”, “GDPR Art. 45”."""
    text = f"GDPR Art. {number}"
    if paragraph is not None:
        text += f"({paragraph})"
    if letter is not None:
        text += f"({letter})"
    return text


BASES = {
    LegalBasis.CONSENT: f"consent ({article(6, 1, 'a')})",
    LegalBasis.CONTRACT: f"entering into and performing a contract ({article(6, 1, 'b')})",
    LegalBasis.LEGAL_OBLIGATION: (
        f"compliance with a legal obligation that applies to us ({article(6, 1, 'c')})"
    ),
    LegalBasis.VITAL_INTERESTS: (
        "protecting the vital interests of the data subject or of another person "
        f"({article(6, 1, 'd')})"
    ),
    LegalBasis.PUBLIC_TASK: (
        "a task carried out in the public interest or in the exercise of official authority "
        f"({article(6, 1, 'e')})"
    ),
}
INTERESTS = {
    InterestHolder.CONTROLLER: "our legitimate interests",
    InterestHolder.THIRD_PARTY: "the legitimate interests of a third party",
    InterestHolder.BOTH: "our legitimate interests and those of a third party",
}
SPECIAL = {
    SpecialCondition.EXPLICIT_CONSENT: ("with explicit consent", "a"),
    SpecialCondition.EMPLOYMENT: (
        "to carry out obligations under employment, social security and social protection law",
        "b",
    ),
    SpecialCondition.VITAL_INTERESTS: (
        "to protect the vital interests of the data subject or of another person where "
        "consent cannot be given",
        "c",
    ),
    SpecialCondition.NOT_FOR_PROFIT: (
        "in the legitimate activities of a not-for-profit body concerning its members",
        "d",
    ),
    SpecialCondition.MADE_PUBLIC: ("as the data subject has manifestly made them public", "e"),
    SpecialCondition.LEGAL_CLAIMS: ("to establish, exercise or defend legal claims", "f"),
    SpecialCondition.PUBLIC_INTEREST: ("for reasons of substantial public interest under law", "g"),
    SpecialCondition.HEALTH_CARE: ("for health or social care", "h"),
    SpecialCondition.PUBLIC_HEALTH: ("for reasons of public health", "i"),
    SpecialCondition.ARCHIVING: (
        "for archiving, scientific or historical research, or statistics",
        "j",
    ),
}
MECHANISMS_SHORT = {
    TransferMechanism.ADEQUACY: "adequacy decision",
    TransferMechanism.EU_US_DPF: "EU-US Data Privacy Framework",
    TransferMechanism.SCC: "standard contractual clauses",
    TransferMechanism.BCR: "binding corporate rules",
    TransferMechanism.DEROGATION: "derogation for a specific situation",
}
MECHANISMS = {
    TransferMechanism.ADEQUACY: (
        f"an adequacy decision of the European Commission ({article(45)})"
    ),
    TransferMechanism.EU_US_DPF: (
        "the EU-US Data Privacy Framework (Commission Implementing Decision (EU) 2023/1795 of "
        f"10 July 2023 on the adequate level of protection; {article(45)})"
    ),
    TransferMechanism.SCC: (
        "standard contractual clauses approved by the European Commission (Implementing "
        f"Decision (EU) 2021/914; {article(46, 2, 'c')})"
    ),
    TransferMechanism.BCR: f"binding corporate rules ({article(47)})",
    TransferMechanism.DEROGATION: f"a derogation for a specific situation ({article(49)})",
}
TRIGGERS = {
    RetentionTrigger.WHILE_ACCOUNT_ACTIVE: "while the account is active",
    RetentionTrigger.UNTIL_ACCOUNT_DELETION: "until the account is deleted",
    RetentionTrigger.UNTIL_CONSENT_WITHDRAWN: "until consent is withdrawn",
    RetentionTrigger.UNTIL_OPT_OUT: "until you unsubscribe",
    RetentionTrigger.LEGAL_REQUIREMENT: "as long as the law requires",
    RetentionTrigger.AS_LONG_AS_NECESSARY: "as long as needed for the purpose",
    RetentionTrigger.LIMITATION_PERIOD: "until claims become time-barred",
}
ATTACHED = ("after ", "from ", "following ", "since ", "of ", "for each ", "or ", "and ")
ROLES = {
    RecipientRole.PROCESSOR: "processor",
    RecipientRole.CONTROLLER: "independent controller",
    RecipientRole.JOINT_CONTROLLER: "joint controller",
    RecipientRole.AUTHORITY: "public authority",
    RecipientRole.SUCCESSOR_OR_GROUP: "another company (continuity of the service)",
    RecipientRole.OTHER_WITH_CONSENT: "with your consent or on your instructions",
}
COOKIE_CATEGORIES = {
    CookieCategory.NECESSARY: "strictly necessary cookies – make the website work",
    CookieCategory.PREFERENCES: "preference cookies – remember the settings you chose",
    CookieCategory.STATISTICS: (
        "statistics cookies – help us understand how visitors use the website"
    ),
    CookieCategory.MARKETING: "marketing cookies – let us show relevant advertising",
}
COOKIE_KINDS = {
    CookieCategory.NECESSARY: "strictly necessary",
    CookieCategory.PREFERENCES: "preferences",
    CookieCategory.STATISTICS: "statistics",
    CookieCategory.MARKETING: "marketing",
}
NOTICES = {
    ChangeNoticeMethod.WEBSITE: "by publishing the new version on the website",
    ChangeNoticeMethod.EMAIL: "by e-mail",
    ChangeNoticeMethod.IN_APP: "with a notice in the app",
}
GROUNDS = {
    AutomatedGround.CONTRACT: (
        "they are necessary for entering into or performing a contract",
        article(22, 2, "a"),
    ),
    AutomatedGround.LAW: ("the law authorises them", article(22, 2, "b")),
    AutomatedGround.EXPLICIT_CONSENT: ("you have given your explicit consent", article(22, 2, "c")),
}


class English(Sentences):
    language = "en"
    AND = "and"
    AS_WELL_AS = ", and"
    OR = "or"
    QUOTES = ("“", "”")
    PREFIX_FORMS = PREFIX_FORMS
    SUFFIX_FORMS = SUFFIX_FORMS

    def title(self) -> str:
        return TITLES[self.variant]

    def heading(self, key: str) -> str:
        if key == "changes":
            return DOCUMENT[self.variant][1]
        return HEADINGS[key]

    def intro(self, name: str) -> str:
        where = DOCUMENT[self.variant][0]
        return (
            f"In {where} {name} (“we”, “us”) explains how we process your personal data and "
            "what rights you have."
        )

    def law(self, latvian: bool) -> str:
        text = (
            "The processing of personal data is governed by the General Data Protection "
            "Regulation (GDPR) – Regulation (EU) 2016/679 of the European Parliament and of "
            "the Council"
        )
        return text + (", and by the Latvian Personal Data Processing Law." if latvian else ".")

    # -- summary ----------------------------------------------------------------------------------

    def summary_controller(self, name: str, email: str) -> str:
        return f"{name} processes your personal data; you can reach us at {email}."

    def summary_data(self, names: list[str]) -> str:
        return f"We process these data: {self.join(self.lower(names))}." if names else ""

    def summary_purposes(self, names: list[str]) -> str:
        if not names:
            return ""
        return f"We use the data for these purposes: {self.join(self.lower(names))}."

    def summary_recipients(self, names: list[str]) -> str:
        if not names:
            return "We give the data to nobody outside our company unless the law requires it."
        return f"The data goes to: {self.join(names)}."

    def summary_transfers(self, countries: list[str]) -> str:
        if not countries:
            return (
                "Some data may be transferred outside the EU and the EEA, with the safeguards "
                "the GDPR requires."
            )
        return (
            "Some data is transferred outside the EU and the EEA, with the safeguards the GDPR "
            f"requires, to {self.join(countries)}."
        )

    def summary_retention(self, longest) -> str:
        text = "We keep data only as long as each purpose needs it"
        if longest:
            period, subject = longest
            return f"{text}; the longest period is {period} ({lcfirst(subject)})."
        return text + "."

    def summary_rights(self) -> str:
        return (
            "You have the right to access your data, have it corrected or erased, restrict its "
            "processing, receive it to pass on to another controller, and complain to the "
            "supervisory authority."
        )

    def summary_objection(self) -> str:
        return (
            "You may object to direct marketing at any time without giving reasons, and to "
            "processing in our legitimate interests on grounds relating to your particular "
            "situation."
        )

    # -- controller ---------------------------------------------------------------------------

    def controller_identity(self, name: str, number: str, address: str) -> str:
        return (
            f"The controller of your personal data is {name}, registration number {number}, "
            f"registered address: {address}."
        )

    def vat(self, number: str) -> str:
        return f"VAT number: {number}."

    def by_email(self, email: str) -> str:
        return f"by e-mail at {email}"

    def by_phone(self, phone: str) -> str:
        return f"by phone at {phone}"

    def by_contact_page(self, url: str) -> str:
        return f"through the contact page {url}"

    def contacts(self, ways: list[str]) -> str:
        return f"You can contact us {self.either(ways)}."

    def website(self, url: str) -> str:
        return f"Our website: {url}."

    def privacy_contact(self, email: str, role: str) -> str:
        if role:
            return (
                f"Questions about data protection are handled by {fragment(role)}; write to "
                f"{email}."
            )
        return f"For questions about data protection, write to {email}."

    def brand(self, brand: str, name: str) -> str:
        return f"{brand} is a brand of {name}."

    def service(self, name: str, url: str) -> str:
        return f"{name} ({url})" if url else name

    def services_lead(self, count: int) -> str:
        where = DOCUMENT[self.variant][0]
        what = "this service of ours" if count == 1 else "these services of ours"
        return f"{where[:1].upper()}{where[1:]} covers {what}:"

    def dpo(self, name: str, ways: list[str]) -> str:
        if name and ways:
            return f"Our data protection officer is {name}, who can be reached {self.either(ways)}."
        if name:
            return f"Our data protection officer is {name}."
        return f"Our data protection officer can be reached {self.either(ways)}."

    def representative(self, text: str) -> str:
        return f"Our representative in the European Union ({article(27)}) is {fragment(text)}."

    def as_processor(self) -> str:
        return (
            "Data that our customers enter in our service themselves we process as a processor "
            f"on their behalf ({article(28)}); the customer is its controller, and the "
            "customer's own privacy policy applies to it."
        )

    def as_processor_note(self, note: str) -> str:
        if is_sentence(note):
            return note
        return f"This is, for example, {fragment(note)}."

    # -- data ---------------------------------------------------------------------------------

    def subject_label(self, code) -> str:
        return lcfirst(self.label(DataSubjectCategory(code)))

    def data_subjects(self, labels: list[str]) -> str:
        return f"The people whose data we process are {self.join(labels)}."

    def data_lead(self) -> str:
        return "We process the following personal data:"

    def data_item(self, name: str, examples: str, condition: str) -> str:
        text = name
        if examples and is_sentence(examples):
            text += f". {examples}"
        elif examples:
            examples = fragment(examples)
            if examples.lower().startswith(name.lower()):  # the answer names the data itself
                text = self.capital(examples)
            elif examples.lower().startswith(("such as", "for example", "e.g.")):
                text += f", {examples}"
            else:
                text += f", such as {examples}"
        if condition:
            text += f" ({fragment(condition)})" if not is_sentence(condition) else f". {condition}"
        return text

    def sources_lead(self) -> str:
        return "We obtain the data:"

    def source_person(self, names: list[str]) -> str:
        return f"from you – {self.join(self.lower(names))}"

    def source_online(self, names: list[str]) -> str:
        return (
            f"automatically, when you use our website or services – {self.join(self.lower(names))}"
        )

    def source_cameras(self, names: list[str]) -> str:
        return f"from video cameras at our premises – {self.join(self.lower(names))}"

    def source_processors(self, pairs) -> str:
        found = [f"{lcfirst(name)} ({', '.join(who)})" for name, who in pairs]
        return f"through our processors – {self.join(found)}"

    def source_third_parties(self, pairs) -> str:
        found = [f"{lcfirst(n)} ({', '.join(who)})" if who else lcfirst(n) for n, who in pairs]
        return f"from third parties – {self.join(found)}"

    def source_public(self, names: list[str]) -> str:
        return f"from public sources – {self.join(self.lower(names))}"

    def provision_lead(self) -> str:
        return "Whether you have to give the data, and what happens if you do not:"

    def provision_head(self) -> list[str]:
        return ["Data", "Must it be given", "If you do not give it"]

    def provision(self, requirement: str) -> list[str]:
        if requirement == ProvisionRequirement.STATUTORY:
            return [
                "the law requires it",
                "we cannot meet our legal obligation or provide the service",
            ]
        if requirement == ProvisionRequirement.CONTRACTUAL:
            return [
                "it is needed to enter into and perform the contract",
                "we cannot enter into or perform the contract",
            ]
        return ["giving it is voluntary", "there are no adverse consequences"]

    def special_lead(self) -> str:
        return f"We also process special categories of personal data ({article(9)}):"

    def special_item(self, name: str, condition: str) -> str:
        if condition not in SPECIAL:
            return name
        words, letter = SPECIAL[condition]
        return f"{name} – {words} ({article(9, 2, letter)})"

    # -- purposes -----------------------------------------------------------------------------

    def purposes_lead(self) -> str:
        return "We process personal data for these purposes and on these legal bases:"

    def basis(self, code: str, holder: str) -> str:
        if code == LegalBasis.LEGITIMATE_INTERESTS:
            return f"{INTERESTS.get(holder, INTERESTS['controller'])} ({article(6, 1, 'f')})"
        return BASES[code]

    def purpose_item(self, *, name, description, bases, interest, data) -> str:
        text = name
        if description:
            own = fragment(description)
            text += f". {description}" if is_sentence(description) else f" ({own})"
            text = text if text.endswith(".") else text + "."
        else:
            text += "."
        word = "Legal basis" if len(bases) == 1 else "Legal bases"
        text += f" {word}: {self.join(bases)}"
        if interest:
            text += f". {interest}" if is_sentence(interest) else f", namely {fragment(interest)}"
        text += "" if text.endswith(".") else "."
        if data:
            text += f" Data used: {self.join(self.lower(data))}."
        return text

    def withdrawal_lead(self) -> str:
        return (
            "You may withdraw your consent at any time; this does not affect the lawfulness of "
            f"processing before the withdrawal ({article(7, 3)}):"
        )

    def withdrawal(self, name: str, way: str) -> str:
        return f"{name} – {way}"

    def way_unsubscribe(self, email: str) -> str:
        return f"with the unsubscribe link at the end of each e-mail, or by writing to {email}"

    def way_cookie_settings(self) -> str:
        return "by changing your choice in the cookie settings on our website"

    def way_write(self, email: str) -> str:
        return f"by writing to {email}"

    # -- recipients and transfers -------------------------------------------------------------

    def no_recipients(self) -> str:
        return "We give personal data to nobody outside our company unless the law requires it."

    def recipients_lead(self) -> str:
        return "Personal data is received by:"

    def recipients_head(self) -> list[str]:
        return [
            "Recipient",
            "Purpose",
            "Role",
            "Country",
            "Ground for transfers outside the EU/EEA",
        ]

    def recipient(self, name, entity) -> str:
        return f"{name} ({entity})" if entity and entity != name else name

    def recipient_purpose(self, purpose, condition) -> str:
        text = fragment(purpose) if purpose else ""
        if condition:
            text = f"{text}, {fragment(condition)}" if text else fragment(condition)
        return text

    def role(self, code: str) -> str:
        return ROLES[code]

    def various_countries(self) -> str:
        return "various countries"

    def within_eea(self) -> str:
        return "not needed (EU/EEA)"

    def mechanisms_short(self, codes) -> str:
        return self.join([MECHANISMS_SHORT[c] for c in codes]) or "not given"

    def mechanisms_full(self, codes) -> str:
        return self.join([MECHANISMS[c] for c in codes])

    def processors_bound(self) -> str:
        return (
            f"Our contracts with processors ({article(28, 3)}) oblige them to protect the data "
            "and to process it only on our instructions."
        )

    def joint(self, name: str) -> str:
        return f"{name} – a joint controller with us ({article(26)})."

    def arrangement(self, text: str) -> str:
        if is_sentence(text):
            return text
        return f"The essence of our arrangement: {fragment(text)}."

    def no_transfers(self) -> str:
        return (
            "We do not transfer personal data to countries outside the European Union (EU) and "
            "the European Economic Area (EEA)."
        )

    def transfers_lead(self, possible: bool, countries: list[str]) -> str:
        verb = "may be transferred" if possible else "is transferred"
        text = (
            f"Some personal data {verb} to countries outside the European Union (EU) and the "
            "European Economic Area (EEA)"
        )
        if countries:
            return f"{text}, namely to {self.join(countries)}."
        return text + "."

    def transfer_grounds_lead(self) -> str:
        return "The ground of the transfers to each recipient:"

    def transfer_item(self, recipients: list[str], mechanisms: str) -> str:
        return f"{self.join(recipients)}: {mechanisms}"

    def transfer_grounds(self, mechanisms: str) -> str:
        return f"The ground for the transfers: {mechanisms}."

    def safeguards_copy(self, email: str) -> str:
        return f"You can obtain a copy of the safeguards applied by writing to {email}."

    # -- retention ----------------------------------------------------------------------------

    def trigger(self, code: str) -> str:
        return TRIGGERS[code]

    def retention_rule(self, *, period: str, note: str, law: str) -> str:
        text = period
        if note:
            if is_sentence(note):
                text = sentence(text) + f" {note}"
            elif fragment(note).lower().startswith(ATTACHED):
                text += f" {fragment(note)}"
            else:
                text += f", {fragment(note)}"
        if law:
            text = text.rstrip(".") + f" ({fragment(law)})"
        return text

    def retention_lead(self) -> str:
        return "We keep personal data only as long as the purpose needs it:"

    def retention_item(self, subjects: list[str], words: str) -> str:
        text = f"{self.join(subjects)}: {words}"
        return text if text.endswith(".") else text + "."

    def retention_end(self) -> str:
        return "When the period ends, we delete or anonymise the data."

    # -- rights -------------------------------------------------------------------------------

    def rights_lead(self) -> str:
        return "Under the GDPR you have these rights:"

    def right(self, code: str) -> str:
        return {
            DataSubjectRight.ACCESS: (
                f"Right of access by the data subject ({article(15)}) – you may obtain "
                "confirmation of whether we process your personal data, access to it and a copy"
            ),
            DataSubjectRight.RECTIFICATION: (
                f"Right to rectification ({article(16)}) – you may have inaccurate data "
                "corrected and incomplete data completed without undue delay"
            ),
            DataSubjectRight.ERASURE: (
                f"Right to erasure (‘right to be forgotten’) ({article(17)}) – you may have "
                "your data erased, for example when it is no longer needed for the purpose it "
                "was collected for or when consent is withdrawn"
            ),
            DataSubjectRight.RESTRICTION: (
                f"Right to restriction of processing ({article(18)}) – you may have us only "
                "store the data for a time and not otherwise process it, for example while we "
                "check its accuracy"
            ),
            DataSubjectRight.NOTIFICATION: (
                "Notification obligation regarding rectification or erasure of personal data or "
                f"restriction of processing ({article(19)}) – we tell every recipient to whom "
                "the data was disclosed of each rectification, erasure or restriction, unless "
                "this proves impossible or involves disproportionate effort; on request we "
                "inform you about those recipients"
            ),
            DataSubjectRight.PORTABILITY: (
                f"Right to data portability ({article(20)}) – the data you have given us and "
                "that we process by automated means on the basis of consent or a contract you "
                "may receive in a structured, commonly used and machine-readable format, and "
                "pass on to another controller"
            ),
            DataSubjectRight.OBJECT: (
                f"Right to object ({article(21)}) – explained in the next section, “Your right "
                "to object”"
            ),
            DataSubjectRight.OBJECT_DIRECT_MARKETING: "",  # in the section on objecting
            DataSubjectRight.AUTOMATED_DECISIONS: (
                "Rights related to automated individual decision-making, including profiling "
                f"({article(22)}) – the right not to be subject to a decision based solely on "
                "automated processing that produces legal effects concerning you or similarly "
                "significantly affects you"
            ),
            DataSubjectRight.WITHDRAW_CONSENT: (
                f"Right to withdraw consent ({article(7, 3)}) – you may withdraw consent at "
                "any time, without affecting the lawfulness of processing before the withdrawal"
            ),
            DataSubjectRight.COMPLAINT: (
                f"Right to lodge a complaint with a supervisory authority ({article(77)}) – "
                "explained in the section “Complaints to the supervisory authority”"
            ),
            DataSubjectRight.JUDICIAL_REMEDY: (
                "Right to an effective judicial remedy against a controller or processor "
                f"({article(79)}) – you may go to court if you believe your rights have been "
                "infringed"
            ),
        }[code]

    def exercise(self, ways: list[str]) -> str:
        return f"You can exercise your rights {self.either(ways)}."

    def channel_email(self, email: str) -> str:
        return f"by e-mail to {email}"

    def channel_contact_page(self, url: str) -> str:
        return f"through the contact page {url}" if url else "through the contact form"

    def channel_account(self, name: str) -> str:
        return f"in the “{name}” section of your account" if name else "in your account"

    def channel_cookie_settings(self) -> str:
        return "by changing the cookie settings on our website"

    def channel_post(self, address: str) -> str:
        return f"by post to {address}"

    def channel_in_person(self, address: str) -> str:
        return f"in person at {address}"

    def channel_phone(self, phone: str) -> str:
        return f"by phone at {phone}" if phone else "by phone"

    def deadline(self) -> str:
        return (
            "We answer a request without undue delay and within one month of receiving it at "
            "the latest. Taking into account the complexity and number of requests, we may "
            "extend this period by two further months where necessary; we will then tell you "
            f"so within one month, with the reasons for the delay ({article(12, 3)})."
        )

    def identity_check(self) -> str:
        return (
            "So as not to disclose your data to someone else, we may ask you to confirm your "
            "identity."
        )

    def object_general(self, grounds: bool) -> str:
        if not grounds:
            return (
                "We do not process personal data on the basis of legitimate interests or of a "
                "task in the public interest; should that change, you will have the right to "
                f"object to such processing ({article(21, 1)})."
            )
        return (
            "You have the right to object at any time, on grounds relating to your particular "
            "situation, to processing of your personal data based on legitimate interests or "
            "on a task in the public interest, including profiling. We then no longer process "
            "the data unless we demonstrate compelling legitimate grounds for the processing "
            "which override your interests, rights and freedoms, or the processing is needed "
            f"for the establishment, exercise or defence of legal claims ({article(21, 1)}). "
            "This concerns the following purposes:"
        )

    def object_marketing(self) -> str:
        return (
            "You may object at any time, and without giving reasons, to processing of your "
            "personal data for direct marketing, including profiling to the extent that it is "
            "related to direct marketing; we then no longer process the data for these purposes "
            "(GDPR Art. 21(2) and (3))."
        )

    def object_how(self, email: str, newsletter: bool) -> str:
        ways = [f"by writing to {email}"]
        if newsletter:
            ways.insert(0, "with the unsubscribe link at the end of each of our e-mails")
        return f"You can object {self.either(ways)}."

    # -- complaints ---------------------------------------------------------------------------

    def authority_name(self, authority) -> str:
        return authority.name_en

    def complaint_lead(self, name: str) -> str:
        return (
            "If you believe that your personal data is processed unlawfully, you may lodge a "
            f"complaint with the supervisory authority, the {name}:"
        )

    def authority_contacts(self, authority) -> list[str]:
        found = [
            f"address: {authority.address}",
            f"e-mail: {authority.email}",
            f"phone: {authority.phone}",
            f"website: {authority.website}",
        ]
        if authority.complaint_url and authority.complaint_url != authority.website:
            found.append(f"lodging a complaint: {authority.complaint_url}")
        return found

    def complaint_other(self, text: str) -> str:
        return (
            "If you believe that your personal data is processed unlawfully, you may lodge a "
            f"complaint with the supervisory authority. {sentence(text)}"
        )

    def also_dvi(self, dvi) -> str:
        return (
            f"In Latvia you may also complain to the {dvi.name_en} ({dvi.address}, e-mail "
            f"{dvi.email}, {dvi.complaint_url})."
        )

    def contact_us_first(self) -> str:
        return (
            "You may also contact us first – we can often resolve a question quickly – but this "
            "is not a condition for lodging a complaint."
        )

    # -- cookies ------------------------------------------------------------------------------

    def no_cookies(self) -> str:
        return "Our website does not use cookies."

    def cookies_lead(self) -> str:
        return (
            "Cookies are small text files a website stores on your device; similar "
            "technologies, such as the browser's storage, work the same way. We use these "
            "kinds of cookies:"
        )

    def cookie_category(self, code) -> str:
        return COOKIE_CATEGORIES[code]

    def cookies_necessary(self) -> str:
        return (
            "Strictly necessary cookies need no consent, as without them we cannot provide the "
            "service you have asked for."
        )

    def cookies_consent(self) -> str:
        return (
            "Other cookies we set only with your consent (Article 7.1 of the Latvian Law on "
            f"Information Society Services; {article(6, 1, 'a')})."
        )

    def cookie_table_lead(self) -> str:
        return "The cookies used on our website:"

    def cookie_table_head(self) -> list[str]:
        return ["Cookie", "Set by", "Purpose", "Kind", "Duration", "Party"]

    def cookie_kind(self, category: str) -> str:
        return COOKIE_KINDS.get(category, "")

    def cookie_party(self, party: str) -> str:
        return "first party" if party == CookieParty.FIRST else "third party"

    def other_tools(self, tools: str) -> str:
        return f"Cookies are also set by these tools: {tools}."

    def manage_banner(self) -> str:
        return "in the cookie banner"

    def manage_settings(self) -> str:
        return "in the cookie settings on our website"

    def manage_browser(self) -> str:
        return "in your browser's settings"

    def manage(self, ways: list[str]) -> str:
        return f"You can change your choice and withdraw consent at any time {self.either(ways)}."

    def cookie_policy(self, url: str) -> str:
        return f"Our cookie policy tells more about cookies: {url}."

    # -- security, children, automated decisions ----------------------------------------------

    def security_lead(self) -> str:
        return (
            "We protect data with appropriate technical and organisational measures "
            f"({article(32)}), including:"
        )

    def measure(self, code) -> str:
        return lcfirst(self.label(SecurityMeasure(code)))

    def minimum_age(self, years: int) -> str:
        return (
            f"Our services are intended for persons aged {years} or over. If we learn that we "
            "have collected data of a younger person, we delete it."
        )

    def children_consent(self) -> str:
        return (
            "Where a child is under 13, the consent needed for information society services is "
            "given or authorised by a parent or guardian (Section 33 of the Latvian Personal "
            "Data Processing Law); we make reasonable efforts to verify that a parent or "
            "guardian has given or authorised it."
        )

    def automated_lead(self) -> str:
        return "We take some decisions based solely on automated processing."

    def automated_ground(self, code: str) -> str:
        words, where = GROUNDS[code]
        return f"Such decisions are allowed because {words} ({where})."

    def automated_rights(self) -> str:
        return (
            "You have the right to obtain human intervention, to express your point of view and "
            f"to contest the decision ({article(22, 3)})."
        )

    def no_automated(self) -> str:
        return (
            "We do not take decisions based solely on automated processing that produce legal "
            "effects concerning you or similarly significantly affect you."
        )

    def profiling_lead(self) -> str:
        return f"We use profiling ({article(4, 4)}) for these purposes:"

    def profiling_objection(self) -> str:
        return (
            "You may object at any time to profiling related to direct marketing (see “Your "
            "right to object”)."
        )

    def no_profiling(self) -> str:
        return "We do not use profiling."

    # -- other terms and changes --------------------------------------------------------------

    def other_heading(self, accuracy: bool, links: bool) -> str:
        if accuracy and links:
            return "Accurate data and links to other websites"
        return "Accurate data" if accuracy else "Links to other websites"

    def accuracy(self) -> str:
        return "Please tell us when your data changes, so that it stays accurate."

    def third_party_links(self) -> str:
        return (
            "Our website may link to other websites; their operators are responsible for their "
            "privacy practices, and their own privacy policies apply."
        )

    def notice(self, code) -> str:
        return NOTICES[code]

    def changes(self, notices: list[str]) -> str:
        where = DOCUMENT[self.variant][0]
        text = f"We may update {where} when our activities or the law change."
        if notices:
            text += f" We will announce changes {self.join(notices)}."
        return text

    def archive(self) -> str:
        return "Earlier versions are available in the policy's archive."
