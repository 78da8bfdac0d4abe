"""HIST-1: every write path leaves the history it should.

Each write path of the app (CASES: pages through the test client as a signed-in user, the
admin, service functions, management commands) runs between two snapshots of every tracked
model, as found in django-simple-history's registry. For each tracked model:

- the number of new history rows equals the number of objects the path writes (`writes`):
  every object created, changed or deleted, plus the objects the path saves again as they were
  (`resaves`, declared) and, for a purpose, one record per change of its data links;
- every object created, changed or deleted has a new record, and its newest record holds the
  row as it now is (many-to-many choices included), or is its deletion;
- no history row is deleted, except with the objects an erasure deletes (`erases`);
- a path started by a request names the person acting in every new record (`history_user`);
  a service or command that is told who acts names them too.

A tracked model that no path writes fails test_every_tracked_model_is_written unless
NOT_WRITTEN says why. There are no data migrations that write (HIST-2 checks that).
"""

import io
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial

import pytest
from django.apps import apps
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.http import QueryDict
from django.test import Client, override_settings
from simple_history.models import HistoricalRecords, registered_models
from simple_history.utils import get_m2m_field_name, get_m2m_reverse_field_name

from accounts.models import User
from policies import answers_format, publishing, review
from policies.answers import load_answers
from policies.models import (
    Document,
    ReviewNote,
    ScopeAnswers,
    SecurityAnswers,
    StepRevision,
    WordingOverride,
)
from policies.render import render
from policies.services import document_create
from policies.wizard.forms import StepForms
from policies.wizard.steps import BY_KEY, STEPS
from tenants import services
from tenants.models import Invitation, Membership, Tenant
from tenants.roles import Role
from tests.factories import PASSWORD, MembershipFactory, UserFactory, confirm_signup
from tests.policies.conftest import document  # noqa: F401  (fixture)
from tests.policies.test_publish import DEMO, approve

REQUEST, SERVICE, COMMAND = "request", "service", "command"
SOMEONE = "someone"  # yielded by a case whose records must each name a user
DOC = "/t/alfa/documents/privatuma-politika/"

# Tracked models no write path writes, with the reason.
NOT_WRITTEN: dict[str, str] = {}


def tracked_models() -> list[type]:
    return sorted(
        (
            m
            for m in registered_models.values()
            if hasattr(m._meta, "simple_history_manager_attribute")
        ),
        key=lambda m: m._meta.label,
    )


TRACKED = tracked_models()
SECTIONS = {step.section_model.__name__ for step in STEPS if step.section}
ROWS = {step.row_model.__name__ for step in STEPS if step.row_model}


# ---------------------------------------------------------------------------------------------
# Snapshots: the rows of every tracked model, and its history
# ---------------------------------------------------------------------------------------------


def _fields(model) -> list[str]:
    return [f.attname for f in model.history.model.tracked_fields]


def _m2m(model):
    """(field, through model, source column, target column) of each many-to-many field whose
    choices the history records."""
    for m2m in model.history.model._history_m2m_fields:
        source, target = get_m2m_field_name(m2m), get_m2m_reverse_field_name(m2m)
        yield m2m, m2m.remote_field.through, f"{source}_id", f"{target}_id"


def rows(model) -> dict:
    """{pk: (field values..., frozenset of choices per many-to-many field)}."""
    state = {
        row[0]: list(row[1:]) for row in model._base_manager.values_list("pk", *_fields(model))
    }
    for _field, through, source, target in _m2m(model):
        chosen: dict = {}
        for pk, other in through.objects.values_list(source, target):
            chosen.setdefault(pk, set()).add(other)
        for pk, values in state.items():
            values.append(frozenset(chosen.get(pk, ())))
    return {pk: tuple(values) for pk, values in state.items()}


def snapshot() -> dict:
    """{model: (rows, {history_id: the id of the object it records})}."""
    pk = {model: model._meta.pk.attname for model in TRACKED}
    return {
        model: (rows(model), dict(model.history.values_list("history_id", pk[model])))
        for model in TRACKED
    }


@dataclass
class Record:
    id: int
    type: str
    user: int | None
    state: tuple


