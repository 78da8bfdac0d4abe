"""`loaddata` that restores history as it was exported, without adding to it.

django-simple-history skips raw saves, but records a change of every many-to-many field that
loading sets (its m2m_changed handler has no notion of raw), so a restored database would
gain history rows that never happened. History stays off while fixtures load; the historical
tables come back from the fixture itself.

The public pages of every company are made anew afterwards: a shared cache kept from before
a restore must not answer for the restored rows.
"""

from django.conf import settings
from django.core.management.commands import loaddata

from policies.public import cache as public_cache
from tenants.models import Tenant


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        enabled = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
        settings.SIMPLE_HISTORY_ENABLED = False
        try:
            result = super().handle(*fixture_labels, **options)
        finally:
            settings.SIMPLE_HISTORY_ENABLED = enabled
        for slug in Tenant.objects.using(options["database"]).values_list("slug", flat=True):
            public_cache.forget(slug)
        return result
