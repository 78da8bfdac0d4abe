"""Is everything GDPR Art. 13 asks for answered? Each item says exactly what is missing and
which wizard step fixes it. A document with a missing item cannot be sent for review."""

import re
from collections import OrderedDict
from dataclasses import dataclass, field

from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from policies import texts
from policies.answers import Answers
from policies.choices import (
    REQUIRED_RIGHTS,
    Authority,
    CookieCategory,
    CookieManagement,
    DataSource,
    DataSubjectRight,
    ExerciseChannel,
    LegalBasis,
    RecipientRole,
    RetentionBound,
    RetentionTrigger,
    YesNo,
)
from policies.wizard.forms import ROW_PREFIX, SECTION_PREFIX
from policies.wizard.steps import STEPS
from policyhub.countries import EEA_CODES


@dataclass
class Item:
    code: str  # the GDPR provision, e.g. "13(1)(a)", "rule" for cross-step rules, "texts"
    title: str
    step: str  # the wizard step that fixes it
    missing: list[str] = field(default_factory=list)
    # For items whose gaps sit in different places: per message, (step, id of the field).
    places: list[tuple[str, str]] = field(default_factory=list)

    @property
    def gaps(self) -> list[tuple[str, str, str]]:
        """(message, step, field id) for each gap with a place of its own."""
        if not self.places:
            return []
        return [
            (m, step, anchor) for m, (step, anchor) in zip(self.missing, self.places, strict=True)
        ]

    @property
    def ok(self) -> bool:
        return not self.missing

    @property
    def citation(self) -> str:
        """“VDAR 13. panta 1. punkta a) apakšpunkts” / “GDPR Art. 13(1)(a)”, or ""."""
        match = re.fullmatch(r"(\d+)\((\d+)\)\((\w)\)", self.code)
        if not match:
            return ""
        article, paragraph, letter = match.groups()
        return _("GDPR Art. %(article)s(%(paragraph)s)(%(letter)s)") % {
            "article": article,
            "paragraph": paragraph,
            "letter": letter,
        }


@dataclass
class Report:
    items: list[Item]

    @property
    def complete(self) -> bool:
        return all(item.ok for item in self.items)

    @property
    def missing(self) -> list[Item]:
        return [item for item in self.items if not item.ok]

    def steps_with_gaps(self) -> set[str]:
        steps = set()
        for item in self.missing:
            steps |= {step for step, _anchor in item.places} if item.places else {item.step}
        return steps

    def missing_in(self, step: str) -> list[str]:
        """What is missing that the wizard step `step` fixes."""
        messages = []
        for item in self.missing:
            if item.places:
                messages += [m for m, s, _anchor in item.gaps if s == step]
            elif item.step == step:
                messages += item.missing
        return messages


def check(a: Answers) -> Report:
    return Report(
        items=[
            _controller(a),
            _dpo(a),
            _scope(a),
            _data(a),
            _purposes(a),
            _legitimate_interests(a),
            _recipients(a),
            _transfers(a),
            _retention(a),
            _rights(a),
            _withdraw_consent(a),
            _complaint(a),
            _provision(a),
            _automated(a),
            _cookies(a),
            _cookie_consent(a),
            _security(a),
            *[_texts(a, language) for language in a.document.languages[1:]],
        ]
    )


def _controller(a: Answers) -> Item:
    c = a.controller
    item = Item("13(1)(a)", _("Who the controller is and how to contact it"), "controller")
    for value, message in [
        (c.legal_name, _("the company's legal name")),
        (c.legal_form, _("the legal form")),
        (c.registration_number, _("the registration number")),
        (c.legal_address, _("the legal address")),
        (c.email, _("an e-mail address")),
    ]:
        if not value:
            item.missing.append(message)
    if c.country and str(c.country) not in EEA_CODES and not c.representative:
        item.missing.append(_("the representative in the EU (the company is outside the EU/EEA)"))
    return item


def _dpo(a: Answers) -> Item:
    c = a.controller
    item = Item("13(1)(b)", _("Contacts of the data protection officer"), "controller")
    if c.dpo_appointed and not (c.dpo_email or c.dpo_phone):
        item.missing.append(_("the data protection officer's e-mail or phone"))
    return item


