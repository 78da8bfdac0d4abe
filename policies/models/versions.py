import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
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

    def with_status(self, outer: str = ""):
        """Each row annotated with `withdrawn_by`: see `withdrawn_by`. `outer` is the path to
        the version from the rows of this queryset ("version__" for renderings)."""
        return self.annotate(withdrawn_by=withdrawn_by(outer))

    def published(self):
        """Versions that have taken effect, in force or archived: neither upcoming nor
        withdrawn before their date."""
        return self.with_status().filter(
            effective_date__lte=timezone.localdate(), withdrawn_by__isnull=True
        )

    def in_force(self):
        """The version in force first: the newest that has taken effect."""
        return self.published().order_by("-number")


STATES = {
    "in_force": _("in force"),
    "upcoming": _("upcoming"),
    "withdrawn": _("withdrawn before it took effect"),
    "superseded": _("no longer in force"),
}


def in_force_among(versions):
    """Of all a document's versions, annotated by `with_status` and newest first, the one in
    force (as `VersionQuerySet.in_force`), or None."""
    today = timezone.localdate()
    return next((v for v in versions if v.effective_date <= today and not v.withdrawn_by), None)


def mark_states(versions, in_force_number: int | None) -> None:
    """Each version, annotated by `with_status` and newest first, gets `state` and its
    `state_label`, and `compare_with`: the number of the previous version that took effect,
    which its changes are read against (a withdrawn version never did)."""
    for index, version in enumerate(versions):
        version.state = version.status(in_force_number)
        version.state_label = STATES[version.state]
        version.compare_with = next(
            (v.number for v in versions[index + 1 :] if not v.withdrawn_by), None
        )


def withdrawn_by(outer: str = ""):
    """The rule of scheduled versions: a newer publication withdraws every older version that
    has not yet taken effect. A version is withdrawn by the first later version published
    (local date) before its effective date, and never takes effect; this expression is that
    later version's number, or NULL.

    So versions that do take effect follow one another in the order of their numbers, only
    the newest version can be upcoming, and the version in force is the newest one that has
    taken effect. Versions stay immutable: the rule is computed, never written back.
    """
    return Subquery(
        PolicyVersion.objects.filter(
            document_id=OuterRef(f"{outer}document_id"),
            number__gt=OuterRef(f"{outer}number"),
            published_at__date__lt=OuterRef(f"{outer}effective_date"),
        )
        .order_by("number")
        .values("number")[:1]
    )


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
        """Its effective date is still to come (whether it will take effect: `status`)."""
        return self.effective_date > timezone.localdate()

    def status(self, in_force_number: int | None) -> str:
        """in_force, upcoming, withdrawn (before it took effect) or superseded, for a row
        annotated by `VersionQuerySet.with_status` and the number of the version in force."""
        if self.withdrawn_by:
            return "withdrawn"
        if self.number == in_force_number:
            return "in_force"
        return "upcoming" if self.effective_date > timezone.localdate() else "superseded"


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


class VersionDiff(Immutable):
    """The redline of a version against the one before it, in one language, made at
    publishing (`policies.redline.compare`, as JSON) so that the diff of consecutive versions
    is never computed for a visitor."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    old = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="+")
    new = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="diffs")
    language = models.CharField(max_length=5)
    sections = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["old", "new", "language"], name="diff_unique_pair"),
        ]

    def __str__(self):
        return f"{self.old} → {self.new} ({self.language})"


class Erasure(models.Model):
    """A company whose published versions and renderings may be deleted.

    The append-only triggers (`policies.db_triggers`) let a DELETE through only for the rows of
    a company named here. The offboarding of a company (`tenants.offboarding`) inserts its row
    and deletes it again within its one transaction, so no other transaction ever sees one.
    """

    tenant_id = models.BigIntegerField(unique=True)

    def __str__(self):
        return f"erasure of company {self.tenant_id}"
