"""Request IDs: one per request, on the response, the error page and every log line; and the
request being served, for code deep inside services (the security log, audit.services)."""

import logging
import secrets
from contextvars import ContextVar

current_request: ContextVar = ContextVar("current_request", default=None)


def new_request_id() -> str:
    return secrets.token_hex(8)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to each record: the ID of the request being served, or "-"."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            request = getattr(record, "request", None) or current_request.get()
            record.request_id = getattr(request, "id", None) or "-"
        return True
