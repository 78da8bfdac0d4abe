"""The request being served, for security events recorded deep inside services."""

from contextvars import ContextVar

current_request: ContextVar = ContextVar("audit_request", default=None)


class AuditContextMiddleware:
    """Makes the current request known to audit.services.record() for its duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
