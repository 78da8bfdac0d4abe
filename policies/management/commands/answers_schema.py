from django.core.management.base import BaseCommand

from policies import answers_format


class Command(BaseCommand):
    help = "Print the JSON Schema of the answers format (kept in docs/answers.schema.json)."

    def handle(self, *args, **options):
        self.stdout.write(answers_format.dumps(answers_format.schema()), ending="")
