"""The policy in English, written from the same answers as the Latvian one."""

from policies.choices import (
    ChangeNoticeMethod,
    CookieCategory,
    CookieManagement,
    DataSource,
    DataSubjectCategory,
    DataSubjectRight,
    ExerciseChannel,
    LegalBasis,
    LegalForm,
    ProvisionRequirement,
    RecipientRole,
    RetentionBound,
    RetentionTrigger,
    SecurityMeasure,
    TitleVariant,
    TransferMechanism,
    TransferStatus,
    YesNo,
)
from policies.render.base import Writer, lcfirst
from policies.render.grammar_lv import join as _join

TITLES = {
    TitleVariant.PRIVACY_POLICY: "Privacy Policy",
    TitleVariant.CONFIDENTIALITY_POLICY: "Confidentiality Policy",
    TitleVariant.PROCESSING_RULES: "Personal Data Processing Rules",
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
BASES = {
    LegalBasis.CONSENT: "consent (GDPR Art. 6(1)(a))",
    LegalBasis.CONTRACT: "entering into and performing a contract (GDPR Art. 6(1)(b))",
    LegalBasis.LEGAL_OBLIGATION: "compliance with a legal obligation (GDPR Art. 6(1)(c))",
    LegalBasis.VITAL_INTERESTS: "protecting vital interests (GDPR Art. 6(1)(d))",
    LegalBasis.PUBLIC_TASK: "a task in the public interest or official authority "
    "(GDPR Art. 6(1)(e))",
    LegalBasis.LEGITIMATE_INTERESTS: "our or a third party's legitimate interests "
    "(GDPR Art. 6(1)(f))",
}
MECHANISMS = {
    TransferMechanism.ADEQUACY: "an adequacy decision of the European Commission",
    TransferMechanism.EU_US_DPF: "the EU-US Data Privacy Framework",
    TransferMechanism.SCC: "standard contractual clauses approved by the European Commission",
    TransferMechanism.BCR: "binding corporate rules",
    TransferMechanism.DEROGATION: "a derogation for a specific situation (GDPR Art. 49)",
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
COOKIES = {
    CookieCategory.NECESSARY: "strictly necessary cookies – make the website work; they need "
    "no consent",
    CookieCategory.PREFERENCES: "preference cookies – remember the settings you chose",
    CookieCategory.STATISTICS: "statistics cookies – help us understand how visitors use the "
    "website",
    CookieCategory.MARKETING: "marketing cookies – let us show relevant advertising",
}


def join(items):
    return _join(items, "and")


class EnglishWriter(Writer):
    language = "en"
    PREFIX_FORMS = PREFIX_FORMS
    SUFFIX_FORMS = SUFFIX_FORMS
    QUOTES = ("“", "”")
    TRIGGERS = TRIGGERS

    def title(self) -> str:
        return TITLES[self.a.document.title_variant]

    def intro(self) -> list[str]:
        paragraphs = [
            f"In this document {self.name()} explains how we process your personal "
            "data and what rights you have."
        ]
        if self.t(self.a.scope, "intro"):
            paragraphs.append(self.t(self.a.scope, "intro"))
        law = (
            "The processing of personal data is governed by the General Data Protection "
            "Regulation (GDPR) – Regulation (EU) 2016/679 of the European Parliament and of "
            "the Council"
        )
        if str(self.a.controller.country) == "LV":
            law += ", and by the Latvian Personal Data Processing Law"
        paragraphs.append(law + ".")
        return paragraphs

    def controller(self):
        c = self.a.controller
        s = self.section("controller", "Controller and contacts", "controller", "scope")
        s.p(
            f"The controller of your personal data is {self.name()}, registration number "
            f"{c.registration_number}, registered address: {c.legal_address}."
        )
        ways = [f"e-mail {c.email}"]
        if c.phone:
            ways.append(f"phone {c.phone}")
        if c.website:
            ways.append(f"website {c.website}")
        if c.contact_page_url:
            ways.append(f"contact page {c.contact_page_url}")
        s.p(f"Contacts: {join(ways)}.")
        if c.privacy_contact_email and c.privacy_contact_email != c.email:
            role = (
                f" (answered by {self.t(c, 'privacy_contact_role')})"
                if self.t(c, "privacy_contact_role")
                else ""
            )
            s.p(f"Questions about data protection: {c.privacy_contact_email}{role}.")
        if c.brand_name:
            s.p(f"{c.brand_name} is a brand of {self.name()}.")
        services = [
            f"{self.t(x, 'name')} ({x.url})" if x.url else self.t(x, "name")
            for x in self.a.services
        ]
        if services:
            s.p(f"This policy covers: {join(services)}.")
        if c.dpo_appointed:
            dpo = [x for x in (c.dpo_name, c.dpo_email, c.dpo_phone) if x]
            s.p(f"Our data protection officer: {', '.join(dpo)}.")
        if c.representative:
            s.p(f"Our representative in the European Union (GDPR Art. 27): {c.representative}.")
        if self.a.scope.acts_as_processor:
            note = self.t(self.a.scope, "processor_note")
            what = f" ({note})" if note else ""
            s.p(
                f"Data our customers enter in our service themselves{what} we process as a "
                "processor on their behalf; the customer is its controller and its own privacy "
                "policy applies to it."
            )
        return s

    def data(self):
        s = self.section("data", "The personal data we process", "data", "scope")
        if self.a.scope.data_subjects:
            who = [lcfirst(self.label(DataSubjectCategory(x))) for x in self.a.scope.data_subjects]
            s.p(f"This policy concerns: {join(who)}.")
        s.p("We process the following personal data:")
        items = []
        for cat in self.a.categories:
            text = cat.name_in(self.language)
            if self.t(cat, "examples"):
                text += f" – {self.t(cat, 'examples')}"
            if self.t(cat, "condition"):
                text += f" ({self.t(cat, 'condition')})"
            items.append(text)
        s.ul(items)
        sources = {
            DataSource.DATA_SUBJECT: "from you",
            DataSource.AUTOMATIC: "automatically, when you use our website or services",
            DataSource.THIRD_PARTY: "from third parties",
            DataSource.PUBLIC: "from public sources",
        }
        lines = []
        for source, phrase in sources.items():
            names = [c.name_in(self.language) for c in self.a.categories if source in c.sources]
            if names:
                line = f"{phrase}: {join([lcfirst(n) for n in names])}"
                if source == DataSource.THIRD_PARTY:
                    parties = [
                        self.t(c, "third_party_sources")
                        for c in self.a.categories
                        if self.t(c, "third_party_sources")
                    ]
                    if parties:
                        line += f" ({'; '.join(parties)})"
                lines.append(line)
        if lines:
            s.p("We obtain the data:")
            s.ul(lines)
        provision = {
            ProvisionRequirement.STATUTORY: "the law requires it",
            ProvisionRequirement.CONTRACTUAL: "it is needed to enter into and perform the "
            "contract; without it we cannot provide the service",
            ProvisionRequirement.VOLUNTARY: "giving it is voluntary",
        }
        given = [
            f"{c.name_in(self.language)}: {provision[c.provision]}"
            for c in self.a.categories
            if c.provision
        ]
        if given:
            s.p("Whether you have to give the data:")
            s.ul(given)
        special = [c.name_in(self.language) for c in self.a.categories if c.special_category]
        if special:
            s.p(f"Special categories of personal data (GDPR Art. 9): {join(special)}.")
        return s

    def purposes(self):
        s = self.section("purposes", "Purposes and legal bases", "purposes")
        s.p("We process personal data for these purposes:")
        items = []
        for p in self.a.purposes:
            text = p.name_in(self.language)
            if self.t(p, "description"):
                text += f" ({self.t(p, 'description')})"
            text += f". Legal basis: {join([BASES[b] for b in p.legal_bases])}."
            if LegalBasis.LEGITIMATE_INTERESTS in p.legal_bases and self.t(
                p, "legitimate_interest"
            ):
                text += f" Our legitimate interests: {self.t(p, 'legitimate_interest')}"
                text += "" if text.endswith(".") else "."
            used = [c.name_in(self.language) for c in p.categories.all()]
            if used:
                text += f" Data used: {join([lcfirst(u) for u in used])}."
            items.append(text)
        s.ul(items)
        if self.uses_consent():
            s.p(
                "Where processing rests on your consent, you may withdraw it at any time; this "
                "does not affect the lawfulness of processing before the withdrawal."
            )
        return s

    def recipients_section(self):
        s = self.section("recipients", "Recipients of personal data", "recipients")
        if not self.a.recipients:
            s.p("We give personal data to nobody outside our company unless the law requires it.")
            return s
        groups = [
            (
                RecipientRole.PROCESSOR,
                "These service providers process data on our behalf (processors):",
            ),
            (RecipientRole.JOINT_CONTROLLER, "Joint controllers with us:"),
            (
                RecipientRole.CONTROLLER,
                "These independent controllers also receive data and "
                "process it under their own privacy policies:",
            ),
            (RecipientRole.SUCCESSOR_OR_GROUP, "To keep the service running, data may go to:"),
            (
                RecipientRole.AUTHORITY,
                "We give data to public authorities and courts only where the law requires it:",
            ),
            (
                RecipientRole.OTHER_WITH_CONSENT,
                "With your consent or on your instructions, data may go to:",
            ),
        ]
        for role, heading in groups:
            found = self.recipients(role)
            if found:
                s.p(heading)
                s.ul([self.recipient_line(r) for r in found])
        if self.recipients(RecipientRole.PROCESSOR):
            s.p(
                "Our contracts with processors oblige them to protect the data and to process it "
                "only on our instructions."
            )
        return s

    def transfers(self):
        s = self.section(
            "transfers", "Transfers outside the EU and the EEA", "transfers", "recipients"
        )
        t = self.a.transfers
        outside = self.a.recipients_outside_eea
        if t.status == TransferStatus.NONE and not outside:
            s.p(
                "We do not transfer personal data to countries outside the European Union (EU) "
                "and the European Economic Area (EEA)."
            )
            return s
        verb = "may be transferred" if t.status == TransferStatus.POSSIBLE else "is transferred"
        countries = [self.country(code) for code in t.countries]
        where = f" ({join(countries)})" if countries else ""
        s.p(
            f"Some personal data {verb} to countries outside the European Union (EU) and the "
            f"European Economic Area (EEA){where}."
        )
        items = []
        for r in outside:
            mechanisms = r.mechanisms or t.mechanisms
            place = "; ".join(self.places(r))
            items.append(
                f"{self.t(r, 'name')} ({place}): {join([MECHANISMS[m] for m in mechanisms])}"
            )
        if items:
            s.p("The legal ground of each transfer:")
            s.ul(items)
        elif t.mechanisms:
            s.p(f"Legal ground: {join([MECHANISMS[m] for m in t.mechanisms])}.")
        if self.t(t, "copy_access"):
            s.p(self.t(t, "copy_access"))
        else:
            s.p(f"You can get a copy of the safeguards by writing to {self.email()}.")
        return s

    def retention(self):
        s = self.section("retention", "How long we keep data", "retention")
        items = []
        for rule in self.a.retention:
            text = f"{rule.subject_in(self.language)}: {self.period(rule)}"
            if (
                rule.bound == RetentionBound.CRITERION
                and rule.trigger
                and self.t(rule, "criterion")
            ):
                text += f" ({self.t(rule, 'criterion')})"
            if self.t(rule, "legal_reference"):
                text += f" (under {self.t(rule, 'legal_reference')})"
            if self.t(rule, "note"):
                text += f"; {self.t(rule, 'note')}"
            items.append(text)
        s.p("We keep personal data only as long as needed:")
        s.ul(items)
        s.p("When the period ends, we delete or anonymise the data.")
        return s

    def rights(self):
        c, r = self.a.controller, self.a.rights
        s = self.section("rights", "Your rights", "rights")
        phrases = {
            DataSubjectRight.ACCESS: "to access your personal data and get a copy (GDPR Art. 15)",
            DataSubjectRight.RECTIFICATION: "to have inaccurate data corrected (GDPR Art. 16)",
            DataSubjectRight.ERASURE: "to have your data erased – the “right to be forgotten” "
            "(GDPR Art. 17)",
            DataSubjectRight.RESTRICTION: "to have processing restricted (GDPR Art. 18)",
            DataSubjectRight.NOTIFICATION: "to be told of rectification, erasure or restriction "
            "(GDPR Art. 19)",
            DataSubjectRight.PORTABILITY: "to receive your data in a structured, commonly used "
            "and machine-readable format and to pass it to another "
            "controller (GDPR Art. 20)",
            DataSubjectRight.OBJECT: "to object to processing based on legitimate interests "
            "(GDPR Art. 21)",
            DataSubjectRight.OBJECT_DIRECT_MARKETING: "to object at any time to processing for "
            "direct marketing",
            DataSubjectRight.AUTOMATED_DECISIONS: "not to be subject to a decision based solely "
            "on automated processing (GDPR Art. 22)",
            DataSubjectRight.WITHDRAW_CONSENT: "to withdraw consent at any time, without "
            "affecting the lawfulness of earlier processing",
            DataSubjectRight.COMPLAINT: "to lodge a complaint with a supervisory authority "
            "(GDPR Art. 77)",
            DataSubjectRight.JUDICIAL_REMEDY: "to an effective judicial remedy (GDPR Art. 79)",
        }
        s.p("You have the right:")
        s.ul([phrases[x] for x in DataSubjectRight if x in r.rights])
        channels = {
            ExerciseChannel.EMAIL: f"by e-mail to {self.email()}",
            ExerciseChannel.CONTACT_PAGE: "through the contact page"
            + (f" {c.contact_page_url}" if c.contact_page_url else ""),
            ExerciseChannel.ACCOUNT_SECTION: (
                f"in the “{self.t(r, 'account_section')}” section of your account"
                if self.t(r, "account_section")
                else "in your account"
            ),
            ExerciseChannel.COOKIE_SETTINGS: "by changing the cookie settings",
            ExerciseChannel.POST: f"by post to {c.legal_address}",
            ExerciseChannel.IN_PERSON: f"in person at {c.legal_address}",
            ExerciseChannel.PHONE: f"by phone, {c.phone}" if c.phone else "by phone",
        }
        ways = [channels[x] for x in ExerciseChannel if x in r.channels]
        if ways:
            s.p(f"You can exercise your rights {join(ways)}.")
        s.p(
            "We answer without undue delay and within one month at the latest. To protect your "
            "data, we may ask you to confirm your identity."
        )
        if self.t(self.a.final, "identity_note"):
            s.p(self.t(self.a.final, "identity_note"))
        return s

    def complaint(self):
        r = self.a.rights
        s = self.section("complaint", "Complaints to the supervisory authority", "rights")
        a = self.authority()
        if a:
            where = f"{a.name_en}, {a.address}, e-mail {a.email}, phone {a.phone}, {a.website}"
        else:
            where = self.t(r, "authority_other")
        s.p(
            "If you believe that your personal data is processed unlawfully, you may lodge a "
            f"complaint with the supervisory authority: {where}."
        )
        if r.also_dvi and r.authority != "lv_dvi":
            from policies.catalogue import AUTHORITIES

            dvi = AUTHORITIES["lv_dvi"]
            s.p(
                f"In Latvia you may also complain to the {dvi.name_en} (Datu valsts inspekcija, "
                f"{dvi.address}, e-mail {dvi.email}, {dvi.website})."
            )
        s.p(
            "You may also contact us first – we can often resolve a question quickly – but this "
            "is not a condition for lodging a complaint."
        )
        return s

    def cookies(self):
        c = self.a.cookies
        s = self.section("cookies", "Cookies", "cookies")
        if c.uses_cookies != YesNo.YES:
            s.p("Our website does not use cookies.")
            return s
        s.p("Cookies are small text files a website stores on your device. We use these cookies:")
        s.ul([COOKIES[x] for x in CookieCategory if x in c.categories])
        if c.tools.strip():
            s.p(f"Cookies are set by these tools: {c.tools.strip()}.")
        if c.consent_first:
            s.p(
                "Cookies that the website does not need to work are set only with your consent, "
                "which you may withdraw at any time."
            )
        ways = {
            CookieManagement.CONSENT_BANNER: "in the cookie banner",
            CookieManagement.SETTINGS_LINK: "in the cookie settings on our website",
            CookieManagement.BROWSER_SETTINGS: "in your browser's settings",
        }
        chosen = [ways[x] for x in ways if x in c.management]
        if chosen:
            s.p(f"You can manage cookies {join(chosen)}.")
        if CookieManagement.COOKIE_POLICY in c.management or c.cookie_policy_url:
            where = f": {c.cookie_policy_url}" if c.cookie_policy_url else "."
            s.p(f"Our cookie policy tells more about cookies{where}")
        return s

    def security(self):
        sec = self.a.security
        s = self.section("security", "Security", "security")
        s.p("We protect data with appropriate technical and organisational measures, including:")
        s.ul([lcfirst(self.label(SecurityMeasure(m))) for m in sec.measures])
        if self.t(sec, "description"):
            s.p(self.t(sec, "description"))
        return s

    def age(self):
        n = self.a.final.min_age
        if not n:
            return None
        s = self.section("age", "Age limit", "final")
        s.p(
            f"Our services are intended for persons aged {n} or over. If we learn that we have "
            "collected data of a younger person, we delete it."
        )
        return s

    def automated(self):
        f = self.a.final
        s = self.section("automated", "Automated decisions and profiling", "final", "purposes")
        if f.automated_decisions == YesNo.YES:
            s.p(self.t(f, "automated_description"))
            s.p(
                "You have the right to obtain human intervention, to express your point of view "
                "and to contest such a decision."
            )
        else:
            s.p(
                "We do not take decisions based solely on automated processing that produce "
                "legal effects concerning you or similarly significantly affect you."
            )
        profiling = self.profiling_purposes()
        if profiling:
            names = join([p.name_in(self.language) for p in profiling])
            s.p(f"We use profiling for these purposes: {names}.")
        return s

    def other(self):
        if not self.has_other_terms():
            return None
        f = self.a.final
        s = self.section("other", "Other terms", "final")
        if f.third_party_links:
            s.p(
                "Our website may link to other websites; their operators are responsible for "
                "their privacy practices, and their own privacy policies apply."
            )
        if f.accuracy_duty:
            s.p("Please tell us when your data changes, so that it stays accurate.")
        return s

    def changes(self):
        s = self.section("changes", "Changes to this policy", "final")
        methods = {
            ChangeNoticeMethod.WEBSITE: "by publishing the new version on the website",
            ChangeNoticeMethod.EMAIL: "by e-mail",
            ChangeNoticeMethod.IN_APP: "with a notice in the app",
        }
        chosen = [methods[m] for m in ChangeNoticeMethod if m in self.a.final.change_notices]
        how = f" We will announce changes {join(chosen)}." if chosen else ""
        s.p("We may update this policy when our activities or the law change." + how)
        s.p("Earlier versions of the policy are available in its archive.")
        return s
