"""HIST-2: no write that bypasses django-simple-history goes unreviewed.

Every module of the project's apps (not tests, not migrations) is parsed with `ast`. Writes
other than `save()` and a single object's `delete()` (`QuerySet.update()` and `delete()`,
`bulk_create`, `bulk_update`, `raw`, `execute`, `_raw_delete`...) and switches that turn
history off (`SIMPLE_HISTORY_ENABLED`, `skip_history_when_saving`,
`save_without_historical_record`) fail this test, with file and line, until ALLOWLIST names
the function ("module:function") with the reason history stays complete. Entries that match
nothing fail too. Migrations are checked for data operations (`RunPython`, `RunSQL`) the same
way, against MIGRATIONS.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.db import migrations
from django.db.migrations.loader import MigrationLoader
from simple_history.models import registered_models

ROOT = Path(__file__).resolve().parents[2]
# The project's own apps: accounts, tenants, policies, policyhub and any added later.
APPS = {
    config.label: Path(config.path)
    for config in apps.get_app_configs()
    if Path(config.path).is_relative_to(ROOT) and ".venv" not in Path(config.path).parts
}

WRITES = {
    "update",
    "bulk_create",
    "bulk_update",
    "raw",
    "execute",
    "executemany",
    "delete",
    "_raw_delete",
    "_update",
    "_insert",
    "_batched_insert",
}
HISTORY_SWITCHES = {"SIMPLE_HISTORY_ENABLED", "skip_history_when_saving"}
QUERYSET_METHODS = {
    "all",
    "annotate",
    "defer",
    "distinct",
    "exclude",
    "filter",
    "for_tenant",
    "none",
    "only",
    "order_by",
    "prefetch_related",
    "published",
    "select_for_update",
    "select_related",
    "using",
}
MANAGERS = {"objects", "history", "_default_manager", "_base_manager"}
ONE_OBJECT = {"get", "first", "last", "latest", "earliest", "create"}


@dataclass(frozen=True)
class Allowed:
    kinds: tuple[str, ...]
    reason: str
    model: str | None = None  # the model written, when the code names it


# "module:function" -> the calls it may make, each with the reason history stays complete.
ALLOWLIST = {
    "policies.services:document_create": [
        Allowed(
            ("bulk_create",),
            "StepRevision is not tracked: the wizard's per-step save counter",
            model="StepRevision",
        ),
    ],
    "policies.answers_format:import_into": [
        Allowed(
            ("update",),
            "StepRevision is not tracked: every step's counter moves on after an import",
            model="StepRevision",
        ),
        Allowed(
            ("delete",),
            "QuerySet.delete() of a step's rows (tracked): simple-history's post_delete "
            "receiver rules out Django's fast delete, so every row is loaded, deleted and "
            "given its '-' record (HIST-1, the import paths)",
        ),
    ],
    "audit.retention:purge": [
        Allowed(
            ("delete",),
            "AuditEvent is not tracked: the security log's own retention",
            model="AuditEvent",
        ),
        Allowed(("delete",), "Purge, the purge's permit, is not tracked", model="Purge"),
    ],
    "consent.retention:purge": [
        Allowed(
            ("bulk_create",),
            "Purge, the consent purge's permit per company, is not tracked",
            model="Purge",
        ),
        Allowed(
            ("delete",),
            "ConsentRecord is not tracked: the consent records' own retention (append-only "
            "rows, like the security log)",
            model="ConsentRecord",
        ),
        Allowed(("delete",), "Purge, the consent purge's permit, is not tracked", model="Purge"),
    ],
    "consent.records:_lock": [
        Allowed(
            ("execute",),
            "SELECT pg_advisory_xact_lock(): a lock for the rest of the transaction, no row "
            "is written",
        ),
    ],
    "scans.runner:run": [
        Allowed(
            ("update",),
            "WebsiteScan is not tracked: a worker takes a queued scan (an observation of a "
            "website, not an answer)",
            model="WebsiteScan",
        ),
    ],
    "scans.services:expire_stale": [
        Allowed(
            ("update",),
            "WebsiteScan is not tracked: scans whose worker stopped are marked as failed",
        ),
    ],
    "accounts.signup:request_signup": [
        Allowed(
            ("delete",),
            "PendingSignup is not tracked: expired sign-ups and an earlier unconfirmed form "
            "for the same address, replaced by the newest",
            model="PendingSignup",
        ),
    ],
    "policies.public.cache:cached.wrapper": [
        Allowed(
            ("update",),
            "dict.update() of request.META: the visitor's conditional headers put back after "
            "the page was made in full; no model is written",
        ),
    ],
    "tenants.services:invitation_create": [
        Allowed(
            ("delete",),
            "Invitation is not tracked: an earlier open invitation replaced by a re-send",
            model="Invitation",
        ),
    ],
    "tenants.management.commands.demo:Command._policy": [
        Allowed(
            ("update",),
            "dict.update() of a row of the parsed answers file, not a query; the answers "
            "are then written by import_into, with history",
        ),
    ],
    "policies.db_triggers:create": [
        Allowed(
            ("execute",),
            "DDL run by migrations: append-only triggers on PolicyVersion, VersionRendering "
            "and AuditEvent, none of them tracked (written once, never changed)",
        ),
    ],
    "policies.db_triggers:drop": [
        Allowed(("execute",), "DDL run by migrations: drops those triggers on the way back"),
    ],
    "tenants.offboarding:_delete": [
        Allowed(
            ("_raw_delete", "delete"),
            "offboarding erases a company (BAK-4): its rows and their historical rows go "
            "together, on purpose, with raw deletes that add no history; the other deletes "
            "are of untracked rows (Erasure, sessions, log-in records, users' group links, "
            "the accounts deleted with the company)",
        ),
    ],
    "policies.management.commands.loaddata:Command.handle": [
        Allowed(
            ("SIMPLE_HISTORY_ENABLED",),
            "restores a backup: the historical rows come from the fixture itself, and "
            "simple-history would add a record for each many-to-many field loaded "
            "(BAK-1; HIST-1, the loaddata path)",
        ),
    ],
}

# "app.migration" -> why its data operations write no tracked model.
MIGRATIONS = {
    "policies.0004_version_triggers": "append-only triggers on policies_policyversion (DDL)",
    "policies.0006_version_renderings": "append-only triggers on policies_versionrendering (DDL)",
    "policies.0008_erasure": "the same triggers again, letting offboarding delete (DDL)",
    "audit.0002_append_only": "append-only triggers on audit_auditevent (DDL)",
    "audit.0003_purge": "the same triggers again, letting a purge delete old events (DDL)",
    "policies.0009_row_triggers": "the same triggers again, per row on PostgreSQL (DDL)",
    "policies.0013_stored_diffs": "append-only triggers on policies_versiondiff (DDL)",
    "consent.0001_initial": "append-only triggers on consent_consentrecord (DDL)",
}


@dataclass(frozen=True)
class Found:
    path: str
    line: int
    key: str
    kind: str
    model: str | None
    bypass: bool  # False: a single object's delete(), or update() of a dict or a set


def _modules():
    for folder in APPS.values():
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "migrations" in parts or ".venv" in parts:
                continue
            yield path, ".".join(parts)[: -len(".py")].removesuffix(".__init__")


def _root(node):
    """The name a chain of attributes and calls starts from, e.g. StepRevision."""
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, (ast.Attribute, ast.Subscript)):
            node = node.value
        else:
            return node.id if isinstance(node, ast.Name) else None


def _chain(node):
    """The attribute names along a chain, outermost first, e.g. filter, for_tenant, objects."""
    names = []
    while isinstance(node, (ast.Call, ast.Attribute, ast.Subscript)):
        if isinstance(node, ast.Attribute):
            names.append(node.attr)
        node = node.func if isinstance(node, ast.Call) else node.value
    return names


class _Element(ast.AST):
    """A loop variable: one element of `iterable`."""

    _fields = ("iterable",)


class _Scanner(ast.NodeVisitor):
    def __init__(self, path, module):
        self.path = str(path.relative_to(ROOT))
        self.module = module
        self.scope: list[str] = []
        self.bindings: list[dict[str, ast.expr]] = [{}]
        self.found: list[Found] = []

    def _function(self, node):
        self.scope.append(node.name)
        self.bindings.append({})
        self.generic_visit(node)
        self.bindings.pop()
        self.scope.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _function

    def _bound(self, name):
        for frame in reversed(self.bindings):
            if name in frame:
                return frame[name]
        return None

    def visit_Assign(self, node):
        for target in node.targets:
            if isinstance(target, ast.Name):
                self.bindings[-1][target.id] = node.value
            self._switch(target, node)
        self.generic_visit(node)

    def visit_For(self, node):
        targets = node.target.elts if isinstance(node.target, ast.Tuple) else [node.target]
        for target in targets:
            if isinstance(target, ast.Name):
                self.bindings[-1][target.id] = _Element(iterable=node.iter)
        self.generic_visit(node)

    def visit_With(self, node):
        for item in node.items:
            if isinstance(item.optional_vars, ast.Name):
                self.bindings[-1][item.optional_vars.id] = item.context_expr
        self.generic_visit(node)

    def _switch(self, target, node):
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        if name in HISTORY_SWITCHES:
            self._add(node, name, None, bypass=True)

    def _resolve(self, node):
        """The expression a local name was last given, followed a few steps."""
        for _ in range(5):
            bound = self._bound(node.id) if isinstance(node, ast.Name) else None
            if bound is None:
                break
            node = bound
        return node

    def _model(self, node) -> str | None:
        node = self._resolve(node)
        if isinstance(node, _Element):
            return self._model(node.iterable)
        name = _root(node)
        bound = self._bound(name) if name else None
        return self._model(bound) if bound is not None and bound is not node else name

    def _queryset(self, node) -> bool:
        chain = _chain(self._resolve(node))
        return bool(chain) and chain[0] in QUERYSET_METHODS | MANAGERS

    def _many(self, node) -> bool:
        """Whether delete() on `node` may delete many rows: a queryset, or anything not known
        to be a single object (a parameter, an element of an unknown iterable...)."""
        node = self._resolve(node)
        if isinstance(node, _Element):
            return not self._queryset(node.iterable)
        if isinstance(node, ast.Call) and not _chain(node):
            return False  # Model(...), get_object_or_404(...)
        if isinstance(node, (ast.Call, ast.Attribute)):
            chain = _chain(node)
            return chain[0] in QUERYSET_METHODS | MANAGERS or (
                isinstance(node, ast.Call) and chain[0] not in ONE_OBJECT
            )
        return True

    def _container(self, node) -> bool:
        """A dict or a set made in this code, whose update() is no query."""
        node = self._resolve(node)
        if isinstance(node, (ast.Dict, ast.DictComp, ast.Set, ast.SetComp)):
            return True
        return (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("dict", "set")
        )

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Attribute):
            receiver = func.value
            if func.attr == "save_without_historical_record":
                self._add(node, func.attr, self._model(receiver), bypass=True)
            elif func.attr == "delete" and not node.args:
                self._add(node, "delete", self._model(receiver), bypass=self._many(receiver))
            elif func.attr == "update":
                self._add(
                    node, "update", self._model(receiver), bypass=not self._container(receiver)
                )
            elif func.attr in WRITES - {"delete", "update"}:
                self._add(node, func.attr, self._model(receiver), bypass=True)
        for keyword in node.keywords:
            if keyword.arg in HISTORY_SWITCHES:
                self._add(node, keyword.arg, None, bypass=True)
        self.generic_visit(node)

    def _add(self, node, kind, model, *, bypass):
        key = f"{self.module}:{'.'.join(self.scope) or '<module>'}"
        self.found.append(Found(self.path, node.lineno, key, kind, model, bypass))


def scan() -> list[Found]:
    found = []
    for path, module in _modules():
        scanner = _Scanner(path, module)
        scanner.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        found.extend(scanner.found)
    return found


def _entry(call: Found) -> tuple[str, int] | None:
    """The ALLOWLIST entry that covers a call, as (key, index), if any."""
    for index, allowed in enumerate(ALLOWLIST.get(call.key, [])):
        if call.kind in allowed.kinds and allowed.model in (None, call.model):
            return call.key, index
    return None


def _entries() -> set[tuple[str, int]]:
    return {(key, i) for key, entries in ALLOWLIST.items() for i in range(len(entries))}


def _tracked() -> set[str]:
    return {model.__name__ for model in registered_models.values() if hasattr(model, "history")}


def test_no_call_bypasses_history_unreviewed():
    calls = [call for call in scan() if call.bypass]
    unreviewed = [f"{c.path}:{c.line} {c.kind} ({c.key})" for c in calls if _entry(c) is None]
    assert unreviewed == [], "add a reason to ALLOWLIST, or write with history"
    used = {_entry(call) for call in calls}
    assert _entries() - used == set(), "stale entries in ALLOWLIST"


def test_allowlisted_models_are_really_untracked():
    tracked = _tracked()
    assert {"Tenant", "Document", "Purpose"} <= tracked
    named = {a.model for entries in ALLOWLIST.values() for a in entries if a.model}
    assert named and named.isdisjoint(tracked)
    for name in named:
        assert any(model.__name__ == name for model in apps.get_models())


def test_data_migrations_write_no_tracked_model():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    found = {
        f"{app}.{name}"
        for (app, name), migration in loader.disk_migrations.items()
        if app in APPS
        and any(
            isinstance(op, (migrations.RunPython, migrations.RunSQL)) for op in migration.operations
        )
    }
    assert found - set(MIGRATIONS) == set(), "a data migration: add it to MIGRATIONS and HIST-1"
    assert set(MIGRATIONS) - found == set(), "stale entries in MIGRATIONS"


def test_the_scan_sees_what_it_looks_for():
    source = """
