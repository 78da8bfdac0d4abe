import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.models import Tenant, TenantScopedQuerySet

IMMUTABLE = _("A published version cannot be changed or deleted; publish a new version instead.")


class VersionQuerySet(TenantScopedQuerySet):
    """Published versions are never changed in bulk either."""

    def update(self, **kwargs):
        raise ValidationError(IMMUTABLE, code="immutable")

    def delete(self):
        raise ValidationError(IMMUTABLE, code="immutable")

    def published(self):
        """Versions in force or archived: not those whose effective date is still to come."""
        return self.filter(effective_date__lte=timezone.localdate())


class Immutable(models.Model):
    """Rows written once, at publishing, and never updated or deleted: the model refuses,
    and database triggers refuse too (`policies.db_triggers`), on SQLite and PostgreSQL."""

    objects = VersionQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(IMMUTABLE, code="immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(IMMUTABLE, code="immutable")


class PolicyVersion(Immutable):
    """A published, numbered and dated version of a document: frozen answers and text."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(
        "policies.Document", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    published_at = models.DateTimeField(default=timezone.now)
    # Shown as "Pēdējās izmaiņas: DD.MM.YYYY."; a future date makes the version upcoming.
    effective_date = models.DateField()
    answers = models.JSONField()  # the answers as published, in the export format
    texts = models.JSONField()  # the rendered policy per language, as published
    content_hash = models.CharField(max_length=64)
    change_summary = models.JSONField(default=dict)  # per language, a list of lines
    note = models.TextField(blank=True, max_length=2000)
    # Who published and approved is part of the record: such a person cannot be deleted while
    # the version exists (the admin says so; offboarding deletes the versions first).
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="version_unique_number"),
        ]

    def __str__(self):
        return f"{self.document} v{self.number}"

    @property
    def is_upcoming(self) -> bool:
        return self.effective_date > timezone.localdate()


class VersionRendering(Immutable):
    """A version in one language as made at publishing: the HTML of its text and its PDF.

    Public pages and downloads serve these stored bytes; nothing is rendered per request.
    """

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="renderings")
    language = models.CharField(max_length=5)
    title = models.CharField(max_length=300)
    html = models.TextField()  # the policy's body, escaped by the template that made it
    pdf = models.BinaryField()
    pdf_sha256 = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "language"], name="rendering_unique_language"
            ),
        ]

    def __str__(self):
        return f"{self.version} ({self.language})"


class Erasure(models.Model):
    """A company whose published versions and renderings may be deleted.

    The append-only triggers (`policies.db_triggers`) let a DELETE through only for the rows of
    a company named here. The offboarding of a company (`tenants.offboarding`) inserts its row
    and deletes it again within its one transaction, so no other transaction ever sees one.
    """

    tenant_id = models.BigIntegerField(unique=True)

    def __str__(self):
        return f"erasure of company {self.tenant_id}"