def new_records(model, known) -> list[Record]:
    """The history rows not in `known`, oldest first, with the row each holds."""
    history = model.history.model
    found = [
        Record(row[0], row[1], row[2], row[3:])
        for row in history.objects.exclude(history_id__in=known)
        .order_by("history_date", "history_id")
        .values_list("history_id", "history_type", "history_user_id", *_fields(model))
    ]
    ids = [record.id for record in found]
    for m2m, _through, _source, target in _m2m(model):
        chosen: dict[int, set] = {i: set() for i in ids}
        m2m_history = HistoricalRecords.m2m_models[m2m]
        for history_id, other in m2m_history.objects.filter(history_id__in=ids).values_list(
            "history_id", target
        ):
            chosen[history_id].add(other)
        for record in found:
            record.state = (*record.state, frozenset(chosen[record.id]))
    return found


@dataclass
class Outcome:
    records: dict[str, int] = field(default_factory=dict)  # new history rows per model
    unrecorded: list[str] = field(default_factory=list)  # changed without a record
    stale: list[str] = field(default_factory=list)  # newest record is not the row as it is
    erased: list[str] = field(default_factory=list)  # deleted together with all its history
    lost: list[str] = field(default_factory=list)  # history deleted of an object not erased
    resaved: Counter = field(default_factory=Counter)  # records of objects left as they were
    users: Counter = field(default_factory=Counter)  # history_user_id of every new record


def compare(before: dict, after: dict) -> Outcome:
    outcome = Outcome()
    for model in TRACKED:
        (old, known), (new, kept) = before[model], after[model]
        name = model.__name__
        records = new_records(model, known)
        if records:
            outcome.records[name] = len(records)
        outcome.users.update(record.user for record in records)
        index = _fields(model).index(model._meta.pk.attname)
        newest = {record.state[index]: record for record in records}
        with_history = set(kept.values())
        erased = set()
        for pk in sorted(old.keys() | new.keys()):
            if old.get(pk) == new.get(pk):
                outcome.resaved[name] += pk in newest
                continue
            record = newest.get(pk)
            if record is None and pk not in new and pk not in with_history:
                erased.add(pk)
                outcome.erased.append(f"{name} #{pk}")
            elif record is None:
                outcome.unrecorded.append(f"{name} #{pk}")
            elif (record.type == "-") != (pk not in new) or (pk in new and record.state != new[pk]):
                outcome.stale.append(f"{name} #{pk}")
        gone = {known[i] for i in known.keys() - kept.keys()}
        outcome.lost.extend(f"{name} #{pk}" for pk in sorted(gone - erased))
    return outcome


# ---------------------------------------------------------------------------------------------
# Write paths
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    origin: str
    writes: dict[str, int] | Callable[["World"], dict[str, int]]
    # A generator: prepares, yields who acts (a user, a callable giving one, or None), then acts.
    run: Callable[["World"], Iterator]
    # Of `writes`, the objects saved again as they were (a record without a change).
    resaves: dict[str, int] = field(default_factory=dict)
    # Objects deleted together with all their history (offboarding).
    erases: dict[str, int] | Callable[["World"], dict[str, int]] = field(default_factory=dict)


CASES: list[Case] = []


def case(name, origin, writes=None, resaves=None, erases=None, **counts):
    def register(run):
        writes_ = writes if writes is not None else counts
        CASES.append(Case(name, origin, writes_, run, resaves or {}, erases or {}))
        return run

    return register


class World:
    """The fixtures a case asks for, made on first use, and a signed-in client per user."""

    def __init__(self, request):
        self.request = request
        self.clients: dict = {}
        self.data: dict = {}

    def __getattr__(self, name):
        return self.request.getfixturevalue(name)

    def given(self, *fixtures):
        for name in fixtures:
            self.request.getfixturevalue(name)

    def client(self, user=None) -> Client:
        if user not in self.clients:
            self.clients[user] = self.login(user) if user is not None else Client()
        return self.clients[user]

    def post(self, user, url, data=None, status=302, **kwargs):
        response = self.client(user).post(url, data if data is not None else {}, **kwargs)
        assert response.status_code == status, response.content.decode()[:2000]
        return response

    def step(self, key, user=None, **changes):
        data = dict(page_data(self.document, key, **changes).lists())
        self.post(user or self.editor, f"{DOC}wizard/{key}/", data)

    def demo_answers(self, **changes) -> dict:
        data = json.loads(DEMO.read_text(encoding="utf-8"))
        data["retention"][0].update(changes)
        return data

    def answered(self):
        answers_format.import_into(self.document, self.demo_answers())
        return self.document


def _put(data: QueryDict, key: str, value) -> None:
    if value is None or value is False:
        return
    if isinstance(value, (list, tuple)):
        data.setlist(key, [str(v) for v in value])
    else:
        data[key] = "on" if value is True else str(value)


def _put_form(data, form, changes) -> None:
    for name in form.fields:
        value = changes[name] if name in changes else form[name].value()
        _put(data, form.add_prefix(name), value)


