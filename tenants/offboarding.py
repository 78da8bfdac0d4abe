"""Offboarding: a company and everything of it deleted in one transaction.

Deleted: every row of the company's models and their historical rows (tenants.company_data),
its published versions and their stored HTML and PDFs, the admin's log entries about those
rows, and the accounts of the people whose data was only the company's: users its rows name
who are not site staff and who, once the company is gone, are no member of any company and
appear in no other row. With those accounts go their sessions and their log-in records
(django-axes). Kept: other users' accounts and log-in records, and RETAINED rows (the
security log), as documented there.

Published versions are append-only in the database. The triggers let a DELETE through only
for the rows of a company named in policies.Erasure; that row is inserted and deleted within
the transaction, so no other transaction ever sees it, and an error rolls it back with the rest.
"""

from dataclasses import dataclass, field
from functools import reduce
from importlib import import_module
from operator import or_

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from audit.models import Action
from audit.services import record
from policies.models import Erasure
from policies.public import cache as public_cache
from tenants.company_data import (
    RETAINED,
    Part,
    company_parts,
    generic_references,
    keys,
    retained,
    user_ids,
)
from tenants.models import Membership, Tenant

LOGIN_RECORDS = (AccessAttempt, AccessLog, AccessFailureLog)


@dataclass
class Plan:
    """What offboarding a company deletes and keeps."""

    tenant: Tenant
    rows: dict[str, int]  # model label -> rows of the company
    users: list  # accounts deleted
    kept_users: list[tuple] = field(default_factory=list)  # (user, reason)
    references: dict[str, int] = field(default_factory=dict)  # generic references, e.g. admin log
    login_records: int = 0
    sessions: list[str] = field(default_factory=list)
    retained: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def plan(tenant: Tenant) -> Plan:
    parts = company_parts()
    users, kept = _users(tenant, parts)
    return Plan(
        tenant=tenant,
        rows={part.label: part.rows(tenant).count() for part in parts},
        users=users,
        kept_users=kept,
        references={
            label: count
            for label, queryset in _references(tenant, parts, users)
            if (count := queryset.count())
        },
        login_records=sum(q.count() for q in _login_records(users)),
        sessions=_sessions(users),
        retained=retained(tenant),
    )


def offboard(tenant: Tenant) -> Plan:
    """Delete the company as plan() describes it, all or nothing; returns what was deleted."""
    with transaction.atomic():
        tenant = Tenant.objects.select_for_update().get(pk=tenant.pk)
        done = plan(tenant)
        parts = company_parts()
        Erasure.objects.create(tenant_id=tenant.pk)
        _delete(tenant, parts, done)
        left = {p.label: n for p in parts if (n := p.rows(tenant).count())}
        if left or Erasure.objects.exists():
            raise RuntimeError(f"Offboarding left rows behind, nothing deleted: {left}")
        record(Action.COMPANY_OFFBOARDED, tenant=tenant, obj=tenant, rows=done.total)
        public_cache.forget(tenant.slug)  # its pages are gone too
    return done


def _delete(tenant: Tenant, parts: list[Part], done: Plan) -> None:
    """Children before parents; raw deletes, so no signal adds history or cascades elsewhere."""
    for _label, queryset in _references(tenant, parts, done.users):
        queryset.delete()
    for part in sorted(parts, key=lambda p: -p.depth):
        rows = part.rows(tenant)
        rows._raw_delete(rows.db)
    Erasure.objects.filter(tenant_id=tenant.pk).delete()
    for queryset in _login_records(done.users):
        queryset.delete()
    _session_model().objects.filter(session_key__in=done.sessions).delete()
    user = get_user_model()
    ids = [u.pk for u in done.users]
    for through in _own_links(user):
        through._base_manager.filter(**{_key_to(through, user).name + "__in": ids}).delete()
    accounts = user._base_manager.filter(pk__in=ids)
    accounts._raw_delete(accounts.db)


def _users(tenant: Tenant, parts: list[Part]) -> tuple[list, list[tuple]]:
    """The users the company's rows name, split into those deleted and those kept (why)."""
    user = get_user_model()
    named = user._base_manager.filter(pk__in=user_ids(tenant, parts)).order_by("email")
    members = set(
        Membership.objects.exclude(tenant=tenant)
        .filter(user__in=named)
        .values_list("user_id", flat=True)
    )
    referred = _referred_elsewhere(tenant, parts, named)
    deleted, kept = [], []
    for person in named:
        if person.is_staff or person.is_superuser:
            kept.append((person, "site staff"))
        elif person.pk in members:
            kept.append((person, "member of another company"))
        elif person.pk in referred:
            kept.append((person, "named in other rows: " + ", ".join(sorted(referred[person.pk]))))
        else:
            deleted.append(person)
    return deleted, kept


def _referred_elsewhere(tenant: Tenant, parts: list[Part], named) -> dict:
    """{user pk: labels of the models} whose rows, not the company's, name these users."""
    user = get_user_model()
    paths = {part.model: part.path for part in parts}
    own = set(_own_links(user))
    referred = {}
    for model in apps.get_models(include_auto_created=True):
        if model in own or model._meta.label_lower in RETAINED:
            continue
        for key in keys(model):
            if key.related_model is not user:
                continue
            rows = model._base_manager.filter(**{f"{key.attname}__in": named.values("pk")})
            if model in paths:
                rows = rows.exclude(**{paths[model]: tenant.pk})
            for pk in rows.values_list(key.attname, flat=True).distinct():
                referred.setdefault(pk, set()).add(model._meta.label_lower)
    return referred


def _own_links(user) -> list:
    """The tables of the user model's own many-to-many fields (groups, permissions)."""
    return [f.remote_field.through for f in user._meta.local_many_to_many]


def _key_to(model, target) -> models.Field:
    return next(key for key in keys(model) if key.related_model is target)


def _references(tenant: Tenant, parts: list[Part], users: list):
    """(label, queryset) of rows elsewhere that point at the company's rows or at the deleted
    users through a generic key, such as the admin's log entries."""
    targets = [(part.model, part.rows(tenant)) for part in parts if not part.historical]
    user = get_user_model()
    targets.append((user, user._base_manager.filter(pk__in=[u.pk for u in users])))
    for model, ct_field, fk_field in generic_references():
        if model._meta.label_lower in RETAINED:
            continue
        for target, rows in targets:
            ids = [str(pk) for pk in rows.values_list("pk", flat=True)]
            if ids:
                content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
                queryset = model._base_manager.filter(
                    **{ct_field: content_type, f"{fk_field}__in": ids}
                )
                yield f"{model._meta.label_lower} ({target._meta.label_lower})", queryset


def _login_records(users: list) -> list[models.QuerySet]:
    """django-axes' records of log-ins with the users' e-mail addresses."""
    if not users:
        return []
    named = reduce(or_, (models.Q(username__iexact=u.email) for u in users))
    return [model.objects.filter(named) for model in LOGIN_RECORDS]


def _session_model():
    return import_module(settings.SESSION_ENGINE).SessionStore.get_model_class()


def _sessions(users: list) -> list[str]:
    """Keys of the sessions in which the users are logged in."""
    ids = {str(u.pk) for u in users}
    if not ids:
        return []
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    return [
        session.session_key
        for session in _session_model().objects.iterator()
        if str(store.decode(session.session_data).get(SESSION_KEY)) in ids
    ]
