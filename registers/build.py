"""Records of processing activities (GDPR Art. 30), written from the same answers as the policy.

`build(tenant, language)` reads every document of a company and makes its register: the
controller (Art. 30(1)(a)), one activity per purpose of each document with the items (b) to
(g) and the register's own optional fields, a processor's record (Art. 30(2)) for each
document whose scope says that the company processes its customers' data, what is missing,
and when the activities were last reviewed. Each document's entry says in words how its
current answers differ from those of the version in force.

Every text is in the language asked for: labels of choices and our own words through the
catalogues (inside `translation.override`), the policy's own phrases (legal bases, roles,
safeguards, retention periods) through its writer (`policies.render`), and the company's own
texts in that language's column (`policies.texts`).
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from policies import answers_format, changes
from policies.answers import Answers, load_answers
from policies.choices import (
    DataCategoryCode,
    DataSubjectCategory,
    DpiaStatus,
    LegalBasis,
    PurposeCode,
    RecipientRole,
    SecurityMeasure,
    TransferStatus,
)
from policies.models import (
    ControllerAnswers,
    DataCategory,
    Document,
    PolicyVersion,
    Purpose,
    Recipient,
    TransferAnswers,
)
from policies.render import LANGUAGES as SENTENCES
from policies.render.writer import PolicyWriter
from policyhub.countries import EEA_CODES
from tenants.models import Tenant

LANGUAGES = ("lv", "en")
REVIEW_DAYS = 365  # an activity not reviewed for longer is due for review

# The columns of the controller's register: Art. 30(1)(a) to (g), then the register's own.
ACTIVITY_COLUMNS = (
    ("document", gettext_lazy("Document")),
    ("a", gettext_lazy("(a) Controller and contact details")),
    ("b", gettext_lazy("(b) Purpose of processing")),
    ("b_basis", gettext_lazy("(b) Legal basis")),
    ("c_subjects", gettext_lazy("(c) Categories of data subjects")),
    ("c_data", gettext_lazy("(c) Categories of personal data")),
    ("d", gettext_lazy("(d) Recipients")),
    ("e", gettext_lazy("(e) Transfers to third countries and safeguards")),
    ("f", gettext_lazy("(f) Time limits for erasure")),
    ("g", gettext_lazy("(g) Technical and organisational security measures")),
    ("owner", gettext_lazy("Responsible in the company")),
    ("systems", gettext_lazy("Systems used")),
    ("dpia", gettext_lazy("Data protection impact assessment")),
    ("reviewed_on", gettext_lazy("Last reviewed")),
)
ARTICLE_30_1 = ("a", "b", "b_basis", "c_subjects", "c_data", "d", "e", "f", "g")
# The columns of the processor's record: Art. 30(2)(a) to (d).
PROCESSOR_COLUMNS = (
    ("document", gettext_lazy("Document")),
    ("a", gettext_lazy("(a) Processor and contact details")),
    ("a_controllers", gettext_lazy("(a) Controllers on whose behalf we process")),
    ("b", gettext_lazy("(b) Categories of processing carried out for each controller")),
    ("sub", gettext_lazy("Sub-processors")),
    ("c", gettext_lazy("(c) Transfers to third countries and safeguards")),
    ("d", gettext_lazy("(d) Technical and organisational security measures")),
)
# What the register compares with the version in force: the controller's details it shows.
CONTROLLER_FIELDS = (
    "legal_name",
    "legal_form",
    "legal_form_other",
    "country",
    "registration_number",
    "legal_address",
    "email",
    "phone",
    "website",
    "privacy_contact_email",
    "privacy_contact_role",
    "dpo_appointed",
    "dpo_name",
    "dpo_email",
    "dpo_phone",
    "representative",
)
PURPOSE_FIELDS = (
    "description",
    "legal_bases",
    "legitimate_interest",
    "interest_holder",
    "categories",
)
CATEGORY_FIELDS = ("examples", "special_category", "special_condition")
RECIPIENT_FIELDS = ("name", "legal_entity", "role", "country", "transfers_to", "mechanisms")
TRANSFER_FIELDS = ("status", "countries", "mechanisms")


def day(value: datetime.date) -> str:
    """A date as the register writes it in every language: 07.12.2026."""
    return f"{value:%d.%m.%Y}."


@dataclass
class Item:
    """One item of a record: its column, heading in the register's language, and lines."""

    key: str
    label: str
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Controller:
    """Art. 30(1)(a) and 30(2)(a): who keeps the records, and how to reach them."""

    name: str
    registration_number: str
    address: str
    email: str
    phone: str
    website: str
    privacy_contact: str
    representative: str
    dpo: str  # the data protection officer's name and contacts, when one is appointed
    lines: list[str] = field(default_factory=list)  # all of it, labelled, for a cell