def page_data(doc, key, section=None, edit=None, add=(), delete=()) -> QueryDict:
    """What the step's page posts: the saved answers with `section` changed, rows changed
    ({index: changes}), rows added and rows deleted (indexes)."""
    forms = StepForms(BY_KEY[key], doc)
    data = QueryDict(mutable=True)
    data["revision"] = str(StepRevision.objects.get(document=doc, step=key).revision)
    if forms.section_form is not None:
        _put_form(data, forms.section_form, section or {})
    if forms.formset is not None:
        saved = [form for form in forms.formset.forms if form.instance.pk]
        for i, form in enumerate(saved):
            _put_form(data, form, {**(edit or {}).get(i, {}), "DELETE": i in delete})
        for j, values in enumerate(add):
            for name, value in values.items():
                _put(data, f"{forms.formset.add_prefix(len(saved) + j)}-{name}", value)
        data[forms.formset.add_prefix("TOTAL_FORMS")] = str(len(saved) + len(add))
        data[forms.formset.add_prefix("INITIAL_FORMS")] = str(len(saved))
    return data


def section_of(step) -> dict[str, int]:
    return {step.section_model.__name__: 1} if step.section else {}


SECTION_CHANGES = {
    "controller": {"legal_name": "Zaļā Sala"},
    "scope": {"intro": "Mēs audzējam un pārdodam stādus."},
    "recipients": {"none_declared": True},
    "cookies": {"tools": "Matomo"},
    "transfers": {"copy_access": "Rakstot mums uz e-pastu."},
    "security": {"description": "Dati glabājas šifrēti."},
    "rights": {"account_section": "Privātums"},
    "final": {"identity_note": "Pēc pasūtījuma e-pasta."},
}
NEW_ROWS = {
    "scope": [{"name": "zalasala.lv"}, {"name": "zalasala.ee"}],
    "data": [{"code": "contact"}, {"code": "order"}],
    "purposes": [
        {"code": "inquiries", "legal_bases": ["contract"]},
        {"code": "delivery", "legal_bases": ["contract"]},
    ],
    "recipients": [
        {"name": "Mailchimp", "role": "processor", "country": "US"},
        {"name": "Omniva", "role": "processor", "country": "LV"},
    ],
    "retention": [
        {"label": "Pieprasījumi", "bound": "exact", "period": 5, "unit": "years"},
        {"label": "Žurnāli", "bound": "exact", "period": 1, "unit": "years"},
    ],
    "cookies": [
        {"name": "sessionid", "category": "necessary", "party": "first"},
        {"name": "cart", "category": "necessary", "party": "first"},
    ],
}
ROW_CHANGES = {
    "scope": {"name": "zalasala.eu"},
    "data": {"examples": "e-pasts, tālrunis"},
    "purposes": {"description": "Atbildam uz jautājumiem."},
    "recipients": {"purpose": "jaunumu vēstulēm"},
    "retention": {"period": 7},
    "cookies": {"duration": "2 nedēļas"},
}


def _section_step(key, w):
    w.given("document")
    yield w.editor
    w.step(key, section=SECTION_CHANGES[key])


def _row_added(key, w):
    w.given("document")
    yield w.editor
    w.step(key, section=SECTION_CHANGES.get(key), add=NEW_ROWS[key][:1])


def _row_changed(key, w):
    w.step(key, add=NEW_ROWS[key])
    yield w.editor
    w.step(key, edit={0: ROW_CHANGES[key]})


def _row_deleted(key, w):
    w.step(key, add=NEW_ROWS[key])
    yield w.editor
    w.step(key, delete=[0])


for _step in STEPS:
    if not _step.row_model:
        CASES.append(
            Case(
                f"wizard {_step.key}", REQUEST, section_of(_step), partial(_section_step, _step.key)
            )
        )
        continue
    _row = _step.row_model.__name__
    # The whole page is saved: a section left as it was is saved again (one record).
    CASES += [
        Case(
            f"wizard {_step.key}: row added",
            REQUEST,
            {**section_of(_step), _row: 1},
            partial(_row_added, _step.key),
        ),
        Case(
            f"wizard {_step.key}: row changed",
            REQUEST,
            {**section_of(_step), _row: 1},
            partial(_row_changed, _step.key),
            resaves=section_of(_step),
        ),
        # The row after the deleted one moves up: two rows written.
        Case(
            f"wizard {_step.key}: row deleted",
            REQUEST,
            {**section_of(_step), _row: 2},
            partial(_row_deleted, _step.key),
            resaves=section_of(_step),
        ),
    ]


