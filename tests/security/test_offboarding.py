"""BAK-4: a company's export, and its offboarding.

Company A (alfa) has what a company can have, with a unique canary in every free text: its
name, its members' names, a policy published with the demo answers (versions with their HTML
and PDFs), review notes, a wording override, invitations, the history of every change, a
log-in record, a session and an entry in the admin's log. A lawyer is a member of A and of B.
Company B (beta) has a published policy of its own, with a canary of its own.

The export is compared with a scan of every table for A's rows. After offboarding, every
column of every table is searched for A's canary, and B is compared with how it was.
"""

import io
import json
import uuid

import pytest
from axes.models import AccessLog
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, models, transaction
from django.test.utils import isolate_apps

from accounts.models import User
from policies import answers_format, publishing, review
from policies.answers import load_answers
from policies.db_triggers import ERASABLE
from policies.models import Erasure, PolicyVersion, SecurityAnswers
from policies.render import render
from policies.services import document_create
from tenants import offboarding
from tenants.company_data import RETAINED, company_parts
from tenants.models import Tenant
from tenants.roles import Role
from tests.factories import MembershipFactory, UserFactory
from tests.policies.test_publish import DEMO
from tests.security.conftest import fingerprint
from tests.security.test_backup import manage

pytestmark = pytest.mark.unscoped_queries_allowed(
    "export and offboarding are checked by scanning every table, for both companies"
)

CANARY_A = f"CANARY-A-{uuid.uuid4().hex}"
CANARY_B = f"CANARY-B-{uuid.uuid4().hex}"
ONLY_A = ["owner", "editor", "reviewer", "viewer"]


def marked(value, canary):
    """The demo answers with the canary added to every free text (those with a space)."""
    if isinstance(value, dict):
        return {key: marked(item, canary) for key, item in value.items()}
    if isinstance(value, list):
        return [marked(item, canary) for item in value]
    if isinstance(value, str) and " " in value:
        return f"{value} {canary}"
    return value


@pytest.fixture
def companies(world, login):
    users = world["users"]
    demo = json.loads(DEMO.read_text(encoding="utf-8"))
    a, b = Tenant.objects.get(slug="alfa"), Tenant.objects.get(slug="beta")
    a.legal_name = f'SIA "Alfa {CANARY_A}"'
    a.save()
    for role in ONLY_A:
        users[role].full_name = f"{role.title()} {CANARY_A}"
        users[role].save()
    lawyer = UserFactory(email="lawyer@both.test", full_name="Līga Jurista")
    MembershipFactory(tenant=a, user=lawyer, role=Role.REVIEWER)
    MembershipFactory(tenant=b, user=lawyer, role=Role.REVIEWER)

    ours = world["document"]
    answers_format.import_into(ours, marked(demo, CANARY_A), by=users["editor"])
    review.submit(document=ours, by=users["editor"], note=f"Lūdzu pārskatīt {CANARY_A}")
    review.comment(document=ours, by=lawyer, section="", text=f"Piezīme {CANARY_A}")
    section = render(load_answers(ours), "lv").sections[0].key
    review.override_set(
        document=ours, by=users["reviewer"], section=section, language="lv", text=CANARY_A
    )
    review.approve(document=ours, by=users["reviewer"], seen_hash=review.draft_hash(ours))
    ours.refresh_from_db()
    publishing.publish(document=ours, by=users["owner"])
    security = SecurityAnswers.objects.get(document=ours)  # a second version, and its diff
    security.description = f"Otrā versija {CANARY_A}"
    security.save()
    review.submit(document=ours, by=users["editor"], note="")
    review.approve(document=ours, by=users["reviewer"], seen_hash=review.draft_hash(ours))
    ours.refresh_from_db()
    publishing.publish(document=ours, by=users["owner"])

    b.legal_name = f'SIA "Beta {CANARY_B}"'
    b.approval_required = False
    b.save()
    theirs = document_create(tenant=b, slug="beta-politika-2", by=None)
    answers_format.import_into(theirs, marked(demo, CANARY_B))
    publishing.publish(document=theirs, by=users["outsider"])
    security = SecurityAnswers.objects.get(document=theirs)
    security.description = f"Otrā versija {CANARY_B}"
    security.save()
    publishing.publish(document=theirs, by=users["outsider"])

    staff = UserFactory(email="admin@site.test", is_staff=True)
    LogEntry.objects.log_actions(staff.pk, [ours], CHANGE, change_message=f"Labots {CANARY_A}")
    for person, agent, slug in (
        (users["owner"], f"Pārlūks {CANARY_A}", "alfa"),
        (lawyer, "Pārlūks", "beta"),
    ):
        AccessLog.objects.create(username=person.email, user_agent=agent, ip_address="203.0.113.7")
        assert login(person).get(f"/t/{slug}/").status_code == 200  # a session
    return {"a": a, "b": b, "lawyer": lawyer, "staff": staff, "users": users}


