"""The benchmark's database: created fresh, filled through the project's own services for the
measured policies and with bulk inserts for the filler companies.

Import this module only after Django is set up (bench/public_pages.py does it).
"""

import copy
import datetime
import functools
import hashlib
import io
import statistics
import time
from dataclasses import dataclass, field

import psycopg
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from psycopg import sql
from pypdf import PdfReader

from policies import answers_format, publishing
from policies.catalogue import DATA, PROCESSORS_BY_KEY
from policies.models import Document, PolicyVersion, Recipient, VersionRendering
from policies.public import cache as public_cache
from policies.services import document_create
from tenants import services
from tenants.models import Tenant

LARGE_SLUG = "liela-politika"
DOCUMENT_SLUG = "privatuma-politika"
# Copies of every row of the demo answers: 12 make a policy of about 20 PDF pages.
LARGE_COPIES = 12
FILLER_PREFIX = "pildijums"
FILLER_BATCH = 500  # companies per round of inserts
INSERT_BATCH = 5000  # rows per INSERT


@dataclass
class Counts:
    companies: int
    versions: int
    renderings: int
    database_size: str


def recreate_database(url: str, name: str) -> None:
    """DROP DATABASE name (the triggers on versions do not stop it) and CREATE it again."""
    with psycopg.connect(url, dbname="postgres", autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def migrate_and_collect_static() -> None:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def create_demo() -> None:
    """Company `demo` with its policy `privatuma-politika` in two versions."""
    call_command("demo", stdout=io.StringIO())


# ---------------------------------------------------------------------------------------------
# A policy of about 20 pages, in two versions
# ---------------------------------------------------------------------------------------------


def demo_answers() -> dict:
    return answers_format.parse((DATA / "demo_answers.json").read_bytes())


def numbered(texts: dict, n: int) -> dict:
    """A text in each language with the copy's number after it; a blank one stays blank."""
    return {language: f"{text} ({n})" if text else text for language, text in texts.items()}


def multiplied(answers: dict, copies: int) -> dict:
    """The answers with every kind of data, purpose, recipient and retention rule repeated
    `copies` times, numbered; each copy's references point into the same copy."""
    answers = copy.deepcopy(answers)
    data, purposes, recipients, retention = [], [], [], []
    for n in range(1, copies + 1):
        data_refs = {
            row["ref"]: f"data-{len(data) + i}" for i, row in enumerate(answers["data"], 1)
        }
        purpose_refs = {
            row["ref"]: f"purpose-{len(purposes) + i}"
            for i, row in enumerate(answers["purposes"], 1)
        }
        for row in answers["data"]:
            data.append(
                {
                    **row,
                    "ref": data_refs[row["ref"]],
                    "examples": numbered(row["examples"], n),
                }
            )
        for row in answers["purposes"]:
            purposes.append(
                {
                    **row,
                    "ref": purpose_refs[row["ref"]],
                    "description": numbered(row["description"], n),
                    "categories": [data_refs[ref] for ref in row["categories"]],
                }
            )
        for row in answers["recipients"]["items"]:
            recipients.append({**row, "name": {k: f"{v} {n}" for k, v in row["name"].items()}})
        for row in answers["retention"]:
            retention.append({**row, "purpose": purpose_refs.get(row["purpose"])})
    answers.update(data=data, purposes=purposes, retention=retention)
    answers["recipients"]["items"] = recipients
    return answers


def revised(answers: dict) -> dict:
    """Version 2: other processors for some rows, longer periods for others."""
    answers = copy.deepcopy(answers)
    replacements = {"mailchimp": "brevo", "omniva": "itella_smartpost", "stripe": "maksekeskus"}
    for i, row in enumerate(answers["recipients"]["items"]):
        key = replacements.get(row["catalogue_key"])
        if key and i % 2 == 0:
            number = row["name"]["lv"].rsplit(" ", 1)[-1]
            values = answers_format.as_file_row(
                Recipient, PROCESSORS_BY_KEY[key].recipient_values()
            )
            row.update(values, name={"lv": f"{key} {number}", "en": f"{key} {number}"})
    for i, rule in enumerate(answers["retention"]):
        if rule["period"] == 5:
            rule["period"] = 7
        elif rule["period"] == 14 and i % 3 == 0:
            rule["period"] = 26
    answers["cookies"]["tool_keys"] = ["google_analytics", "brevo"]
    return answers


def create_large_policy() -> tuple[str, str]:
    """A company without a reviewer (so it publishes without approval) whose policy of about
    20 pages is published twice; returns (company slug, document slug)."""
    owner, tenant = services.user_signup(
        email=f"owner@{LARGE_SLUG}.test",
        full_name="Anna Liepa",
        password="bench-parole-2026",
        legal_name='SIA "Liela Politika"',
        slug=LARGE_SLUG,
        country="LV",
    )
    document = document_create(tenant=tenant, slug=DOCUMENT_SLUG, by=owner)
    first = multiplied(demo_answers(), LARGE_COPIES)
    for answers, note in [(first, "Pirmā redakcija."), (revised(first), "Citi apstrādātāji.")]:
        answers = answers_format.parse(answers_format.dumps(answers))  # held to the schema
        answers_format.import_into(document, answers, by=owner)
        publishing.publish(document=document, by=owner, note=note)
    return LARGE_SLUG, DOCUMENT_SLUG


def pdf_pages(tenant_slug: str, doc_slug: str, number: int, language: str = "lv") -> int:
    rendering = VersionRendering.objects.get(
        version__tenant__slug=tenant_slug,
        version__document__slug=doc_slug,
        version__number=number,
        language=language,
    )
    return len(PdfReader(io.BytesIO(bytes(rendering.pdf))).pages)


# ---------------------------------------------------------------------------------------------
# Filler companies: bulk inserts with small payloads
# ---------------------------------------------------------------------------------------------

FILLER_PDF = b"%PDF-1.7\n% filler\n%%EOF\n"


def _filler_texts(name: str) -> dict:
    return {
        language: {"title": title, "sections": [{"key": "intro", "title": name, "blocks": []}]}
        for language, title in [("lv", "Privātuma politika"), ("en", "Privacy policy")]
    }


def _filler_versions(tenant, document, count, today, now):
    for number in range(1, count + 1):
        age = datetime.timedelta(days=30 * (count - number + 1))
        digest = hashlib.sha256(f"{tenant.slug}-{number}".encode()).hexdigest()
        yield PolicyVersion(
            tenant=tenant,
            document=document,
            number=number,
            published_at=now - age,
            effective_date=today - age,
            answers={"format": "policyhub-answers", "version": 1},
            texts=_filler_texts(tenant.legal_name),
            content_hash=digest,
            change_summary={"lv": [f"Versija {number}."], "en": [f"Version {number}."]},
        )


def _filler_renderings(version):
    for language, text in version.texts.items():
        yield VersionRendering(
            tenant_id=version.tenant_id,
            version=version,
            language=language,
            title=text["title"],
            html=f"<section><h2>{text['title']}</h2><p>{version.tenant.legal_name}</p></section>",
            pdf=FILLER_PDF,
            pdf_sha256=hashlib.sha256(FILLER_PDF).hexdigest(),
        )


def _insert_fillers(first: int, count: int, versions_each: int) -> None:
    today, now = timezone.localdate(), timezone.now()
    tenants = Tenant.objects.bulk_create(
        Tenant(legal_name=f'SIA "Pildījums {i}"', slug=f"{FILLER_PREFIX}-{i}")
        for i in range(first, first + count)
    )
    documents = Document.objects.bulk_create(
        Document(tenant=tenant, slug=DOCUMENT_SLUG) for tenant in tenants
    )
    versions = PolicyVersion.objects.bulk_create(
        (
            version
            for tenant, document in zip(tenants, documents, strict=True)
            for version in _filler_versions(tenant, document, versions_each, today, now)
        ),
        batch_size=INSERT_BATCH,
    )
    VersionRendering.objects.bulk_create(
        (rendering for version in versions for rendering in _filler_renderings(version)),
        batch_size=INSERT_BATCH,
    )


def fill(companies: int, versions_each: int) -> None:
    """Add filler companies, each with one document of `versions_each` versions, until there
    are `companies` companies."""
    for first in range(Tenant.objects.count(), companies, FILLER_BATCH):
        _insert_fillers(first, min(FILLER_BATCH, companies - first), versions_each)


def vacuum_analyze() -> None:
    """Statistics and visibility maps as autovacuum would leave them in a settled database."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def counts() -> Counts:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        (size,) = cursor.fetchone()
    return Counts(
        companies=Tenant.objects.count(),
        versions=PolicyVersion.objects.count(),
        renderings=VersionRendering.objects.count(),
        database_size=size,
    )


@dataclass
class Queries:
    cached: int  # SQL queries of a GET answered from the public pages' cache
    miss: int  # of a GET after the company's cached pages were forgotten
    miss_ms: float  # median time of such a GET, in-process
    cached_ms: float = 0.0  # median time of a GET answered from the cache, in-process
    cached_sql: list[str] = field(default_factory=list)  # the statements themselves
    miss_sql: list[str] = field(default_factory=list)
    statuses: frozenset[int] = frozenset()  # of every answer


def _timed(send) -> tuple[float, CaptureQueriesContext, int]:
    """Milliseconds, SQL queries and status of one request."""
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        status = send().status_code
    return (time.perf_counter() - started) * 1000, queries, status


def queries_per_request(
    path: str, headers: dict | None = None, misses: int = 25, *, method="get", **request
) -> Queries:
    """SQL queries one GET of `path` makes, counted in-process: once answered from the cache
    (after a first GET), once with the company's cached pages forgotten, as right after
    publishing; and the median time of `misses` such GETs, and of as many from the cache.
    `method` and `request` (the test client's arguments: data, content_type) make it
    another request, e.g. a POST."""
    client = Client(headers={"host": "127.0.0.1", **(headers or {})})
    send = functools.partial(getattr(client, method), path, **request)
    statuses = {send().status_code}
    company = path.split("/")[2]  # /p/<company>/...
    hits, misses_ms = [], []
    for _ in range(misses):
        ms, cached, status = _timed(send)
        hits.append(ms)
        statuses.add(status)
    for _ in range(misses):
        public_cache.forget(company)
        public_cache.local.clear()
        ms, miss, status = _timed(send)
        misses_ms.append(ms)
        statuses.add(status)
    return Queries(
        cached=len(cached),
        miss=len(miss),
        miss_ms=statistics.median(misses_ms),
        cached_ms=statistics.median(hits),
        cached_sql=[query["sql"] for query in cached.captured_queries],
        miss_sql=[query["sql"] for query in miss.captured_queries],
        statuses=frozenset(statuses),
    )


def postgres_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def disconnect() -> None:
    """Close this process's connection: nothing of it stays open while the servers are measured."""
    connection.close()
