"""Log-in events, from Django's and django-axes' signals."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from audit.models import Action
from audit.services import record


@receiver(user_logged_in, dispatch_uid="audit_login")
def logged_in(sender, request, user, **kwargs):
    record(Action.LOGIN, request=request, actor=user)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(Action.LOGOUT, request=request, actor=user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def login_failed(sender, credentials, request=None, **kwargs):
    # django-axes handles the same signal first: an attempt it locks out is recorded once, as
    # a lock-out (below), not also as a failure.
    if request is None or getattr(request, "axes_locked_out", False):
        return
    record(Action.LOGIN_FAILED, request=request, actor_name=credentials.get("username", ""))


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def locked_out(sender, request, username, ip_address, **kwargs):
    record(Action.LOCKED_OUT, request=request, actor_name=username or "")
