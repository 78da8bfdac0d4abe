from django.core.management.base import BaseCommand, CommandError

from policies import answers_format
from policies.models import Document


class Command(BaseCommand):
    help = (
        "Replace a document's answers with a JSON file: import_answers <company> <document> FILE. "
        "The file is validated completely first; an invalid file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("company", help="the company's address name (slug)")
        parser.add_argument("document", help="the document's address name (slug)")
        parser.add_argument("file", help="a JSON file in the PolicyHub answers format")

    def handle(self, *args, company, document, file, **options):
        doc = Document.objects.filter(tenant__slug=company, slug=document).first()
        if doc is None:
            raise CommandError(f"No document {document!r} in company {company!r}.")
        try:
            with open(file, "rb") as f:
                raw = f.read()
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        try:
            answers_format.import_into(doc, answers_format.parse(raw))
        except answers_format.AnswersImportError as exc:
            lines = [f"  {path or '(file)'}: {message}" for path, message in exc.errors]
            raise CommandError("Nothing was imported:\n" + "\n".join(lines)) from exc
        self.stdout.write(self.style.SUCCESS(f"Imported answers into {company}/{document}."))
