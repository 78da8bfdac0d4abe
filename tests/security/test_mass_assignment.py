"""FUZZ-2: the wizard's step order, and fields a form does not have (mass assignment).

Step order. The wizard deliberately lets people answer its steps in any order and come back
later ("fields may be left empty and filled later", README, The wizard): no step needs an
earlier one to be saved, so there is no skipping to refuse. What the app guarantees instead,
and what these tests check:

- the address decides which step a save writes: any step can be saved first and a save
  writes that step's answers only, whatever step a body names; unknown step keys are 404;
- each step has its own revision: a revision that is not the step's own is a conflict (409)
  and saves nothing;
- a document with a step's required answers missing goes no further: sending it for review,
  approving it and publishing it are refused, also when the body claims a status.

Mass assignment. Every form that writes to the database is posted twice, in a transaction
undone after each run, with the clock stopped: once with valid data, once with the same data
plus fields the form does not have (`tenant`, `status`, `published_at`, `version`, `number`,
`created_by`...), each pointing at company B, its objects, or a privileged value. Both runs
must give the same answer and leave exactly the same database; the valid run must have
changed it.
"""

import datetime
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
import time_machine
from django import forms
from django.apps import apps
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client

from accounts.forms import InvitationSignupForm, SignupForm
from policies import answers_format, review
from policies.answers import load_answers
from policies.forms import DocumentCreateForm, DocumentSettingsForm
from policies.models import DataCategory, Document, PolicyVersion, ReviewStatus, StepRevision
from policies.render import render
from policies.services import document_create
from policies.views.versions import PublishForm
from policies.wizard import completeness
from policies.wizard.forms import ROW_PREFIX, SECTION_PREFIX, StepForms
from policies.wizard.steps import STEPS
from tenants.forms import CompanyCreateForm, CompanySettingsForm, InviteForm, RoleForm
from tenants.models import Invitation, Membership, Tenant, hash_token
from tenants.roles import Role
from tests.factories import PASSWORD
from tests.fuzzing import rolled_back
from tests.security.conftest import VOLATILE_APPS, VOLATILE_TABLES

pytestmark = pytest.mark.unscoped_queries_allowed("compares the whole database of two runs")

DEMO = json.loads(
    (Path(__file__).resolve().parents[2] / "policies/data/demo_answers.json").read_text("utf-8")
)
DOC = "/t/alfa/documents/privatuma-politika/"
NOW = datetime.datetime(2026, 6, 1, 9, 30, tzinfo=datetime.UTC)
INVITATION_TOKEN = "mass-assignment-invitation"

# Besides the tables any request may write (VOLATILE_*): values that are random by design
# (UUIDs, invitation token hashes), and the time of the last log-in, which each run's own
# log-in sets. Password hashes get a fixed salt (`deterministic`).
RANDOM_COLUMNS = {"token_hash", "last_login"}