@dataclass
class VersionInForce:
    number: int
    effective_date: datetime.date


@dataclass
class DocumentEntry:
    """A document the register is made from, and how it stands against its published policy."""

    slug: str
    title: str
    name: str  # the title and the address name: “Privacy Policy (/privatuma-politika/)”
    version: VersionInForce | None
    status: str  # which version is in force, in words
    differences: list[str]  # how the draft differs from the version in force
    line: str = ""  # all of the above in one line, for the head of an export


@dataclass
class Activity:
    """One processing activity: a purpose of a document, with the items of Art. 30(1)."""

    document: DocumentEntry
    code: str
    name: str
    description: str
    legal_bases: list[str]
    legitimate_interest: str
    data_subjects: list[str]
    data_categories: list[str]
    recipients: list[str]
    recipients_none: bool  # the company said it gives data to nobody
    transfers: list[str]
    retention: list[str]
    retention_general: bool  # no rule names the purpose or its data: the document's general
    security: list[str]
    owner: str
    systems: str
    dpia: str
    dpia_reason: str
    reviewed_on: datetime.date | None
    items: list[Item] = field(default_factory=list)

    def item(self, key: str) -> Item:
        return next(i for i in self.items if i.key == key)


@dataclass
class ProcessorRecord:
    """Art. 30(2): what the company does as a processor for its customers."""

    document: DocumentEntry
    processor: Controller
    controllers: str
    processing: str
    sub_processors: list[str]
    transfers: list[str]
    security: list[str]
    items: list[Item] = field(default_factory=list)

    def item(self, key: str) -> Item:
        return next(i for i in self.items if i.key == key)


@dataclass
class Register:
    tenant: Tenant
    language: str
    made_on: datetime.date
    controller: Controller | None
    documents: list[DocumentEntry]
    activities: list[Activity]
    processor_records: list[ProcessorRecord]
    activity_headers: list[str]
    processor_headers: list[str]
    missing: list[str]  # gaps in what Art. 30 requires
    optional_missing: list[str]  # gaps in the register's own, optional fields
    last_reviewed: datetime.date | None  # the oldest review of all activities
    review_due: bool

    @property
    def name(self) -> str:
        """The company's name as its records give it."""
        return self.controller.name if self.controller else self.tenant.legal_name


# ---------------------------------------------------------------------------------------------
# The register
# ---------------------------------------------------------------------------------------------


def build(tenant: Tenant, language: str) -> Register:
    """The register of `tenant`, every document of it, in `language` ("lv" or "en")."""
    if language not in LANGUAGES:
        raise ValueError(f"no register in {language!r}")
    today = timezone.localdate()
    documents = list(Document.objects.for_tenant(tenant).select_related("tenant"))
    with translation.override(language):
        register = Register(
            tenant=tenant,
            language=language,
            made_on=today,
            controller=None,
            documents=[],
            activities=[],
            processor_records=[],
            activity_headers=[str(label) for _key, label in ACTIVITY_COLUMNS],
            processor_headers=[str(label) for _key, label in PROCESSOR_COLUMNS],
            missing=[],
            optional_missing=[],
            last_reviewed=None,
            review_due=False,
        )
        for document in documents:
            _DocumentRecords(register, document, named=len(documents) > 1).add()
        if not documents:
            register.missing.append(_("The company has no documents: answer the wizard first."))
        reviews = [a.reviewed_on for a in register.activities]
        if reviews and None not in reviews:
            register.last_reviewed = min(reviews)
        register.review_due = bool(reviews) and (
            register.last_reviewed is None or (today - register.last_reviewed).days > REVIEW_DAYS
        )
    return register


