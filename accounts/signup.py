"""Signing up without telling anyone whether an address has an account.

The sign-up form answers the same for every address: "we sent you an e-mail". A new address
gets a link that creates the account and its company when followed; an address that already
has an account gets an e-mail saying so, with links to log in and to reset the password.
Both paths hash the password and send one e-mail, so they also take about the same time.
Nothing is created until the link is followed; unconfirmed sign-ups expire.
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import PendingSignup, User, normalize_email
from tenants.models import Tenant, hash_token
from tenants.services import tenant_create, unique_slug

LINK_INVALID = _(
    "This link is not valid or has expired. Sign up again: a new link comes by e-mail."
)
ALREADY_CONFIRMED = _("This address already has an account. Log in instead.")
SLUG_GONE = _(
    "The address name %(slug)s was taken while the e-mail was on its way. Sign up again with "
    "another one."
)


def _expired_before() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=settings.SIGNUP_VALID_HOURS)


def _url(base_url: str | None, path: str) -> str:
    return f"{(base_url or settings.SITE_URL).rstrip('/')}{path}"


def _mail(template: str, email: str, context: dict, mailer: str) -> None:
    send_mail(
        subject=render_to_string(f"accounts/email/{template}_subject.txt", context).strip(),
        message=render_to_string(f"accounts/email/{template}_body.txt", context),
        from_email=None,
        recipient_list=[email],
        using=mailer,
    )


@transaction.atomic
def request_signup(
    *,
    email: str,
    full_name: str,
    password: str,
    legal_name: str,
    slug: str,
    country: str,
    base_url: str | None = None,
    mailer: str = "default",
) -> None:
    """Answer a sign-up form by e-mail only (see the module's description)."""
    PendingSignup.objects.filter(created_at__lt=_expired_before()).delete()
    email = normalize_email(email)
    password_hash = make_password(password)  # on both paths: the same work, the same time
    context = {"full_name": full_name, "hours": settings.SIGNUP_VALID_HOURS}
    if User.objects.filter(email=email).exists():
        context["login_url"] = _url(base_url, reverse("accounts:login"))
        context["reset_url"] = _url(base_url, reverse("accounts:password_reset"))
        _mail("signup_existing", email, context, mailer)
        return
    PendingSignup.objects.filter(email=email).delete()  # the newest form counts
    token = secrets.token_urlsafe(32)
    PendingSignup.objects.create(
        email=email,
        full_name=full_name,
        password=password_hash,
        legal_name=legal_name,
        slug=slug,
        country=country,
        token_hash=hash_token(token),
    )
    context["url"] = _url(base_url, reverse("accounts:signup_confirm", args=[token]))
    context["legal_name"] = legal_name
    _mail("signup_confirm", email, context, mailer)


def pending_for_token(token: str) -> PendingSignup:
    pending = PendingSignup.objects.filter(
        token_hash=hash_token(token), created_at__gte=_expired_before()
    ).first()
    if pending is None:
        raise ValidationError(LINK_INVALID, code="invalid")
    return pending


@transaction.atomic
def confirm_signup(pending: PendingSignup) -> tuple[User, Tenant]:
    """The person followed the link: their account and their company, of which they are the
    owner. The link works once."""
    pending = PendingSignup.objects.select_for_update().get(pk=pending.pk)
    pending.delete()
    if User.objects.filter(email=pending.email).exists():
        raise ValidationError(ALREADY_CONFIRMED, code="exists")
    # An address name the person chose is kept, or refused if taken meanwhile; an empty one
    # is made from the company's name now.
    slug = pending.slug or unique_slug(pending.legal_name)
    if Tenant.objects.filter(slug=slug).exists():
        raise ValidationError(SLUG_GONE, code="slug", params={"slug": slug})
    user = User.objects.create_user(email=pending.email, full_name=pending.full_name)
    user.password = pending.password  # hashed when the form was sent
    user.save(update_fields=["password"])
    tenant = tenant_create(
        owner=user, legal_name=pending.legal_name, slug=slug, country=pending.country
    )
    return user, tenant
