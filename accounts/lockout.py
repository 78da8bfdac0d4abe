"""Brute-force protection with django-axes: who is trying, and what a locked-out client sees.

Settings AXES_* in policyhub/settings.py name these functions.
"""

from django.conf import settings
from django.shortcuts import render

from accounts.models import normalize_email


def client_ip(request) -> str | None:
    """The client's IP address.

    X-Forwarded-For is trusted only behind our own proxy (BEHIND_PROXY), which appends the
    address it saw: the last entry. Anything before it may have come from the client.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR")


def username(request, credentials) -> str | None:
    """The e-mail address tried, as log-in compares it: "A@B.lv" and "a@b.lv" count together."""
    field = settings.AXES_USERNAME_FORM_FIELD
    value = credentials.get(field) if credentials else request.POST.get(field)
    return normalize_email(value) if value else None


def locked_out(request, response=None, credentials=None):
    """The same page for every address, known or not: too many attempts, try again later."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
