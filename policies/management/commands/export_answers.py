from django.core.management.base import BaseCommand, CommandError

from policies import answers_format
from policies.models import Document


class Command(BaseCommand):
    help = "Export a document's answers as JSON: export_answers <company> <document> [-o FILE]"

    def add_arguments(self, parser):
        parser.add_argument("company", help="the company's address name (slug)")
        parser.add_argument("document", help="the document's address name (slug)")
        parser.add_argument("-o", "--output", help="write to this file instead of stdout")

    def handle(self, *args, company, document, output=None, **options):
        doc = Document.objects.filter(tenant__slug=company, slug=document).first()
        if doc is None:
            raise CommandError(f"No document {document!r} in company {company!r}.")
        text = answers_format.dumps(answers_format.export(doc))
        if output:
            with open(output, "w", encoding="utf-8") as f:
                f.write(text)
        else:
            self.stdout.write(text, ending="")