class _DocumentRecords:
    """What one document adds to the register: its entry, its activities, its processor's
    record and its gaps. Runs inside `translation.override` of the register's language."""

    def __init__(self, register: Register, document: Document, *, named: bool):
        self.register = register
        self.language = register.language
        self.document = document
        self.answers: Answers = load_answers(document)
        self.s = SENTENCES[self.language](self.answers)
        self.w = PolicyWriter(self.answers, self.s)
        self.named = named  # the company has several documents: gaps name theirs

    def add(self) -> None:
        register = self.register
        self.entry = entry = self.document_entry()
        register.documents.append(entry)
        controller = self.controller()
        if register.controller is None:
            register.controller = controller
        self.controller_gaps(controller)
        a = self.answers
        subjects = [str(DataSubjectCategory(code).label) for code in a.scope.data_subjects]
        recipients = self.recipients()
        transfers = self.transfers()
        security = self.security()
        if not a.purposes:
            self.gap(_("no purposes of processing are given."))
        if not subjects:
            self.gap(_("the categories of data subjects are not given."))
        if not recipients and not a.recipients_answers.none_declared:
            self.gap(_("the recipients are not answered: name them, or say there are none."))
        if not security:
            self.gap(_("no security measures are given."))
        general = [r for r in a.retention if not r.category_id and not r.purpose_id]
        for purpose in a.purposes:
            activity = self.activity(
                entry, controller, purpose, subjects, recipients, transfers, security, general
            )
            register.activities.append(activity)
        if a.scope.acts_as_processor:
            register.processor_records.append(
                self.processor_record(entry, controller, transfers, security)
            )

    # -- gaps --------------------------------------------------------------------------------

    def gap(self, text: str, *, optional: bool = False) -> None:
        text = capfirst(text)
        line = f"{self.entry.name} – {text}" if self.named else text
        (self.register.optional_missing if optional else self.register.missing).append(line)

    # -- the document and its version in force ----------------------------------------------

    def document_entry(self) -> DocumentEntry:
        entry = self._document_entry()
        entry.line = f"{entry.name}: {capfirst(entry.status)}"
        if entry.differences:
            entry.line += " " + _("The draft differs: %(changes)s") % {
                "changes": " ".join(entry.differences)
            }
        return entry

    def _document_entry(self) -> DocumentEntry:
        document = self.document
        title = self.s.title()
        name = f"{title} (/{document.slug}/)"
        versions = PolicyVersion.objects.for_tenant(document.tenant).filter(document=document)
        in_force = versions.in_force().defer("texts").first()
        if in_force is not None:
            version = VersionInForce(in_force.number, in_force.effective_date)
            status = _("version %(number)s, in force since %(date)s") % {
                "number": in_force.number,
                "date": day(in_force.effective_date),
            }
            found = _compare(
                in_force.answers, answers_format.export(document, self.answers), self.language
            )
            if not found:
                status += " " + _("The draft matches it.")
            return DocumentEntry(document.slug, title, name, version, status, found)
        upcoming = versions.only("number", "effective_date").order_by("-number").first()
        if upcoming is not None:
            status = _("not in force yet: version %(number)s takes effect on %(date)s") % {
                "number": upcoming.number,
                "date": day(upcoming.effective_date),
            }
        else:
            status = _("not published yet")
        return DocumentEntry(document.slug, title, name, None, status, [])

    # -- (a) the controller ------------------------------------------------------------------

    def controller(self) -> Controller:
        c = self.answers.controller
        t = self.w.t
        name = self.s.controller_name() if c.legal_name.strip() else self.document.tenant.legal_name
        privacy = ""
        if c.privacy_contact_email and c.privacy_contact_email != c.email:
            role = t(c, "privacy_contact_role")
            privacy = f"{c.privacy_contact_email} ({role})" if role else c.privacy_contact_email
        dpo = ""
        if c.dpo_appointed:
            dpo = ", ".join(x for x in (c.dpo_name, c.dpo_email, c.dpo_phone) if x)
        controller = Controller(
            name=name,
            registration_number=c.registration_number,
            address=c.legal_address,
            email=c.email,
            phone=c.phone,
            website=c.website,
            privacy_contact=privacy,
            representative=c.representative,
            dpo=dpo or (_("appointed, details not given") if c.dpo_appointed else ""),
        )
        labelled = [
            (_("Registration number"), controller.registration_number),
            (_("Address"), controller.address),
            (_("E-mail"), controller.email),
            (_("Phone"), controller.phone),
            (_("Website"), controller.website),
            (_("Data protection contact"), controller.privacy_contact),
            (_("Representative in the EU"), controller.representative),
            (_("Data protection officer"), controller.dpo),
        ]
        controller.lines = [name] + [f"{label}: {value}" for label, value in labelled if value]
        return controller

    def controller_gaps(self, controller: Controller) -> None:
        c = self.answers.controller
        if not c.legal_name.strip():
            self.gap(_("the controller's name is not given."))
        if not (c.email or c.phone):
            self.gap(_("the controller's e-mail or phone is not given."))
        if c.dpo_appointed and not (c.dpo_name and (c.dpo_email or c.dpo_phone)):
            self.gap(
                _(
                    "a data protection officer is appointed, but their name or contacts are "
                    "not given."
                )
            )

    # -- (d) recipients, (e) transfers, (g) security: the same for every purpose -------------

    def recipient_line(self, recipient: Recipient) -> str:
        name = self.s.recipient(self.w.t(recipient, "name"), recipient.legal_entity)
        places = "; ".join(self.w.places(recipient)) or self.s.various_countries()
        return f"{name} – {self.s.role(recipient.role)}, {places}"

    def recipients(self) -> list[str]:
        return [self.recipient_line(r) for r in self.answers.recipients]

    def outside_places(self, recipient: Recipient) -> list[str]:
        """The countries outside the EU/EEA where a recipient keeps or sends data."""
        places = []
        codes = [str(recipient.country)] + recipient.transfers_to.split(",")
        for part in (c.strip() for c in codes):
            if not part or part in EEA_CODES:
                continue
            name = self.s.country(part) if len(part) == 2 and part.isupper() else part
            if name not in places:
                places.append(name)
        return places

    def transfers(self) -> list[str]:
        """Each recipient outside the EU/EEA with its countries and safeguards; then the
        transfers step's own answer, where it names more than those lines do."""
        a, s, t = self.answers, self.s, self.answers.transfers
        lines, codes, grounds = [], set(), set()
        for recipient in a.recipients_outside_eea:
            mechanisms = list(recipient.mechanisms or t.mechanisms)
            name = self.w.t(recipient, "name")
            places = ", ".join(self.outside_places(recipient)) or s.various_countries()
            lines.append(f"{name}: {places} – {s.mechanisms_short(mechanisms)}")
            codes |= {
                str(recipient.country),
                *(c.strip() for c in recipient.transfers_to.split(",")),
            }
            grounds |= set(mechanisms)
            if not mechanisms:
                self.gap(
                    _("no safeguard is chosen for the transfers to “%(name)s”.") % {"name": name}
                )
        outside = [c for c in t.countries if c not in EEA_CODES]
        answered = t.status in (TransferStatus.YES, TransferStatus.POSSIBLE)
        if answered and (not lines or set(outside) - codes or set(t.mechanisms) - grounds):
            lines.append(
                _(
                    "Transfers outside the EU/EEA: %(answer)s; countries: %(countries)s; "
                    "safeguards: %(safeguards)s"
                )
                % {
                    "answer": capfirst(str(TransferStatus(t.status).label)),
                    "countries": ", ".join(s.country(c) for c in outside) or "—",
                    "safeguards": s.mechanisms_short(t.mechanisms),
                }
            )
            if not t.mechanisms and not a.recipients_outside_eea:
                self.gap(_("no safeguard is chosen for the transfers outside the EU/EEA."))
        if not lines:
            lines.append(_("None: personal data is not transferred outside the EU/EEA."))
            if not t.status:
                self.gap(_("whether data is transferred outside the EU/EEA is not answered."))
        return lines

    def security(self) -> list[str]:
        sec = self.answers.security
        lines = [str(SecurityMeasure(code).label) for code in sec.measures]
        description = self.w.t(sec, "description")
        if description:
            lines.append(description)
        return lines

    # -- (b), (c), (f): per purpose ----------------------------------------------------------

    def retention(self, purpose: Purpose, general) -> tuple[list[str], bool]:
        categories = {c.pk for c in purpose.categories.all()}
        rules = [
            r
            for r in self.answers.retention
            if r.purpose_id == purpose.pk or (r.category_id and r.category_id in categories)
        ]
        lines = self.retention_lines(rules)
        if lines:
            return lines, False
        lines = self.retention_lines(general)
        if lines:
            return [_("The document's general rules:"), *lines], True
        return [], False

    def retention_lines(self, rules) -> list[str]:
        """Each rule as the policy words it: “Contact details: while the account is active”."""
        lines = []
        for rule in rules:
            period = self.w.period(rule)
            if not period:
                continue
            words = self.s.retention_rule(
                period=period,
                note=self.w.t(rule, "note") or self.w.criterion_note(rule),
                law=self.w.t(rule, "legal_reference"),
            )
            subject = rule.subject_in(self.language)
            lines.append(f"{subject}: {words}" if subject else words)
        return lines

    def category_line(self, category: DataCategory) -> str:
        text = category.name_in(self.language)
        examples = self.w.t(category, "examples")
        if examples:
            text += f" ({examples})"
        if category.special_category:
            text += " – " + _("special category of personal data (GDPR Art. 9)")
        return text

    def activity(
        self, entry, controller, purpose, subjects, recipients, transfers, security, general
    ):
        w, s = self.w, self.s
        name = purpose.name_in(self.language) or _("(not named yet)")
        description = w.t(purpose, "description")
        bases = [s.basis(code, purpose.interest_holder) for code in purpose.legal_bases]
        interest = ""
        if LegalBasis.LEGITIMATE_INTERESTS in purpose.legal_bases:
            interest = w.t(purpose, "legitimate_interest")
        categories = [self.category_line(c) for c in purpose.categories.all()]
        retention, retention_general = self.retention(purpose, general)
        none_declared = self.answers.recipients_answers.none_declared and not recipients
        activity = Activity(
            document=entry,
            code=purpose.code,
            name=name,
            description=description,
            legal_bases=bases,
            legitimate_interest=interest,
            data_subjects=subjects,
            data_categories=categories,
            recipients=recipients
            or (
                [_("None: personal data is given to nobody outside the company.")]
                if none_declared
                else []
            ),
            recipients_none=none_declared,
            transfers=transfers,
            retention=retention,
            retention_general=retention_general,
            security=security,
            owner=w.t(purpose, "register_owner"),
            systems=purpose.register_systems.strip(),
            dpia=str(DpiaStatus(purpose.dpia).label) if purpose.dpia else "",
            dpia_reason=w.t(purpose, "dpia_reason"),
            reviewed_on=purpose.reviewed_on,
        )
        named = {"name": name}
        if not bases:
            self.gap(_("purpose “%(name)s”: no legal basis is given.") % named)
        if LegalBasis.LEGITIMATE_INTERESTS in purpose.legal_bases and not interest:
            self.gap(_("purpose “%(name)s”: the legitimate interest is not described.") % named)
        if not categories:
            self.gap(_("purpose “%(name)s”: no categories of personal data are given.") % named)
        if not retention:
            self.gap(_("purpose “%(name)s”: no retention period.") % named)
        if not activity.owner:
            self.gap(
                _("purpose “%(name)s”: the activity owner is not given.") % named, optional=True
            )
        if not activity.systems:
            self.gap(
                _("purpose “%(name)s”: the systems used are not given.") % named, optional=True
            )
        if not activity.dpia:
            self.gap(
                _("purpose “%(name)s”: whether an impact assessment is needed is not given.")
                % named,
                optional=True,
            )
        if activity.reviewed_on is None:
            self.gap(_("purpose “%(name)s”: never reviewed.") % named, optional=True)

        dpia = " – ".join(x for x in (activity.dpia, activity.dpia_reason) if x)
        purpose_lines = [name] + ([description] if description else [])
        basis_lines = list(bases)
        if interest:
            basis_lines.append(_("Legitimate interest: %(text)s") % {"text": interest})
        activity.items = _items(
            ACTIVITY_COLUMNS,
            {
                "document": [entry.name],
                "a": controller.lines,
                "b": purpose_lines,
                "b_basis": basis_lines,
                "c_subjects": subjects,
                "c_data": categories,
                "d": activity.recipients,
                "e": transfers,
                "f": retention,
                "g": security,
                "owner": [activity.owner] if activity.owner else [],
                "systems": [activity.systems] if activity.systems else [],
                "dpia": [dpia] if dpia else [],
                "reviewed_on": [day(activity.reviewed_on)] if activity.reviewed_on else [],
            },
        )
        return activity

    # -- Art. 30(2): the company as a processor ----------------------------------------------

    def processor_record(self, entry, controller, transfers, security) -> ProcessorRecord:
        a, w = self.answers, self.w
        services = [w.t(x, "name") for x in a.services if w.t(x, "name")]
        if services:
            controllers = _(
                "Our customers, each the controller of the data they enter in %(services)s; "
                "each is named in their contract with us."
            ) % {"services": self.s.join(services)}
        else:
            controllers = _(
                "Our customers, each the controller of the data they enter in our service; "
                "each is named in their contract with us."
            )
        processing = w.t(a.scope, "processor_note")
        if not processing:
            self.gap(_("the data processed on customers' behalf is not described."))
        subs = [self.recipient_line(r) for r in a.recipients if r.role == RecipientRole.PROCESSOR]
        record = ProcessorRecord(
            document=entry,
            processor=controller,
            controllers=controllers,
            processing=processing,
            sub_processors=subs or [_("None")],
            transfers=transfers,
            security=security,
        )
        record.items = _items(
            PROCESSOR_COLUMNS,
            {
                "document": [entry.name],
                "a": controller.lines,
                "a_controllers": [controllers],
                "b": [processing] if processing else [],
                "sub": record.sub_processors,
                "c": transfers,
                "d": security,
            },
        )
        return record


