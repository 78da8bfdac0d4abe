"""ISO-5: the unscoped-query guard (tests/scoping.py) catches what it should, and only that."""

import importlib
import inspect
import threading

import pytest
from django.db import connection

from policies.models import Document
from policies.services import document_create
from tenants.models import Membership
from tests import scoping
from tests.scoping_allowlist import ALLOWLIST

DOC = '"policies_document"'
COLUMNS = f'{DOC}."id", {DOC}."slug", {DOC}."tenant_id"'


def outcome(sql: str) -> str:
    verdict = scoping.verdict(sql)
    if verdict.unscoped:
        return "unscoped"
    if verdict.by_row:
        return "by id"
    return "scoped" if verdict.touched else "no company table"


def test_company_tables_come_from_the_foreign_keys():
    tables, root = scoping.company_tables()
    assert root == "tenants_tenant"
    for name in (
        "tenants_membership",
        "tenants_invitation",
        "tenants_historicaltenant",
        "policies_document",
        "policies_historicaldocument",
        "policies_datacategory",
        "policies_purpose_categories",
        "policies_historicalpurpose_categories",
        "policies_policyversion",
        "policies_versionrendering",
    ):
        assert name in tables, name
    assert not {"accounts_user", "django_session", "auth_group"} & set(tables)
    assert tables["policies_datacategory"].scope == {"tenant_id", "document_id"}
    assert tables["policies_datacategory"].own == {"id"}
    assert tables["policies_versionrendering"].scope == {"tenant_id", "version_id"}
    assert tables["policies_purpose_categories"].scope == {"purpose_id", "datacategory_id"}
    assert tables["policies_historicaldocument"].own == {"history_id", "id"}
    assert tables["tenants_historicaltenant"].scope == {"id"}  # a company's own history
    assert tables["tenants_tenant"].scope == {"id", "slug"}


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        (f'SELECT {COLUMNS} FROM {DOC} WHERE {DOC}."tenant_id" = %s', "scoped"),
        (f'SELECT {COLUMNS} FROM {DOC} WHERE {DOC}."tenant_id" = ?', "scoped"),
        (f'SELECT {COLUMNS} FROM {DOC} WHERE {DOC}."tenant_id" = $1', "scoped"),
        (f'SELECT {COLUMNS} FROM {DOC} WHERE ({DOC}."tenant_id" IN (%s, %s))', "scoped"),
        (f'SELECT COUNT(*) AS "__count" FROM {DOC}', "unscoped"),
        (f'SELECT {COLUMNS} FROM {DOC} ORDER BY {DOC}."tenant_id"', "unscoped"),
        (f'SELECT {COLUMNS} FROM {DOC} WHERE {DOC}."slug" = %s', "unscoped"),
        (
            f'SELECT {COLUMNS} FROM {DOC} WHERE ({DOC}."tenant_id" = %s OR {DOC}."slug" = %s)',
            "unscoped",
        ),
        (f'SELECT {COLUMNS} FROM {DOC} WHERE NOT ({DOC}."tenant_id" = %s)', "unscoped"),
        (f'SELECT {COLUMNS} FROM {DOC} WHERE {DOC}."tenant_id" NOT IN (%s)', "unscoped"),
        (f'SELECT {COLUMNS} FROM {DOC} WHERE {DOC}."tenant_id" > %s', "unscoped"),
        (f'SELECT {COLUMNS} FROM {DOC} WHERE {DOC}."id" = %s', "by id"),
        (
            # the public pages: the company pinned by the slug in the address, through a join
            f'SELECT {COLUMNS} FROM {DOC} INNER JOIN "tenants_tenant" '
            f'ON ({DOC}."tenant_id" = "tenants_tenant"."id") '
            f'WHERE ("tenants_tenant"."slug" = %s AND {DOC}."slug" = %s)',
            "scoped",
        ),
        (
            # a join on the company's id, but no company chosen
            f'SELECT {COLUMNS} FROM {DOC} INNER JOIN "tenants_tenant" '
            f'ON ({DOC}."tenant_id" = "tenants_tenant"."id") WHERE "tenants_tenant"."country" = %s',
            "unscoped",
        ),
        (
            # rows of a document, and the document they belong to
            'SELECT "policies_service"."id" FROM "policies_service" '
            f'INNER JOIN {DOC} ON ("policies_service"."document_id" = {DOC}."id") '
            f'WHERE {DOC}."tenant_id" = %s',
            "scoped",
        ),
        (
            # a join on a user column says nothing about the company
            'SELECT "policies_reviewnote"."id" FROM "policies_reviewnote" '
            f'INNER JOIN {DOC} ON ("policies_reviewnote"."author_id" = {DOC}."created_by_id") '
            f'WHERE {DOC}."tenant_id" = %s',
            "unscoped",
        ),
        (
            # a left join does not narrow the table on its left
            'SELECT "policies_service"."id" FROM "policies_service" '
            f'LEFT OUTER JOIN {DOC} ON ("policies_service"."document_id" = {DOC}."id" '
            f'AND {DOC}."tenant_id" = %s)',
            "unscoped",
        ),
        (
            f'SELECT {COLUMNS} FROM {DOC} WHERE {DOC}."tenant_id" IN '
            '(SELECT U0."id" FROM "tenants_tenant" U0 WHERE U0."slug" = %s)',
            "scoped",
        ),
        (
            f'SELECT {COLUMNS} FROM {DOC} WHERE {DOC}."tenant_id" IN '
            '(SELECT U0."id" FROM "tenants_tenant" U0)',
            "unscoped",
        ),
        (
            # a correlated subquery is pinned by the row it belongs to
            f'SELECT {COLUMNS}, EXISTS(SELECT 1 AS "a" FROM "policies_reviewnote" U0 '
            f'WHERE U0."document_id" = ({DOC}."id") LIMIT 1) AS "noted" '
            f'FROM {DOC} WHERE {DOC}."tenant_id" = %s',
            "scoped",
        ),
        (
            # a condition inside EXISTS, under OR, does not narrow the outer table
            f'SELECT {COLUMNS} FROM {DOC} WHERE ({DOC}."slug" = %s OR EXISTS(SELECT 1 AS "a" '
            'FROM "policies_reviewnote" U0 WHERE (U0."tenant_id" = %s '
            f'AND U0."document_id" = ({DOC}."id")) LIMIT 1))',
            "unscoped",
        ),
        (
            f'SELECT {COLUMNS} FROM {DOC} WHERE EXISTS(SELECT 1 AS "a" '
            f'FROM "policies_reviewnote" U0 WHERE {DOC}."tenant_id" = %s LIMIT 1)',
            "unscoped",
        ),
        (
            f'SELECT {COLUMNS}, (SELECT COUNT(*) FROM "policies_reviewnote" U0) AS "n" '
            f'FROM {DOC} WHERE {DOC}."tenant_id" = %s',
            "unscoped",
        ),
        (
            'SELECT COUNT(*) FROM (SELECT DISTINCT "policies_policyversion"."id" AS "col1" '
            'FROM "policies_policyversion" WHERE "policies_policyversion"."document_id" = %s) '
            "subquery",
            "scoped",
        ),
        (f'UPDATE {DOC} SET "english" = %s WHERE {DOC}."id" = %s', "by id"),
        (f'UPDATE {DOC} SET "tenant_id" = %s WHERE {DOC}."tenant_id" = %s', "scoped"),
        (f'UPDATE {DOC} SET "tenant_id" = %s', "unscoped"),
        (f'DELETE FROM {DOC} WHERE {DOC}."id" IN (%s, %s)', "by id"),
        (
            'DELETE FROM "policies_purpose_categories" '
            'WHERE "policies_purpose_categories"."purpose_id" IN (%s)',
            "scoped",
        ),
        (f"DELETE FROM {DOC}", "unscoped"),
        (f'TRUNCATE {DOC}, "accounts_user"', "unscoped"),
        ("UPDATE policies_document SET english = 0 WHERE tenant_id = %s", "scoped"),
        ("DELETE FROM policies_document WHERE slug = 'x'", "unscoped"),
        (f'INSERT INTO {DOC} ("slug", "tenant_id") VALUES (%s, %s)', "no company table"),
        (
            f'INSERT INTO "new__policies_document" ("id") SELECT "id" FROM {DOC}',
            "unscoped",
        ),
        ('SELECT "accounts_user"."id" FROM "accounts_user"', "no company table"),
        ('SELECT "tenants_tenant"."id" FROM "tenants_tenant"', "no company table"),
        ('SAVEPOINT "s1_x1"', "no company table"),
    ],
)
def test_the_analysis_of_sql(sql, expected):
    assert outcome(sql) == expected


