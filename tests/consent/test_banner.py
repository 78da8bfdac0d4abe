"""The banner's script: made from the cookie answers of the version in force, kept with the
public pages, asking again only when what visitors consent to changes."""

import html
import json
import re

import pytest
from django.test import Client

from consent import banner
from policies.public import cache
from tests.consent.conftest import SCRIPT, SITE, owner_of, publish_with, state

pytestmark = pytest.mark.unscoped_queries_allowed("reads the demo's versions by address")
CALL = "window.PolicyHubConsent.start("


def config_of(response) -> dict:
    body = response.content.decode()
    start = body.index(CALL) + len(CALL)
    return json.loads(body[start : body.rindex(");")])


def test_the_script_carries_the_banner_of_the_version_in_force(demo):
    response = Client().get(SCRIPT)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert "public" in response["Cache-Control"] and "ETag" in response
    config = config_of(response)
    current = state()
    assert (config["version"], config["revision"], config["hash"]) == (
        current.version,
        current.revision,
        current.hash,
    )
    assert config["categories"] == ["necessary", "analytics", "marketing"]
    assert config["google"] is True  # the demo uses Google Analytics: Consent Mode signals
    assert config["endpoint"] == "http://testserver/p/demo/privatuma-politika/consent/"
    assert config["languages"] == ["lv", "en"]
    lv, en = config["translations"]["lv"], config["translations"]["en"]
    assert lv["consentModal"]["title"] == "Šī tīmekļa vietne izmanto sīkdatnes"
    assert (lv["consentModal"]["acceptAllBtn"], lv["consentModal"]["acceptNecessaryBtn"]) == (
        "Pieņemt visas",
        "Noraidīt visas",
    )
    assert en["consentModal"]["title"] == "This website uses cookies"
    assert "#cookies" in lv["consentModal"]["footer"]
    sections = {s.get("linkedCategory"): s for s in lv["preferencesModal"]["sections"]}
    assert "Google Analytics" in sections["analytics"]["description"]
    names = [row["name"] for row in sections["analytics"]["cookieTable"]["body"]]
    assert names == ["_ga", "_ga_*"]
    # English has no Latvian left in it.
    english = json.dumps(en, ensure_ascii=False)
    assert not any(letter in english for letter in "āčēģīķļņšūž")


def test_the_script_is_served_from_the_cache(demo, django_assert_num_queries):
    first = Client().get(SCRIPT)
    with django_assert_num_queries(0):
        again = Client().get(SCRIPT)
    assert again.content == first.content
    assert Client().get(SCRIPT, headers={"if-none-match": first["ETag"]}).status_code == 304


@pytest.mark.parametrize(
    "url", ["/p/demo/nav-tada/consent.js", "/p/nav/privatuma-politika/consent.js"]
)
def test_unknown_documents_have_no_banner(demo, url):
    assert Client().get(url).status_code == 404


def test_other_changes_keep_the_revision_and_cookie_changes_raise_it(demo):
    before = state()
    publish_with(demo, security="Serveri atrodas ES; piekļuvi reģistrējam.")
    after_text = state()
    assert after_text.version == before.version + 1
    assert (after_text.revision, after_text.hash) == (before.revision, before.hash)

    publish_with(demo, tool="crisp")
    after_tool = state()
    assert after_tool.revision == before.revision + 1
    assert "preferences" in after_tool.categories
    assert config_of(Client().get(SCRIPT))["revision"] == after_tool.revision

    publish_with(
        demo,
        cookie={
            "name": "promo",
            "provider": "zalaisdarzs.lv",
            "category": "marketing",
            "purpose": "atceras akciju",
            "purpose_en": "remembers the offer",
            "duration": "1 mēnesis",
            "duration_en": "1 month",
        },
    )
    assert state().revision == before.revision + 2


def test_company_words_are_escaped_for_the_banner(demo):
    hostile = '<img src=x onerror="alert(1)">'
    publish_with(
        demo,
        cookie={
            "name": hostile,
            "provider": "</script><script>x</script>",
            "category": "marketing",
            "purpose": "a & b",
            "purpose_en": "a & b",
            "duration": "1",
            "duration_en": "1",
        },
    )
    body = Client().get(SCRIPT).content.decode()
    assert "<" not in body[body.index(CALL) :]  # nothing can close the script or open a tag
    config = config_of(Client().get(SCRIPT))
    rows = [
        row
        for section in config["translations"]["lv"]["preferencesModal"]["sections"]
        for row in section.get("cookieTable", {}).get("body", [])
    ]
    promo = next(row for row in rows if "img" in row["name"])
    assert promo["name"] == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    assert promo["who"] == "&lt;/script&gt;&lt;script&gt;x&lt;/script&gt;"
    assert promo["purpose"] == "a &amp; b"


def test_a_policy_without_optional_cookies_asks_nothing(demo):
    demo.cookies.uses_cookies = "no"
    demo.cookies.save()
    publish_with(demo)
    assert state().categories == ("necessary",)
    assert config_of(Client().get(SCRIPT))["categories"] == ["necessary"]


def test_the_policy_page_links_to_the_cookie_settings_on_the_website(demo):
    page = Client().get("/p/demo/privatuma-politika/").content.decode()
    assert f'href="{SITE}/#cookie-settings"' in page
    assert "Mainīt vai atsaukt piekrišanu sīkdatnēm" in page
    demo.tenant.embed_origins = []
    demo.tenant.save()
    cache.forget("demo")
    assert "#cookie-settings" not in Client().get("/p/demo/privatuma-politika/").content.decode()


@pytest.mark.parametrize("page", ["", "versions/"])
def test_the_document_pages_give_the_snippet(demo, login, page):
    response = login(owner_of(demo)).get(f"/t/demo/documents/privatuma-politika/{page}")
    text = response.content.decode()
    snippet = re.search(r'<textarea[^>]*id="banner-snippet"[^>]*>(.*?)</textarea>', text, re.S)
    assert html.unescape(snippet.group(1)) == (
        '<script src="http://testserver/p/demo/privatuma-politika/consent.js"></script>'
    )
    assert 'data-category="analytics"' in html.unescape(text)
    assert SITE in text


def test_an_unpublished_document_has_no_snippet(demo, login):
    from policies.services import document_create

    document_create(tenant=demo.tenant, slug="jauna", by=owner_of(demo))
    page = login(owner_of(demo)).get("/t/demo/documents/jauna/").content.decode()
    assert "banner-snippet" not in page


def test_the_banner_states_follow_the_versions_that_took_effect(demo):
    states = banner.states("demo", "privatuma-politika")
    assert [s.version for s in states] == [1, 2]
    assert states[0].revision <= states[1].revision
