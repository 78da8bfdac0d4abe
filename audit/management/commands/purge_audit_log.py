from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from audit import retention
from consent import retention as consent_retention


class Command(BaseCommand):
    help = (
        "Delete the security log's events older than AUDIT_RETENTION_DAYS, and the cookie "
        "banner's consent records older than their company's retention period (run it daily). "
        "Events younger than 30 days are never deleted."
    )

    def handle(self, *args, **options):
        try:
            deleted = retention.purge()
        except ImproperlyConfigured as error:
            raise CommandError(error) from error
        days = settings.AUDIT_RETENTION_DAYS
        self.stdout.write(f"{deleted} security events older than {days} days deleted.")
        records = consent_retention.purge()
        self.stdout.write(f"{records} consent records older than their company's period deleted.")
