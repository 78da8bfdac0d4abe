"""The offboarding of a company may delete its published versions and their renderings, and no
one else's: the append-only triggers let a DELETE through for the rows of a company named in
policies_erasure. UPDATE (and TRUNCATE on PostgreSQL) stays refused for every row."""

from django.db import migrations, models

from policies import db_triggers


def erasable(apps, schema_editor):
    for table in db_triggers.ERASABLE:
        db_triggers.drop(schema_editor, table)
        db_triggers.create(schema_editor, table, erasable=True)


def not_erasable(apps, schema_editor):
    for table in db_triggers.ERASABLE:
        db_triggers.drop(schema_editor, table)
        db_triggers.create(schema_editor, table, erasable=False)


class Migration(migrations.Migration):
    dependencies = [("policies", "0007_developer_notes_as_comments")]

    operations = [
        migrations.CreateModel(
            name="Erasure",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("tenant_id", models.BigIntegerField(unique=True)),
            ],
        ),
        migrations.RunPython(erasable, not_erasable),
    ]
