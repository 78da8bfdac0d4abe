"""The consent endpoint: a choice from the company's declared website is stored as an
append-only record; anything forged, oversized, foreign or replayed is refused with a clear
status and stores nothing. No PolicyHub cookie is read or set."""

import json
import threading
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, connections, transaction
from django.test import Client

from consent.models import ConsentRecord
from policies import answers_format
from policies.services import document_create
from tests.consent.conftest import ENDPOINT, SITE, choice, publish_with, send, state

pytestmark = pytest.mark.unscoped_queries_allowed("reads the demo's consent records directly")


def test_a_choice_is_stored_with_what_the_visitor_was_shown(demo):
    current = state()
    sent = choice(choice="custom", accepted=["necessary", "analytics"], rejected=["marketing"])
    response = send(sent, address="203.0.113.57")
    assert response.status_code == 201
    assert response["Access-Control-Allow-Origin"] == SITE
    assert "Set-Cookie" not in response.headers and not response.cookies
    record = ConsentRecord.objects.get()
    assert str(record.consent_id) == sent["consent_id"]
    assert (record.tenant, record.document) == (demo.tenant, demo)
    assert record.choice == "custom"
    assert (record.accepted, record.rejected) == (["necessary", "analytics"], ["marketing"])
    assert (record.version, record.revision, record.config_hash) == (
        current.version,
        current.revision,
        current.hash,
    )
    assert (record.language, record.origin) == ("en", SITE)
    assert record.address == "203.0.113.0"  # the last byte never stored


def test_an_ipv6_address_is_kept_to_its_first_48_bits(demo):
    assert send(choice(), address="2001:db8:abcd:12:1:2:3:4").status_code == 201
    assert ConsentRecord.objects.get().address == "2001:db8:abcd::"


def test_a_visitor_who_changes_the_choice_adds_a_record(demo):
    first = choice()
    send(first)
    send(
        {
            **first,
            "choice": "reject_all",
            "accepted": ["necessary"],
            "rejected": ["analytics", "marketing"],
        }
    )
    records = ConsentRecord.objects.order_by("created_at", "id")
    assert [r.choice for r in records] == ["accept_all", "reject_all"]
    assert {str(r.consent_id) for r in records} == {first["consent_id"]}


def bad(**changes):
    return pytest.param(changes, id="-".join(changes) or "none")


@pytest.mark.parametrize(
    ("changes", "status", "reason"),
    [
        (
            {"accepted": ["necessary", "analytics", "marketing", "tracking"]},
            400,
            "Unknown cookie category",
        ),
        ({"accepted": ["necessary", "analytics"]}, 400, "either accepted or refused"),
        (
            {"accepted": ["analytics", "marketing"], "rejected": ["necessary"], "choice": "custom"},
            400,
            "cannot be refused",
        ),
        ({"choice": "reject_all"}, 400, "does not match"),
        ({"choice": "maybe"}, 400, "Unknown choice"),
        ({"consent_id": "1234"}, 400, "not a UUID"),
        ({"hash": "0" * 64}, 400, "not served for this document"),
        ({"revision": 99}, 400, "not served for this document"),
        ({"version": "2"}, 400, "positive numbers"),
        ({"language": "de"}, 400, "Nezināma josla vai valoda"),
        ({"accepted": "necessary"}, 400, "lists of names"),
        ({"rejected": ["marketing", "marketing"]}, 400, "named twice"),
        ({"extra": "field"}, 400, "exactly these fields"),
    ],
)
def test_a_forged_choice_is_refused_and_nothing_stored(demo, changes, status, reason):
    response = send(choice(**changes))
    assert response.status_code == status
    assert reason in response.json()["error"]
    assert not ConsentRecord.objects.exists()


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        "[1, 2]",
        json.dumps({"consent_id": "0fd82aac-23fd-4021-aefb-3166e9a395b5"}),
        "\xff",
    ],
)
def test_a_body_that_is_not_a_choice_is_refused(demo, raw):
    assert send(None, raw=raw).status_code == 400
    assert not ConsentRecord.objects.exists()


def test_an_oversized_body_is_refused_unread(demo):
    response = send(None, raw=json.dumps({**choice(), "padding": "x" * 5000}))
    assert response.status_code == 413
    assert not ConsentRecord.objects.exists()


@pytest.mark.parametrize("origin", ["https://evil.test", "https://zalaisdarzs.lv", "null", ""])
def test_a_foreign_origin_is_refused(demo, origin):
    response = send(choice(), origin=origin)
    assert response.status_code == 403
    assert "Access-Control-Allow-Origin" not in response.headers
    assert not ConsentRecord.objects.exists()


