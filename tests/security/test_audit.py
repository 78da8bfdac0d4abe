"""The security log: LOG-1 (every security event, once), LOG-2 (log injection), LOG-3
(append-only in the database)."""

import datetime
import io
import json
import logging

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.utils import timezone

from audit.models import Action, AuditEvent, Purge
from audit.services import record
from policies import answers_format
from tenants import services
from tenants.models import Membership, Tenant
from tenants.roles import Role
from tests.factories import PASSWORD, UserFactory
from tests.policies.test_publish import DEMO, approve

# The tests read the whole log, across companies, to see every record an action leaves.
pytestmark = pytest.mark.unscoped_queries_allowed("the security log read whole")

LOGIN = "/accounts/login/"
WRONG = "wrong-password-2026"
IP = "203.0.113.7"
DOC = "/t/alfa/documents/privatuma-politika/"
NEW_PASSWORD = "jauna-parole-Zala-Sala-9"


@pytest.fixture
def signed_in(login):
    """A client logged in by its log-in form (force_login records a log-in event too)."""

    def _signed_in(user):
        client = login(user)
        client.defaults["REMOTE_ADDR"] = IP
        return client

    return _signed_in


@pytest.fixture
def invitation(company, owner):
    invitation, token = services.invitation_create(
        tenant=company, email="jauna@alfa.test", role=Role.EDITOR, invited_by=owner
    )
    return invitation, token


