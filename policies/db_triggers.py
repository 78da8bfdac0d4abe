"""Database triggers that make a table append-only: UPDATE and DELETE (and TRUNCATE on
PostgreSQL) are refused, whatever code runs them. Used by the migrations of immutable tables
(published versions and their renderings, the audit log)."""

from django.db import migrations

MESSAGE = "published versions are immutable"
# Every append-only table, with the error its triggers raise.
TABLES = {
    "policies_policyversion": MESSAGE,
    "policies_versionrendering": MESSAGE,
    "audit_auditevent": "the security log is append-only",
}


# A company's rows in these tables may be deleted while its offboarding runs: their DELETE
# trigger lets through the rows of a company named in ERASURES (policies.Erasure), a row that
# only the offboarding transaction ever holds (tenants.offboarding).
ERASABLE = ("policies_policyversion", "policies_versionrendering")
ERASURES = "policies_erasure"


def create(schema_editor, table: str, erasable: bool | None = None) -> None:
    message = TABLES[table]
    erasable = table in ERASABLE if erasable is None else erasable
    erased = f"SELECT 1 FROM {ERASURES} WHERE {ERASURES}.tenant_id = OLD.tenant_id"
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for op in ("UPDATE", "DELETE"):
            when = f"WHEN NOT EXISTS ({erased}) " if erasable and op == "DELETE" else ""
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
        ops = "UPDATE OR TRUNCATE" if erasable else "UPDATE OR DELETE OR TRUNCATE"
        schema_editor.execute(
            f"CREATE TRIGGER {table}_immutable BEFORE {ops} "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {table}_immutable()"
        )
        if erasable:
            schema_editor.execute(
                f"CREATE OR REPLACE FUNCTION {table}_erasable() RETURNS trigger AS $$ "
                f"BEGIN IF NOT EXISTS ({erased}) THEN RAISE EXCEPTION '{message}'; END IF; "
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
        for name in ("immutable", "no_delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_{name} ON {table}")
        for name in ("immutable", "erasable"):
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_{name}()")


def append_only(table: str) -> migrations.RunPython:
    return migrations.RunPython(
        lambda apps, schema_editor: create(schema_editor, table),
        lambda apps, schema_editor: drop(schema_editor, table),
    )
