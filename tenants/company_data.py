"""Which rows are a company's, found from the models rather than listed by hand, and their
export as a fixture that `loaddata` loads into an empty database.

A model is a company's when a chain of CASCADE foreign keys leads from it to Tenant: its rows
go when the company goes. So are the historical models of those (django-simple-history):
their copies of the keys have no constraint and no cascade, so each needs a key of its own to
the company (or to another historical model that has one). A model that refers to a company's
rows in any other way is an error, unless RETAINED names it with the reason its rows stay.
"""

from collections import Counter
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from audit.models import Action
from audit.services import record
from policyhub import serialization
from tenants.models import Tenant

# Models that refer to companies but keep their rows when a company is offboarded, and why.
RETAINED = {
    "audit.auditevent": "the security log: append-only, kept for its retention period",
}
# What an export keeps of a user: enough to load the company's rows, and no password.
USER_FIELDS = ("email", "full_name", "is_active", "date_joined")


@dataclass(frozen=True)
class Part:
    """A model with company rows, and the lookup from it to the company's primary key."""

    model: type[models.Model]
    path: str
    depth: int  # foreign keys between the model and Tenant

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def historical(self) -> bool:
        return is_historical(self.model)

    def rows(self, tenant: Tenant) -> models.QuerySet:
        return self.model._base_manager.filter(**{self.path: tenant.pk})


def is_historical(model) -> bool:
    return hasattr(model, "instance_type")  # set by django-simple-history


def keys(model) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and (field.many_to_one or field.one_to_one)
    ]


def _step(model, parts: dict) -> Part | None:
    """The model's shortest way to the company through the parts found so far."""
    if is_historical(model):
        if model.instance_type is Tenant:
            return Part(model, "id", 1)
        usable = [
            f for f in keys(model) if f.related_model in parts and is_historical(f.related_model)
        ]
        usable += [f for f in keys(model) if f.related_model is Tenant]
    else:
        usable = [
            f
            for f in keys(model)
            if f.related_model in parts and f.remote_field.on_delete is models.CASCADE
        ]
    if not usable:
        return None
    key = min(usable, key=lambda f: (parts[f.related_model].depth, f.related_model is not Tenant))
    parent = parts[key.related_model]
    path = key.name if parent.model is Tenant else f"{key.name}__{parent.path}"
    return Part(model, path, parent.depth + 1)


def company_parts(all_models=None) -> list[Part]:
    """Every model with company rows, parents before children; raises ImproperlyConfigured
    for a model that refers to company rows without being deleted with them."""
    all_models = list(all_models or apps.get_models(include_auto_created=True))
    parts = {Tenant: Part(Tenant, "pk", 0)}
    while found := {m: p for m in all_models if m not in parts and (p := _step(m, parts))}:
        parts.update(found)
    problems = [
        f"{model._meta.label_lower}: the history of company rows, without a key of its own "
        "to the company"
        for model in all_models
        if is_historical(model) and model.instance_type in parts and model not in parts
    ]
    problems += [
        f"{model._meta.label_lower}.{field.name}: refers to company rows "
        f"({field.related_model._meta.label_lower}) but is not deleted with them"
        for model in all_models
        if model not in parts and model._meta.label_lower not in RETAINED
        for field in keys(model)
        if field.related_model in parts
    ]
    if problems:
        raise ImproperlyConfigured(
            "Company data cannot be told apart: "
            + "; ".join(problems)
            + ". Use on_delete=CASCADE, or list the model in tenants.company_data.RETAINED "
            "with the reason its rows are kept."
        )
    return sorted(parts.values(), key=lambda p: (p.historical, p.depth, p.label))


def retained(tenant: Tenant) -> dict[str, int]:
    """Rows kept on purpose (RETAINED) that refer to the company: {model label: rows}."""
    counts = {}
    for model in apps.get_models():
        if model._meta.label_lower in RETAINED:
            for field in keys(model):
                if field.related_model is Tenant:
                    rows = model._base_manager.filter(**{field.name: tenant.pk}).count()
                    counts[model._meta.label_lower] = rows
    return counts


def generic_references() -> list[tuple[type[models.Model], str, str]]:
    """(model, content type field, object ID field) of the models that point at rows of any
    model: every GenericForeignKey, and the admin's log, which has none."""
    found = [
        (model, field.ct_field, field.fk_field)
        for model in apps.get_models()
        for field in model._meta.private_fields
        if isinstance(field, GenericForeignKey)
    ]
    if apps.is_installed("django.contrib.admin"):
        from django.contrib.admin.models import LogEntry

        found.append((LogEntry, "content_type", "object_id"))
    return found


def user_ids(tenant: Tenant, parts: list[Part]) -> set:
    """The users that the company's rows name: members, authors, history's users."""
    user = get_user_model()
    ids = set()
    for part in parts:
        for field in keys(part.model):
            if field.related_model is user:
                values = part.rows(tenant).values_list(field.attname, flat=True)
                ids.update(values.exclude(**{field.attname: None}).order_by().distinct())
    return ids


class Serializer(serialization.Serializer):
    """The project's JSON, with each user reduced to USER_FIELDS and an unusable password."""

    def get_dump_object(self, obj):
        data = super().get_dump_object(obj)
        if isinstance(obj, get_user_model()):
            kept = {name: data["fields"][name] for name in USER_FIELDS}
            data["fields"] = kept | {"password": UNUSABLE_PASSWORD_PREFIX}
        return data


def export(tenant: Tenant, stream) -> Counter:
    """Write the company's rows, their history and the users they name as a JSON fixture.

    Links of many-to-many fields travel with the row that declares the field, as `dumpdata`
    writes them. Returns the number of objects written per model.
    """
    parts = company_parts()
    users = get_user_model()._base_manager.filter(pk__in=user_ids(tenant, parts))
    querysets = [users] + [part.rows(tenant) for part in parts if not part.model._meta.auto_created]
    counts = Counter()

    def objects():
        for queryset in querysets:
            for obj in queryset.order_by("pk").iterator():
                counts[obj._meta.label_lower] += 1
                yield obj

    Serializer().serialize(objects(), stream=stream, indent=1)
    record(Action.COMPANY_EXPORTED, tenant=tenant, obj=tenant, rows=sum(counts.values()))
    return counts
