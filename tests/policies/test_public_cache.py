"""The public pages' cache: a page kept is served without the database, the version in force
switches at midnight by itself, publishing and offboarding make pages anew in every process,
and a cache that is down costs nothing but speed."""

import datetime
import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core import serializers
from django.core.management import call_command
from django.test import Client

from policies import publishing
from policies.models import Document
from policies.public import cache
from tenants.offboarding import offboard

ROOT = Path(__file__).resolve().parents[2]
RIGA = ZoneInfo("Europe/Riga")
PAGE = "/p/demo/privatuma-politika/"
REDIS = ("127.0.0.1", 6379)

pytestmark = pytest.mark.unscoped_queries_allowed("reads the demo's rows directly")


@pytest.fixture
def demo(db):
    call_command("demo")
    document = Document.objects.get(tenant__slug="demo", slug="privatuma-politika")
    document.tenant.approval_required = False
    document.tenant.save()
    return document


def owner_of(document):
    return document.tenant.memberships.get(role="owner").user


def publish(document, words, effective_date=None):
    document.security.description = words
    document.security.description_en = words
    document.security.save()
    return publishing.publish(
        document=document, by=owner_of(document), effective_date=effective_date
    )


def test_a_page_kept_is_served_without_a_query(demo, django_assert_num_queries):
    first = Client().get(PAGE)
    with django_assert_num_queries(0):
        again = Client().get(PAGE)
        revalidated = Client().get(PAGE, headers={"if-none-match": first["ETag"]})
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert revalidated.status_code == 304 and revalidated["ETag"] == first["ETag"]


def test_publishing_makes_the_pages_anew(demo):
    Client().get(PAGE), Client().get(PAGE + "en/")
    publish(demo, "Jauns drošības teksts.")
    assert "Jauns drošības teksts." in Client().get(PAGE).content.decode()
    assert "Jauns drošības teksts." in Client().get(PAGE + "en/").content.decode()


@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_version_in_force_switches_at_midnight_without_a_write(demo, time_machine, language):
    url = PAGE + ("en/" if language == "en" else "")
    time_machine.move_to(datetime.datetime(2027, 3, 1, 22, 0, tzinfo=RIGA), tick=False)
    publish(demo, "Teksts no rītdienas.", effective_date=datetime.date(2027, 3, 2))
    before = Client().get(url).content.decode()
    assert "Teksts no rītdienas." not in before  # version 2 still in force, 3 announced
    assert "Teksts no rītdienas." not in Client().get(url).content.decode()  # kept
    time_machine.move_to(datetime.datetime(2027, 3, 1, 23, 59, 59, tzinfo=RIGA), tick=False)
    assert "Teksts no rītdienas." not in Client().get(url).content.decode()
    time_machine.move_to(datetime.datetime(2027, 3, 2, 0, 0, 1, tzinfo=RIGA), tick=False)
    assert "Teksts no rītdienas." in Client().get(url).content.decode()


def test_the_local_copy_switches_at_midnight_too(demo, settings, time_machine):
    settings.PUBLIC_PAGES_LOCAL_SECONDS = 3600
    time_machine.move_to(datetime.datetime(2027, 3, 1, 23, 59, 0, tzinfo=RIGA), tick=False)
    publish(demo, "Teksts no rītdienas.", effective_date=datetime.date(2027, 3, 2))
    assert "Teksts no rītdienas." not in Client().get(PAGE).content.decode()
    time_machine.move_to(datetime.datetime(2027, 3, 2, 0, 0, 1, tzinfo=RIGA), tick=False)
    assert "Teksts no rītdienas." in Client().get(PAGE).content.decode()


def test_offboarding_takes_the_pages_away(demo):
    assert Client().get(PAGE).status_code == 200
    offboard(demo.tenant)
    assert Client().get(PAGE).status_code == 404


def test_a_page_kept_keeps_every_header_of_the_page_made(demo, django_assert_num_queries):
    """The security headers that middleware adds (CSP, framing, CORP) are kept with the page,
    the embed page's own frame-ancestors included; only the request's ID differs."""
    demo.tenant.embed_origins = ["https://www.zalais-darzs.lv"]
    demo.tenant.save()
    cache.forget("demo")
    for url in (PAGE, PAGE + "embed/", PAGE + "versions/2.pdf", PAGE + "versions/2.json"):
        made = Client().get(url)
        with django_assert_num_queries(0):
            kept = Client().get(url)
        assert made.status_code == kept.status_code == 200, url
        headers = [dict(r.headers) for r in (made, kept)]
        for h in headers:
            h.pop("X-Request-ID")
        assert headers[0] == headers[1], url
        assert "Content-Security-Policy" in headers[1] and "X-Content-Type-Options" in headers[1]
    embed = Client().get(PAGE + "embed/")
    assert "frame-ancestors https://www.zalais-darzs.lv" in embed["Content-Security-Policy"]
    assert not embed.has_header("X-Frame-Options")