def test_shapes_fold_parameter_lists_and_savepoints():
    assert scoping.shape('SELECT 1 FROM "t" WHERE "t"."id" IN (%s, %s,\n %s)') == (
        'SELECT 1 FROM "t" WHERE "t"."id" IN (%s, …)'
    )
    assert scoping.shape('RELEASE SAVEPOINT "s140_x12"') == 'RELEASE SAVEPOINT "s_x"'


@pytest.fixture
def document(company, owner):
    return document_create(tenant=company, slug="politika", by=owner)


def test_an_unscoped_query_is_caught_with_its_sql_and_line(document):
    with scoping.expect_unscoped() as caught:
        line = inspect.currentframe().f_lineno + 1
        count = Document.objects.count()
    assert count == 1
    assert len(caught) == 1
    message = str(caught[0])
    assert 'SELECT COUNT(*) AS "__count" FROM "policies_document"' in message
    assert "company tables without a company predicate: policies_document" in message
    assert f"tests/test_scoping.py:{line} in test_an_unscoped_query_is_caught" in message


def test_reading_every_row_of_a_company_table_is_caught(document):
    with scoping.expect_unscoped() as caught:
        list(Document.objects.all())
        list(Membership.objects.filter(role="owner"))
    assert [set(v.verdict.unscoped) for v in caught] == [
        {"policies_document"},
        {"tenants_membership"},
    ]