def _categories(w, count=2):
    w.step("data", add=NEW_ROWS["data"][:count])
    return list(w.document.data_categories.order_by("position"))


# Purpose records its data (m2m_fields): each add or remove of a link writes one more record.
@case("wizard purposes: row added with its data", REQUEST, Purpose=2)
def _(w):
    first, _second = _categories(w)
    yield w.editor
    w.step("purposes", add=[{**NEW_ROWS["purposes"][0], "categories": [first.pk]}])


@case("wizard purposes: data relinked", REQUEST, Purpose=3)
def _(w):
    first, second = _categories(w)
    w.step("purposes", add=[{**NEW_ROWS["purposes"][0], "categories": [first.pk]}])
    yield w.editor
    w.step("purposes", edit={0: {"categories": [second.pk]}})


@case(
    "wizard data: row deleted that a purpose and a retention period use",
    REQUEST,
    DataCategory=2,
    Purpose=1,
    RetentionRule=1,
)
def _(w):
    first, second = _categories(w)
    w.step("purposes", add=[{**NEW_ROWS["purposes"][0], "categories": [first.pk, second.pk]}])
    w.step("retention", add=[{**NEW_ROWS["retention"][0], "label": "", "category": first.pk}])
    yield w.editor
    w.step("data", delete=[0])


@case(
    "wizard purposes: row deleted that a retention period uses", REQUEST, Purpose=2, RetentionRule=1
)
def _(w):
    w.step("purposes", add=NEW_ROWS["purposes"])
    purpose = w.document.purposes.order_by("position").first()
    w.step("retention", add=[{**NEW_ROWS["retention"][0], "label": "", "purpose": purpose.pk}])
    yield w.editor
    w.step("purposes", delete=[0])


# --- documents, import ----------------------------------------------------------------------


def _sections(n=1) -> dict[str, int]:
    return dict.fromkeys(SECTIONS, n)


@case("document created", REQUEST, Document=1, **_sections())
def _(w):
    yield w.editor
    data = {"title_variant": "privacy_policy", "slug": "sikdatnes", "address_form": "formal"}
    w.post(w.editor, "/t/alfa/documents/new/", data)


@case("document settings", REQUEST, Document=1)
def _(w):
    w.given("document")
    yield w.editor
    data = {"title_variant": "processing_rules", "address_form": "informal", "english": "on"}
    w.post(w.editor, f"{DOC}settings/", data)


def _demo_rows() -> dict[str, int]:
    """Rows per model in the demo answers, and the purposes that use data."""
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    counts = {}
    for step in STEPS:
        if step.row_model:
            _section, items = answers_format.split(step, data[step.key])
            counts[step.row_model.__name__] = len(items)
    counts["links"] = sum(1 for p in data["purposes"] if p["categories"])
    return counts


def _import_writes() -> dict[str, int]:
    """An import over the demo answers: every row deleted and made again, every section and
    the document saved."""
    counts = _demo_rows()
    writes = {"Document": 1, **_sections(), **{row: 2 * counts[row] for row in ROWS}}
    writes["Purpose"] += counts["links"]
    return writes


IMPORT_WRITES = _import_writes()
# The file changes one retention period: the sections and the document are saved as they were.
IMPORT_RESAVES = {"Document": 1, **_sections()}


@case("answers imported (page)", REQUEST, IMPORT_WRITES, IMPORT_RESAVES)
def _(w):
    w.answered()
    upload = SimpleUploadedFile("answers.json", json.dumps(w.demo_answers(period=7)).encode())
    yield w.editor
    w.post(w.editor, f"{DOC}import/", {"file": upload})


@case("answers imported (service, with who)", SERVICE, IMPORT_WRITES, IMPORT_RESAVES)
def _(w):
    doc = w.answered()
    yield w.editor
    answers_format.import_into(doc, w.demo_answers(period=7), by=w.editor)


@case("answers imported (import_answers command)", COMMAND, IMPORT_WRITES, IMPORT_RESAVES)
def _(w):
    w.answered()
    path = w.tmp_path / "answers.json"
    path.write_text(json.dumps(w.demo_answers(period=7)), encoding="utf-8")
    yield None
    call_command("import_answers", "alfa", "privatuma-politika", str(path), stdout=io.StringIO())