def state() -> dict[str, list[tuple]]:
    """Every row of every table (but the volatile ones), in primary-key order."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or meta.db_table in VOLATILE_TABLES or meta.app_label in VOLATILE_APPS:
            continue
        columns = [
            f.attname
            for f in meta.concrete_fields
            if not isinstance(f, models.UUIDField) and f.attname not in RANDOM_COLUMNS
        ]
        rows[meta.db_table] = list(model._base_manager.order_by("pk").values_list(*columns))
    return rows


def changed_tables(before, after) -> set[str]:
    return {table for table in after if before.get(table) != after[table]}


def run(actor, url, data):
    """(status, redirect, database afterwards) of one POST; then everything is undone."""
    with rolled_back():
        client = Client()
        if actor is not None:
            client.force_login(actor)
        response = client.post(url, data)
        return response.status_code, response.get("Location", ""), state()


@pytest.fixture
def deterministic(monkeypatch):
    """The clock stands still and passwords are hashed with a fixed salt."""
    monkeypatch.setattr(MD5PasswordHasher, "salt", lambda self: "fixedsalt")
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world(deterministic, company, owner, editor, reviewer, viewer, outsider, other_company):
    """Company A's complete document (demo answers) and company B's objects to point at."""
    document = document_create(tenant=company, slug="privatuma-politika", by=owner)
    answers_format.import_into(document, DEMO)
    foreign = document_create(tenant=other_company, slug="beta-politika", by=outsider)
    answers_format.import_into(foreign, DEMO)
    Invitation.objects.create(
        tenant=company,
        email="invitee@alfa.test",
        role=Role.VIEWER,
        token_hash=hash_token(INVITATION_TOKEN),
        expires_at=NOW + datetime.timedelta(days=7),
    )
    return {
        "company": company,
        "document": document,
        "users": {"owner": owner, "editor": editor, "reviewer": reviewer, "viewer": viewer},
        "target": Membership.objects.for_tenant(company).get(user=viewer),
        "foreign": foreign,
        "foreign_row": DataCategory.objects.for_tenant(other_company).filter(document=foreign)[0],
        "outsider": outsider,
    }


def forbidden_values(world) -> dict[str, str]:
    """Fields no form here has, each set to what an attacker would want."""
    b = world["foreign"].tenant
    outsider = str(world["outsider"].pk)
    long_ago = "2000-01-01T00:00:00Z"
    return {
        "tenant": str(b.pk),
        "tenant_id": str(b.pk),
        "company": b.slug,
        "document": str(world["foreign"].pk),
        "document_id": str(world["foreign"].pk),
        "status": "published",
        "review_status": ReviewStatus.APPROVED,
        "approved_hash": "0" * 64,
        "approved_by": outsider,
        "approved_at": long_ago,
        "published_at": long_ago,
        "published_by": outsider,
        "version": "99",
        "number": "99",
        "content_hash": "0" * 64,
        "texts": "{}",
        "answers": "{}",
        "created_by": outsider,
        "created_at": long_ago,
        "updated_by": outsider,
        "updated_at": long_ago,
        "id": str(world["foreign_row"].pk),
        "pk": str(world["foreign_row"].pk),
        "code": str(uuid.uuid4()),
        "slug": "parnemta",
        "position": "99",
        "role": Role.OWNER,
        "user": outsider,
        "author": outsider,
        "kind": "approved",
        "is_staff": "on",
        "is_superuser": "on",
        "email": "outsider@beta.test",
        "accepted_at": long_ago,
        "accepted_by": outsider,
        "invited_by": outsider,
        "expires_at": "2999-01-01T00:00:00Z",
        "approval_required": "no",
        "embed_origins": "https://evil.test",
        "legal_name": 'SIA "Pārņemta"',
        "country": "US",
        "history_user": outsider,
        "based_on": "0" * 64,
    }


def with_extras(data: dict, extras: dict, prefixes: dict[str, set[str]]) -> dict:
    """`data` plus every extra field under each prefix where the form has no such field."""
    tampered = dict(data)
    for prefix, own in prefixes.items():
        for name, value in extras.items():
            if name not in own:
                tampered.setdefault(prefix + name, value)
    return tampered


def assert_ignored(actor, url, data, prefixes, extras):
    """The extra fields change nothing: the same answer and the same database."""
    before = state()
    plain = run(actor, url, data)
    tampered = run(actor, url, with_extras(data, extras, prefixes))
    assert plain[0] == 302, f"the valid post was not accepted: {plain[:2]}"
    assert changed_tables(before, plain[2]), "the valid post changed nothing"
    assert tampered[:2] == plain[:2]
    differ = changed_tables(plain[2], tampered[2])
    assert not differ, f"the extra fields changed {sorted(differ)}"


# --- the wizard's steps ------------------------------------------------------------------------


def as_posted(form) -> dict[str, list[str]]:
    """What a browser posts for an unbound form: each field's shown value."""
    data = {}
    for bound in form:
        value = bound.value()
        if isinstance(bound.field, forms.BooleanField):
            if value:
                data[bound.html_name] = ["on"]
        elif isinstance(value, (list, tuple)):
            data[bound.html_name] = [str(v) for v in value]
        else:
            data[bound.html_name] = ["" if value is None else str(value)]
    return data


def page_data(step, document) -> dict[str, list[str]]:
    """The step's page posted back as it is shown, with its current revision."""
    step_forms = StepForms(step, document)
    revision = StepRevision.objects.for_tenant(document.tenant).get(
        document=document, step=step.key
    )
    data = {"revision": [str(revision.revision)], "action": ["save"]}
    if step_forms.section_form is not None:
        data.update(as_posted(step_forms.section_form))
    if step_forms.formset is not None:
        data.update(as_posted(step_forms.formset.management_form))
        for form in step_forms.formset.forms:
            data.update(as_posted(form))
    return data


def step_url(step) -> str:
    return f"{DOC}wizard/{step.key}/"


def step_tables(step) -> set[str]:
    """The tables saving `step` may write: its models, their history and links, revisions."""
    tables = {StepRevision._meta.db_table}
    for model in (step.section_model, step.row_model):
        if model is None:
            continue
        tables |= {model._meta.db_table, model.history.model._meta.db_table}
        for field in model._meta.many_to_many:
            tables.add(field.remote_field.through._meta.db_table)
    return tables


