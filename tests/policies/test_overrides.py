"""A reviewer's own wording of a section: marked, kept through regeneration, flagged when the
answers beneath it change."""

import json
from pathlib import Path

import pytest

from policies import answers_format, publishing, review
from policies.answers import load_answers
from policies.models import WordingOverride
from policies.render import render

DEMO = Path(__file__).resolve().parents[2] / "policies" / "data" / "demo_answers.json"
URL = "/t/alfa/documents/privatuma-politika/review/do/wording/"
WORDING = "Mūsu drošības pasākumi ir šādi:\n\n• šifrēšana\n• piekļuves kontrole"

pytestmark = pytest.mark.unscoped_queries_allowed("checks the wordings kept, reading them directly")


@pytest.fixture
def complete(document):
    answers_format.import_into(document, json.loads(DEMO.read_text(encoding="utf-8")))
    return document


def section(document, key, language="lv"):
    return next(s for s in render(load_answers(document), language).sections if s.key == key)


def test_a_reviewer_replaces_the_wording_of_a_section(complete, reviewer, login):
    response = login(reviewer).post(URL, {"section": "security", "language": "lv", "text": WORDING})
    assert response.status_code == 302
    s = section(complete, "security")
    assert s.overridden and not s.stale
    assert [(b.kind, b.items) for b in s.blocks] == [
        ("p", ["Mūsu drošības pasākumi ir šādi:"]),
        ("ul", ["šifrēšana", "piekļuves kontrole"]),
    ]
    # only that language
    assert not section(complete, "security", "en").overridden
    page = login(reviewer).get("/t/alfa/documents/privatuma-politika/review/").content.decode()
    assert "Savs formulējums" in page or "Own wording" in page


def test_the_wording_survives_regeneration_and_is_flagged_when_answers_change(complete, reviewer):
    review.override_set(
        document=complete, by=reviewer, section="security", language="lv", text=WORDING
    )
    complete.security.measures = ["tls"]
    complete.security.save()
    s = section(complete, "security")
    assert s.overridden and s.stale
    assert s.blocks[0].items == ["Mūsu drošības pasākumi ir šādi:"]


def test_empty_wording_brings_back_the_generated_text(complete, reviewer, login):
    review.override_set(
        document=complete, by=reviewer, section="security", language="lv", text=WORDING
    )
    login(reviewer).post(URL, {"section": "security", "language": "lv", "text": ""})
    assert not WordingOverride.objects.exists()
    assert not section(complete, "security").overridden


def test_an_editor_cannot_override(complete, editor, login):
    response = login(editor).post(URL, {"section": "security", "language": "lv", "text": WORDING})
    assert response.status_code == 403
    assert not WordingOverride.objects.exists()


@pytest.mark.parametrize(("section_key", "language"), [("nope", "lv"), ("security", "de")])
def test_unknown_sections_and_languages_are_refused(
    complete, reviewer, login, section_key, language
):
    login(reviewer).post(URL, {"section": section_key, "language": language, "text": "x"})
    assert not WordingOverride.objects.exists()


def test_the_wording_is_published_and_changes_the_approved_text(complete, owner, editor, reviewer):
    review.submit(document=complete, by=editor)
    review.approve(document=complete, by=reviewer, seen_hash=review.draft_hash(complete))
    review.override_set(
        document=complete, by=reviewer, section="security", language="lv", text=WORDING
    )
    complete.refresh_from_db()
    assert review.current_status(complete) == "in_review"  # the approved text changed
    review.approve(document=complete, by=reviewer, seen_hash=review.draft_hash(complete))
    complete.refresh_from_db()
    version = publishing.publish(document=complete, by=owner)
    security = next(s for s in version.texts["lv"]["sections"] if s["key"] == "security")
    assert security["overridden"] is True
    assert security["blocks"][1]["items"] == ["šifrēšana", "piekļuves kontrole"]


def test_the_wording_is_escaped(complete, reviewer, login):
    review.override_set(
        document=complete,
        by=reviewer,
        section="security",
        language="lv",
        text="<script>alert(1)</script>",
    )
    page = login(reviewer).get("/t/alfa/documents/privatuma-politika/review/").content.decode()
    assert "<script>alert(1)" not in page