@case("answers imported (import_answers command --by)", COMMAND, IMPORT_WRITES, IMPORT_RESAVES)
def _(w):
    w.answered()
    path = w.tmp_path / "answers.json"
    path.write_text(json.dumps(w.demo_answers(period=7)), encoding="utf-8")
    yield w.editor
    call_command(
        "import_answers",
        "alfa",
        "privatuma-politika",
        str(path),
        by=w.editor.email.upper(),
        stdout=io.StringIO(),
    )


@case("document created (service)", SERVICE, Document=1, **_sections())
def _(w):
    yield w.editor
    document_create(tenant=w.company, slug="sikdatnes", by=w.editor)


# --- review and publishing ------------------------------------------------------------------


def _submitted(w):
    doc = w.answered()
    w.given("reviewer")
    review.submit(document=doc, by=w.editor)
    return doc


@case("review: sent", REQUEST, Document=1)
def _(w):
    w.answered()
    w.given("reviewer")
    yield w.editor
    w.post(w.editor, f"{DOC}review/do/submit/", {"note": "Lūdzu."})


@case("review: comment", REQUEST)
def _(w):
    _submitted(w)
    yield w.reviewer
    w.post(w.reviewer, f"{DOC}review/do/comment/", {"section": "", "text": "Labi."})
    assert ReviewNote.objects.filter(kind=ReviewNote.Kind.COMMENT).exists()


@case("review: changes requested", REQUEST, Document=1)
def _(w):
    _submitted(w)
    yield w.reviewer
    w.post(w.reviewer, f"{DOC}review/do/request-changes/", {"note": "Precizējiet."})


@case("review: approved", REQUEST, Document=1)
def _(w):
    doc = _submitted(w)
    yield w.reviewer
    w.post(w.reviewer, f"{DOC}review/do/approve/", {"seen_hash": review.draft_hash(doc)})


def _section_key(doc) -> str:
    return render(load_answers(doc), "lv").sections[0].key


def _wording(w, text):
    data = {"section": _section_key(w.document), "language": "lv", "text": text}
    w.post(w.reviewer, f"{DOC}review/do/wording/", data)


@case("review: own wording set", REQUEST, WordingOverride=1)
def _(w):
    _submitted(w)
    yield w.reviewer
    _wording(w, "Mūsu vārdiem.")


@case("review: own wording changed", REQUEST, WordingOverride=1)
def _(w):
    _submitted(w)
    _wording(w, "Mūsu vārdiem.")
    yield w.reviewer
    _wording(w, "Citiem vārdiem.")


@case("review: own wording removed", REQUEST, WordingOverride=1)
def _(w):
    _submitted(w)
    _wording(w, "Mūsu vārdiem.")
    yield w.reviewer
    _wording(w, "")
    assert not WordingOverride.objects.exists()


@case("published after approval", REQUEST, Document=1)
def _(w):
    approve(w.answered(), w.editor, w.reviewer)
    yield w.owner
    w.post(w.owner, f"{DOC}publish/", {"note": "Pirmā redakcija."})


# Without a reviewer no approval is needed: the draft stays a draft, saved as it was.
@case("published without approval", REQUEST, resaves={"Document": 1}, Document=1)
def _(w):
    w.answered()
    yield w.owner
    w.post(w.owner, f"{DOC}publish/", {"note": ""})


@case("review and publishing (services)", SERVICE, Document=4, WordingOverride=2)
def _(w):
    doc = _submitted(w)
    section = _section_key(doc)
    yield w.reviewer
    review.request_changes(document=doc, by=w.reviewer, note="Precizējiet.")
    review.override_set(document=doc, by=w.reviewer, section=section, language="lv", text="X")
    review.override_set(document=doc, by=w.reviewer, section=section, language="lv", text="")
    review.submit(document=doc, by=w.reviewer)
    review.approve(document=doc, by=w.reviewer, seen_hash=review.draft_hash(doc))
    publishing.publish(document=doc, by=w.reviewer)


# --- companies and members ------------------------------------------------------------------

SIGNUP = {
    "full_name": "Anna Liepa",
    "email": "anna@example.test",
    "password1": "zalais-darzs-2026",
    "password2": "zalais-darzs-2026",
    "legal_name": 'SIA "Zaļā Sala"',
    "slug": "",
    "country": "LV",
}


@case("sign-up with a company", REQUEST, Tenant=1, Membership=1)
def _(w):
    yield lambda: User.objects.get(email="anna@example.test")
    w.post(None, "/accounts/signup/", SIGNUP)
    assert confirm_signup(w.client(None), mail.outbox).status_code == 302


@case("company created", REQUEST, Tenant=1, Membership=1)
def _(w):
    yield w.owner
    data = {"legal_name": "SIA Gamma", "slug": "gamma", "country": "EE"}
    w.post(w.owner, "/companies/", data)


