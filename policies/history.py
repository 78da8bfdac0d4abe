"""The history of a document's answers in words, from django-simple-history's records.

"Retention period — Orders: 5 years → 7 years", "Recipient added: Mailchimp". Records of every
answer model are read in one query per model and compared in memory with simple-history's
diff_against, so the page costs the same number of queries however long the history is.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from policies import grammar, texts
from policies.display import display_value
from policies.models import (
    ControllerAnswers,
    Cookie,
    CookieAnswers,
    DataCategory,
    Document,
    FinalAnswers,
    Purpose,
    Recipient,
    RecipientsAnswers,
    RetentionRule,
    RightsAnswers,
    ScopeAnswers,
    SecurityAnswers,
    Service,
    TransferAnswers,
)
from policies.wizard.steps import BY_KEY

SECTIONS = {
    ControllerAnswers: "controller",
    ScopeAnswers: "scope",
    RecipientsAnswers: "recipients",
    CookieAnswers: "cookies",
    TransferAnswers: "transfers",
    SecurityAnswers: "security",
    RightsAnswers: "rights",
    FinalAnswers: "final",
}
# Row model -> (added, removed, changed) message, and the step it belongs to.
ROWS = {
    Service: (
        gettext_lazy("Service added: %(name)s"),
        gettext_lazy("Service removed: %(name)s"),
        gettext_lazy("Service %(name)s"),
        "scope",
    ),
    DataCategory: (
        gettext_lazy("Kind of data added: %(name)s"),
        gettext_lazy("Kind of data removed: %(name)s"),
        gettext_lazy("Kind of data %(name)s"),
        "data",
    ),
    Purpose: (
        gettext_lazy("Purpose added: %(name)s"),
        gettext_lazy("Purpose removed: %(name)s"),
        gettext_lazy("Purpose %(name)s"),
        "purposes",
    ),
    Recipient: (
        gettext_lazy("Recipient added: %(name)s"),
        gettext_lazy("Recipient removed: %(name)s"),
        gettext_lazy("Recipient %(name)s"),
        "recipients",
    ),
    Cookie: (
        gettext_lazy("Cookie added: %(name)s"),
        gettext_lazy("Cookie removed: %(name)s"),
        gettext_lazy("Cookie %(name)s"),
        "cookies",
    ),
    RetentionRule: (
        gettext_lazy("Retention period added — %(name)s: %(period)s"),
        gettext_lazy("Retention period removed — %(name)s"),
        gettext_lazy("Retention period — %(name)s"),
        "retention",
    ),
}
PERIOD_FIELDS = {"bound", "period", "period_max", "unit", "trigger", "criterion"}
SKIP_FIELDS = {"position", "tenant", "document"}


@dataclass(frozen=True)
class Change:
    when: datetime
    who: str
    step: str
    text: str


def changes(document: Document, limit: int = 300) -> list[Change]:
    """The newest changes of the document's answers, newest first."""
    names = _NameBook(document)
    found: list[Change] = []
    for model in [*SECTIONS, *ROWS]:
        records = list(
            model.history.filter(tenant_id=document.tenant_id, document_id=document.pk)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        if model in ROWS:
            names.learn(model, records)
        previous: dict[int, models.Model] = {}
        for record in records:
            before = previous.get(record.id)
            previous[record.id] = record
            found.extend(_describe(model, record, before, names))
    found.extend(_document_changes(document))
    found.sort(key=lambda c: c.when, reverse=True)
    return found[:limit]


def _document_changes(document):
    records = list(
        Document.history.filter(tenant_id=document.tenant_id, id=document.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    result = []
    for before, record in zip([None, *records], records, strict=False):
        who = str(record.history_user or "")
        if record.history_type == "+":
            result.append(Change(record.history_date, who, "", _("Document created")))
        elif before is not None:
            for _name, label, old, new in _field_changes(Document, record, before, None):
                result.append(Change(record.history_date, who, "", f"{label}: {old} → {new}"))
    return result


def _describe(model, record, before, names):
    who = str(record.history_user or "")
    when = record.history_date
    if model in SECTIONS:
        step = SECTIONS[model]
        if record.history_type != "~" or before is None:
            return []  # sections are created with the document
        prefix = str(BY_KEY[step].title)
        return [
            Change(when, who, step, f"{prefix}: {label}: {old} → {new}")
            for _name, label, old, new in _field_changes(model, record, before, names)
        ]

    added, removed, changed, step = ROWS[model]
    name = names.row_name(model, record)
    if record.history_type == "+":
        params = {"name": name}
        if model is RetentionRule:
            params["period"] = grammar.retention(record)
        return [Change(when, who, step, added % params)]
    if record.history_type == "-":
        return [Change(when, who, step, removed % {"name": name})]
    if before is None:
        return []
    prefix = changed % {"name": name}
    result = []
    field_changes = _field_changes(model, record, before, names)
    if model is RetentionRule and any(c[0] in PERIOD_FIELDS for c in field_changes):
        old, new = grammar.retention(before), grammar.retention(record)
        if old != new:
            result.append(Change(when, who, step, f"{prefix}: {old} → {new}"))
        field_changes = [c for c in field_changes if c[0] not in PERIOD_FIELDS]
    result.extend(
        Change(when, who, step, f"{prefix}: {label}: {old} → {new}")
        for _name, label, old, new in field_changes
    )
    return result


def _field_changes(model, record, before, names):
    """(field name, label, old value, new value) for each changed field, in words."""
    fields = {f.name for f in model._meta.get_fields()}
    # Many-to-many choices (a purpose's data) are recorded but not compared here.
    excluded = [f for f in (*SKIP_FIELDS, "categories") if f in fields]
    delta = record.diff_against(before, excluded_fields=excluded)
    result = []
    translated = texts.translated_fields(model)
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        label = capfirst(str(field.verbose_name))
        if change.field in translated:  # the first language's column: say which it is
            label = f"{label} ({texts.TAGS[texts.FIRST]})"
        result.append(
            (
                change.field,
                label,
                display_value(field, change.old, names),
                display_value(field, change.new, names),
            )
        )
    return result


class _NameBook:
    """Names of rows as they were, for rows since deleted too."""

    def __init__(self, document):
        self.document = document
        self.names: dict[tuple[type, int], str] = {}

    def learn(self, model, records):
        for record in records:
            self.names[(model, record.id)] = self.row_name(model, record)

    def row_name(self, model, record) -> str:
        if model is RetentionRule:
            if record.category_id:
                return self.by_id(DataCategory, record.category_id)
            if record.purpose_id:
                return self.by_id(Purpose, record.purpose_id)
            return record.label
        if model in (DataCategory, Purpose):
            return record.instance.name
        return record.name

    def by_id(self, model, pk) -> str:
        return self.names.get((model, pk), "—")
