from django.core.management.base import BaseCommand, CommandError

from accounts.models import normalize_email
from policies import answers_format
from policies.models import Document
from tenants.models import Membership


class Command(BaseCommand):
    help = (
        "Replace a document's answers with a JSON file: import_answers <company> <document> FILE. "
        "The file is validated completely first; an invalid file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("company", help="the company's address name (slug)")
        parser.add_argument("document", help="the document's address name (slug)")
        parser.add_argument("file", help="a JSON file in the PolicyHub answers format")
        parser.add_argument(
            "--by", metavar="EMAIL", help="the member named in the history as making the change"
        )

    def handle(self, *args, company, document, file, by=None, **options):
        doc = Document.objects.filter(tenant__slug=company, slug=document).first()
        if doc is None:
            raise CommandError(f"No document {document!r} in company {company!r}.")
        if by is not None:
            member = (
                Membership.objects.for_tenant(doc.tenant)
                .filter(user__email=normalize_email(by))
                .select_related("user")
                .first()
            )
            if member is None:
                raise CommandError(f"{by} is not a member of company {company!r}.")
            by = member.user
        try:
            with open(file, "rb") as f:
                raw = f.read()
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        try:
            answers_format.import_into(doc, answers_format.parse(raw), by=by)
        except answers_format.AnswersImportError as exc:
            lines = [f"  {path or '(file)'}: {message}" for path, message in exc.errors]
            raise CommandError("Nothing was imported:\n" + "\n".join(lines)) from exc
        self.stdout.write(self.style.SUCCESS(f"Imported answers into {company}/{document}."))
