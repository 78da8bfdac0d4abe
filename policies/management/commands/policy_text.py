from django.core.management.base import BaseCommand, CommandError

from policies.answers import load_answers
from policies.models import Document
from policies.render import LANGUAGES, render
from policies.render.markdown import as_markdown


class Command(BaseCommand):
    help = "Print a document's draft as Markdown: policy_text <company> <document> [--language lv]"

    def add_arguments(self, parser):
        parser.add_argument("company", help="the company's address name (slug)")
        parser.add_argument("document", help="the document's address name (slug)")
        parser.add_argument("--language", default="lv", choices=sorted(LANGUAGES))

    def handle(self, *args, company, document, language, **options):
        doc = Document.objects.filter(tenant__slug=company, slug=document).first()
        if doc is None:
            raise CommandError(f"No document {document!r} in company {company!r}.")
        if language not in doc.languages:
            raise CommandError(f"The document has no {language!r} version.")
        self.stdout.write(as_markdown(render(load_answers(doc), language)), ending="")
