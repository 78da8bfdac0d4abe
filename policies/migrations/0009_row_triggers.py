"""On PostgreSQL the append-only triggers fire per row, as on SQLite, and TRUNCATE is refused
by a statement trigger of its own: a statement that changes no row (the SET NULL Django runs
when a user is deleted, or the UPDATE it tries before an INSERT) is no longer refused."""

from django.db import migrations

from policies import db_triggers


# The append-only tables of the time (later ones are created with their triggers per row).
TABLES = ("policies_policyversion", "policies_versionrendering", "audit_auditevent")


def recreate(apps, schema_editor):
    for table in TABLES:
        db_triggers.drop(schema_editor, table)
        db_triggers.create(schema_editor, table)


class Migration(migrations.Migration):
    dependencies = [("policies", "0008_erasure"), ("audit", "0003_purge")]

    operations = [migrations.RunPython(recreate, migrations.RunPython.noop)]
