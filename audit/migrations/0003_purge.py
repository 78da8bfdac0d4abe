"""The security log's old events may be deleted by a purge, and only so: the DELETE trigger
lets through rows older than a cut-off named in audit_purge, never rows younger than 30 days.
UPDATE (and TRUNCATE on PostgreSQL) stays refused for every row."""

from django.db import migrations, models

from policies import db_triggers


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only")]

    operations = [
        migrations.CreateModel(
            name="Purge",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("cutoff", models.DateTimeField()),
            ],
        ),
        db_triggers.erasable("audit_auditevent"),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(choices=[("login", "logged in"), ("login_failed", "log-in failed"), ("locked_out", "log-in locked out"), ("logout", "logged out"), ("password_changed", "password changed"), ("not_found", "company not found or not a member"), ("forbidden", "permission denied"), ("company_created", "company created"), ("member_invited", "member invited"), ("invitation_revoked", "invitation revoked"), ("member_joined", "invitation accepted"), ("role_changed", "role changed"), ("member_removed", "member removed"), ("published", "policy published"), ("answers_exported", "answers exported"), ("answers_imported", "answers imported"), ("company_exported", "company exported"), ("company_offboarded", "company offboarded"), ("log_purged", "old security events deleted")], max_length=32, verbose_name="action"),
        ),
    ]