@case("company settings", REQUEST, Tenant=1)
def _(w):
    yield w.owner
    data = {"legal_name": "SIA Alfa Plus", "country": "LV", "approval_required": "yes"}
    w.post(w.owner, "/t/alfa/settings/", {**data, "embed_origins": "https://alfa.lv"})


@case("member invited", REQUEST)
def _(w):
    yield w.owner
    w.post(w.owner, "/t/alfa/members/invite/", {"email": "lawyer@law.test", "role": "reviewer"})
    assert Invitation.objects.filter(email="lawyer@law.test").exists()


@case("invitation withdrawn", REQUEST)
def _(w):
    invitation, _token = services.invitation_create(
        tenant=w.company, email="lawyer@law.test", role=Role.REVIEWER, invited_by=w.owner
    )
    yield w.owner
    w.post(w.owner, f"/t/alfa/invitations/{invitation.code}/revoke/")
    assert not Invitation.objects.exists()


def _invitation_link(w, email) -> str:
    _invitation, token = services.invitation_create(
        tenant=w.company, email=email, role=Role.REVIEWER, invited_by=w.owner
    )
    return f"/accounts/invitations/{token}/"


@case("invitation accepted", REQUEST, Membership=1)
def _(w):
    link = _invitation_link(w, w.outsider.email)
    yield w.outsider
    w.post(w.outsider, link)


@case("invitation accepted by signing up", REQUEST, Membership=1)
def _(w):
    link = _invitation_link(w, "lawyer@law.test")
    yield lambda: User.objects.get(email="lawyer@law.test")
    w.post(None, link, {"full_name": "Laura Ozola", "password1": PASSWORD, "password2": PASSWORD})


@case("member's role changed", REQUEST, Membership=1)
def _(w):
    membership = Membership.objects.get(user=w.editor)
    yield w.owner
    w.post(w.owner, f"/t/alfa/members/{membership.code}/role/", {"role": "reviewer"})


@case("member removed", REQUEST, Membership=1)
def _(w):
    membership = Membership.objects.get(user=w.editor)
    yield w.owner
    w.post(w.owner, f"/t/alfa/members/{membership.code}/remove/")


@case("companies and members (services)", SERVICE, Tenant=2, Membership=3)
def _(w):
    editor = Membership.objects.get(user=w.editor)
    yield w.owner
    services.tenant_create(owner=w.owner, legal_name="SIA Gamma", slug="gamma", country="LT")
    services.tenant_update(tenant=w.company, legal_name="SIA Alfa Plus", country="LV", by=w.owner)
    services.membership_change_role(membership=editor, role=Role.REVIEWER, by=w.owner)
    services.membership_remove(membership=editor, by=w.owner)


@case("invitation accepted (service)", SERVICE, Membership=1)
def _(w):
    invitation, _token = services.invitation_create(
        tenant=w.company, email=w.outsider.email, role=Role.VIEWER, invited_by=w.owner
    )
    yield w.outsider
    services.invitation_accept(invitation=invitation, user=w.outsider)


# --- the site administration ----------------------------------------------------------------


@pytest.fixture
def staff(db):
    return UserFactory(email="staff@policyhub.test", is_staff=True, is_superuser=True)