def test_a_member_reading_a_page_kept_gets_the_visitors_copy_without_a_cookie(demo):
    owner = owner_of(demo)
    member = Client()
    member.force_login(owner)
    visitor = Client().get(PAGE)
    read = member.get(PAGE)
    assert read.content == visitor.content and not read.cookies
    assert "public" in read["Cache-Control"] and "private" not in read["Cache-Control"]


def test_a_restored_backup_is_not_answered_by_pages_kept_from_before(demo, tmp_path):
    assert "Zaļais Dārzs" in Client().get(PAGE).content.decode()  # kept
    company = demo.tenant
    company.legal_name = 'SIA "Atjaunotais"'  # the row as a backup holds it
    fixture = tmp_path / "backup.json"
    fixture.write_text(serializers.serialize("json", [company]))
    call_command("loaddata", str(fixture), verbosity=0)
    assert "Atjaunotais" in Client().get(PAGE).content.decode()


def test_public_pages_carry_cdn_headers_and_vary_on_nothing(demo):
    for url in (PAGE, PAGE + "en/", PAGE + "embed/", PAGE + "versions/2.json", PAGE + "diff/1/2/"):
        response = Client().get(url)
        control = response["Cache-Control"]
        age = "86400" if url.endswith(".json") else "300"
        for part in ("public", f"max-age={age}", f"s-maxage={age}", "stale-while-revalidate=60"):
            assert part in control, (url, control)
        assert "stale-if-error=86400" in control
        assert not response.has_header("Vary"), (url, response.get("Vary"))
    pdf = Client().get(PAGE + "versions/2.pdf")
    control = pdf["Cache-Control"]
    assert "immutable" in control and "max-age=31536000" in control, control
    assert "s-maxage=86400" in control, control  # a shared cache keeps it a day at the most
    assert Client().get(PAGE + "en/")["Content-Language"] == "en"


def test_a_cache_that_is_down_costs_nothing_but_speed(demo, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2},
        }
    }
    response = Client().get(PAGE)
    assert response.status_code == 200 and "Zaļais Dārzs" in response.content.decode()
    publish(demo, "Publicēts bez kešatmiņas.")
    assert "Publicēts bez kešatmiņas." in Client().get(PAGE).content.decode()


# -- two processes, one Redis ----------------------------------------------------------------------


def _redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=0.5):
            return True
    except OSError:
        return False


CHILD = """
import hashlib, json, sys
import django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
out = {}
for url in sys.argv[1:]:
    response = client.get(url)
    out[url] = [response.status_code, response.content.decode(errors="replace")]
print(json.dumps(out))
"""


def serve_in_another_process(prefix, *urls):
    """The pages as another process serves them: the same Redis, no database at all (a page
    it did not find in the cache is an error there)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "policyhub.settings",
        "DEBUG": "1",
        "CACHE_URL": f"redis://{REDIS[0]}:{REDIS[1]}/15",
        "CACHE_KEY_PREFIX": prefix,
        "PUBLIC_PAGES_LOCAL_SECONDS": "0",
        "DATABASE_URL": "sqlite:////nonexistent/no-database.sqlite3",
        "PYTHONPATH": str(ROOT),
        "ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "-c", CHILD, *urls], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not _redis_answers(), reason="needs Redis on 127.0.0.1:6379, as in CI")
def test_two_processes_share_the_pages_and_their_invalidation(demo, settings):
    prefix = f"two-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://{REDIS[0]}:{REDIS[1]}/15",
            "KEY_PREFIX": prefix,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    mine = Client().get(PAGE).content.decode()
    theirs = serve_in_another_process(prefix, PAGE)[PAGE]
    assert theirs == [200, mine]  # served from the shared cache: the other has no database

    publish(demo, "Trešā versija visiem serveriem.")  # forgets the company's pages in Redis
    stale = serve_in_another_process(prefix, PAGE)[PAGE]
    assert stale[0] == 500  # not the old page: it has to make it, and has no database
    fresh = Client().get(PAGE).content.decode()  # this process makes and shares the new page
    assert serve_in_another_process(prefix, PAGE)[PAGE] == [200, fresh]
    assert "Trešā versija visiem serveriem." in fresh
    cache.local.clear()