def f(doc, rows):
    Policy.objects.filter(pk=1).update(x=1)
    Policy.objects.bulk_create([])
    Policy.objects.bulk_update([], ["x"])
    list(Policy.objects.raw("SELECT 1"))
    connection.cursor().execute("UPDATE t SET x = 1")
    Policy.objects.for_tenant(t).delete()
    qs = Policy.objects.filter(doc=doc)
    qs.delete()
    qs._raw_delete(qs.db)
    doc.save_without_historical_record()
    doc.skip_history_when_saving = True
    settings.SIMPLE_HISTORY_ENABLED = False
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        pass
    doc.delete()
    rows.update(b=2)
    for each in querysets():
        each.delete()
    Policy.objects.get(pk=1).delete()
    for row in Policy.objects.filter(doc=doc):
        row.delete()
    context = {}
    context.update(a=1)
    {1}.update({2})
"""
    scanner = _Scanner(ROOT / "x.py", "x")
    scanner.visit(ast.parse(source))
    flagged = [(c.kind, c.model) for c in scanner.found if c.bypass]
    assert flagged == [
        ("update", "Policy"),
        ("bulk_create", "Policy"),
        ("bulk_update", "Policy"),
        ("raw", "Policy"),
        ("execute", "connection"),
        ("delete", "Policy"),
        ("delete", "Policy"),
        ("_raw_delete", "Policy"),
        ("save_without_historical_record", "doc"),
        ("skip_history_when_saving", None),
        ("SIMPLE_HISTORY_ENABLED", None),
        ("SIMPLE_HISTORY_ENABLED", None),
        ("delete", "doc"),  # a parameter: it may be a queryset
        ("update", "rows"),
        ("delete", "querysets"),
    ]
    single = [(c.kind, c.model) for c in scanner.found if not c.bypass]
    assert single == [
        ("delete", "Policy"),
        ("delete", "Policy"),
        ("update", None),
        ("update", None),
    ]
