from django.core.management.base import BaseCommand
from django.db import transaction

from tenants import services
from tenants.models import Tenant
from tenants.roles import Role

DEMO_SLUG = "demo"
DEMO_PASSWORD = "demo-parole-2026"
DEMO_OWNER = ("owner@demo.test", "Ilze Bērziņa")
DEMO_MEMBERS = [
    ("editor@demo.test", "Jānis Kalniņš", Role.EDITOR),
    ("reviewer@demo.test", "Laura Ozola", Role.REVIEWER),
]


class Command(BaseCommand):
    help = "Create the demo company and its three logins, as a user would. Safe to run twice."

    @transaction.atomic
    def handle(self, *args, **options):
        if Tenant.objects.filter(slug=DEMO_SLUG).exists():
            self.stdout.write("The demo company exists already.")
        else:
            self._create()
            self.stdout.write(self.style.SUCCESS("Demo company created."))
        self.stdout.write(f"Logins (password {DEMO_PASSWORD}):")
        for email, name, role in [(*DEMO_OWNER, Role.OWNER), *DEMO_MEMBERS]:
            self.stdout.write(f"  {email:<22} {name} ({role.value})")

    def _create(self):
        owner, tenant = services.user_signup(
            email=DEMO_OWNER[0],
            full_name=DEMO_OWNER[1],
            password=DEMO_PASSWORD,
            legal_name='SIA "Zaļais Dārzs"',
            slug=DEMO_SLUG,
            country="LV",
        )
        # Invitations are accepted as an invited person would; nobody needs their e-mails.
        for email, name, role in DEMO_MEMBERS:
            invitation, _token = services.invitation_create(
                tenant=tenant, email=email, role=role, invited_by=owner, mailer="quiet"
            )
            services.invitation_signup(
                invitation=invitation, full_name=name, password=DEMO_PASSWORD
            )
