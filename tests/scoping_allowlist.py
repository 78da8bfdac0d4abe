"""Queries on company tables without a company predicate that are right as they are (ISO-5).

Each entry names where the query comes from, the tables it may read or change, and why
that is safe. `tests/scoping.py` explains how entries are matched.
"""

from tests.scoping import Allowed, company_tables

ALL = frozenset(company_tables()[0])
MEMBERSHIPS = frozenset({"tenants_membership"})
INVITATIONS = frozenset({"tenants_invitation"})
SECURITY_LOG = frozenset({"audit_auditevent"})
CONSENT = frozenset({"consent_consentrecord", "tenants_tenant"})

SCANS = frozenset({"scans_websitescan"})

ALLOWLIST: list[Allowed] = [
    Allowed(
        "django.db.migrations.",
        ALL,
        "Migrations change whole tables (SQLite rebuilds a table by copying every row); they "
        "run before any request and serve no company.",
    ),
    Allowed(
        "django.core.management.commands.flush:",
        ALL,
        "Emptying the test database between transactional tests.",
    ),
    Allowed(
        "django.contrib.admin.",
        ALL,
        "The admin is for site staff (superusers only) and shows every company by design.",
    ),
    Allowed(
        "django.db.models.fields.related:ForeignKey.validate",
        ALL,
        "Model validation re-checks that a chosen row exists, by its id; the form field "
        "already took the id from the document's own rows (a query the guard checks).",
    ),
    Allowed(
        "tenants.services:invitation_for_token",
        INVITATIONS,
        "An invitation link is looked up by the hash of its token before anyone knows the "
        "company: the token is the credential, global by design.",
    ),
    Allowed(
        "tenants.services:invitation_accept",
        INVITATIONS,
        "Locks, by its id, the invitation just found by its token, before accepting it.",
    ),
    Allowed(
        "django.db.models.base:Model._perform_unique_checks",
        MEMBERSHIPS | INVITATIONS,
        "full_clean() checks that a generated code or token hash is unused in the whole "
        "table, as the database's unique constraint does; it learns only whether a random "
        "value exists.",
    ),
    Allowed(
        "tenants.views:home",
        MEMBERSHIPS,
        "The signed-in user's own memberships, in every company they belong to: where to go "
        "after log-in.",
    ),
    Allowed(
        "tenants.views:companies",
        MEMBERSHIPS,
        "The signed-in user's own memberships: the list of their companies.",
    ),
    Allowed(
        "tenants.context_processors:companies.<locals>.<lambda>",
        MEMBERSHIPS,
        "The signed-in user's own memberships: the company switcher.",
    ),
    Allowed(
        "tenants.offboarding:_users",
        MEMBERSHIPS,
        "Offboarding a company (BAK-4, an operator's command) keeps the accounts of its users "
        "who are members of another company: it asks that across companies, by design.",
    ),
    Allowed(
        "tenants.offboarding:_referred_elsewhere",
        ALL,
        "Offboarding a company (BAK-4, an operator's command) keeps the accounts that other "
        "companies' rows still name (history, approvals): it looks for those users in every "
        "company table, by design.",
    ),
    Allowed(
        "audit.retention:purge",
        SECURITY_LOG,
        "The security log's retention period holds for every company's events alike: the purge "
        "deletes by age across the whole log (an operator's command).",
    ),
    Allowed(
        "policies.management.commands.loaddata:Command.handle",
        ALL,
        "Restoring a backup (an operator's command) loads every company's rows, and on "
        "PostgreSQL sets each table's sequence past its largest id.",
    ),
    Allowed(
        "consent.records:record",
        frozenset({"consent_consentrecord"}),
        "A consent ID is the visitor's own, made by their browser: one sent for another "
        "document, of any company, is refused (a replay). The query reads whether such a "
        "record exists, never a row's content.",
    ),
    Allowed(
        "consent.retention:purge",
        CONSENT,
        "The consent records' retention holds for every company, each with its own period: "
        "the daily purge (an operator's command) finds the companies with old records and "
        "deletes, per company, those older than its period.",
    ),
    Allowed(
        "registers.clients:index",
        MEMBERSHIPS,
        "The signed-in user's own memberships, in every company they belong to: the list of "
        "their clients' registers (each register is then read for its own company).",
    ),
    Allowed(
        "scans.runner:run",
        SCANS,
        "The worker's task takes the scan by the id stored when a company member queued it "
        "(a task has no request and no company of its own), and updates that one row.",
    ),
]
