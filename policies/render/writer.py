"""The structure of a privacy policy, once for every language: which sections, which facts,
in which order and under which conditions. Every word comes from the language's sentences
(`policies.render.sentences`); this module holds none."""

from dataclasses import dataclass

from policies import catalogue, texts
from policies.answers import Answers
from policies.choices import (
    CookieCategory,
    CookieManagement,
    DataCategoryCode,
    DataSource,
    DataSubjectRight,
    ExerciseChannel,
    LegalBasis,
    PeriodUnit,
    PurposeCode,
    RecipientRole,
    RetentionBound,
    TransferStatus,
    YesNo,
)
from policies.render.document import Policy, Section
from policies.render.sentences import Sentences
from policyhub.countries import EEA_CODES

ROLE_ORDER = [
    RecipientRole.PROCESSOR,
    RecipientRole.JOINT_CONTROLLER,
    RecipientRole.CONTROLLER,
    RecipientRole.SUCCESSOR_OR_GROUP,
    RecipientRole.AUTHORITY,
    RecipientRole.OTHER_WITH_CONSENT,
]
# How a consent given for a purpose is withdrawn: by the link in each e-mail, in the cookie
# settings, or by writing to us.
UNSUBSCRIBE = {PurposeCode.NEWSLETTER, PurposeCode.PERSONALISED_OFFERS}
COOKIE_CONSENT = {PurposeCode.ANALYTICS, PurposeCode.TARGETED_ADS_SOCIAL}
DAYS = {PeriodUnit.DAYS: 1, PeriodUnit.MONTHS: 30, PeriodUnit.YEARS: 365}
# The steps whose answers the summary on top repeats.
SUMMARY_STEPS = ("controller", "data", "purposes", "recipients", "transfers", "retention", "rights")


@dataclass
class Recipient:
    """A recipient as the policy names it."""

    name: str
    legal_entity: str
    purpose: str
    condition: str
    role: str
    places: list[str]
    outside_eea: bool
    mechanisms: list[str]
    arrangement: str


