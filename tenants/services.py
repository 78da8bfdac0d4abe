"""State changes of companies, memberships and invitations.

Each function is atomic and either does all it says or raises ValidationError with a message
for the user, changing nothing. Membership changes lock the company row first, so two owners
acting at once cannot together remove the last owner.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from accounts.models import User, normalize_email
from audit.models import Action
from audit.services import record
from policies.public import cache as public_cache
from tenants.models import Invitation, Membership, Tenant, hash_token
from tenants.origins import normalise_origin
from tenants.roles import Role

SLUG_TAKEN = _("This address name is already taken. Choose another one.")
LAST_OWNER = _("A company must always have an owner. Make another member an owner first.")
ALREADY_MEMBER = _("%(email)s is already a member of this company.")
INVITATION_INVALID = _("This invitation link is not valid. Check that you copied all of it.")
INVITATION_EXPIRED = _("This invitation has expired. Ask the company's owner to send a new one.")
INVITATION_USED = _("This invitation has already been used.")
INVITATION_WRONG_USER = _(
    "This invitation was sent to %(email)s. Log in with that address to accept it."
)


def _lock(tenant: Tenant) -> Tenant:
    return Tenant.objects.select_for_update().get(pk=tenant.pk)


def unique_slug(base: str) -> str:
    """A free address name made from a company name: "SIA Zaļā Sala" -> "sia-zala-sala"."""
    stem = slugify(base)[:44].strip("-") or "uznemums"
    slug, n = stem, 1
    while Tenant.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{stem}-{n}"
    return slug


@transaction.atomic
@transaction.atomic
def tenant_create(*, owner: User, legal_name: str, slug: str, country: str) -> Tenant:
    tenant = Tenant(legal_name=legal_name.strip(), slug=slug, country=country)
    tenant._history_user = owner
    try:
        tenant.full_clean()
        with transaction.atomic():
            tenant.save()
    except IntegrityError as exc:  # the same slug taken a moment ago by someone else
        raise ValidationError({"slug": SLUG_TAKEN}) from exc
    membership = Membership(tenant=tenant, user=owner, role=Role.OWNER)
    membership._history_user = owner
    membership.save()
    record(Action.COMPANY_CREATED, tenant=tenant, actor=owner, obj=tenant)
    return tenant


@transaction.atomic
def user_signup(
    *, email: str, full_name: str, password: str, legal_name: str, slug: str, country: str
) -> tuple[User, Tenant]:
    """A new person with a new company, of which they are the owner."""
    user = User.objects.create_user(email=email, password=password, full_name=full_name)
    tenant = tenant_create(owner=user, legal_name=legal_name, slug=slug, country=country)
    return user, tenant


def invitation_url(token: str, base_url: str | None = None) -> str:
    path = reverse("accounts:invitation", args=[token])
    return f"{(base_url or settings.SITE_URL).rstrip('/')}{path}"


@transaction.atomic
def invitation_create(
    *,
    tenant: Tenant,
    email: str,
    role: str,
    invited_by: User,
    base_url: str | None = None,
    mailer: str = "default",
) -> tuple[Invitation, str]:
    """Invite an address into the company and e-mail it a single-use link.

    Inviting the same address again replaces the earlier open invitation (a re-send).
    Returns the invitation and the token (the token is not stored).
    """
    tenant = _lock(tenant)
    email = normalize_email(email)
    if Membership.objects.for_tenant(tenant).filter(user__email=email).exists():
        raise ValidationError({"email": ALREADY_MEMBER % {"email": email}})
    Invitation.objects.for_tenant(tenant).filter(
        email__iexact=email, accepted_at__isnull=True
    ).delete()

    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        tenant=tenant,
        email=email,
        role=role,
        token_hash=hash_token(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    record(
        Action.MEMBER_INVITED,
        tenant=tenant,
        actor=invited_by,
        obj=invitation,
        email=email,
        role=role,
    )

    context = {
        "invitation": invitation,
        "tenant": tenant,
        "inviter": invited_by,
        "url": invitation_url(token, base_url),
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    send_mail(
        subject=render_to_string("tenants/email/invitation_subject.txt", context).strip(),
        message=render_to_string("tenants/email/invitation_body.txt", context),
        from_email=None,
        recipient_list=[email],
        using=mailer,
    )
    return invitation, token


def invitation_for_token(token: str) -> Invitation:
    """The invitation a link points to, whatever its state; the token is the credential."""
    invitation = (
        Invitation.objects.select_related("tenant", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None:
        raise ValidationError(INVITATION_INVALID, code="invalid")
    return invitation


def invitation_check(invitation: Invitation) -> None:
    """Raise when the invitation can no longer be accepted."""
    if invitation.is_accepted:
        raise ValidationError(INVITATION_USED, code="used")
    if invitation.is_expired:
        raise ValidationError(INVITATION_EXPIRED, code="expired")


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation_check(invitation)
    if normalize_email(user.email) != normalize_email(invitation.email):
        raise ValidationError(INVITATION_WRONG_USER % {"email": invitation.email}, code="user")
    _lock(invitation.tenant)

    membership = Membership.objects.for_tenant(invitation.tenant).filter(user=user).first()
    if membership is None:
        membership = Membership(tenant=invitation.tenant, user=user, role=invitation.role)
        membership._history_user = user
        membership.save()
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(
        Action.MEMBER_JOINED,
        tenant=invitation.tenant,
        actor=user,
        obj=membership,
        role=membership.role,
    )
    return membership


@transaction.atomic
def invitation_signup(*, invitation: Invitation, full_name: str, password: str) -> User:
    """A person new to PolicyHub accepts an invitation by creating an account."""
    invitation_check(invitation)
    user = User.objects.create_user(email=invitation.email, password=password, full_name=full_name)
    invitation_accept(invitation=invitation, user=user)
    return user


def _other_owners(membership: Membership) -> bool:
    return (
        Membership.objects.for_tenant(membership.tenant)
        .filter(role=Role.OWNER)
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, by: User) -> Membership:
    _lock(membership.tenant)
    membership = Membership.objects.for_tenant(membership.tenant).get(pk=membership.pk)
    if membership.role == role:
        return membership
    if membership.is_owner and not _other_owners(membership):
        raise ValidationError(LAST_OWNER, code="last_owner")
    old_role = membership.role
    membership.role = role
    membership.full_clean()
    membership._history_user = by
    membership.save(update_fields=["role"])
    record(
        Action.ROLE_CHANGED,
        tenant=membership.tenant,
        actor=by,
        obj=membership,
        member=membership.user.email,
        old_role=old_role,
        new_role=role,
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    _lock(membership.tenant)
    membership = Membership.objects.for_tenant(membership.tenant).get(pk=membership.pk)
    if membership.is_owner and not _other_owners(membership):
        raise ValidationError(LAST_OWNER, code="last_owner")
    membership._history_user = by
    record(
        Action.MEMBER_REMOVED,
        tenant=membership.tenant,
        actor=by,
        obj=membership,
        member=membership.user.email,
        role=membership.role,
    )
    membership.delete()


def last_change_of(tenant: Tenant, field: str, within: int = 200):
    """The company's history record that last changed `field` (among its latest `within`
    records), with `history_user`; None when the field has kept its first value."""
    records = list(tenant.history.select_related("history_user").order_by("-history_id")[:within])
    for newer, older in zip(records, records[1:], strict=False):
        if getattr(newer, field) != getattr(older, field):
            return newer
    return None


@transaction.atomic
def tenant_update(
    *,
    tenant: Tenant,
    legal_name: str,
    country: str,
    by: User,
    approval_required=None,
    four_eyes: bool | None = None,
    embed_origins: list[str] | None = None,
    consent_retention_years: int | None = None,
) -> Tenant:
    tenant.legal_name = legal_name.strip()
    tenant.country = country
    tenant.approval_required = approval_required
    if four_eyes is not None:
        tenant.four_eyes = four_eyes
    if embed_origins is not None:
        tenant.embed_origins = [normalise_origin(origin) for origin in embed_origins]
    if consent_retention_years is not None:
        tenant.consent_retention_years = consent_retention_years
    tenant.full_clean()
    tenant._history_user = by
    fields = ["legal_name", "country", "approval_required", "four_eyes", "embed_origins"]
    tenant.save(update_fields=[*fields, "consent_retention_years"])
    # The public pages show the name; the embed and the cookie banner answer to the websites.
    public_cache.forget(tenant.slug)
    return tenant
