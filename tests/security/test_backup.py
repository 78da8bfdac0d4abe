"""BAK-1: everything, history included, survives an export and an import with no difference.

The demo company (two published versions with their PDFs, reviews, members, the history of
every change) is exported with `dumpdata`, imported with `loaddata` into a new, empty SQLite
database in another process, exported again from there, and the two exports compared byte
for byte. On the PostgreSQL run of the suite this is a round trip from PostgreSQL to SQLite.

Django's JSON format rounds times to the millisecond and its XML format strips the ends of
texts; the project's "json" format (policyhub/serialization.py) loses neither.
"""

import base64
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
# Rebuilt by `migrate` in the new database; everything else is the operator's data.
REBUILT = ["contenttypes", "auth.permission", "sessions"]
DUMP = ["dumpdata", "--natural-foreign", "--natural-primary", "--indent=1"]
DUMP += [f"--exclude={label}" for label in REBUILT]


def export() -> str:
    out = io.StringIO()
    call_command(*DUMP, stdout=out)
    return out.getvalue()


def models(dump: str) -> Counter:
    return Counter(o["model"] for o in json.loads(dump))


def manage(*args, database: Path) -> str:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.mark.unscoped_queries_allowed("dumps and restores every company's rows")
def test_export_and_import_of_everything_changes_nothing(demo, tmp_path):
    exported = export()
    counts = models(exported)
    assert counts["policies.policyversion"] == 2 and counts["policies.versionrendering"] == 4
    assert counts["policies.historicalrecipient"] > 0  # the history is in the export
    assert re.search(r'"history_date": "[^"]+\.\d{6}Z"', exported)  # to the microsecond
    fixture = tmp_path / "everything.json"
    fixture.write_text(exported, encoding="utf-8")

    database = tmp_path / "restored.sqlite3"
    manage("migrate", "--no-input", "-v0", database=database)
    manage("loaddata", str(fixture), "-v0", database=database)
    restored = manage(*DUMP, database=database)

    assert models(restored) == counts
    assert restored == exported
    for o in json.loads(restored):  # the PDFs' bytes are the ones hashed at publishing
        if o["model"] == "policies.versionrendering":
            pdf = base64.b64decode(o["fields"]["pdf"])
            assert hashlib.sha256(pdf).hexdigest() == o["fields"]["pdf_sha256"]