def _items(columns, values: dict[str, list[str]]) -> list[Item]:
    return [Item(key, str(label), [v for v in values.get(key, []) if v]) for key, label in columns]


# ---------------------------------------------------------------------------------------------
# Differences from the version in force
# ---------------------------------------------------------------------------------------------


def _compare(before: dict, after: dict, language: str) -> list[str]:
    """What changed from answers `before` (a version's snapshot) to `after` (the draft), in
    sentences. Rows are matched by their Latvian names, as the change summary matches them;
    only the texts of `language` count."""
    before, after = changes.in_current_format(before), changes.in_current_format(after)
    lines = []
    lines += _controller(before, after, language)
    lines += _data_subjects(before, after)
    lines += _purposes(before, after, language)
    lines += _categories(before, after, language)
    lines += _recipients(before, after, language)
    lines += _retention(before, after, language)
    lines += _transfers(before, after, language)
    lines += _security(before, after, language)
    old, new = before.get("scope") or {}, after.get("scope") or {}
    if _only(old, "acts_as_processor", language) != _only(new, "acts_as_processor", language) or (
        _only(old, "processor_note", language) != _only(new, "processor_note", language)
    ):
        lines.append(_("The processing done on customers' behalf changed in the draft."))
    return lines


def _only(row: dict, name: str, language: str):
    return changes.in_language(row.get(name), language)


