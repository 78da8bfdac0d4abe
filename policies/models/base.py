from django.db import models

from tenants.models import Tenant, TenantScopedQuerySet


class DocumentPart(models.Model):
    """A piece of a document's answers. Like every company-owned row it carries the company,
    always the document's own, so that it can be queried and checked by company directly.
    Each concrete part declares `history = HistoricalRecords()`."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+", editable=False)

    objects = TenantScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.tenant_id = self.document.tenant_id
        super().save(*args, **kwargs)


class Row(DocumentPart):
    """One row of a repeating answer (a data category, a recipient...), kept in order."""

    position = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]
