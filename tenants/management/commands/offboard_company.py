from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from tenants import offboarding
from tenants.company_data import RETAINED
from tenants.models import Tenant


class Command(BaseCommand):
    help = (
        "Delete a company and everything of it, its history and published versions included, "
        "in one transaction: offboard_company <slug> --confirm <slug>. Without the "
        "confirmation it shows what would be deleted and deletes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the company's address name")
        parser.add_argument("--confirm", metavar="SLUG", help="the address name again, to delete")

    def handle(self, *args, slug, confirm=None, **options):
        tenant = Tenant.objects.filter(slug=slug).first()
        if tenant is None:
            raise CommandError(f"No company {slug!r}.")
        try:
            plan = offboarding.plan(tenant)
        except ImproperlyConfigured as error:
            raise CommandError(error) from error
        self.show(plan)
        if confirm != slug:
            raise CommandError(f"Nothing deleted. To delete, run again with --confirm {slug}.")
        done = offboarding.offboard(tenant)
        self.stdout.write(
            self.style.SUCCESS(
                f"Company {slug!r} offboarded: {done.total} rows and "
                f"{len(done.users)} user accounts deleted."
            )
        )

    def show(self, plan):
        tenant = plan.tenant
        self.stdout.write(f"Company {tenant.slug!r} ({tenant.legal_name}), id {tenant.pk}.")
        self.stdout.write("Rows to delete:")
        for label, count in plan.rows.items():
            if count:
                self.stdout.write(f"  {label:<44} {count:>7}")
        self.stdout.write(f"  {'total':<44} {plan.total:>7}")
        for label, count in plan.references.items():
            self.stdout.write(f"Rows that point at them, to delete: {label} {count}")
        self.stdout.write(f"User accounts to delete (only this company's): {len(plan.users)}")
        for user in plan.users:
            self.stdout.write(f"  {user.email}")
        self.stdout.write(
            f"  with their {len(plan.sessions)} sessions and {plan.login_records} log-in records"
        )
        self.stdout.write(f"User accounts kept: {len(plan.kept_users)}")
        for user, reason in plan.kept_users:
            self.stdout.write(f"  {user.email}: {reason}")
        for label, count in plan.retained.items():
            self.stdout.write(f"Kept: {label}, {count} rows ({RETAINED[label]}).")
