"""The company's page of a document's consent records and their CSV export: who may see them,
the figures per day, the search by consent ID, the export, and a constant number of queries."""

import csv
import datetime
import io
import json
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consent import banner, records, stats
from consent.chart import ceiling
from consent.dashboard import safe
from consent.models import ConsentRecord
from policies.models import Document
from policies.public import cache
from policies.services import document_create
from tenants.roles import Role
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.unscoped_queries_allowed("reads and adds the demo's rows directly")

RIGA = ZoneInfo("Europe/Riga")
ORIGIN = "https://www.zalaisdarzs.lv"
NOW = datetime.datetime(2027, 3, 15, 12, 0, tzinfo=RIGA)
PAGE = "/t/demo/documents/privatuma-politika/consent/"
CSV = "/t/demo/documents/privatuma-politika/consent.csv"


@pytest.fixture
def demo(db, settings):
    """The demo's published policy with its website declared, and room for many records a
    minute from one address."""
    settings.CONSENT_RATE_LIMIT = 10_000
    call_command("demo")
    document = Document.objects.get(tenant__slug="demo", slug="privatuma-politika")
    document.tenant.embed_origins = [ORIGIN]
    document.tenant.save()
    cache.forget("demo")
    return document


@pytest.fixture
def members(demo):
    """The demo's owner, editor and reviewer, and a viewer added."""
    users = {m.role: m.user for m in demo.tenant.memberships.select_related("user")}
    users[Role.VIEWER] = UserFactory(email="viewer@demo.test")
    MembershipFactory(tenant=demo.tenant, role=Role.VIEWER, user=users[Role.VIEWER])
    return users


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


def state():
    return banner.states("demo", "privatuma-politika")[-1]


def optional():
    return [name for name in state().categories if name != "necessary"]


def make(choice="accept_all", *, at=None, consent_id=None, accepted=None, origin=ORIGIN):
    """A record made as the banner's choice is, through the service."""
    current = state()
    if accepted is None:
        accepted = {
            "accept_all": list(current.categories),
            "reject_all": ["necessary"],
            "custom": ["necessary", optional()[0]],
        }[choice]
    body = {
        "consent_id": str(consent_id or uuid.uuid4()),
        "choice": choice,
        "accepted": accepted,
        "rejected": [name for name in current.categories if name not in accepted],
        "version": current.version,
        "revision": current.revision,
        "hash": current.hash,
        "language": "lv",
    }
    return records.record(
        tenant_slug="demo",
        doc_slug="privatuma-politika",
        origin=origin,
        address="10.1.2.3",
        body=json.dumps(body).encode(),
        at=at,
    )


def at(days_ago, hour=10, minute=0):
    day = NOW.date() - datetime.timedelta(days=days_ago)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=RIGA)


def test_the_demo_banner_asks_for_optional_categories(demo):
    assert len(optional()) >= 2  # the tests below choose among them


# Who may see them ------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.OWNER, Role.REVIEWER])
def test_owners_and_reviewers_see_the_page_and_the_export(role, members, login):
    client = login(members[role])
    page = client.get(PAGE)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="search-heading"' in html and 'id="daily-heading"' in html
    assert 'id="latest-heading"' in html and CSV in html
    assert client.get(CSV).status_code == 200


@pytest.mark.parametrize("role", [Role.EDITOR, Role.VIEWER])
def test_editors_and_viewers_are_refused(role, members, login):
    client = login(members[role])
    assert client.get(PAGE).status_code == 403
    assert client.get(CSV).status_code == 403


def test_an_outsider_finds_nothing(members, outsider, login):
    client = login(outsider)
    assert client.get(PAGE).status_code == 404
    assert client.get(CSV).status_code == 404


def test_another_companys_document_is_not_found(members, outsider, other_company, login):
    """Beta's owner asks for the demo's document under Beta, and the demo's owner for Beta's
    document under the demo."""
    document_create(tenant=other_company, slug="beta-politika", by=None)
    beta = login(outsider)
    assert beta.get("/t/beta/documents/privatuma-politika/consent/").status_code == 404
    assert beta.get("/t/beta/documents/privatuma-politika/consent.csv").status_code == 404
    demo = login(members[Role.OWNER])
    assert demo.get("/t/demo/documents/beta-politika/consent/").status_code == 404
    assert demo.get("/t/demo/documents/beta-politika/consent.csv").status_code == 404


def test_the_document_page_links_to_the_records_for_those_who_may_see_them(members, login):
    detail = "/t/demo/documents/privatuma-politika/"
    assert PAGE in login(members[Role.OWNER]).get(detail).content.decode()
    assert PAGE in login(members[Role.REVIEWER]).get(detail).content.decode()
    assert PAGE not in login(members[Role.EDITOR]).get(detail).content.decode()
    assert PAGE not in login(members[Role.VIEWER]).get(detail).content.decode()


# The figures per day ---------------------------------------------------------------------