@pytest.mark.parametrize(
    "url", ["/p/demo/nav-tada/consent/", "/p/nav-tada/privatuma-politika/consent/"]
)
def test_unknown_documents_are_not_found(demo, url):
    assert send(choice(), url=url).status_code == 404
    assert not ConsentRecord.objects.exists()


def second_document(demo):
    """Another published document of the demo company, with the same answers."""
    other = document_create(tenant=demo.tenant, slug="lietotnes-politika", by=None)
    answers_format.import_into(other, answers_format.export(demo))
    publish_with(other)
    return other


def test_a_consent_id_of_another_document_is_refused(demo):
    second_document(demo)
    first = choice()
    assert send(first).status_code == 201
    replayed = {**choice(state("lietotnes-politika")), "consent_id": first["consent_id"]}
    response = send(replayed, url="/p/demo/lietotnes-politika/consent/")
    assert response.status_code == 409
    assert ConsentRecord.objects.count() == 1


def at_once(posts) -> list[int]:
    """Each (body, url) sent from a thread of its own, all at the same moment; the statuses."""
    barrier = threading.Barrier(len(posts))
    statuses = []

    def post(body, url):
        try:
            barrier.wait()
            statuses.append(send(body, url=url).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=item) for item in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs real concurrent connections: the SQLite test database is in memory",
)
def test_one_consent_id_sent_to_two_documents_at_once_is_stored_for_one(
    demo, append_only_lifted_for_cleanup
):
    second_document(demo)
    bodies = {
        "privatuma-politika": choice(),
        "lietotnes-politika": choice(state("lietotnes-politika")),
    }
    for _round in range(10):
        consent_id = str(uuid.uuid4())
        statuses = at_once(
            [
                ({**body, "consent_id": consent_id}, f"/p/demo/{slug}/consent/")
                for slug, body in bodies.items()
            ]
        )
        assert sorted(statuses) == [201, 409]
        stored = ConsentRecord.objects.filter(consent_id=consent_id)
        assert stored.values("document").distinct().count() == 1


def test_too_many_choices_from_one_address_are_refused(demo, settings):
    settings.CONSENT_RATE_LIMIT = 3
    statuses = [send(choice(), address="198.51.100.7").status_code for _ in range(4)]
    assert statuses == [201, 201, 201, 429]
    # Another household is not held back.
    assert send(choice(), address="198.51.101.7").status_code == 201
    assert ConsentRecord.objects.count() == 4


def test_the_preflight_answers_only_the_declared_websites(demo):
    allowed = Client().options(
        ENDPOINT, headers={"origin": SITE, "access-control-request-method": "POST"}
    )
    assert allowed.status_code == 204
    assert allowed["Access-Control-Allow-Origin"] == SITE
    assert allowed["Access-Control-Allow-Methods"] == "POST"
    foreign = Client().options(ENDPOINT, headers={"origin": "https://evil.test"})
    assert foreign.status_code == 403
    assert "Access-Control-Allow-Origin" not in foreign.headers


def test_the_endpoint_only_takes_choices(demo):
    assert Client().get(ENDPOINT).status_code == 405


def test_no_csrf_token_is_needed_and_no_cookie_is_read(demo):
    client = Client(enforce_csrf_checks=True)
    client.cookies["__Host-sessionid"] = "forged"
    response = client.post(
        ENDPOINT, json.dumps(choice()), content_type="text/plain", headers={"origin": SITE}
    )
    assert response.status_code == 201
    assert not response.cookies


def test_records_are_append_only(demo):
    send(choice())
    record = ConsentRecord.objects.get()
    record.choice = "reject_all"
    with pytest.raises(ValidationError, match="nevar ne mainīt, ne dzēst"):
        record.save()
    with pytest.raises(ValidationError):
        ConsentRecord.objects.update(choice="reject_all")
    with pytest.raises(ValidationError):
        record.delete()
    for statement in (
        "UPDATE consent_consentrecord SET choice = 'reject_all'",
        "DELETE FROM consent_consentrecord",
    ):
        with (
            pytest.raises(DatabaseError, match="consent records are append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert ConsentRecord.objects.get().choice == "accept_all"


def test_a_banner_served_before_a_new_version_is_still_recorded_as_such(demo):
    before = state()
    publish_with(demo, tool="meta_pixel")
    assert state().revision == before.revision + 1
    assert send(choice(before)).status_code == 201
    record = ConsentRecord.objects.get()
    assert (record.version, record.revision) == (before.version, before.revision)