def _scope(a: Answers) -> Item:
    item = Item("scope", _("Where the policy applies"), "scope")
    if not a.scope.channels:
        item.missing.append(_("at least one place where you meet people (website, shop...)"))
    return item


def _data(a: Answers) -> Item:
    item = Item("13(1)(c)", _("Which personal data is processed"), "data")
    if not a.categories:
        item.missing.append(_("at least one kind of personal data"))
    for category in a.categories:
        if not category.sources:
            item.missing.append(_("where “%(name)s” comes from") % {"name": category.name})
        if category.special_category and not category.special_condition:
            item.missing.append(
                _("the GDPR Art. 9(2) condition that allows processing “%(name)s”")
                % {"name": category.name}
            )
    return item


def _purposes(a: Answers) -> Item:
    item = Item("13(1)(c)", _("Purposes and their legal bases"), "purposes")
    if not a.purposes:
        item.missing.append(_("at least one purpose"))
    for purpose in a.purposes:
        if not purpose.legal_bases:
            item.missing.append(_("a legal basis for “%(name)s”") % {"name": purpose.name})
    return item


def _legitimate_interests(a: Answers) -> Item:
    item = Item("13(1)(d)", _("Legitimate interests explained"), "purposes")
    for purpose in a.purposes:
        if LegalBasis.LEGITIMATE_INTERESTS in purpose.legal_bases and not (
            purpose.legitimate_interest.strip()
        ):
            item.missing.append(
                _("the legitimate interest behind “%(name)s”") % {"name": purpose.name}
            )
    return item


def _recipients(a: Answers) -> Item:
    item = Item("13(1)(e)", _("Recipients of the data"), "recipients")
    if not a.recipients and not a.recipients_answers.none_declared:
        item.missing.append(
            _("the recipients, or a statement that you give data to nobody outside the company")
        )
    if a.recipients and a.recipients_answers.none_declared:
        item.missing.append(
            _("a clear answer: recipients are listed, yet it says data goes to nobody")
        )
    for recipient in a.recipients:
        if recipient.role == RecipientRole.JOINT_CONTROLLER and not recipient.arrangement.strip():
            item.missing.append(
                _("the essence of the arrangement with %(name)s (joint controllers, Art. 26)")
                % {"name": recipient.name}
            )
    return item


def _transfers(a: Answers) -> Item:
    item = Item("13(1)(f)", _("Transfers outside the EU/EEA and their legal grounds"), "transfers")
    t = a.transfers
    outside = a.recipients_outside_eea
    if outside and t.status not in ("possible", "yes"):
        item.missing.append(_("a statement that data is sent outside the EU/EEA"))
    if t.status in ("possible", "yes") and not t.mechanisms:
        item.missing.append(_("the legal ground for those transfers"))
    for recipient in outside:
        if not recipient.mechanisms and not t.mechanisms:
            item.missing.append(
                _("the transfer ground for %(name)s (outside the EU/EEA)")
                % {"name": recipient.name}
            )
    if not t.status:
        item.missing.append(_("whether data is sent outside the EU/EEA"))
    return item


def _retention(a: Answers) -> Item:
    item = Item("13(2)(a)", _("How long the data is kept"), "retention")
    covered = {r.category_id for r in a.retention if r.category_id}
    covered_purposes = {r.purpose_id for r in a.retention if r.purpose_id}
    for category in a.categories:
        uses = {p.pk for p in a.purposes if category in p.categories.all()}
        if category.pk not in covered and not (uses and uses <= covered_purposes):
            item.missing.append(_("a retention period for “%(name)s”") % {"name": category.name})
    for rule in a.retention:
        if rule.bound != RetentionBound.CRITERION and rule.period is None:
            item.missing.append(_("the period for “%(name)s”") % {"name": rule.subject})
    if not a.retention:
        item.missing.append(_("at least one retention period"))
    return item


