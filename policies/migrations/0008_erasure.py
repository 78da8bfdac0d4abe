"""The offboarding of a company may delete its published versions and their renderings, and no
one else's: the append-only triggers let a DELETE through for the rows of a company named in
policies_erasure. UPDATE (and TRUNCATE on PostgreSQL) stays refused for every row."""

from django.db import migrations, models

from policies import db_triggers


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
        db_triggers.erasable("policies_policyversion", "policies_versionrendering"),
    ]
