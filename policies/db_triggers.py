"""Database triggers that make a table append-only: UPDATE and DELETE (and TRUNCATE on
PostgreSQL) are refused, whatever code runs them. Used by the migrations of immutable tables
(published versions and their renderings, the audit log)."""

from django.db import migrations

MESSAGE = "published versions are immutable"
# Every append-only table, with the error its triggers raise.
TABLES = {
    "policies_policyversion": MESSAGE,
    "policies_versionrendering": MESSAGE,
    "policies_versiondiff": MESSAGE,
    "audit_auditevent": "the security log is append-only",
    "consent_consentrecord": "consent records are append-only",
}


# Rows whose DELETE the trigger lets through, per table, as a condition on the row (OLD):
# - a company's versions and renderings while its offboarding runs: the company is named in
#   policies_erasure (policies.Erasure), a row only the offboarding transaction ever holds
#   (tenants.offboarding);
# - consent records of a company while its offboarding runs (as above), or older than the
#   cut-off a retention purge names for their company in consent_purge (consent.Purge, held
#   only inside consent.retention.purge's transaction);
# - security-log rows older than the cut-off of a purge in audit_purge (audit.Purge, likewise
#   held only inside audit.retention.purge's transaction), and never a row younger than
#   MIN_LOG_DAYS, whatever a purge says.
ERASABLE = ("policies_policyversion", "policies_versionrendering", "policies_versiondiff")
ERASURES = "policies_erasure"
PURGES = "audit_purge"
MIN_LOG_DAYS = 30
ERASED = f"EXISTS (SELECT 1 FROM {ERASURES} WHERE {ERASURES}.tenant_id = OLD.tenant_id)"
CONSENT_PURGES = "consent_purge"
CONSENT_PURGED = (
    f"EXISTS (SELECT 1 FROM {CONSENT_PURGES} WHERE {CONSENT_PURGES}.tenant_id = OLD.tenant_id "
    f"AND OLD.created_at < {CONSENT_PURGES}.cutoff)"
)
PURGED = f"EXISTS (SELECT 1 FROM {PURGES} WHERE OLD.created_at < {PURGES}.cutoff)"
LOG_FLOOR = {
    "sqlite": f"strftime('%Y-%m-%d %H:%M:%f', 'now', '-{MIN_LOG_DAYS} days')",
    "postgresql": f"now() - interval '{MIN_LOG_DAYS} days'",
}


def deletable(table: str, vendor: str) -> str | None:
    """The condition under which a row of `table` may be deleted, or None: never."""
    if table in ERASABLE:
        return ERASED
    if table == "consent_consentrecord":
        return f"({ERASED}) OR ({CONSENT_PURGED})"
    if table == "audit_auditevent":
        return f"{PURGED} AND OLD.created_at < {LOG_FLOOR[vendor]}"
    return None


def create(schema_editor, table: str, erasable: bool = True) -> None:
    """The triggers of `table`; with `erasable`, DELETE passes where deletable() allows it."""
    message = TABLES[table]
    vendor = schema_editor.connection.vendor
    condition = deletable(table, vendor) if erasable else None
    if vendor == "sqlite":
        for op in ("UPDATE", "DELETE"):
            when = f"WHEN NOT ({condition}) " if condition and op == "DELETE" else ""
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} {when}"
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
    elif vendor == "postgresql":
        # One statement per execute(): psycopg 3 sends parameters server-side.
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {table}_immutable() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{message}'; END $$ LANGUAGE plpgsql"
        )
        # Per row, as on SQLite: a statement that changes no row (Django's SET NULL of a deleted
        # user's references, an UPDATE tried before an INSERT) is no mutation to refuse.
        ops = "UPDATE" if condition else "UPDATE OR DELETE"
        schema_editor.execute(
            f"CREATE TRIGGER {table}_immutable BEFORE {ops} "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_immutable()"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {table}_immutable()"
        )
        if condition:
            schema_editor.execute(
                f"CREATE OR REPLACE FUNCTION {table}_erasable() RETURNS trigger AS $$ "
                f"BEGIN IF NOT ({condition}) THEN RAISE EXCEPTION '{message}'; END IF; "
                f"RETURN OLD; END $$ LANGUAGE plpgsql"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {table}_erasable()"
            )


def drop(schema_editor, table: str) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for op in ("update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op}")
    elif vendor == "postgresql":
        for name in ("immutable", "no_truncate", "no_delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_{name} ON {table}")
        for name in ("immutable", "erasable"):
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_{name}()")


def append_only(table: str) -> migrations.RunPython:
    return migrations.RunPython(
        lambda apps, schema_editor: create(schema_editor, table),
        lambda apps, schema_editor: drop(schema_editor, table),
    )


def erasable(*tables: str) -> migrations.RunPython:
    """The triggers of `tables` made anew, letting through the deletions deletable() allows
    (and back to refusing every deletion when the migration is reversed)."""

    def recreate(erasable: bool):
        def run(apps, schema_editor):
            for table in tables:
                drop(schema_editor, table)
                create(schema_editor, table, erasable=erasable)

        return run

    return migrations.RunPython(recreate(True), recreate(False))