def prefixes_of(step, data) -> dict[str, set[str]]:
    """Where a step's fields live: the section's, each row's; the view's own unprefixed."""
    section = set(step.section_form.base_fields) if step.section_form else set()
    row = {*step.row_form.base_fields, "id", "DELETE"} if step.row_form else set()
    rows = int(data.get(f"{ROW_PREFIX}-TOTAL_FORMS", ["0"])[0])
    return {
        "": set(),
        f"{SECTION_PREFIX}-": section,
        **{f"{ROW_PREFIX}-{i}-": row for i in range(rows)},
    }


def test_extra_fields_in_every_wizard_step_change_nothing(world):
    editor = world["users"]["editor"]
    extras = forbidden_values(world)
    for step in STEPS:
        data = page_data(step, world["document"])
        assert_ignored(editor, step_url(step), data, prefixes_of(step, data), extras)


def test_a_row_of_another_company_is_not_reached_through_its_id(world):
    """A row posted with company B's row id: B's rows stay as they are, and whatever is saved
    belongs to A's document (Django's formset takes an id that is not one of its rows for a
    new row)."""
    step = next(s for s in STEPS if s.key == "data")
    data = page_data(step, world["document"])
    data[f"{ROW_PREFIX}-0-id"] = [str(world["foreign_row"].pk)]
    data[f"{ROW_PREFIX}-0-label"] = ["Pārņemts"]
    a, b = world["company"], world["foreign"].tenant
    foreign_rows = list(DataCategory.objects.for_tenant(b).values())
    with rolled_back():
        client = Client()
        client.force_login(world["users"]["editor"])
        assert client.post(step_url(step), data).status_code in (200, 302)
        assert list(DataCategory.objects.for_tenant(b).values()) == foreign_rows
        assert not DataCategory.objects.for_tenant(b).filter(document=world["document"]).exists()
        assert not DataCategory.objects.for_tenant(a).filter(document=world["foreign"]).exists()


# --- step order --------------------------------------------------------------------------------


def demo_post(step) -> dict[str, list[str]]:
    """The demo answers of one step as the wizard posts them, without references to rows of
    other steps (which need not exist yet)."""
    section, rows = answers_format.split(step, DEMO.get(step.key))
    data = answers_format.step_post_data(step, section, rows, refs={})
    for key in list(data):
        form = step.section_form if key.startswith(SECTION_PREFIX) else step.row_form
        if isinstance(form.base_fields.get(key.rsplit("-", 1)[-1]), forms.ModelChoiceField):
            del data[key]
        elif key.endswith("-label") and not data[key]:
            data[key] = "Pasūtījumi"  # named, as it can no longer point to a kind of data
    return {"revision": ["0"], "action": ["next"], **dict(data.lists())}


def saved_steps(before, after) -> set[str]:
    """The steps whose revision went up between two states."""
    step = [f.attname for f in StepRevision._meta.concrete_fields].index("step")
    table = StepRevision._meta.db_table
    return {row[step] for row in set(after[table]) - set(before[table])}


@pytest.fixture
def empty(deterministic, document, editor):
    """A new document: no step answered yet."""
    return document


def test_any_step_can_be_saved_first_and_writes_only_itself(empty, editor):
    before = state()
    for step, following in zip(STEPS, [*STEPS[1:], None], strict=True):
        status, location, after = run(editor, step_url(step), demo_post(step))
        assert (status, location) == (302, step_url(following) if following else DOC), step.key
        assert saved_steps(before, after) == {step.key}
        assert changed_tables(before, after) <= step_tables(step), step.key


def test_a_step_named_in_the_body_is_not_the_one_saved(empty, editor):
    before = state()
    for step, other in zip(STEPS, STEPS[1:] + STEPS[:1], strict=True):
        data = {**demo_post(other), "step": other.key, "step_key": other.key}
        status, _, after = run(editor, step_url(step), data)
        assert status in (200, 302), step.key
        assert saved_steps(before, after) <= {step.key}, step.key
        assert changed_tables(before, after) <= step_tables(step), step.key


@pytest.mark.parametrize(
    "key", ["CONTROLLER", "controller2", "0", "-1", "publish", "review", "..", "controller%00"]
)
def test_an_unknown_step_is_not_found_and_saves_nothing(empty, editor, key):
    before = state()
    status, _, after = run(editor, f"{DOC}wizard/{key}/", demo_post(STEPS[0]))
    assert status == 404
    assert after == before


def test_another_steps_revision_is_a_conflict(empty, editor):
    revisions = StepRevision.objects.for_tenant(empty.tenant).filter(document=empty)
    revisions.filter(step="controller").update(revision=5)
    before = state()
    scope = next(s for s in STEPS if s.key == "scope")
    status, _, after = run(editor, step_url(scope), {**demo_post(scope), "revision": ["5"]})
    assert status == 409
    assert after == before