def _changed_fields(model, old: dict, new: dict, names, language) -> list[str]:
    return [
        str(model._meta.get_field(name).verbose_name)
        for name in names
        if _only(old, name, language) != _only(new, name, language)
    ]


def _listed(added: list[str], removed: list[str]) -> str:
    parts = []
    if added:
        parts.append(_("added %(items)s") % {"items": ", ".join(added)})
    if removed:
        parts.append(_("removed %(items)s") % {"items": ", ".join(removed)})
    return "; ".join(parts)


def _section(model, key, names, message, before, after, language) -> list[str]:
    """`message` naming the fields of wizard section `key` that the draft changed, if any."""
    old, new = before.get(key) or {}, after.get(key) or {}
    changed = _changed_fields(model, old, new, names, language)
    return [message % {"fields": ", ".join(changed)}] if changed else []


def _controller(before, after, language) -> list[str]:
    message = _("The controller's details changed in the draft: %(fields)s.")
    return _section(
        ControllerAnswers, "controller", CONTROLLER_FIELDS, message, before, after, language
    )


def _data_subjects(before, after) -> list[str]:
    old = (before.get("scope") or {}).get("data_subjects") or []
    new = (after.get("scope") or {}).get("data_subjects") or []
    added = [str(DataSubjectCategory(c).label) for c in new if c not in old]
    removed = [str(DataSubjectCategory(c).label) for c in old if c not in new]
    if not (added or removed):
        return []
    return [
        _("The categories of data subjects changed in the draft: %(changes)s.")
        % {"changes": _listed(added, removed)}
    ]


