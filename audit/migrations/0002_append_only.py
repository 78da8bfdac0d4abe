"""The security log is append-only in the database itself: UPDATE and DELETE (and TRUNCATE on
PostgreSQL) of audit_auditevent are refused, whatever code runs them."""

from django.db import migrations

from policies.db_triggers import append_only


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [append_only("audit_auditevent")]