def blank_post(step, document) -> dict[str, list[str]]:
    """The step's page posted back with every answer that may be empty cleared, and every row
    removed."""
    data = page_data(step, document)
    required = {
        f"{SECTION_PREFIX}-{name}"
        for name, field in (step.section_form.base_fields if step.section else {}).items()
        if field.required
    }
    for key in list(data):
        if key.startswith(f"{SECTION_PREFIX}-") and key not in required:
            del data[key]
        elif key.startswith(f"{ROW_PREFIX}-") and key.endswith("-id"):
            data[key.removesuffix("id") + "DELETE"] = ["on"]
    return data


# What a body might claim to push a draft along.
CLAIMS = {"status": "approved", "review_status": "approved", "complete": "on", "force": "on"}


def test_a_document_with_a_step_missing_goes_no_further(world):
    """Each step in turn is cleared, as someone skipping it leaves it. Every step holds answers
    GDPR requires, so each one cleared stops the document from being sent for review,
    approved and published, whatever the body claims."""
    users, document = world["users"], world["document"]
    tenant = world["company"]
    optional = set()
    for step in STEPS:
        with rolled_back():
            client = Client()
            client.force_login(users["editor"])
            assert client.post(step_url(step), blank_post(step, document)).status_code == 302
            gaps = completeness.check(load_answers(document)).steps_with_gaps()
            if step.key not in gaps:
                optional.add(step.key)
                continue
            client.post(DOC + "review/do/submit/", CLAIMS)
            assert Document.objects.for_tenant(tenant).get().review_status == ReviewStatus.DRAFT

            Document.objects.for_tenant(tenant).update(review_status=ReviewStatus.IN_REVIEW)
            client.force_login(users["reviewer"])
            client.post(
                DOC + "review/do/approve/",
                {**CLAIMS, "seen_hash": review.draft_hash(document)},
            )
            assert not review.is_approved(Document.objects.for_tenant(tenant).get())

            client.force_login(users["owner"])
            response = client.post(DOC + "publish/", {**CLAIMS, "note": "v1"})
            assert response.status_code == 200 and response.context["form"].errors
            assert not PolicyVersion.objects.for_tenant(tenant).exists()
    assert not optional, f"steps that may be left empty: {sorted(optional)}"


# --- the other forms ---------------------------------------------------------------------------


def _approved(world):
    document = world["document"]
    review.submit(document=document, by=world["users"]["editor"])
    review.approve(
        document=document, by=world["users"]["reviewer"], seen_hash=review.draft_hash(document)
    )


def _in_review(world):
    review.submit(document=world["document"], by=world["users"]["editor"])


def _sections(world):
    return [s.key for s in render(load_answers(world["document"]), "lv").sections]


class Target(NamedTuple):
    actor: str | None  # None: a visitor
    url: str | None  # None: the address of the member whose role changes
    data: Callable[[dict], dict]  # world -> a valid post
    fields: set[str]  # what the form has: never sent as an extra
    prepare: Callable[[dict], None] | None = None


def fields(form_class) -> set[str]:
    return set(form_class.base_fields)