def table_rows(tenant) -> dict:
    """{model: primary keys} of the company's rows in every table, found in the database:
    rows whose tenant column holds the company's key (the company's own row and its history by
    their id), then, until nothing new turns up, rows with a key to a row found."""
    every = apps.get_models(include_auto_created=True)
    found = {}
    for model in every:
        columns = {f.column for f in model._meta.concrete_fields}
        if model._meta.db_table in ("tenants_tenant", "tenants_historicaltenant"):
            found[model] = set(
                model._base_manager.filter(id=tenant.pk).values_list("pk", flat=True)
            )
        elif "tenant_id" in columns:
            rows = model._base_manager.filter(tenant_id=tenant.pk)
            found[model] = set(rows.values_list("pk", flat=True))
    while True:
        new = {}
        for model in every:
            for field in model._meta.concrete_fields:
                if field.is_relation and found.get(field.related_model):
                    rows = model._base_manager.filter(
                        **{f"{field.attname}__in": found[field.related_model]}
                    )
                    pks = set(rows.values_list("pk", flat=True)) - found.get(model, set())
                    if pks:
                        new.setdefault(model, set()).update(pks)
        if not new:
            return found
        for model, pks in new.items():
            found.setdefault(model, set()).update(pks)


def as_links(found: dict) -> dict:
    """Rows of many-to-many tables as (from, to) pairs, the way a fixture carries them."""
    result = {}
    for model, pks in found.items():
        if model._meta.auto_created:
            ends = [f.attname for f in model._meta.concrete_fields if f.is_relation]
            pks = set(model._base_manager.filter(pk__in=pks).values_list(*ends))
        result[model] = pks
    return result


def exported_rows(fixture: str) -> dict:
    """{model: primary keys, or (from, to) pairs for many-to-many links} of a fixture."""
    found = {}
    for obj in json.loads(fixture):
        model = apps.get_model(obj["model"])
        found.setdefault(model, set()).add(obj["pk"])
        for field in model._meta.many_to_many:
            for target in obj["fields"].get(field.name, []):
                found.setdefault(field.remote_field.through, set()).add((obj["pk"], target))
    return found


def canary_hits(canary: str) -> dict[str, int]:
    """{table: rows} of every table in the database with the canary in any column."""
    hits = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sum(any(canary in _text(value) for value in row) for row in cursor.fetchall())
            if rows:
                hits[table] = rows
    return hits


def _text(value) -> str:
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).decode("latin-1")
    return value if isinstance(value, str) else json.dumps(value, default=str)


def snapshot(tenant, users) -> dict:
    """Every value of every row of the company, and of the given users."""
    found = table_rows(tenant)
    found[User] = {user.pk for user in users}
    return {
        model._meta.label: list(
            model._base_manager.filter(pk__in=pks)
            .order_by("pk")
            .values_list(*(f.attname for f in model._meta.concrete_fields))
        )
        for model, pks in found.items()
    }