def test_queries_scoped_by_the_company_pass(document, company):
    with scoping.expect_unscoped() as caught:
        assert Document.objects.for_tenant(company).count() == 1
        assert list(document.data_categories.all()) == []
        assert document.controller.document_id == document.pk
        assert Document.objects.filter(tenant__slug="alfa").exists()
    assert caught == []


def test_a_loaded_row_may_be_saved_and_followed_by_its_id(document):
    with scoping.expect_unscoped() as caught:
        document.english = False
        document.save()
        document.refresh_from_db()
        part = document.controller
        del part._state.fields_cache["document"]
        assert part.document.pk == document.pk
    assert caught == []


def test_an_update_by_id_that_loaded_nothing_is_caught(document):
    with scoping.expect_unscoped() as caught:
        Document.objects.filter(pk=document.pk).update(english=False)
        Document.objects.filter(pk=document.pk).first()
    assert len(caught) == 2
    assert all(v.verdict.by_row == {"policies_document"} for v in caught)


def test_a_failed_check_fails_the_test_with_the_report(document):
    with scoping.expect_unscoped() as caught:
        Document.objects.count()
    scoping._GUARD.violations[("shape", "caller")] = caught[0]
    with pytest.raises(pytest.fail.Exception) as failure:
        scoping._check("the test")
    text = str(failure.value)
    assert "ISO-5: 1 unscoped query on company tables during the test" in text
    assert 'FROM "policies_document"' in text
    assert "tests/test_scoping.py:" in text
    assert "unscoped_queries_allowed" in text


@pytest.mark.unscoped_queries_allowed("checks that a marked test may read across companies")
def test_a_marked_test_may_read_across_companies(document):
    assert Document.objects.count() == 1
    assert scoping.pending() == []


def test_test_code_may_read_across_companies_inside_allow_unscoped(document):
    with scoping.allow_unscoped("counts every company's documents"):
        assert Document.objects.count() == 1
    assert scoping.pending() == []
    with pytest.raises(ValueError):
        scoping.allow_unscoped(" ")


@pytest.mark.unscoped_queries_allowed("checks that application code is still checked")
def test_in_a_marked_test_the_applications_queries_are_still_checked(document):
    probe = {}
    path = str(scoping.ROOT / "policies" / "probe.py")  # code the guard takes for the app's
    exec(compile("def read(): return Document.objects.count()", path, "exec"), probe)
    probe["Document"] = Document
    with scoping.expect_unscoped() as caught:
        probe["read"]()
    assert len(caught) == 1
    assert str(caught[0].caller).startswith("policies/probe.py:1 in read")


def test_queries_in_other_threads_are_checked(append_only_lifted_for_cleanup, company, owner):
    document_create(tenant=company, slug="politika", by=owner)
    counts = []

    def read():
        try:
            counts.append(Document.objects.count())
        finally:
            connection.close()

    with scoping.expect_unscoped() as caught:
        thread = threading.Thread(target=read, name="reader")
        thread.start()
        thread.join()
    assert counts == [1]
    assert len(caught) == 1 and caught[0].thread == "reader"


def _resolves(name: str) -> bool:
    module_name, _, qualname = name.partition(":")
    try:
        target = importlib.import_module(module_name.rstrip("."))
    except ImportError:
        return False
    for part in qualname.split(".<locals>")[0].split(".") if qualname else []:
        target = getattr(target, part, None)
        if target is None:
            return False
    return True


def test_the_loaded_row_rule_names_code_that_exists():
    assert all(_resolves(name) for name in scoping.LOADED_ROW_ORIGINS)


@pytest.mark.parametrize("entry", ALLOWLIST, ids=lambda entry: entry.where)
def test_every_allowlist_entry_names_existing_code_and_company_tables(entry):
    assert _resolves(entry.where), entry.where
    assert entry.tables and entry.tables <= set(scoping.company_tables()[0])
    assert len(entry.reason) > 20