NEW_PASSWORD = "Zaļā-Sala-2026!"
FORMS = {
    "document settings": Target(
        "editor",
        DOC + "settings/",
        lambda w: {"title_variant": "processing_rules", "address_form": "informal"},
        fields(DocumentSettingsForm),
    ),
    "new document": Target(
        "editor",
        "/t/alfa/documents/new/",
        lambda w: {"title_variant": "privacy_policy", "slug": "jauna", "address_form": "formal"},
        fields(DocumentCreateForm),
    ),
    "company settings": Target(
        "owner",
        "/t/alfa/settings/",
        lambda w: {"legal_name": 'SIA "Alfa Plus"', "country": "LV", "approval_required": ""},
        fields(CompanySettingsForm),
    ),
    "new company": Target(
        "editor",
        "/companies/",
        lambda w: {"legal_name": 'SIA "Gamma"', "slug": "gamma", "country": "LV"},
        fields(CompanyCreateForm),
    ),
    "sign-up": Target(
        None,
        "/accounts/signup/",
        lambda w: {
            "full_name": "Jana Jauna",
            "email": "jana@gamma.test",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "legal_name": 'SIA "Gamma"',
            "slug": "gamma",
            "country": "LV",
        },
        fields(SignupForm),
    ),
    "sign-up from an invitation": Target(
        None,
        f"/accounts/invitations/{INVITATION_TOKEN}/",
        lambda w: {
            "full_name": "Ieva Ielūgta",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
        fields(InvitationSignupForm),
    ),
    "member invitation": Target(
        "owner",
        "/t/alfa/members/invite/",
        lambda w: {"email": "jauns@alfa.test", "role": Role.EDITOR},
        fields(InviteForm),
    ),
    "member's role": Target("owner", None, lambda w: {"role": Role.EDITOR}, fields(RoleForm)),
    "password change": Target(
        "editor",
        "/accounts/password/change/",
        lambda w: {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        {"old_password", "new_password1", "new_password2"},
    ),
    "send for review": Target(
        "editor", DOC + "review/do/submit/", lambda w: {"note": "Lūdzu"}, {"note"}
    ),
    "review comment": Target(
        "reviewer",
        DOC + "review/do/comment/",
        lambda w: {"section": _sections(w)[0], "text": "Precizējiet."},
        {"section", "text"},
        _in_review,
    ),
    "request for changes": Target(
        "reviewer",
        DOC + "review/do/request-changes/",
        lambda w: {"note": "Precizējiet."},
        {"note"},
        _in_review,
    ),
    "approval": Target(
        "reviewer",
        DOC + "review/do/approve/",
        lambda w: {"seen_hash": review.draft_hash(w["document"]), "note": "Labi."},
        {"seen_hash", "note"},
        _in_review,
    ),
    "own wording of a section": Target(
        "reviewer",
        DOC + "review/do/wording/",
        lambda w: {"section": _sections(w)[0], "language": "lv", "text": "Mūsu vārdiem."},
        {"section", "language", "text"},
        _in_review,
    ),
    "publishing": Target(
        "owner",
        DOC + "publish/",
        lambda w: {"note": "Pirmā versija"},
        fields(PublishForm),
        _approved,
    ),
}


@pytest.mark.parametrize("name", FORMS)
def test_extra_fields_in_a_form_change_nothing(name, world):
    target = FORMS[name]
    if target.prepare:
        target.prepare(world)
    url = target.url or f"/t/alfa/members/{world['target'].code}/role/"
    actor = world["users"][target.actor] if target.actor else None
    prefixes = {"": target.fields}
    assert_ignored(actor, url, target.data(world), prefixes, forbidden_values(world))


def test_what_the_forms_write_is_what_they_may(world):
    """The valid posts above, seen from the rows they write: the poster's company and name,
    the starting review state, the next version number."""
    owner, editor = world["users"]["owner"], world["users"]["editor"]
    extras = forbidden_values(world)
    company = world["company"]

    client = Client()
    client.force_login(editor)
    new = FORMS["new document"]
    client.post(new.url, with_extras(new.data(world), extras, {"": new.fields}))
    created = Document.objects.for_tenant(company).get(slug="jauna")
    assert (created.created_by, created.review_status, created.approved_by) == (
        editor,
        ReviewStatus.DRAFT,
        None,
    )

    _approved(world)
    client.force_login(owner)
    publish = FORMS["publishing"]
    client.post(publish.url, with_extras(publish.data(world), extras, {"": publish.fields}))
    version = PolicyVersion.objects.for_tenant(company).get(document=world["document"])
    assert (version.number, version.published_by, version.approved_by) == (
        1,
        owner,
        world["users"]["reviewer"],
    )
    assert version.effective_date == NOW.date()
    assert Tenant.objects.get(pk=company.pk).slug == "alfa"
    assert PolicyVersion.objects.for_tenant(world["foreign"].tenant).count() == 0


def test_extra_keys_in_an_answers_file_change_nothing(world):
    """The import is held to the answers format: a file with fields the format does not have
    is either refused whole (400) or imported exactly as without them."""
    editor = world["users"]["editor"]
    extras = forbidden_values(world)
    export = answers_format.export(world["document"])
    export["controller"]["legal_name"] = 'SIA "Alfa Plus"'
    tampered = json.loads(json.dumps(export))
    for part in (tampered["document"], tampered["controller"], tampered["data"][0], tampered):
        for name, value in extras.items():
            part.setdefault(name, value)

    before = state()
    plain = run(editor, DOC + "import/", file_post(export))
    refused_or_same = run(editor, DOC + "import/", file_post(tampered))
    assert plain[0] == 302 and changed_tables(before, plain[2])
    assert refused_or_same[0] in (302, 400)
    assert refused_or_same[2] == (plain[2] if refused_or_same[0] == 302 else before)


def file_post(content) -> dict:
    raw = answers_format.dumps(content).encode()
    return {"file": SimpleUploadedFile("answers.json", raw, "application/json")}
