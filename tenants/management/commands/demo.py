from django.core.management.base import BaseCommand
from django.db import transaction

from policies import answers_format, publishing, review
from policies.catalogue import DATA, PROCESSORS_BY_KEY
from policies.models import Document, Recipient
from policies.services import document_create
from tenants import services
from tenants.models import Tenant
from tenants.roles import Role

DEMO_SLUG = "demo"
DEMO_DOCUMENT = "privatuma-politika"
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
        tenant = Tenant.objects.filter(slug=DEMO_SLUG).first()
        if tenant is not None:
            self.stdout.write("The demo company exists already.")
        else:
            tenant = self._create()
            self.stdout.write(self.style.SUCCESS("Demo company created."))
        if not Document.objects.for_tenant(tenant).filter(slug=DEMO_DOCUMENT).exists():
            self._policy(tenant)
            self.stdout.write(
                self.style.SUCCESS(f"Demo policy /{DEMO_DOCUMENT}/ published in two versions.")
            )
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
        return tenant

    def _policy(self, tenant):
        """The privacy policy, published in two versions as its people would: the editor
        answers (a file imported through the wizard's own forms) and sends it for review, the
        lawyer approves, the owner publishes; then the e-mail tool changes from Mailchimp to
        Brevo and orders are kept 7 years instead of 5, and version 2 follows the same way."""
        people = {m.role: m.user for m in tenant.memberships.select_related("user")}
        editor, reviewer, owner = people[Role.EDITOR], people[Role.REVIEWER], people[Role.OWNER]
        document = document_create(tenant=tenant, slug=DEMO_DOCUMENT, by=editor)
        answers = answers_format.parse((DATA / "demo_answers.json").read_bytes())
        answers_format.import_into(document, answers, by=editor)
        self._review_and_publish(document, editor, reviewer, owner, "Pirmā redakcija.")

        brevo = PROCESSORS_BY_KEY["brevo"].recipient_values()
        for row in answers["recipients"]["items"]:
            if row["catalogue_key"] == "mailchimp":
                row.update(answers_format.as_file_row(Recipient, brevo))
        answers["retention"][0]["period"] = 7
        answers["cookies"]["tool_keys"] = ["google_analytics", "brevo"]
        answers_format.import_into(document, answers, by=editor)
        self._review_and_publish(
            document, editor, reviewer, owner, "Jaunumu vēstules sūtām ar Brevo."
        )

    @staticmethod
    def _review_and_publish(document, editor, reviewer, owner, note):
        review.submit(document=document, by=editor, note=note, mailer="quiet")
        review.approve(document=document, by=reviewer, seen_hash=review.draft_hash(document))
        document.refresh_from_db()
        publishing.publish(document=document, by=owner, note=note)
