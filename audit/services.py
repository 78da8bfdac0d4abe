"""Recording security events: one AuditEvent row and one structured log line each."""

import logging

from django.db import models

from accounts.lockout import client_ip
from audit.models import Action, AuditEvent
from policyhub.log import current_request

logger = logging.getLogger("policyhub.audit")

# Keys a caller may never put into the details, whatever it has at hand.
SECRET_KEYS = ("password", "token", "session", "csrf", "secret", "key")


def escape_controls(value: str) -> str:
    """Control characters (new lines, carriage returns, ANSI escapes) as visible escapes.

    One event is one line: a user name holding "\\n" cannot forge a second record.
    """
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in value
    )


def _clean(value):
    if isinstance(value, str):
        return escape_controls(value)
    if isinstance(value, dict):
        return {
            escape_controls(str(k)): _clean(v)
            for k, v in value.items()
            if not any(secret in str(k).lower() for secret in SECRET_KEYS)
        }
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def record(
    action: Action,
    *,
    request=None,
    tenant=None,
    actor=None,
    actor_name: str = "",
    obj: models.Model | None = None,
    **details,
) -> AuditEvent:
    """Record `action`; who, from where and in which request come from the request served."""
    request = request or current_request.get()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    if actor is not None and not actor_name:
        actor_name = actor.email
    if tenant is None and request is not None:
        tenant = getattr(request, "tenant", None)
    event = AuditEvent.objects.create(
        action=action,
        tenant=tenant,
        actor=actor,
        actor_name=escape_controls(actor_name or "")[:254],
        ip_address=client_ip(request) if request is not None else None,
        request_id=getattr(request, "id", ""),
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        details=_clean(details),
    )
    logger.info(
        "%s tenant=%s actor=%s ip=%s object=%s:%s details=%s",
        event.action,
        event.tenant_id or "-",
        event.actor_name or "-",
        event.ip_address or "-",
        event.object_type or "-",
        event.object_id or "-",
        event.details,
    )
    return event