def other_records(demo, other_company):
    """Records of another document of the demo, and of a document of another company with the
    same address name: never counted, never shown."""
    elsewhere = [
        document_create(tenant=demo.tenant, slug="cita-politika", by=None),
        document_create(tenant=other_company, slug="privatuma-politika", by=None),
    ]
    consent_id = uuid.uuid4()
    for document in elsewhere:
        ConsentRecord.objects.create(
            tenant=document.tenant,
            document=document,
            consent_id=consent_id,
            created_at=at(1),
            choice="accept_all",
            accepted=list(state().categories),
            rejected=[],
            version=1,
            revision=1,
            config_hash="0" * 64,
            language="lv",
            origin="https://example.test",
            address="192.0.2.0",
        )
    return consent_id


def test_the_figures_per_day_are_counted_in_the_project_time_zone(demo, now, other_company):
    first, second = optional()[:2]
    make("accept_all", at=at(2))
    make("accept_all", at=at(2, 11))
    make("reject_all", at=at(2, 12))
    make("custom", at=at(1), accepted=["necessary", first])
    make("custom", at=at(1, 15), accepted=["necessary", second])
    make("reject_all", at=at(1, 16))
    # 22:30 UTC on the 14th is 00:30 on the 15th in Riga: today.
    make("accept_all", at=datetime.datetime(2027, 3, 14, 22, 30, tzinfo=datetime.UTC))
    make("accept_all", at=at(40))  # outside the 30 days
    other_records(demo, other_company)

    daily = stats.daily(demo, 30)

    assert len(daily.days) == 30
    assert daily.days[0].date == datetime.date(2027, 2, 14)
    assert daily.days[-1].date == datetime.date(2027, 3, 15)
    by_date = {day.date: day for day in daily.days}
    two = by_date[datetime.date(2027, 3, 13)]
    assert (two.total, two.accepted_all, two.rejected_all, two.custom) == (3, 2, 1, 0)
    one = by_date[datetime.date(2027, 3, 14)]
    assert (one.total, one.accepted_all, one.rejected_all, one.custom) == (3, 0, 1, 2)
    today = by_date[datetime.date(2027, 3, 15)]
    assert (today.total, today.accepted_all) == (1, 1)
    assert by_date[datetime.date(2027, 3, 12)].total == 0
    assert set(daily.categories) == set(optional())
    shares = {share.category: share for share in one.shares}
    assert (shares[first].accepted, shares[first].offered, shares[first].percent) == (1, 3, 33)
    assert (shares[second].accepted, shares[second].percent) == (1, 33)
    shares = {share.category: share for share in two.shares}
    assert (shares[first].accepted, shares[first].percent) == (2, 67)
    total = daily.total
    assert (total.total, total.accepted_all, total.rejected_all, total.custom) == (7, 3, 2, 2)
    assert stats.daily(demo, 90).total.total == 8
    assert stats.daily(demo, 7).total.total == 7


def test_the_page_shows_the_chart_and_the_table(demo, members, now, login):
    first = optional()[0]
    make("accept_all", at=at(2))
    make("reject_all", at=at(2, 11))
    make("custom", at=at(1), accepted=["necessary", first])
    response = login(members[Role.OWNER]).get(PAGE)
    html = response.content.decode()
    chart = html.split('class="consent-chart"')[1].split("</svg>")[0]
    assert "style=" not in chart and "<script>" not in html
    assert html.count("<rect ") == 3 + 3  # three bars' parts, three swatches of the legend
    assert "<table" in html and "13.03.2027" in html
    # One cell per day and figure: the 13th has 2 records, 1 accepted all, 1 rejected all.
    row = html.split("13.03.2027</th>")[1].split("</tr>")[0]
    cells = [cell.split(">", 1)[1].split("<", 1)[0].strip() for cell in row.split("<td")[1:]]
    assert cells[:4] == ["2", "1", "1", "0"]


def test_a_period_without_records_has_no_chart(demo, members, now, login):
    make("accept_all", at=at(10))
    client = login(members[Role.OWNER])
    assert 'class="consent-chart"' in client.get(PAGE).content.decode()
    html = client.get(PAGE + "?days=7").content.decode()
    daily = html.split('id="daily-heading"')[1].split('id="latest-heading"')[0]
    assert "<svg" not in daily and "<table" not in daily


@pytest.mark.parametrize(("count", "top"), [(0, 1), (1, 1), (3, 5), (7, 10), (11, 20), (100, 100)])
def test_the_chart_scale_ends_at_a_round_number(count, top):
    assert ceiling(count) == top


@pytest.mark.parametrize(("asked", "days"), [("7", 7), ("90", 90), ("31", 30), ("x", 30)])
def test_the_period_is_one_of_those_offered(asked, days):
    assert stats.period(asked) == days


# The latest records and the search -------------------------------------------------------


