"""The editors' side, timed in one process: every wizard step's page with 20 rows in each
repeating step, the document's page, the preview, and publishing with both PDFs.

    .venv/bin/python bench/wizard_steps.py [--rows 20] [--repeat 15] [--database-url URL]

The database is a fresh SQLite file unless --database-url names another (a PostgreSQL one is
created anew). Each page is requested once to warm up, then `--repeat` times; the report has
the median and the slowest time, and the SQL queries, per page. It is printed and written to
bench/wizard-last-run.md.
"""

import argparse
import copy
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=20, help="rows in each repeating step")
    parser.add_argument("--repeat", type=int, default=15, help="timed requests per page")
    parser.add_argument("--database-url", help="default: a new SQLite file")
    return parser.parse_args()


def many_rows(answers: dict, rows: int) -> dict:
    """The demo answers with `rows` rows in every repeating step."""
    answers = copy.deepcopy(answers)

    def grow(items, make):
        base = list(items)
        while len(items) < rows:
            items.append(make(copy.deepcopy(base[len(items) % len(base)]), len(items) + 1))
        del items[rows:]

    def numbered(row, n, key, prefix):
        row[key] = (
            {k: f"{v} {n}" for k, v in row[key].items()}
            if isinstance(row[key], dict)
            else f"{row[key]} {n}"
        )
        if prefix:
            row["ref"] = f"{prefix}-{n}"
        return row

    grow(
        answers["data"],
        lambda r, n: numbered(
            {**r, "code": "custom", "label": {"lv": "Dati", "en": "Data"}}, n, "label", "data"
        ),
    )
    grow(
        answers["purposes"],
        lambda r, n: numbered(
            {**r, "code": "custom", "label": {"lv": "Nolūks", "en": "Purpose"}, "categories": []},
            n,
            "label",
            "purpose",
        ),
    )
    grow(answers["recipients"]["items"], lambda r, n: numbered(r, n, "name", None))
    grow(
        answers["retention"],
        lambda r, n: {**r, "category": f"data-{n}", "purpose": None, "label": {"lv": "", "en": ""}},
    )
    grow(answers["scope"]["services"], lambda r, n: numbered(r, n, "name", None))
    grow(answers["cookies"]["items"], lambda r, n: numbered(r, n, "name", None))
    return answers


def main():
    args = parse_args()
    folder = tempfile.mkdtemp(prefix="policyhub-wizard-bench-")
    os.environ.setdefault("DATABASE_URL", args.database_url or f"sqlite:///{folder}/bench.sqlite3")
    os.environ.setdefault("DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "policyhub.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["testserver"]
    if connection.vendor == "postgresql":
        from django.test.utils import get_runner  # noqa: F401  (created anew below)

        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    else:
        call_command("migrate", verbosity=0)

    from bench.data import demo_answers
    from policies import answers_format, publishing
    from policies.services import document_create
    from policies.wizard.steps import STEP_KEYS
    from tenants import services

    owner, tenant = services.user_signup(
        email="owner@bench.test",
        full_name="Bench Owner",
        password="bench-parole-2026",
        legal_name='SIA "Bench"',
        slug="bench",
        country="LV",
    )
    document = document_create(tenant=tenant, slug="politika", by=owner)
    answers_format.import_into(document, many_rows(demo_answers(), args.rows), by=owner)
    client = Client()
    client.force_login(owner)
    base = "/t/bench/documents/politika/"
    pages = [(f"step: {key}", f"{base}wizard/{key}/") for key in STEP_KEYS]
    pages += [("document page", base), ("preview", base + "preview/")]
    rows = []
    for label, url in pages:
        assert client.get(url).status_code == 200, url  # warm-up
        times = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, url
        rows.append((label, statistics.median(times), max(times), len(queries)))

    tenant.approval_required = False
    tenant.save()
    start = time.perf_counter()
    publishing.publish(document=document, by=owner)
    published_ms = (time.perf_counter() - start) * 1000

    lines = [
        "# Wizard steps and publishing, timed in one process",
        "",
        f"`.venv/bin/python bench/wizard_steps.py --rows {args.rows} --repeat {args.repeat}`"
        f" on {connection.vendor}, {args.rows} rows in each repeating step.",
        "",
        "| page | median ms | slowest ms | SQL queries |",
        "| --- | ---: | ---: | ---: |",
        *[
            f"| {label} | {median:.1f} | {worst:.1f} | {count} |"
            for label, median, worst, count in rows
        ],
        "",
        f"Publishing (both languages, both PDFs, the stored diff): {published_ms:,.0f} ms.",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    (ROOT / "bench" / "wizard-last-run.md").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
