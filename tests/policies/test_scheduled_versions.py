"""Scheduled versions keep their order: a newer publication withdraws every older version that
has not yet taken effect. Proven with the clock moved past every date: the version in force,
the archive, the feed and the diff on each day."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client

from audit.models import AuditEvent
from policies import publishing
from policies.models import Document, PolicyVersion

RIGA = ZoneInfo("Europe/Riga")
DAY0 = datetime.datetime(2027, 1, 11, 10, 0, tzinfo=RIGA)
DATE2 = datetime.date(2027, 6, 1)  # "next year" as the person who scheduled it saw it
DATE3 = datetime.date(2027, 9, 1)
BASE = "/p/demo/privatuma-politika/"
PUBLISH = "/t/demo/documents/privatuma-politika/publish/"

pytestmark = pytest.mark.unscoped_queries_allowed("reads versions and audit rows directly")


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(DAY0, tick=False)
    return time_machine


@pytest.fixture
def demo(db, clock):
    """The demo company on DAY0: versions 1 and 2 published, version 2 in force."""
    call_command("demo")
    document = Document.objects.get(tenant__slug="demo", slug="privatuma-politika")
    document.tenant.approval_required = False
    document.tenant.save()
    return document


def owner_of(document):
    return document.tenant.memberships.get(role="owner").user


def change_and_publish(document, words, effective_date=None):
    document.security.description = words
    document.security.save()
    return publishing.publish(
        document=document, by=owner_of(document), effective_date=effective_date
    )


def on(clock, day):
    clock.move_to(datetime.datetime.combine(day, datetime.time(9), tzinfo=RIGA), tick=False)


def page(url):
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def in_force_text(words):
    text = page(BASE)
    return words in text, text


def archive_row(number):
    text = page(BASE + "versions/")
    row = re.search(rf'versions/{number}/">{number}. versija</a>(.*?)</tr>', text, re.S)
    assert row, number
    return row.group(1)


def feed_versions():
    return [int(n) for n in re.findall(r"versions/(\d+)/</id>", page(BASE + "feed/"))]


def test_a_newer_version_in_force_today_withdraws_the_scheduled_one(demo, clock):
    change_and_publish(demo, "Teksts, kas stāsies spēkā jūnijā.", DATE2)
    owner = Client()
    owner.force_login(owner_of(demo))
    # before the click, the publish screen says what publishing will do
    warning = owner.get(PUBLISH).content.decode()
    assert 'id="scheduled-warning"' in warning
    assert "3. versija gaida spēkā stāšanos 01.06.2027." in warning

    demo.security.description = "Teksts, kas ir spēkā no šodienas."
    demo.security.save()
    response = owner.post(PUBLISH, {"effective_date": "", "note": ""}, follow=True)
    assert PolicyVersion.objects.filter(document=demo).count() == 4
    text = response.content.decode()
    assert "3. versija, kas vēl nebija stājusies spēkā, ir atsaukta." in text
    assert 'id="scheduled-warning"' not in text
    event = AuditEvent.objects.filter(action="published").latest("pk")
    assert event.details["number"] == 4 and event.details["withdraws"] == 3

    for day in (DAY0.date(), DATE2, DATE2 + datetime.timedelta(days=1)):
        on(clock, day)
        shown, text = in_force_text("Teksts, kas ir spēkā no šodienas.")
        assert shown, day  # version 4 stays in force, on version 3's date too
        assert "Teksts, kas stāsies spēkā jūnijā." not in text
        assert "versions/3/" not in text  # nothing announced
        assert "(spēkā)" in archive_row(4)
        assert "atsaukta, pirms stājās spēkā" in archive_row(3)
        assert "<s>01.06.2027</s>" in archive_row(3)
        assert "diff/2/4/" in page(BASE + "versions/")  # version 4 is read against 2
        assert feed_versions() == [4, 2, 1]
        notice = page(BASE + "versions/3/")
        assert "nekad nav stājusies spēkā" in notice
        diff = page(BASE + "diff/3/4/")
        assert "(atsaukta, pirms stājās spēkā)" in diff and "(spēkā)" in diff
        assert "(vairs nav spēkā)" in page(BASE + "diff/2/4/")


def test_a_newer_scheduled_version_takes_the_older_ones_place(demo, clock):
    change_and_publish(demo, "Jūnija teksts.", DATE2)
    change_and_publish(demo, "Septembra teksts.", DATE3)

    on(clock, DAY0.date())
    shown, text = in_force_text("Septembra teksts.")
    assert not shown and "Jūnija teksts." not in text  # version 2 in force
    assert "01.09.2027" in text and "versions/4/" in text and "diff/2/4/" in text
    assert "01.06.2027" not in text
    assert "(gaidāma)" in archive_row(4) and "atsaukta" in archive_row(3)
    assert feed_versions() == [2, 1]
    assert "(spēkā)" in page(BASE + "diff/2/4/") and "(gaidāma)" in page(BASE + "diff/2/4/")

    on(clock, DATE2)  # version 3's date passes: it was withdrawn, version 2 stays
    shown, text = in_force_text("Jūnija teksts.")
    assert not shown and "Septembra teksts." not in text
    assert "versions/4/" in text
    assert feed_versions() == [2, 1]

    on(clock, DATE3)  # version 4 takes effect
    shown, text = in_force_text("Septembra teksts.")
    assert shown and "būs spēkā jauna redakcija" not in text
    assert "(spēkā)" in archive_row(4) and "(vairs nav spēkā)" not in archive_row(2)
    assert feed_versions() == [4, 2, 1]
    diff = page(BASE + "diff/2/4/")
    assert "(vairs nav spēkā)" in diff and "(spēkā)" in diff
    assert "3. versija, atsaukta, pirms stājās spēkā:" in page(BASE + "diff/1/4/")


def test_without_a_scheduled_version_the_publish_screen_warns_of_nothing(demo):
    owner = Client()
    owner.force_login(owner_of(demo))
    assert 'id="scheduled-warning"' not in owner.get(PUBLISH).content.decode()


def test_versions_that_take_effect_follow_their_numbers(demo, clock):
    """Whatever the order of dates chosen, the versions that take effect have non-decreasing
    dates in the order of their numbers, and only the newest can be upcoming."""
    dates = [DATE3, DATE2, DAY0.date() + datetime.timedelta(days=3), DATE2]
    for index, date in enumerate(dates):
        change_and_publish(demo, f"Redakcija {index}.", date)
        clock.shift(datetime.timedelta(days=1))
    rows = list(PolicyVersion.objects.filter(document=demo).with_status().order_by("number"))
    effective = [v for v in rows if not v.withdrawn_by]
    # 3 and 4 were withdrawn before their dates; 5 took effect on the day 6 was published
    assert [v.number for v in effective] == [1, 2, 5, 6]
    assert [(v.number, v.withdrawn_by) for v in rows if v.withdrawn_by] == [(3, 4), (4, 5)]
    dates_taking_effect = [v.effective_date for v in effective]
    assert dates_taking_effect == sorted(dates_taking_effect)