class PolicyWriter:
    def __init__(self, answers: Answers, sentences: Sentences):
        self.a = answers
        self.s = sentences

    def t(self, obj, name: str) -> str:
        """A text the company wrote, in this policy's language (never another's)."""
        return texts.text(obj, name, self.s.language)

    # -- facts --------------------------------------------------------------------------------

    def email(self) -> str:
        return self.a.controller.privacy_contact_email or self.a.controller.email

    def category_names(self, categories) -> list[str]:
        return [c.name_in(self.s.language) for c in categories]

    def uses_consent(self) -> bool:
        return any(LegalBasis.CONSENT in p.legal_bases for p in self.a.purposes)

    def recipients(self) -> list[Recipient]:
        found = []
        for role in ROLE_ORDER:
            for r in self.a.recipients:
                if r.role != role:
                    continue
                found.append(
                    Recipient(
                        name=self.t(r, "name"),
                        legal_entity=r.legal_entity,
                        purpose=self.t(r, "purpose"),
                        condition=self.t(r, "condition"),
                        role=r.role,
                        places=self.places(r),
                        outside_eea=r.outside_eea,
                        mechanisms=list(r.mechanisms or self.a.transfers.mechanisms)
                        if r.outside_eea
                        else [],
                        arrangement=self.t(r, "arrangement"),
                    )
                )
        return found

    def places(self, recipient) -> list[str]:
        """Where a recipient keeps data: its country, then any countries it sends data on
        to (written as ISO codes or names in the answers)."""
        places = [self.s.country(recipient.country)] if recipient.country else []
        for part in recipient.transfers_to.split(","):
            part = part.strip()
            if part:
                name = self.s.country(part) if len(part) == 2 and part.isupper() else part
                if name not in places:
                    places.append(name)
        return places

    def outside_countries(self) -> list[str]:
        """The countries outside the EU/EEA data goes to: as the transfers step names them,
        else as the recipients' places say."""
        codes = [c for c in self.a.transfers.countries if c not in EEA_CODES]
        if codes:
            return [self.s.country(c) for c in codes]
        found = []
        for r in self.a.recipients_outside_eea:
            country = str(r.country)
            if country and country not in EEA_CODES:
                found.append(self.s.country(country))
            for part in r.transfers_to.split(","):
                part = part.strip()
                if part and part not in EEA_CODES:
                    found.append(self.s.country(part) if len(part) == 2 else part)
        return list(dict.fromkeys(found))

    def retention_groups(self) -> list[tuple[list[str], str]]:
        """(subjects, rule) with the subjects whose rules read the same joined together."""
        groups: dict[str, list[str]] = {}
        for rule in self.a.retention:
            words = self.s.retention_rule(
                period=self.period(rule),
                note=self.t(rule, "note") or self.criterion_note(rule),
                law=self.t(rule, "legal_reference"),
            )
            groups.setdefault(words, []).append(rule.subject_in(self.s.language))
        return [(subjects, words) for words, subjects in groups.items()]

    def criterion_note(self, rule) -> str:
        """The company's own words of an event that ends a period, when a known event is
        chosen as well."""
        if rule.bound == RetentionBound.CRITERION and rule.trigger:
            return self.t(rule, "criterion")
        return ""

    def period(self, rule) -> str:
        if rule.bound == RetentionBound.CRITERION:
            if rule.trigger:
                return self.s.trigger(rule.trigger)
            return self.t(rule, "criterion")
        if rule.period is None or not rule.unit:
            return ""
        return self.s.period(rule.bound, rule.period, rule.period_max, rule.unit)

    def longest_retention(self) -> tuple[str, str] | None:
        """(period, subject) of the longest fixed period, for the summary."""
        longest, days = None, 0
        for rule in self.a.retention:
            if rule.bound == RetentionBound.CRITERION or rule.period is None or not rule.unit:
                continue
            length = (rule.period_max or rule.period) * DAYS[rule.unit]
            if length > days:
                longest, days = rule, length
        if longest is None:
            return None
        return self.period(longest), longest.subject_in(self.s.language)

    def processor_names(self) -> set[str]:
        names = set()
        for r in self.a.recipients:
            if r.role == RecipientRole.PROCESSOR:
                names |= {x.strip().lower() for x in (r.name, r.name_en, r.legal_entity) if x}
        return names

    def cookies(self) -> list[list[str]]:
        """The cookie table: the chosen known tools' cookies, then the company's own rows."""
        rows = []
        language = self.s.language
        for key in self.a.cookies.tool_keys:
            tool = catalogue.COOKIE_TOOLS_BY_KEY.get(key)
            if tool is None:
                continue
            for cookie in tool.cookies:
                rows.append(
                    [
                        cookie.name,
                        tool.name_in(language),
                        cookie.purpose[language],
                        self.s.cookie_kind(tool.category),
                        cookie.duration[language],
                        self.s.cookie_party(cookie.party),
                    ]
                )
        for row in self.a.cookie_rows:
            rows.append(
                [
                    row.name,
                    row.provider,
                    self.t(row, "purpose"),
                    self.s.cookie_kind(row.category) if row.category else "",
                    self.t(row, "duration"),
                    self.s.cookie_party(row.party),
                ]
            )
        return rows

    # -- the document -------------------------------------------------------------------------

    def write(self) -> Policy:
        s = self.s
        policy = Policy(language=s.language, title=s.title(), intro=self.intro())
        builders = [
            self.summary,
            self.controller,
            self.data,
            self.purposes,
            self.recipients_section,
            self.transfers,
            self.retention,
            self.rights,
            self.objection,
            self.complaint,
            self.cookies_section,
            self.security,
            self.children,
            self.automated,
            self.other,
            self.changes,
        ]
        for build in builders:
            section = build()
            if section is not None and section.blocks:
                policy.sections.append(section)
        return policy

    def section(self, key: str, *steps: str) -> Section:
        return Section(key=key, title=self.s.heading(key), blocks=[], steps=steps)

    def intro(self) -> list[str]:
        paragraphs = [self.s.intro(self.s.controller_name())]
        if self.t(self.a.scope, "intro"):
            paragraphs.append(self.t(self.a.scope, "intro"))
        paragraphs.append(self.s.law(str(self.a.controller.country) == "LV"))
        return paragraphs

    def summary(self):
        """A layered notice: the essentials in a line each, each leading to its section."""
        s = self.s
        section = self.section("summary", *SUMMARY_STEPS)
        items, links = [], []

        def add(text, key):
            if text:
                items.append(text)
                links.append(key)

        add(s.summary_controller(s.controller_name(), self.email()), "controller")
        add(s.summary_data(self.category_names(self.a.categories)), "data")
        add(s.summary_purposes([p.name_in(s.language) for p in self.a.purposes]), "purposes")
        names = list(dict.fromkeys(r.name for r in self.recipients()))
        add(s.summary_recipients(s.lower(names)), "recipients")
        countries = self.outside_countries() if self.a.recipients_outside_eea else []
        if countries or self.a.transfers.status in (TransferStatus.YES, TransferStatus.POSSIBLE):
            add(s.summary_transfers(countries), "transfers")
        add(s.summary_retention(self.longest_retention()), "retention")
        add(s.summary_rights(), "rights")
        add(s.summary_objection(), "objection")
        section.ul(items, links)
        return section

    def controller(self):
        c, s = self.a.controller, self.s
        section = self.section("controller", "controller", "scope")
        section.p(
            s.controller_identity(s.controller_name(), c.registration_number, c.legal_address),
            s.vat(c.vat_number) if c.vat_number else "",
        )
        ways = [s.by_email(c.email)]
        if c.phone:
            ways.append(s.by_phone(c.phone))
        if c.contact_page_url:
            ways.append(s.by_contact_page(c.contact_page_url))
        section.p(s.contacts(ways), s.website(c.website) if c.website else "")
        if c.privacy_contact_email and c.privacy_contact_email != c.email:
            section.p(s.privacy_contact(c.privacy_contact_email, self.t(c, "privacy_contact_role")))
        if c.brand_name:
            section.p(s.brand(c.brand_name, s.controller_name()))
        services = [
            s.service(self.t(x, "name"), x.url) for x in self.a.services if self.t(x, "name")
        ]
        if services:
            section.p(s.services_lead(len(services)))
            section.ul(services)
        if c.dpo_appointed:
            ways = [s.by_email(c.dpo_email)] if c.dpo_email else []
            if c.dpo_phone:
                ways.append(s.by_phone(c.dpo_phone))
            section.p(s.dpo(c.dpo_name, ways))
        if c.representative:
            section.p(s.representative(c.representative))
        if self.a.scope.acts_as_processor:
            section.p(s.as_processor())
            note = self.t(self.a.scope, "processor_note")
            if note:
                section.p(s.as_processor_note(note))
        return section

    def data(self):
        a, s = self.a, self.s
        section = self.section("data", "data", "scope")
        if a.scope.data_subjects:
            section.p(s.data_subjects([s.subject_label(x) for x in a.scope.data_subjects]))
        section.p(s.data_lead())
        section.ul(
            [
                s.data_item(c.name_in(s.language), self.t(c, "examples"), self.t(c, "condition"))
                for c in a.categories
            ]
        )
        section.p(s.sources_lead())
        section.ul(self.sources())
        self.provision(section)
        special = [c for c in a.categories if c.special_category]
        if special:
            section.p(s.special_lead())
            section.ul(
                [s.special_item(c.name_in(s.language), c.special_condition) for c in special]
            )
        return section

    def sources(self) -> list[str]:
        s = self.s
        lines = []
        by_source: dict[str, list] = {}
        for category in self.a.categories:
            for source in category.sources:
                by_source.setdefault(source, []).append(category)
        if DataSource.DATA_SUBJECT in by_source:
            names = self.category_names(by_source[DataSource.DATA_SUBJECT])
            lines.append(s.source_person(names))
        automatic = by_source.get(DataSource.AUTOMATIC, [])
        online = [c for c in automatic if c.code != DataCategoryCode.CCTV]
        cameras = [c for c in automatic if c.code == DataCategoryCode.CCTV]
        if online:
            lines.append(s.source_online(self.category_names(online)))
        if cameras:
            lines.append(s.source_cameras(self.category_names(cameras)))
        if DataSource.THIRD_PARTY in by_source:
            processors = self.processor_names()
            via, others = [], []
            for category in by_source[DataSource.THIRD_PARTY]:
                named = [x.strip() for x in self.t(category, "third_party_sources").split(",")]
                named = [x for x in named if x]
                ours = [x for x in named if x.lower() in processors]
                theirs = [x for x in named if x.lower() not in processors]
                if ours:
                    via.append((category.name_in(s.language), ours))
                if theirs or not ours:
                    others.append((category.name_in(s.language), theirs))
            if via:
                lines.append(s.source_processors(via))
            if others:
                lines.append(s.source_third_parties(others))
        if DataSource.PUBLIC in by_source:
            lines.append(s.source_public(self.category_names(by_source[DataSource.PUBLIC])))
        return lines

    def provision(self, section):
        """Whether people must give their data, and what follows if they do not: a table,
        the kinds of data with the same answer in one row."""
        s = self.s
        rows: dict[str, list[str]] = {}
        for category in self.a.categories:
            if category.provision:
                rows.setdefault(category.provision, []).append(category.name_in(s.language))
        if rows:
            section.p(s.provision_lead())
            section.table(
                s.provision_head(),
                [
                    [s.capital(s.join(s.lower(names))), *s.provision(requirement)]
                    for requirement, names in rows.items()
                ],
            )

    def purposes(self):
        s = self.s
        section = self.section("purposes", "purposes")
        section.p(s.purposes_lead())
        section.ul(
            [
                s.purpose_item(
                    name=p.name_in(s.language),
                    description=self.t(p, "description"),
                    bases=[s.basis(b, p.interest_holder) for b in p.legal_bases],
                    interest=self.t(p, "legitimate_interest")
                    if LegalBasis.LEGITIMATE_INTERESTS in p.legal_bases
                    else "",
                    data=self.category_names(p.categories.all()),
                )
                for p in self.a.purposes
            ]
        )
        consent = [p for p in self.a.purposes if LegalBasis.CONSENT in p.legal_bases]
        if consent:
            section.p(s.withdrawal_lead())
            section.ul(
                [s.withdrawal(p.name_in(s.language), self.withdrawal_way(p)) for p in consent]
            )
        return section

    def withdrawal_way(self, purpose) -> str:
        if purpose.code in UNSUBSCRIBE:
            return self.s.way_unsubscribe(self.email())
        if purpose.code in COOKIE_CONSENT:
            return self.s.way_cookie_settings()
        return self.s.way_write(self.email())

    def recipients_section(self):
        s = self.s
        section = self.section("recipients", "recipients")
        recipients = self.recipients()
        if not recipients:
            section.p(s.no_recipients())
            return section
        section.p(s.recipients_lead())
        section.table(
            s.recipients_head(),
            [
                [
                    s.recipient(r.name, r.legal_entity),
                    s.recipient_purpose(r.purpose, r.condition),
                    s.role(r.role),
                    "; ".join(r.places) or s.various_countries(),
                    s.mechanisms_short(r.mechanisms) if r.outside_eea else s.within_eea(),
                ]
                for r in recipients
            ],
        )
        if any(r.role == RecipientRole.PROCESSOR for r in recipients):
            section.p(s.processors_bound())
        for r in recipients:
            if r.role == RecipientRole.JOINT_CONTROLLER:
                section.p(s.joint(r.name), s.arrangement(r.arrangement) if r.arrangement else "")
        return section

    def transfers(self):
        s, t = self.s, self.a.transfers
        section = self.section("transfers", "transfers", "recipients")
        outside = [r for r in self.recipients() if r.outside_eea]
        if t.status in ("", TransferStatus.NONE) and not outside:
            section.p(s.no_transfers())
            return section
        section.p(s.transfers_lead(t.status == TransferStatus.POSSIBLE, self.outside_countries()))
        if outside:
            # Recipients on the same grounds in one line, the grounds said once.
            grounds: dict[tuple, list[Recipient]] = {}
            for r in outside:
                grounds.setdefault(tuple(r.mechanisms), []).append(r)
            section.p(s.transfer_grounds_lead())
            section.ul(
                [
                    s.transfer_item(
                        [s.recipient_places(r.name, r.places) for r in group],
                        s.mechanisms_full(mechanisms),
                    )
                    for mechanisms, group in grounds.items()
                ]
            )
        elif t.mechanisms:
            section.p(s.transfer_grounds(s.mechanisms_full(t.mechanisms)))
        copy = self.t(t, "copy_access")
        section.p(copy or s.safeguards_copy(self.email()))
        return section

    def retention(self):
        s = self.s
        section = self.section("retention", "retention")
        section.p(s.retention_lead())
        section.ul(
            [s.retention_item(subjects, words) for subjects, words in self.retention_groups()]
        )
        section.p(s.retention_end())
        return section

    def rights(self):
        s, r = self.s, self.a.rights
        section = self.section("rights", "rights")
        section.p(s.rights_lead())
        section.ul([s.right(x) for x in DataSubjectRight if x in r.rights and s.right(x)])
        ways = [self.channel(x) for x in ExerciseChannel if x in r.channels]
        if ways:
            section.p(s.exercise(ways))
        section.p(s.deadline())
        section.p(self.t(self.a.final, "identity_note") or s.identity_check())
        return section

    def channel(self, code) -> str:
        s, c = self.s, self.a.controller
        if code == ExerciseChannel.EMAIL:
            return s.channel_email(self.email())
        if code == ExerciseChannel.CONTACT_PAGE:
            return s.channel_contact_page(c.contact_page_url or c.website)
        if code == ExerciseChannel.ACCOUNT_SECTION:
            return s.channel_account(self.t(self.a.rights, "account_section"))
        if code == ExerciseChannel.COOKIE_SETTINGS:
            return s.channel_cookie_settings()
        if code == ExerciseChannel.POST:
            return s.channel_post(c.legal_address)
        if code == ExerciseChannel.IN_PERSON:
            return s.channel_in_person(c.legal_address)
        return s.channel_phone(c.phone)

    def objection(self):
        """The right to object, clearly and separately from the other rights (GDPR
        Art. 21(4))."""
        s = self.s
        section = self.section("objection", "rights", "purposes")
        grounds = [
            p
            for p in self.a.purposes
            if LegalBasis.LEGITIMATE_INTERESTS in p.legal_bases
            or LegalBasis.PUBLIC_TASK in p.legal_bases
        ]
        section.p(s.object_general(bool(grounds)))
        if grounds:
            section.ul([p.name_in(s.language) for p in grounds])
        newsletter = any(p.code in UNSUBSCRIBE for p in self.a.purposes)
        section.p(s.object_marketing(), s.object_how(self.email(), newsletter))
        return section

    def complaint(self):
        s, r = self.s, self.a.rights
        section = self.section("complaint", "rights")
        authority = catalogue.AUTHORITIES.get(r.authority)
        if authority:
            section.p(s.complaint_lead(s.authority_name(authority)))
            section.ul(s.authority_contacts(authority))
        else:
            section.p(s.complaint_other(self.t(r, "authority_other")))
        if r.also_dvi and r.authority != "lv_dvi":
            section.p(s.also_dvi(catalogue.AUTHORITIES["lv_dvi"]))
        section.p(s.contact_us_first())
        return section

    def cookies_section(self):
        c, s = self.a.cookies, self.s
        section = self.section("cookies", "cookies")
        if c.uses_cookies != YesNo.YES:
            section.p(s.no_cookies())
            return section
        section.p(s.cookies_lead())
        section.ul([s.cookie_category(x) for x in CookieCategory if x in c.categories])
        needs_consent = [x for x in c.categories if x != CookieCategory.NECESSARY]
        section.p(
            s.cookies_necessary() if CookieCategory.NECESSARY in c.categories else "",
            s.cookies_consent() if needs_consent else "",
        )
        rows = self.cookies()
        if rows:
            section.p(s.cookie_table_lead())
            section.table(s.cookie_table_head(), rows)
        if c.tools.strip():
            section.p(s.other_tools(c.tools.strip()))
        ways = {
            CookieManagement.CONSENT_BANNER: s.manage_banner(),
            CookieManagement.SETTINGS_LINK: s.manage_settings(),
            CookieManagement.BROWSER_SETTINGS: s.manage_browser(),
        }
        chosen = [ways[x] for x in ways if x in c.management]
        if chosen:
            section.p(s.manage(chosen))
        if c.cookie_policy_url:
            section.p(s.cookie_policy(c.cookie_policy_url))
        return section

    def security(self):
        s, sec = self.s, self.a.security
        section = self.section("security", "security")
        section.p(s.security_lead())
        section.ul([s.measure(m) for m in sec.measures])
        section.p(self.t(sec, "description"))
        return section

    def children(self):
        s, f = self.s, self.a.final
        children = f.children == YesNo.YES and self.uses_consent()
        if not f.min_age and not children:
            return None
        section = self.section("children", "final", "purposes")
        if f.min_age:
            section.p(s.minimum_age(f.min_age))
        if children:
            section.p(s.children_consent())
        return section

    def automated(self):
        s, f = self.s, self.a.final
        section = self.section("automated", "final", "purposes")
        if f.automated_decisions == YesNo.YES:
            section.p(s.automated_lead(), s.as_sentences(self.t(f, "automated_description")))
            section.p(
                s.as_sentences(self.t(f, "automated_significance")),
                s.automated_ground(f.automated_ground) if f.automated_ground else "",
            )
            section.p(s.automated_rights())
        else:
            section.p(s.no_automated())
        profiling = [p.name_in(s.language) for p in self.a.purposes if p.involves_profiling]
        if profiling:
            section.p(s.profiling_lead())
            section.ul(profiling)
            section.p(s.profiling_objection())
        else:
            section.p(s.no_profiling())
        return section

    def other(self):
        f, s = self.a.final, self.s
        if not (f.third_party_links or f.accuracy_duty):
            return None
        section = Section(
            key="other",
            title=s.other_heading(f.accuracy_duty, f.third_party_links),
            blocks=[],
            steps=("final",),
        )
        if f.accuracy_duty:
            section.p(s.accuracy())
        if f.third_party_links:
            section.p(s.third_party_links())
        return section

    def changes(self):
        s = self.s
        section = self.section("changes", "final")
        section.p(s.changes([s.notice(m) for m in self.a.final.change_notices]))
        section.p(s.archive())
        return section
