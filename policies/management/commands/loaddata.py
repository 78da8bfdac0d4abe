"""`loaddata` that restores history as it was exported, without adding to it.

django-simple-history skips raw saves, but records a change of every many-to-many field that
loading sets (its m2m_changed handler has no notion of raw), so a restored database would
gain history rows that never happened. History stays off while fixtures load; the historical
tables come back from the fixture itself.
"""

from django.conf import settings
from django.core.management.commands import loaddata


class Command(loaddata.Command):
    def handle(self, *fixture_labels, **options):
        enabled = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
        settings.SIMPLE_HISTORY_ENABLED = False
        try:
            return super().handle(*fixture_labels, **options)
        finally:
            settings.SIMPLE_HISTORY_ENABLED = enabled