def _name(row: dict, codes, language: str) -> str:
    """A row's own name in `language`, else the name of its kind (a draft's row may have
    neither yet)."""
    own = changes.text_in(row.get("label"), language)
    if own:
        return own
    code = row.get("code") or ""
    return str(codes(code).label) if code in codes.values else (code or _("(not named yet)"))


def _subject(rule: dict, answers: dict, language: str) -> str:
    """What a retention rule is for: its kind of data, its purpose or its own name."""
    names = {r.get("ref"): _name(r, DataCategoryCode, language) for r in answers.get("data") or []}
    names.update(
        {r.get("ref"): _name(r, PurposeCode, language) for r in answers.get("purposes") or []}
    )
    return (
        names.get(rule.get("category"))
        or names.get(rule.get("purpose"))
        or changes.text_in(rule.get("label"), language)
    )


def _key(row) -> tuple[str, str]:
    return row.get("code", ""), changes.text_in(row.get("label"), "lv")


def _category_keys(answers) -> dict[str, tuple]:
    return {row["ref"]: _key(row) for row in answers.get("data") or [] if row.get("ref")}


def _purposes(before, after, language) -> list[str]:
    old = {_key(r): r for r in before.get("purposes") or []}
    new = {_key(r): r for r in after.get("purposes") or []}
    old_refs, new_refs = _category_keys(before), _category_keys(after)
    lines = []
    for key, row in new.items():
        name = {"name": _name(row, PurposeCode, language)}
        if key not in old:
            lines.append(_("Purpose “%(name)s” added in the draft.") % name)
            continue
        was, now = dict(old[key]), dict(row)
        # Categories are referred to by position: compare the categories themselves.
        was["categories"] = sorted(old_refs.get(r, r) for r in was.get("categories") or [])
        now["categories"] = sorted(new_refs.get(r, r) for r in now.get("categories") or [])
        fields = _changed_fields(Purpose, was, now, PURPOSE_FIELDS, language)
        if fields:
            lines.append(
                _("Purpose “%(name)s” changed in the draft: %(fields)s.")
                % {**name, "fields": ", ".join(fields)}
            )
    for key, row in old.items():
        if key not in new:
            name = {"name": _name(row, PurposeCode, language)}
            lines.append(_("Purpose “%(name)s” removed in the draft.") % name)
    return lines