def _rights(a: Answers) -> Item:
    item = Item("13(2)(b)", _("The rights of the people concerned"), "rights")
    missing = [right for right in REQUIRED_RIGHTS if right not in a.rights.rights]
    for right in missing:
        if right != DataSubjectRight.COMPLAINT:
            item.missing.append(_("the right: %(right)s") % {"right": right.label})
    if not a.rights.channels:
        item.missing.append(_("how people use their rights"))
    c = a.controller
    if ExerciseChannel.CONTACT_PAGE in a.rights.channels and not (c.contact_page_url or c.website):
        item.missing.append(_("the address of the contact page (step “Controller details”)"))
    if ExerciseChannel.PHONE in a.rights.channels and not c.phone:
        item.missing.append(_("the phone number (step “Controller details”)"))
    return item


def _withdraw_consent(a: Answers) -> Item:
    item = Item("13(2)(c)", _("Withdrawal of consent"), "rights")
    uses_consent = any(LegalBasis.CONSENT in p.legal_bases for p in a.purposes)
    if uses_consent and DataSubjectRight.WITHDRAW_CONSENT not in a.rights.rights:
        item.missing.append(_("the right to withdraw consent (a purpose relies on consent)"))
    return item


def _complaint(a: Answers) -> Item:
    item = Item("13(2)(d)", _("Complaint to a supervisory authority"), "rights")
    r = a.rights
    if DataSubjectRight.COMPLAINT not in r.rights:
        item.missing.append(_("the right to complain to the supervisory authority"))
    if r.authority == Authority.OTHER and not r.authority_other.strip():
        item.missing.append(_("the name and contacts of the supervisory authority"))
    return item


def _provision(a: Answers) -> Item:
    item = Item("13(2)(e)", _("Whether people must give their data"), "data")
    for category in a.categories:
        # Art. 13(2)(e) concerns data people give themselves.
        if DataSource.DATA_SUBJECT in category.sources and not category.provision:
            item.missing.append(_("whether “%(name)s” must be given") % {"name": category.name})
    return item


def _automated(a: Answers) -> Item:
    item = Item("13(2)(f)", _("Automated decisions and profiling"), "final")
    f = a.final
    if not f.automated_decisions:
        item.missing.append(_("whether you take automated decisions"))
    elif f.automated_decisions == YesNo.YES:
        if not f.automated_description.strip():
            item.missing.append(_("what the automated decisions are and their logic"))
        if not f.automated_significance.strip():
            item.missing.append(_("what such a decision means for the person"))
        if not f.automated_ground:
            item.missing.append(_("why the decisions are allowed (GDPR Art. 22(2))"))
    return item


def _cookies(a: Answers) -> Item:
    item = Item("cookies", _("Cookies"), "cookies")
    c = a.cookies
    if not c.uses_cookies:
        item.missing.append(_("whether your website or app uses cookies"))
    elif c.uses_cookies == YesNo.YES:
        if not c.categories:
            item.missing.append(_("the kinds of cookies"))
        if not c.management:
            item.missing.append(_("how visitors manage cookies"))
        if CookieManagement.COOKIE_POLICY in c.management and not c.cookie_policy_url:
            item.missing.append(_("the address of the separate cookie policy"))
    return item


def _cookie_consent(a: Answers) -> Item:
    item = Item("rule", _("Consent for analytics and marketing cookies"), "cookies")
    c = a.cookies
    needs_consent = {
        CookieCategory.STATISTICS,
        CookieCategory.MARKETING,
        CookieCategory.PREFERENCES,
    }
    if c.uses_cookies == YesNo.YES and needs_consent & set(c.categories):
        if not c.consent_first:
            item.missing.append(_("cookies other than strictly necessary ones need consent first"))
        if not {CookieManagement.CONSENT_BANNER, CookieManagement.SETTINGS_LINK} & set(
            c.management
        ):
            item.missing.append(_("a consent banner or cookie settings for giving consent"))
    return item


def _security(a: Answers) -> Item:
    item = Item("security", _("Security measures"), "security")
    if not a.security.measures:
        item.missing.append(_("at least one security measure"))
    return item


LANGUAGE_TITLES = {"en": _("The policy's texts in English")}


