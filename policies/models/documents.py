import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policies.choices import AddressForm, TitleVariant
from tenants.models import Tenant, TenantScopedQuerySet, slug_validator


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")


class Document(models.Model):
    """One policy of a company, with its wizard answers (the parts point to it)."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tenant = models.ForeignKey(
        Tenant, on_delete=models.CASCADE, related_name="documents", verbose_name=_("company")
    )
    slug = models.SlugField(
        _("address name"),
        max_length=50,
        validators=[slug_validator],
        help_text=_(
            "Part of the public address, e.g. /p/company/privatuma-politika/. "
            "It cannot be changed later."
        ),
    )
    title_variant = models.CharField(
        _("title"), max_length=32, choices=TitleVariant.choices, default=TitleVariant.PRIVACY_POLICY
    )
    address_form = models.CharField(
        _("form of address"),
        max_length=16,
        choices=AddressForm.choices,
        default=AddressForm.FORMAL,
        help_text=_("How the policy speaks to its reader. It is used consistently throughout."),
    )
    english = models.BooleanField(
        _("English version"),
        default=True,
        help_text=_("The policy is always written in Latvian; this adds an English version."),
    )
    review_status = models.CharField(
        _("review"),
        max_length=20,
        choices=ReviewStatus.choices,
        default=ReviewStatus.DRAFT,
        editable=False,
    )
    approved_hash = models.CharField(max_length=64, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = TenantScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "slug"], name="document_unique_slug"),
        ]

    def __str__(self):
        return f"{self.get_title_variant_display()} ({self.slug})"

    @property
    def languages(self) -> list[str]:
        return ["lv", "en"] if self.english else ["lv"]


class StepRevision(models.Model):
    """How many times each wizard step of a document was saved: the basis of the check that
    nobody overwrites a step someone else saved after they opened it."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="revisions")
    step = models.CharField(max_length=32)
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = TenantScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "step"], name="step_revision_unique"),
        ]

    def __str__(self):
        return f"{self.document} / {self.step}: {self.revision}"


class ReviewNote(models.Model):
    """The review's record: submissions, comments on sections, requests for changes and
    approvals, with who and when."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Sent for review")
        COMMENT = "comment", _("Comment")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    section = models.CharField(max_length=32, blank=True)
    text = models.TextField(_("comment"), max_length=2000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = TenantScopedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.document})"


class WordingOverride(models.Model):
    """A reviewer's or owner's own wording of one section of one document, in one language.

    It replaces the generated text until removed, survives regeneration, and remembers the
    hash of the generated text it replaced, so that a change of the answers beneath it shows.
    """

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="overrides")
    section = models.CharField(max_length=32)
    language = models.CharField(max_length=8)
    text = models.TextField(_("wording"), max_length=10000)
    based_on = models.CharField(max_length=64)  # hash of the generated text it replaces
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    objects = TenantScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "section", "language"], name="override_unique_section"
            ),
        ]

    def __str__(self):
        return f"{self.document} / {self.section} / {self.language}"