def _categories(before, after, language) -> list[str]:
    old = {_key(r): r for r in before.get("data") or []}
    new = {_key(r): r for r in after.get("data") or []}
    lines = []
    for key, row in new.items():
        name = {"name": _name(row, DataCategoryCode, language)}
        if key not in old:
            lines.append(_("Kind of data “%(name)s” added in the draft.") % name)
            continue
        fields = _changed_fields(DataCategory, old[key], row, CATEGORY_FIELDS, language)
        if fields:
            lines.append(
                _("Kind of data “%(name)s” changed in the draft: %(fields)s.")
                % {**name, "fields": ", ".join(fields)}
            )
    for key, row in old.items():
        if key not in new:
            name = {"name": _name(row, DataCategoryCode, language)}
            lines.append(_("Kind of data “%(name)s” removed in the draft.") % name)
    return lines


def _recipients(before, after, language) -> list[str]:
    old_answers = before.get("recipients") or {}
    new_answers = after.get("recipients") or {}
    old = {changes.text_in(r.get("name"), "lv"): r for r in old_answers.get("items") or []}
    new = {changes.text_in(r.get("name"), "lv"): r for r in new_answers.get("items") or []}
    lines = []
    for key, row in new.items():
        name = {"name": changes.text_in(row.get("name"), language) or key}
        if key not in old:
            lines.append(_("Recipient “%(name)s” added in the draft.") % name)
            continue
        fields = _changed_fields(Recipient, old[key], row, RECIPIENT_FIELDS, language)
        if fields:
            lines.append(
                _("Recipient “%(name)s” changed in the draft: %(fields)s.")
                % {**name, "fields": ", ".join(fields)}
            )
    for key, row in old.items():
        if key not in new:
            name = {"name": changes.text_in(row.get("name"), language) or key}
            lines.append(_("Recipient “%(name)s” removed in the draft.") % name)
    if bool(old_answers.get("none_declared")) != bool(new_answers.get("none_declared")):
        lines.append(_("The answer that data is given to nobody changed in the draft."))
    return lines