def _texts(a: Answers, language: str) -> Item:
    """Every text the company wrote in Latvian needs its translation in each further language
    of the document; each gap links to its field."""
    item = Item("texts", LANGUAGE_TITLES[language], "controller")
    for step in STEPS:
        if step.section:
            section = SECTIONS[step.key](a)
            _text_gaps(item, language, step, section, step.title, SECTION_PREFIX)
        if step.row_model:
            for index, row in enumerate(ROWS[step.key](a)):
                where = f"{capfirst(step.row_name)} {index + 1}"
                name = _row_name(row)
                if name:
                    where = f"{where} “{name}”"
                _text_gaps(item, language, step, row, where, f"{ROW_PREFIX}-{index}")
    if item.places:
        item.step = item.places[0][0]
    return item


def _text_gaps(item, language, step, obj, where, prefix):
    for name in texts.translated_fields(type(obj)):
        column = texts.column(name, language)
        if texts.text(obj, name, texts.FIRST) and not texts.text(obj, name, language):
            label = obj._meta.get_field(column).verbose_name
            item.missing.append(f"{where}: {label}")
            item.places.append((step.key, f"id_{prefix}-{column}"))


def _row_name(row) -> str:
    if hasattr(row, "subject"):
        return row.subject
    return getattr(row, "name", "")


SECTIONS = {
    "controller": lambda a: a.controller,
    "scope": lambda a: a.scope,
    "recipients": lambda a: a.recipients_answers,
    "cookies": lambda a: a.cookies,
    "transfers": lambda a: a.transfers,
    "security": lambda a: a.security,
    "rights": lambda a: a.rights,
    "final": lambda a: a.final,
}
ROWS = {
    "scope": lambda a: a.services,
    "data": lambda a: a.categories,
    "purposes": lambda a: a.purposes,
    "recipients": lambda a: a.recipients,
    "retention": lambda a: a.retention,
    "cookies": lambda a: a.cookie_rows,
}


# -- warnings: answers that are allowed but read badly in a policy ------------------------------


def warnings(a: Answers) -> dict[str, list[str]]:
    """Step key -> gentle warnings, never a refusal."""
    found: dict[str, list[str]] = {}
    rules = a.retention
    if rules and all(
        r.bound == RetentionBound.CRITERION
        and r.trigger in ("", RetentionTrigger.AS_LONG_AS_NECESSARY)
        for r in rules
    ):
        found.setdefault("retention", []).append(
            _(
                "Every period here is only “as long as needed”. Supervisory authorities find "
                "that too vague: give a number, an upper limit or a concrete event wherever "
                "you can."
            )
        )
    for name, label in (
        ("description", _("what it involves")),
        ("legitimate_interest", _("your legitimate interest")),
    ):
        seen: dict[str, list[str]] = {}
        for purpose in a.purposes:
            text = getattr(purpose, name).strip()
            if text:
                seen.setdefault(text, []).append(purpose.name)
        for names in seen.values():
            if len(names) > 1:
                found.setdefault("purposes", []).append(
                    _(
                        "The same “%(field)s” is given for %(purposes)s: the policy would "
                        "repeat it. Say what is particular to each purpose."
                    )
                    % {"field": label, "purposes": ", ".join(f"“{n}”" for n in names)}
                )
    return found


# -- the check of a document kept until an answer changes -----------------------------------

KEPT = 256  # documents whose check each process keeps
_kept: OrderedDict = OrderedDict()


def kept(document, revisions, load) -> tuple[Report, dict[str, list[str]]]:
    """The check and the warnings of `document`, made with `load()` (its answers) only when
    an answer changed since: every save moves its step's revision. Kept in this process, in
    the language of the page (the messages are words)."""
    key = (
        document.code,  # never the same for two documents, unlike an id after a deletion
        document.english,
        get_language(),
        tuple(sorted((r.step, r.revision, r.updated_at) for r in revisions)),
    )
    found = _kept.get(key)
    if found is None:
        answers = load()
        found = (check(answers), warnings(answers))
        _kept[key] = found
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    else:
        _kept.move_to_end(key)
    return found