def export(slug: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("export_company", slug, stdout=out, stderr=err)
    assert f"Company {slug!r}:" in err.getvalue()
    return out.getvalue()


def test_the_export_holds_every_row_of_the_company_and_nothing_else(companies, tmp_path):
    a, b = companies["a"], companies["b"]
    fixture = export("alfa")
    exported = exported_rows(fixture)
    users = exported.pop(User)
    tables = {m._meta.db_table for m in apps.get_models(include_auto_created=True)}
    # every table but Django's record of migrations is some model's: the scan sees them all
    assert set(connection.introspection.table_names()) - tables == {"django_migrations"}
    ours = {m: pks for m, pks in as_links(table_rows(a)).items() if pks}
    kept = {m for m in ours if m._meta.label_lower in RETAINED}
    assert exported == {m: pks for m, pks in ours.items() if m not in kept}
    labels = {model._meta.label_lower for model in exported}
    assert {
        "tenants.historicaltenant",
        "policies.versionrendering",
        "policies.purpose_categories",
    } <= labels
    theirs = as_links(table_rows(b))
    assert all(not pks & theirs.get(model, set()) for model, pks in exported.items())
    assert CANARY_A in fixture and CANARY_B not in fixture

    named = [companies["users"][role] for role in ONLY_A] + [companies["lawyer"]]
    assert set(User.objects.filter(pk__in=users)) == set(named)
    for record in json.loads(fixture):
        if record["model"] == "accounts.user":  # who they are, and no password hash
            fields = {"email", "full_name", "is_active", "date_joined", "password"}
            assert set(record["fields"]) == fields and record["fields"]["password"] == "!"

    # into a new, empty database, and out again: the same bytes
    path, again = tmp_path / "alfa.json", tmp_path / "again.json"
    path.write_text(fixture, encoding="utf-8")
    database = tmp_path / "restored.sqlite3"
    manage("migrate", "--no-input", "-v0", database=database)
    manage("loaddata", str(path), "-v0", database=database)
    manage("export_company", "alfa", "-o", str(again), database=database)
    assert again.read_text(encoding="utf-8") == fixture


def test_offboarding_leaves_nothing_of_the_company(companies, client):
    a, b, lawyer, staff = (companies[k] for k in ("a", "b", "lawyer", "staff"))
    users = companies["users"]
    others = [users["outsider"], lawyer, staff]
    before = snapshot(b, others)
    found = canary_hits(CANARY_A)
    assert {
        "tenants_tenant",
        "tenants_historicaltenant",
        "accounts_user",
        "policies_policyversion",
        "policies_versionrendering",
        "policies_reviewnote",
        "policies_historicalwordingoverride",
        "policies_historicalrecipient",
        "django_admin_log",
        "axes_accesslog",
    } <= set(found)
    owner_id = str(users["owner"].pk)

    out = io.StringIO()
    call_command("offboard_company", "alfa", "--confirm", "alfa", stdout=out)

    assert "offboarded" in out.getvalue()
    connection.check_constraints()  # no key left pointing at a deleted row
    assert canary_hits(CANARY_A) == {}
    left = {m._meta.label_lower: len(pks) for m, pks in table_rows(a).items() if pks}
    assert set(left) <= set(RETAINED)  # the security log keeps its rows, as documented
    assert not User.objects.filter(pk__in=[users[role].pk for role in ONLY_A]).exists()
    assert not AccessLog.objects.filter(username=users["owner"].email).exists()
    sessions = [s.get_decoded().get(SESSION_KEY) for s in Session.objects.all()]
    assert owner_id not in sessions and str(lawyer.pk) in sessions
    assert not Erasure.objects.exists()

    assert snapshot(b, others) == before  # B, and the people B has, exactly as they were
    assert lawyer.memberships.get().tenant == b
    assert AccessLog.objects.filter(username=lawyer.email).exists()
    page = client.get("/p/beta/beta-politika-2/")
    assert page.status_code == 200 and CANARY_B in page.content.decode()
    pdf = client.get("/p/beta/beta-politika-2/versions/1.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get("/p/alfa/politika/").status_code == 404

    for table in ERASABLE:  # B's versions are as immutable as ever
        for sql in (f"UPDATE {table} SET tenant_id = tenant_id", f"DELETE FROM {table}"):
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
                c.execute(f"{sql} WHERE tenant_id = %s", [b.pk])
    assert PolicyVersion.objects.filter(tenant=b).count() == 3


def test_without_the_confirmation_nothing_is_deleted(companies):
    before = fingerprint(), Session.objects.count(), AccessLog.objects.count()
    for confirm in ([], ["--confirm", "beta"], ["--confirm", "ALFA"]):
        out = io.StringIO()
        with pytest.raises(CommandError, match="Nothing deleted"):
            call_command("offboard_company", "alfa", *confirm, stdout=out)
        shown = out.getvalue()
        assert "policies.policyversion" in shown and "owner@alfa.test" in shown
        assert "lawyer@both.test: member of another company" in shown
    assert (fingerprint(), Session.objects.count(), AccessLog.objects.count()) == before


def test_an_error_while_offboarding_changes_nothing(companies, monkeypatch):
    a = companies["a"]
    before = fingerprint(), Session.objects.count(), AccessLog.objects.count()
    delete = offboarding._delete

    def delete_then_fail(*args):
        delete(*args)
        assert not Tenant.objects.filter(pk=a.pk).exists()  # all deleted by now
        raise DatabaseError("injected")

    monkeypatch.setattr(offboarding, "_delete", delete_then_fail)
    with pytest.raises(DatabaseError, match="injected"):
        offboarding.offboard(a)
    assert (fingerprint(), Session.objects.count(), AccessLog.objects.count()) == before
    assert not Erasure.objects.exists()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM policies_policyversion WHERE tenant_id = %s", [a.pk])


def test_the_lift_covers_only_the_company_being_offboarded(companies):
    a, b = companies["a"], companies["b"]
    with transaction.atomic():
        Erasure.objects.create(tenant_id=a.pk)
        for table in ERASABLE:
            refused = [
                (f"DELETE FROM {table}", []),
                (f"DELETE FROM {table} WHERE tenant_id = %s", [b.pk]),
                (f"UPDATE {table} SET tenant_id = tenant_id WHERE tenant_id = %s", [a.pk]),
            ]
            for sql, params in refused:
                with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
                    c.execute(sql, params)
        with connection.cursor() as cursor:
            for table in reversed(ERASABLE):
                cursor.execute(f"DELETE FROM {table} WHERE tenant_id = %s", [a.pk])
        assert not PolicyVersion.objects.filter(tenant=a).exists()
        transaction.set_rollback(True)
    assert PolicyVersion.objects.filter(tenant=a).count() == 3
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM policies_policyversion WHERE tenant_id = %s", [a.pk])


@isolate_apps("tenants")
def test_a_model_that_refers_to_company_rows_without_going_with_them_fails_loudly():
    class Note(models.Model):  # noqa: DJ008
        tenant = models.ForeignKey(Tenant, models.SET_NULL, null=True, related_name="+")

        class Meta:
            app_label = "tenants"

    class Attachment(models.Model):  # noqa: DJ008
        tenant = models.ForeignKey(Tenant, models.CASCADE, related_name="+")

        class Meta:
            app_label = "tenants"

    class HistoricalAttachment(models.Model):  # noqa: DJ008
        attachment = models.ForeignKey(Attachment, models.DO_NOTHING, related_name="+")
        instance_type = Attachment  # as django-simple-history marks its models

        class Meta:
            app_label = "tenants"

    every = apps.get_models(include_auto_created=True)
    parts = {part.model: part.path for part in company_parts([*every, Attachment])}
    assert parts[Attachment] == "tenant"
    with pytest.raises(ImproperlyConfigured, match=r"tenants\.note\.tenant: refers to company"):
        company_parts([*every, Note])
    with pytest.raises(ImproperlyConfigured, match="historicalattachment: the history of"):
        company_parts([*every, Attachment, HistoricalAttachment])