# Each trigger does one thing a user can do and returns (response, tenant, actor's name).
def log_in(ctx):
    response = Client(REMOTE_ADDR=IP).post(
        LOGIN, {"username": ctx.editor.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return response, None, ctx.editor.email


def log_in_wrong(ctx):
    response = Client(REMOTE_ADDR=IP).post(LOGIN, {"username": ctx.editor.email, "password": WRONG})
    assert response.status_code == 200
    return response, None, ctx.editor.email


def lock_out(ctx):
    client = Client(REMOTE_ADDR=IP)
    for _ in range(ctx.settings.AXES_FAILURE_LIMIT - 1):
        client.post(LOGIN, {"username": ctx.editor.email, "password": WRONG})
    ctx.mark()  # the failures before are LOGIN_FAILED events of their own
    response = client.post(LOGIN, {"username": ctx.editor.email, "password": WRONG})
    assert response.status_code == 429
    return response, None, ctx.editor.email


def log_out(ctx):
    client = ctx.signed_in(ctx.editor)
    ctx.mark()
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    return response, None, ctx.editor.email


def change_password(ctx):
    client = ctx.signed_in(ctx.editor)
    ctx.mark()
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    return response, None, ctx.editor.email


def foreign_company(ctx):
    client = ctx.signed_in(ctx.editor)
    ctx.mark()
    response = client.get("/t/beta/")
    assert response.status_code == 404
    return response, None, ctx.editor.email


def forbidden(ctx):
    client = ctx.signed_in(ctx.editor)
    ctx.mark()
    response = client.get("/t/alfa/settings/")
    assert response.status_code == 403
    return response, ctx.company, ctx.editor.email


def create_company(ctx):
    client = ctx.signed_in(ctx.editor)
    ctx.mark()
    response = client.post(
        "/companies/", {"legal_name": "Gamma SIA", "slug": "gamma", "country": "LV"}
    )
    assert response.status_code == 302
    return response, Tenant.objects.get(slug="gamma"), ctx.editor.email


def invite(ctx):
    client = ctx.signed_in(ctx.owner)
    ctx.mark()
    response = client.post(
        "/t/alfa/members/invite/", {"email": "jauna@alfa.test", "role": Role.EDITOR}
    )
    assert response.status_code == 302
    return response, ctx.company, ctx.owner.email


def revoke(ctx):
    invitation, _ = ctx.invitation
    client = ctx.signed_in(ctx.owner)
    ctx.mark()
    response = client.post(f"/t/alfa/invitations/{invitation.code}/revoke/")
    assert response.status_code == 302
    return response, ctx.company, ctx.owner.email


def join(ctx):
    _, token = ctx.invitation
    newcomer = UserFactory(email="jauna@alfa.test")
    client = ctx.signed_in(newcomer)
    ctx.mark()
    response = client.post(f"/accounts/invitations/{token}/")
    assert response.status_code == 302
    return response, ctx.company, newcomer.email


def change_role(ctx):
    client = ctx.signed_in(ctx.owner)
    ctx.mark()
    membership = Membership.objects.get(user=ctx.editor)
    response = client.post(f"/t/alfa/members/{membership.code}/role/", {"role": Role.REVIEWER})
    assert response.status_code == 302
    return response, ctx.company, ctx.owner.email


def remove_member(ctx):
    client = ctx.signed_in(ctx.owner)
    ctx.mark()
    membership = Membership.objects.get(user=ctx.editor)
    response = client.post(f"/t/alfa/members/{membership.code}/remove/")
    assert response.status_code == 302
    return response, ctx.company, ctx.owner.email


def publish(ctx):
    answers_format.import_into(ctx.document, json.loads(DEMO.read_text(encoding="utf-8")))
    approve(ctx.document, ctx.editor, ctx.reviewer)
    client = ctx.signed_in(ctx.owner)
    ctx.mark()
    response = client.post(DOC + "publish/", {"note": ""})
    assert response.status_code == 302
    return response, ctx.company, ctx.owner.email


def export_answers(ctx):
    client = ctx.signed_in(ctx.viewer)
    ctx.mark()
    response = client.get(DOC + "answers.json")
    assert response.status_code == 200
    return response, ctx.company, ctx.viewer.email


def import_answers(ctx):
    upload = io.BytesIO(DEMO.read_bytes())
    upload.name = "answers.json"
    client = ctx.signed_in(ctx.editor)
    ctx.mark()
    response = client.post(DOC + "import/", {"file": upload})
    assert response.status_code == 302
    return response, ctx.company, ctx.editor.email


def export_company(ctx):
    call_command("export_company", "alfa", output=str(ctx.tmp_path / "alfa.json"))
    return None, ctx.company, ""


def offboard_company(ctx):
    call_command("offboard_company", "alfa", confirm="alfa", stdout=io.StringIO())
    return None, ctx.company, ""


def purge_log(ctx):
    AuditEvent.objects.create(action=Action.LOGIN, created_at=days_ago(400))
    ctx.mark()
    call_command("purge_audit_log", stdout=io.StringIO())
    return None, None, ""


CATALOGUE = {
    Action.LOGIN: log_in,
    Action.LOGIN_FAILED: log_in_wrong,
    Action.LOCKED_OUT: lock_out,
    Action.LOGOUT: log_out,
    Action.PASSWORD_CHANGED: change_password,
    Action.NOT_FOUND: foreign_company,
    Action.FORBIDDEN: forbidden,
    Action.COMPANY_CREATED: create_company,
    Action.MEMBER_INVITED: invite,
    Action.INVITATION_REVOKED: revoke,
    Action.MEMBER_JOINED: join,
    Action.ROLE_CHANGED: change_role,
    Action.MEMBER_REMOVED: remove_member,
    Action.PUBLISHED: publish,
    Action.ANSWERS_EXPORTED: export_answers,
    Action.ANSWERS_IMPORTED: import_answers,
    Action.COMPANY_EXPORTED: export_company,
    Action.COMPANY_OFFBOARDED: offboard_company,
    Action.LOG_PURGED: purge_log,
}


def test_the_catalogue_covers_every_action():
    assert set(CATALOGUE) == set(Action)


class Context:
    def __init__(self, **objects):
        self.__dict__.update(objects)
        self.mark()

    def mark(self):
        self.since = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def events(self):
        return list(AuditEvent.objects.filter(pk__gt=self.since).order_by("pk"))


@pytest.mark.parametrize("action", list(CATALOGUE), ids=str)
def test_each_security_event_is_recorded_once(
    action, request, company, owner, editor, reviewer, viewer, other_company, document, settings
):
    ctx = Context(
        company=company,
        owner=owner,
        editor=editor,
        reviewer=reviewer,
        viewer=viewer,
        document=document,
        settings=settings,
        tmp_path=request.getfixturevalue("tmp_path"),
        signed_in=request.getfixturevalue("signed_in"),
    )
    if action in (Action.INVITATION_REVOKED, Action.MEMBER_JOINED):
        ctx.invitation = request.getfixturevalue("invitation")
    response, tenant, actor_name = CATALOGUE[action](ctx)

    events = ctx.events()
    assert [e.action for e in events] == [action]
    event = events[0]
    assert event.created_at.utcoffset() == datetime.timedelta(0)
    assert event.tenant_id == (tenant.pk if tenant else None)
    assert event.actor_name == actor_name
    if response is None:  # an operator's command: no request
        assert (event.ip_address, event.request_id) == (None, "")
    else:
        assert event.ip_address == IP
        assert event.request_id == response["X-Request-ID"]


def test_no_record_holds_a_password_a_session_key_or_a_csrf_token(editor, settings):
    client = Client(REMOTE_ADDR=IP, enforce_csrf_checks=True)
    client.get(LOGIN)
    csrf = client.cookies["csrftoken"].value
    secrets = [PASSWORD, WRONG, csrf]
    for password in [WRONG] * (settings.AXES_FAILURE_LIMIT - 1) + [PASSWORD]:
        client.post(
            LOGIN,
            {"username": editor.email, "password": password, "csrfmiddlewaretoken": csrf},
        )
    assert client.session.session_key
    secrets.append(client.session.session_key)
    client.get("/t/beta/")

    rows = list(AuditEvent.objects.order_by("pk").values())
    assert [row["action"] for row in rows] == [Action.LOGIN_FAILED] * 4 + [
        Action.LOGIN,
        Action.NOT_FOUND,
    ]
    dumped = json.dumps(rows, default=str)
    assert [secret for secret in secrets if secret in dumped] == []


# ---------------------------------------------------------------------------------------------
# LOG-2: log injection
# ---------------------------------------------------------------------------------------------
# The log-in form accepts only e-mail addresses, which exclude ASCII control characters but not
# Unicode line and paragraph separators in the domain.
HOSTILE = "evil@x\u2028admin\u2029.lv"


def test_control_characters_cannot_forge_records(db, caplog):
    with caplog.at_level(logging.INFO, logger="policyhub.audit"):
        Client(REMOTE_ADDR=IP).post(LOGIN, {"username": HOSTILE, "password": WRONG})

    event = AuditEvent.objects.get()
    assert event.action == Action.LOGIN_FAILED
    assert event.actor_name == "evil@x\\u2028admin\\u2029.lv"
    [line] = [r.getMessage() for r in caplog.records if r.name == "policyhub.audit"]
    assert len(line.splitlines()) == 1


def test_every_text_of_a_record_is_escaped_and_secrets_are_left_out(db, caplog):
    with caplog.at_level(logging.INFO, logger="policyhub.audit"):
        event = record(
            Action.LOGIN_FAILED,
            actor_name="a\nb",
            note="x\r\ny\x1b[31mred\x1b[0m",
            password="hunter2",
            csrf_token="abc",
        )
    event.refresh_from_db()
    assert event.actor_name == "a\\nb"
    assert event.details == {"note": "x\\r\\ny\\x1b[31mred\\x1b[0m"}
    [line] = [r.getMessage() for r in caplog.records if r.name == "policyhub.audit"]
    assert not any(char in line for char in "\n\r\x1b")
    assert "hunter2" not in line and "abc" not in line


# ---------------------------------------------------------------------------------------------
# LOG-3: append-only
# ---------------------------------------------------------------------------------------------
MUTATIONS = [
    lambda: AuditEvent.objects.update(action=Action.LOGIN),
    lambda: AuditEvent.objects.all().delete(),
    lambda: AuditEvent.objects.first().save(),
    lambda: connection.cursor().execute("UPDATE audit_auditevent SET actor_name = 'x'"),
    lambda: connection.cursor().execute("DELETE FROM audit_auditevent"),
]
if connection.vendor == "postgresql":
    MUTATIONS.append(lambda: connection.cursor().execute("TRUNCATE audit_auditevent"))


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_no_record_can_be_changed_or_deleted(editor):
    Client(REMOTE_ADDR=IP).post(LOGIN, {"username": editor.email, "password": WRONG})
    before = list(AuditEvent.objects.values())
    refused = 0
    for mutate in MUTATIONS:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            mutate()
        refused += 1
    assert refused == len(MUTATIONS)
    assert list(AuditEvent.objects.values()) == before


# ---------------------------------------------------------------------------------------------
# Retention: the one way to delete from the log
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def aged_log(db):
    return {
        days: AuditEvent.objects.create(action=Action.LOGIN, created_at=days_ago(days)).pk
        for days in (400, 100, 40, 10)
    }


def kept(aged_log):
    return sorted(
        days for days, pk in aged_log.items() if AuditEvent.objects.filter(pk=pk).exists()
    )


@pytest.mark.parametrize(("retention", "left"), [(365, [10, 40, 100]), (60, [10, 40]), (30, [10])])
def test_a_purge_deletes_what_is_older_than_the_retention(aged_log, settings, retention, left):
    settings.AUDIT_RETENTION_DAYS = retention
    out = io.StringIO()
    call_command("purge_audit_log", stdout=out)
    assert kept(aged_log) == left
    assert f"{4 - len(left)} security events older than {retention} days deleted." in out.getvalue()
    assert not Purge.objects.exists()
    purged = AuditEvent.objects.get(action=Action.LOG_PURGED)
    assert purged.details["deleted"] == 4 - len(left)


def test_a_retention_under_30_days_is_refused(aged_log, settings):
    settings.AUDIT_RETENTION_DAYS = 20
    with pytest.raises(CommandError, match="at least 30"):
        call_command("purge_audit_log")
    assert kept(aged_log) == [10, 40, 100, 400]


def test_the_database_keeps_30_days_whatever_a_purge_says(aged_log):
    with transaction.atomic():
        Purge.objects.create(cutoff=timezone.now())
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            AuditEvent.objects.filter(pk=aged_log[10]).delete()
        AuditEvent.objects.filter(pk=aged_log[40]).delete()
        Purge.objects.all().delete()
    assert kept(aged_log) == [10, 100, 400]


def test_without_a_purge_old_records_cannot_be_deleted_either(aged_log):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=aged_log[400]).delete()
    assert kept(aged_log) == [10, 40, 100, 400]
