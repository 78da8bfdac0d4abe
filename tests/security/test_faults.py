"""FAULT-1: a database error at any query of saving, approving or publishing leaves no
partial state, shows the generic error page, and the next attempt succeeds.

Each flow is first run once, and undone, to count its K queries and to see the state it
leaves; then, for every n in 1..K, the same request runs with the n-th query failing
(`OperationalError`, as a lost connection raises). The database must then be exactly as
before, or exactly as after a successful run: a failure after the commit, when the session is
saved, leaves the saved work in place (and the person sees an error page). The clock stands
still, and generated keys (ids, UUIDs) are left out of the comparison, as PostgreSQL's
sequences do not roll back. FAULT-2 (the disk filling up) does not apply:
PDFs are stored in the database with their version, in the same transaction.
"""

import datetime
import json
from functools import partial

import pytest
from django.db import OperationalError, connection, transaction
from django.test.utils import CaptureQueriesContext

from policies import answers_format, review
from policies.models import PolicyVersion
from policies.services import document_create
from tests.policies.test_publish import DEMO, approve
from tests.policies.test_wizard import controller_data
from tests.security.conftest import fingerprint

DOC = "/t/alfa/documents/privatuma-politika/"


class FailAt:
    """An execute wrapper that fails the n-th query."""

    def __init__(self, n: int):
        self.n, self.seen = n, 0

    def __call__(self, execute, sql, params, many, context):
        self.seen += 1
        if self.seen == self.n:
            raise OperationalError(f"injected failure at query {self.n}")
        return execute(sql, params, many, context)


def content() -> dict[str, str]:
    return fingerprint(generated_keys=False)


class Undo(Exception):
    pass


def undone(run):
    """Run, note what it returns, then roll the database back to where it was."""
    result = None
    try:
        with transaction.atomic():
            result = run()
            raise Undo
    except Undo:
        return result


def inject_everywhere(client, send) -> int:
    """Fail each query of the flow in turn; return K, the number of injection points."""
    client.raise_request_exception = False
    before = content()

    def clean_run():
        with CaptureQueriesContext(connection) as queries:
            assert send().status_code == 302
        return len(queries), content()

    points, after = undone(clean_run)
    assert points > 5 and after != before
    for n in range(1, points + 1):

        def failing_run(n=n):
            with connection.execute_wrapper(FailAt(n)):
                response = send()
            return response, content()

        response, state = undone(failing_run)
        assert response.status_code >= 400, f"query {n} of {points} failed unseen"
        assert b"Traceback" not in response.content and b"injected" not in response.content
        assert state in (before, after), f"partial state after a failure at query {n}"
    print(f"FAULT-1: {points} of {points} injection points left no partial state")
    return points


@pytest.fixture(autouse=True)
def _clock_stands_still(time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def document(company, owner):
    return document_create(tenant=company, slug="privatuma-politika", by=owner)


@pytest.fixture
def demo_answers(document):
    answers_format.import_into(document, json.loads(DEMO.read_text(encoding="utf-8")))
    return document


def test_saving_a_wizard_step(editor, login, document):
    client = login(editor)
    send = partial(client.post, DOC + "wizard/controller/", controller_data(action="next"))
    inject_everywhere(client, send)
    assert send().status_code == 302


def test_approving(demo_answers, editor, reviewer, login):
    review.submit(document=demo_answers, by=editor)
    client = login(reviewer)
    send = partial(
        client.post, DOC + "review/do/approve/", {"seen_hash": review.draft_hash(demo_answers)}
    )
    inject_everywhere(client, send)
    assert send().status_code == 302
    demo_answers.refresh_from_db()
    assert demo_answers.review_status == "approved"


@pytest.mark.unscoped_queries_allowed("finds the one version stored by reading the table")
def test_publishing(demo_answers, editor, reviewer, owner, login):
    approve(demo_answers, editor, reviewer)
    client = login(owner)
    send = partial(client.post, DOC + "publish/", {"note": ""})
    inject_everywhere(client, send)
    assert send().status_code == 302
    version = PolicyVersion.objects.get()
    assert version.renderings.count() == 2
