import hashlib
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policyhub.countries import EEA_COUNTRIES
from policyhub.validators import no_control_characters
from tenants.roles import Perm, Role, role_can

slug_validator = RegexValidator(
    r"^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$",
    _(
        "Use 1–50 characters: lowercase Latin letters, digits and hyphens; "
        "no hyphen at the start or the end."
    ),
)


class TenantScopedQuerySet(models.QuerySet):
    """The only way to reach rows a company owns: always narrowed to one company."""

    def for_tenant(self, tenant: "Tenant"):
        return self.filter(tenant=tenant)


class Tenant(models.Model):
    """A company: everything it owns carries a reference to it."""

    legal_name = models.CharField(
        _("legal name"), max_length=200, validators=[no_control_characters]
    )
    slug = models.SlugField(
        _("address name"),
        max_length=50,
        unique=True,
        validators=[slug_validator],
        help_text=_(
            "Used in the addresses of the company's pages, e.g. /p/zala-sala/. "
            "It cannot be changed later, because links to published policies depend on it."
        ),
    )
    country = models.CharField(_("country"), max_length=2, choices=EEA_COUNTRIES, default="LV")
    approval_required = models.BooleanField(
        _("approval before publishing"),
        null=True,
        blank=True,
        help_text=_(
            "Whether a reviewer's approval is needed before publishing. Automatic: needed "
            "when the company has a reviewer."
        ),
    )
    four_eyes = models.BooleanField(
        _("four-eyes rule"),
        default=True,
        help_text=_(
            "When the company has a reviewer, the person who approves a draft is never the "
            "last person who changed its answers."
        ),
    )
    embed_origins = models.JSONField(
        _("websites that may embed the policy"),
        default=list,
        blank=True,
        help_text=_("Addresses such as https://www.example.lv."),
    )
    consent_retention_years = models.PositiveSmallIntegerField(
        _("keep consent records for (years)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_(
            "The cookie banner's records of visitors' choices, your proof of consent, are "
            "deleted after this many years (1 to 10)."
        ),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["legal_name"]

    def __str__(self):
        return self.legal_name

    @property
    def requires_approval(self) -> bool:
        if self.approval_required is not None:
            return self.approval_required
        return self.has_reviewer

    @property
    def has_reviewer(self) -> bool:
        return self.memberships.filter(role=Role.REVIEWER).exists()


class Membership(models.Model):
    """A user's role in one company. A user may belong to many companies."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tenant = models.ForeignKey(
        Tenant, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("company")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(_("date joined"), default=timezone.now, editable=False)

    objects = TenantScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "user"], name="membership_unique_user"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} @ {self.tenant} ({self.role})"

    def can(self, perm: Perm) -> bool:
        return role_can(self.role, perm)

    @property
    def is_owner(self) -> bool:
        return self.role == Role.OWNER

    @property
    def can_edit(self) -> bool:
        return self.can(Perm.EDIT)

    @property
    def can_review(self) -> bool:
        return self.can(Perm.REVIEW)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An e-mailed, single-use, expiring invitation to join a company with a role.

    Only a hash of the token is stored: the link in the e-mail is the only copy.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tenant = models.ForeignKey(
        Tenant, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("company")
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    objects = TenantScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            # At most one open invitation per address and company.
            models.UniqueConstraint(
                "tenant",
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True),
                name="invitation_unique_open_email",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.tenant} ({self.role})"

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at
