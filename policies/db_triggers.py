"""Database triggers that make a table append-only: UPDATE and DELETE (and TRUNCATE on
PostgreSQL) are refused, whatever code runs them. Used by the migrations of immutable tables."""

from django.db import migrations

MESSAGE = "published versions are immutable"
TABLES = ("policies_policyversion", "policies_versionrendering")


def create(schema_editor, table: str) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for op in ("UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )
    elif vendor == "postgresql":
        # One statement per execute(): psycopg 3 sends parameters server-side.
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {table}_immutable() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$ LANGUAGE plpgsql"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {table}_immutable()"
        )


def drop(schema_editor, table: str) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for op in ("update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op}")
    elif vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_immutable()")


def append_only(table: str) -> migrations.RunPython:
    return migrations.RunPython(
        lambda apps, schema_editor: create(schema_editor, table),
        lambda apps, schema_editor: drop(schema_editor, table),
    )
