import io
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from tenants import company_data
from tenants.models import Tenant


class Command(BaseCommand):
    help = (
        "Export every row of a company, its history, stored PDFs and the users its rows name, "
        "as a JSON fixture for loaddata into an empty database: export_company <slug> [-o FILE]"
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the company's address name")
        parser.add_argument("-o", "--output", help="write to this file instead of stdout")

    def handle(self, *args, slug, output=None, **options):
        tenant = Tenant.objects.filter(slug=slug).first()
        if tenant is None:
            raise CommandError(f"No company {slug!r}.")
        fixture = io.StringIO()
        try:
            counts = company_data.export(tenant, fixture)
        except ImproperlyConfigured as error:
            raise CommandError(error) from error
        if output:
            Path(output).write_text(fixture.getvalue(), encoding="utf-8")
        else:
            self.stdout.write(fixture.getvalue(), ending="")
        users = counts.pop(get_user_model()._meta.label_lower, 0)
        (self.stdout if output else self.stderr).write(
            f"Company {slug!r}: {sum(counts.values())} rows of {len(counts)} models and "
            f"{users} users (without passwords) exported" + (f" to {output}." if output else ".")
        )