def _rule_words(rule, language) -> str:
    words = changes.period_text(rule, language)
    note = changes.text_in(rule.get("note"), language)
    return f"{words}, {note}" if note else words


def _retention(before, after, language) -> list[str]:
    old = {_subject(r, before, "lv"): r for r in before.get("retention") or []}
    new = {_subject(r, after, "lv"): r for r in after.get("retention") or []}
    lines = []
    for key, rule in new.items():
        subject = _subject(rule, after, language) or key
        now = _rule_words(rule, language)
        if key not in old:
            lines.append(
                _("Retention period for “%(subject)s” added in the draft: %(period)s.")
                % {"subject": subject, "period": now}
            )
            continue
        was = _rule_words(old[key], language)
        if was != now:
            lines.append(
                _(
                    "Retention period for “%(subject)s” changed in the draft: "
                    "%(before)s → %(after)s."
                )
                % {"subject": subject, "before": was, "after": now}
            )
    for key, rule in old.items():
        if key not in new:
            subject = _subject(rule, before, language) or key
            lines.append(
                _("Retention period for “%(subject)s” removed in the draft.") % {"subject": subject}
            )
    return lines


def _transfers(before, after, language) -> list[str]:
    message = _("The transfers outside the EU/EEA changed in the draft: %(fields)s.")
    return _section(TransferAnswers, "transfers", TRANSFER_FIELDS, message, before, after, language)


def _security(before, after, language) -> list[str]:
    old, new = before.get("security") or {}, after.get("security") or {}
    was, now = old.get("measures") or [], new.get("measures") or []
    parts = []
    listed = _listed(
        [str(SecurityMeasure(c).label) for c in now if c not in was],
        [str(SecurityMeasure(c).label) for c in was if c not in now],
    )
    if listed:
        parts.append(listed)
    if _only(old, "description", language) != _only(new, "description", language):
        parts.append(_("the description"))
    if not parts:
        return []
    return [
        _("The security measures changed in the draft: %(changes)s.")
        % {"changes": "; ".join(parts)}
    ]
