"""Keeping django-simple-history's records complete and attributed where Django alone would not.

- Outside a request nobody is named in the records; `acting_user` names the person a service
  is told acts, as HistoryRequestMiddleware names the signed-in user of a request.
- Deleting a row clears other rows' references to it in SQL (SET_NULL) and drops its
  many-to-many links without a signal: no record of the rows that change. `detach` clears them
  one row at a time first, with a record each.
"""

from contextlib import contextmanager
from types import SimpleNamespace

from django.db import models
from simple_history.models import HistoricalRecords

_MISSING = object()


@contextmanager
def acting_user(user):
    """Name `user` in the history records written inside the block (None: leave as it is)."""
    if user is None:
        yield
        return
    context = HistoricalRecords.context
    previous = getattr(context, "request", _MISSING)
    context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if previous is _MISSING:
            del context.request
        else:
            context.request = previous


def _history(model):
    name = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, name).model if name else None


def detach(instance: models.Model) -> None:
    """Before `instance` is deleted: remove it from tracked rows that refer to it (SET_NULL
    keys, recorded many-to-many fields), saving each of those rows with history."""
    relations = instance._meta.get_fields(include_hidden=True)
    for relation in (r for r in relations if r.auto_created and not r.concrete):
        history = _history(relation.related_model)
        if history is None:
            continue
        name = relation.field.name
        referring = relation.related_model._base_manager.filter(**{name: instance})
        if relation.many_to_many:
            if relation.field in history._history_m2m_fields:
                for row in referring:
                    getattr(row, name).remove(instance)
        elif relation.on_delete is models.SET_NULL:
            for row in referring:
                setattr(row, name, None)
                row.save(update_fields=[name])


def detach_user(sender, instance, **kwargs):
    """pre_delete of a user: the documents and wordings that name them keep a record of it."""
    detach(instance)
