"""Two owners pressing Publish at the same moment: exactly one version results."""

import json
import threading
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from policies import answers_format, publishing
from policies.models import Document, PolicyVersion
from policies.services import document_create
from tenants.roles import Role
from tests.factories import MembershipFactory, TenantFactory, UserFactory

DEMO = Path(__file__).resolve().parents[2] / "policies" / "data" / "demo_answers.json"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs real concurrent connections: the SQLite test database is in memory",
)
@pytest.mark.unscoped_queries_allowed("reloads the document by id in threads; reads all versions")
def test_two_publishes_at_once_make_one_version(append_only_lifted_for_cleanup):
    tenant = TenantFactory(approval_required=False)
    owner = MembershipFactory(tenant=tenant, role=Role.OWNER, user=UserFactory()).user
    document = document_create(tenant=tenant, slug="p", by=owner)
    answers_format.import_into(document, json.loads(DEMO.read_text(encoding="utf-8")))

    barrier = threading.Barrier(2)
    outcomes = []

    def press_publish():
        try:
            barrier.wait()
            fresh = Document.objects.get(pk=document.pk)
            outcomes.append(publishing.publish(document=fresh, by=owner).number)
        except ValidationError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press_publish) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(map(str, outcomes)) == ["1", "nothing_new"]
    assert list(PolicyVersion.objects.values_list("number", flat=True)) == [1]