def test_the_latest_records_are_listed_newest_first(demo, members, now, login):
    older = make("accept_all", at=at(3))
    newer = make("reject_all", at=at(1))
    html = login(members[Role.REVIEWER]).get(PAGE).content.decode()
    latest = html.split('id="latest-heading"')[1]
    assert latest.index(str(newer.consent_id)) < latest.index(str(older.consent_id))
    assert "10.1.2.0" in latest and ORIGIN in latest


def test_a_consent_id_finds_its_records_of_this_document_only(demo, now, other_company):
    consent_id = uuid.uuid4()
    make("accept_all", at=at(3), consent_id=consent_id)
    make("reject_all", at=at(1), consent_id=consent_id)
    make("accept_all", at=at(2))
    stranger = other_records(demo, other_company)

    found = stats.of_consent_id(demo, consent_id)
    assert [record.choice for record in found] == ["accept_all", "reject_all"]  # oldest first
    assert stats.of_consent_id(demo, stranger) == []


def test_the_search_shows_the_records_of_a_consent_id(demo, members, now, other_company, login):
    consent_id = uuid.uuid4()
    make("accept_all", at=at(3), consent_id=consent_id)
    make("reject_all", at=at(1), consent_id=consent_id)
    client = login(members[Role.OWNER])
    html = client.get(PAGE, {"consent_id": f"  {consent_id} "}).content.decode()
    search = html.split('id="search-heading"')[1].split('id="daily-heading"')[0]
    assert search.count(str(consent_id)) == 4  # the field, the caption and two rows
    assert search.index("pieņēma visas") < search.index("noraidīja visas")  # oldest first

    stranger = other_records(demo, other_company)
    html = client.get(PAGE, {"consent_id": str(stranger)}).content.decode()
    search = html.split('id="search-heading"')[1].split('id="daily-heading"')[0]
    assert 'id="search-result"' in search and "<tbody>" not in search


def test_a_value_that_is_not_a_consent_id_is_explained(demo, members, login):
    client = login(members[Role.OWNER])
    html = client.get(PAGE, {"consent_id": "<b>nav</b>"}).content.decode()
    search = html.split('id="search-heading"')[1].split('id="daily-heading"')[0]
    assert 'id="search-result"' in search and "alert-warning" in search
    assert "&lt;b&gt;nav&lt;/b&gt;" in search and "<b>nav</b>" not in search
    html = client.get(PAGE, {"consent_id": "  "}).content.decode()  # an empty search
    assert 'id="search-result"' not in html


# The export ------------------------------------------------------------------------------


def rows(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_the_export_has_a_header_and_every_record(demo, members, now, login):
    first = make("accept_all", at=at(40))
    second = make("reject_all", at=at(1))
    response = login(members[Role.OWNER]).get(CSV)
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="demo-privatuma-politika-consent.csv"'
    )
    header, *lines = rows(response)
    assert header[:3] == ["Laiks (UTC)", "Piekrišanas ID", "Izvēle"]  # the user's language
    assert len(header) == len(lines[0]) == 11
    assert [line[1] for line in lines] == [str(first.consent_id), str(second.consent_id)]
    assert lines[0][0] == at(40).astimezone(datetime.UTC).isoformat()
    assert lines[0][0].endswith("+00:00")
    assert lines[1][2] == "noraidīja visas"
    assert lines[1][3] == "necessary"
    assert lines[1][8] == ORIGIN and lines[1][9] == "10.1.2.0"


def test_the_export_speaks_the_users_language(demo, members, login):
    client = login(members[Role.OWNER])
    client.cookies["django_language"] = "en"
    header = rows(client.get(CSV))[0]
    assert header[:3] == ["Time (UTC)", "Consent ID", "Choice"]


def test_the_export_neutralises_formulas(demo, members, login):
    dangerous = '=HYPERLINK("https://evil.test","x")'
    demo.tenant.embed_origins = [ORIGIN, dangerous]
    demo.tenant.save()
    cache.forget("demo")
    make("accept_all", origin=dangerous)
    line = rows(login(members[Role.OWNER]).get(CSV))[1]
    assert line[8] == "'" + dangerous


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("https://x.lv", "https://x.lv"),
        (2, "2"),
    ],
)
def test_a_cell_that_would_start_a_formula_gets_an_apostrophe(value, cell):
    assert safe(value) == cell


# Queries ---------------------------------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_records(demo, members, now, login):
    client = login(members[Role.OWNER])
    client.get(PAGE)  # the session settles
    for n in range(5):
        make(["accept_all", "reject_all", "custom"][n % 3], at=at(n % 30, 10, n % 60))
    searched = f"{PAGE}?consent_id={make('accept_all', at=at(0)).consent_id}&days=90"
    few = count_queries(client, PAGE), count_queries(client, searched)
    for n in range(50):
        make(["accept_all", "reject_all", "custom"][n % 3], at=at(n % 90, 10, n % 60))
    many = count_queries(client, PAGE), count_queries(client, searched)
    assert few == many