def _inline(prefix, memberships, extra=()):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(memberships) + len(extra)),
        f"{prefix}-INITIAL_FORMS": str(len(memberships)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, m in enumerate([*memberships, *extra]):
        for name, value in m.items():
            data[f"{prefix}-{i}-{name}"] = value
    return data


def _tenant_form(tenant=None, **changes):
    data = {
        "legal_name": tenant.legal_name if tenant else "SIA Delta",
        "country": "LV",
        "approval_required": "unknown",
        "embed_origins": "[]",
        "consent_retention_years": "5",
        **changes,
    }
    if tenant is None:
        data["slug"] = "delta"
    memberships = [
        {"id": m.pk, "tenant": tenant.pk, "user": m.user_id, "role": m.role}
        for m in (tenant.memberships.order_by("pk") if tenant else [])
    ]
    return data, memberships


@case("admin: company added with a member", REQUEST, Tenant=1, Membership=1)
def _(w):
    data, _memberships = _tenant_form()
    data.update(_inline("memberships", [], [{"user": w.staff.pk, "role": "owner"}]))
    yield w.staff
    w.post(w.staff, "/admin/tenants/tenant/add/", data)


@case("admin: company changed", REQUEST, Tenant=1)
def _(w):
    w.given("editor")
    data, memberships = _tenant_form(w.company, legal_name="SIA Alfa Plus")
    data.update(_inline("memberships", memberships))
    yield w.staff
    w.post(w.staff, f"/admin/tenants/tenant/{w.company.pk}/change/", data)


def _everything_of(tenant) -> dict[str, int]:
    counts = {}
    for model in TRACKED:
        rows = model._base_manager.filter(pk=tenant.pk) if model is Tenant else None
        if rows is None:
            rows = model._base_manager.filter(tenant=tenant)
        if rows.exists():
            counts[model.__name__] = rows.count()
    return counts


@case("admin: company deleted", REQUEST, writes=lambda w: w.data["everything"])
def _(w):
    w.step("data", add=NEW_ROWS["data"])
    first = w.document.data_categories.first()
    w.step("purposes", add=[{**NEW_ROWS["purposes"][0], "categories": [first.pk]}])
    w.step("retention", add=[{**NEW_ROWS["retention"][0], "category": first.pk}])
    w.given("reviewer")
    w.data["everything"] = _everything_of(w.company)
    yield w.staff
    w.post(w.staff, f"/admin/tenants/tenant/{w.company.pk}/delete/", {"post": "yes"})
    assert not Tenant.objects.filter(slug="alfa").exists()


@case("admin: member added", REQUEST, Membership=1)
def _(w):
    data = {"tenant": w.company.pk, "user": w.outsider.pk, "role": "viewer"}
    yield w.staff
    w.post(w.staff, "/admin/tenants/membership/add/", data)


@case("admin: member changed", REQUEST, Membership=1)
def _(w):
    membership = Membership.objects.get(user=w.editor)
    data = {"tenant": w.company.pk, "user": w.editor.pk, "role": "viewer"}
    yield w.staff
    w.post(w.staff, f"/admin/tenants/membership/{membership.pk}/change/", data)


@case("admin: member deleted", REQUEST, Membership=1)
def _(w):
    membership = Membership.objects.get(user=w.editor)
    yield w.staff
    w.post(w.staff, f"/admin/tenants/membership/{membership.pk}/delete/", {"post": "yes"})


@case("admin: members deleted in bulk", REQUEST, Membership=2)
def _(w):
    chosen = [Membership.objects.get(user=w.editor).pk, Membership.objects.get(user=w.reviewer).pk]
    data = {"action": "delete_selected", "_selected_action": chosen, "post": "yes"}
    yield w.staff
    w.post(w.staff, "/admin/tenants/membership/", data)
    assert not Membership.objects.filter(pk__in=chosen).exists()


@case("admin: user deleted", REQUEST, Membership=1, Document=1)
def _(w):
    document_create(tenant=w.company, slug="sikdatnes", by=w.editor)
    yield w.staff
    w.post(w.staff, f"/admin/accounts/user/{w.editor.pk}/delete/", {"post": "yes"})
    assert not User.objects.filter(email="editor@alfa.test").exists()


# --- management commands --------------------------------------------------------------------


def _demo_writes() -> dict[str, int]:
    """The demo: the company is created and declares its website; three people join; the
    policy is created, imported twice (each import replaces every row), and twice sent,
    approved and published."""
    counts = _demo_rows()
    writes = {"Tenant": 2, "Membership": 3, "Document": 1 + 2 * 4, **_sections(3)}
    writes.update({row: 3 * counts[row] for row in ROWS})
    writes["Purpose"] += 2 * counts["links"]
    return writes


@case("demo command", COMMAND, writes=_demo_writes())
def _(w):
    yield SOMEONE
    call_command("demo", stdout=io.StringIO())


@case("demo command again", COMMAND)
def _(w):
    call_command("demo", stdout=io.StringIO())
    yield None
    call_command("demo", stdout=io.StringIO())


@case("export_answers and answers_schema commands", COMMAND)
def _(w):
    w.answered()
    yield None
    call_command("export_answers", "alfa", "privatuma-politika", stdout=io.StringIO())
    call_command("answers_schema", stdout=io.StringIO())


@case("export_company command", COMMAND)
def _(w):
    w.answered()
    yield None
    call_command(
        "export_company", "alfa", output=str(w.tmp_path / "alfa.json"), stdout=io.StringIO()
    )


@case(
    "offboard_company command (the company's history goes with it)",
    COMMAND,
    erases=lambda w: w.data["everything"],
)
def _(w):
    w.step("data", add=NEW_ROWS["data"])
    first = w.document.data_categories.first()
    w.step("purposes", add=[{**NEW_ROWS["purposes"][0], "categories": [first.pk]}])
    w.step("retention", add=[{**NEW_ROWS["retention"][0], "category": first.pk}])
    w.given("reviewer", "outsider")
    w.data["everything"] = _everything_of(w.company)
    yield None
    call_command("offboard_company", "alfa", confirm="alfa", stdout=io.StringIO())
    assert not Tenant.objects.filter(slug="alfa").exists()


def _history_in(fixture) -> dict[str, int]:
    labels = {model.history.model._meta.label_lower: model.__name__ for model in TRACKED}
    found = Counter(o["model"] for o in json.loads(fixture.read_text(encoding="utf-8")))
    return {labels[label]: n for label, n in found.items() if label in labels}


@case("loaddata command (history from the backup)", COMMAND, writes=lambda w: w.data["history"])
def _(w):
    w.answered()
    w.step("security", section=SECTION_CHANGES["security"])
    fixture = w.tmp_path / "alfa.json"
    call_command("dumpdata", "tenants", "policies", output=str(fixture), stdout=io.StringIO())
    w.data["history"] = _history_in(fixture)
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        Tenant.objects.all().delete()
    for model in TRACKED:
        model.history.all().delete()
    yield None
    call_command("loaddata", str(fixture), stdout=io.StringIO())


# ---------------------------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------------------------


WHOLE_DATABASE = pytest.mark.unscoped_queries_allowed(
    "snapshots read every company's rows and history, on purpose"
)


@WHOLE_DATABASE
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_write_path_records_history(case, request, db):
    w = World(request)
    steps = case.run(w)
    who = next(steps)
    writes, erases = (c(w) if callable(c) else c for c in (case.writes, case.erases))
    before = snapshot()
    assert next(steps, "done") == "done"
    outcome = compare(before, snapshot())

    assert outcome.unrecorded == [], "written without a history record"
    assert outcome.stale == [], "the newest record is not the row as it is"
    assert outcome.lost == [], "history deleted"
    assert Counter(e.split(" #")[0] for e in outcome.erased) == Counter(erases)
    assert outcome.records == {name: n for name, n in writes.items() if n}
    assert outcome.resaved == Counter(case.resaves), "records of objects left as they were"
    if who == SOMEONE:
        assert None not in outcome.users, "records that name nobody"
    elif who is not None:
        user = who() if callable(who) else who
        assert outcome.users == Counter({user.pk: sum(outcome.records.values())})
    if case.origin == REQUEST:
        assert None not in outcome.users


def test_every_tracked_model_is_written():
    names = {model.__name__ for model in TRACKED}
    by_apps = {m for m in apps.get_models() if hasattr(m._meta, "simple_history_manager_attribute")}
    assert set(TRACKED) == by_apps
    assert len(names) == len(TRACKED)
    covered = {
        name for c in CASES if isinstance(c.writes, dict) for name, n in c.writes.items() if n
    }
    assert covered <= names, "CASES name a model that is not tracked"
    assert names - covered - set(NOT_WRITTEN) == set(), "a tracked model no write path covers"
    assert set(NOT_WRITTEN) & covered == set(), "stale entries in NOT_WRITTEN"


@WHOLE_DATABASE
def test_the_comparison_sees_what_history_misses(company, owner):
    doc = document_create(tenant=company, slug="sikdatnes", by=owner)
    before = snapshot()
    Document.objects.filter(pk=doc.pk).update(english=False)
    StepRevision.objects.filter(document=doc).update(revision=5)
    outcome = compare(before, snapshot())
    assert outcome.unrecorded == [f"Document #{doc.pk}"]
    assert outcome.records == {}

    doc.english = True
    doc.save()
    Document.objects.filter(pk=doc.pk).update(english=False)
    outcome = compare(before, snapshot())
    assert outcome.unrecorded == [] and outcome.stale == [f"Document #{doc.pk}"]

    MembershipFactory(tenant=company, role=Role.VIEWER)
    doc.controller.save()
    outcome = compare(before, snapshot())
    assert outcome.records == {"ControllerAnswers": 1, "Document": 1, "Membership": 1}
    assert outcome.resaved == Counter({"ControllerAnswers": 1})

    scope, security = doc.scope.pk, doc.security.pk
    ScopeAnswers.history.filter(id=scope).delete()
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        SecurityAnswers.objects.filter(pk=security).delete()
    SecurityAnswers.history.filter(id=security).delete()
    outcome = compare(before, snapshot())
    assert outcome.lost == [f"ScopeAnswers #{scope}"]
    assert outcome.erased == [f"SecurityAnswers #{security}"]
