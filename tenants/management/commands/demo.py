import datetime
import json
import random
import uuid

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from consent import banner, records
from consent.models import ConsentRecord
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
DEMO_WEBSITE = "https://zalaisdarzs.lv"
CONSENT_DAYS = 30
DEMO_MEMBERS = [
    ("editor@demo.test", "Jānis Kalniņš", Role.EDITOR),
    ("reviewer@demo.test", "Laura Ozola", Role.REVIEWER),
]


class Command(BaseCommand):
    help = "Create the demo company and its three logins, as a user would. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--consent-records",
            action="store_true",
            help=f"Also the cookie banner's choices of the last {CONSENT_DAYS} days, for the "
            "consent page's chart (once).",
        )

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
        if options["consent_records"]:
            self._consent_records(tenant)
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
        # The company's website, where its policy may be embedded and its cookie banner runs.
        services.tenant_update(
            tenant=tenant,
            legal_name=tenant.legal_name,
            country=tenant.country,
            approval_required=tenant.approval_required,
            embed_origins=[DEMO_WEBSITE],
            by=owner,
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

    def _consent_records(self, tenant):
        """Visitors' choices in the cookie banner over the last days, each sent as the banner
        sends it and stored by the service behind the banner's endpoint."""
        if ConsentRecord.objects.for_tenant(tenant).exists():
            return
        shown = banner.states(tenant.slug, DEMO_DOCUMENT)[-1]
        optional = shown.optional
        rng = random.Random(2026)
        now = timezone.now()
        made = 0
        for day in range(CONSENT_DAYS, -1, -1):
            for _ in range(rng.randint(6, 18)):
                at = now - datetime.timedelta(days=day, minutes=rng.randint(0, 24 * 60 - 1))
                luck = rng.random()
                if luck < 0.55:
                    choice, accepted = "accept_all", optional
                elif luck < 0.8:
                    choice, accepted = "reject_all", []
                else:
                    choice, accepted = "custom", rng.sample(optional, 1)
                consent_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                language = rng.choice(["lv", "lv", "lv", "en"])
                body = {"consent_id": consent_id, **shown.choice(choice, accepted, language)}
                records.record(
                    tenant_slug=tenant.slug,
                    doc_slug=DEMO_DOCUMENT,
                    origin=DEMO_WEBSITE,
                    address=f"198.51.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                    body=json.dumps(body).encode(),
                    at=min(at, now),
                )
                made += 1
        self.stdout.write(
            self.style.SUCCESS(f"{made} consent records made through the banner's service.")
        )
