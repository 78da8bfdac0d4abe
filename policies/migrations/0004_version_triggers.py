"""Published versions are immutable in the database itself: UPDATE and DELETE (and TRUNCATE on
PostgreSQL) of policies_policyversion are refused, whatever code runs them."""

from django.db import migrations

from policies.db_triggers import append_only


class Migration(migrations.Migration):
    dependencies = [("policies", "0003_versions")]

    operations = [append_only("policies_policyversion")]
