"""A document's languages in the wizard: each text beside its English, the English policy
printing only English, the GDPR check naming each missing translation, and English turned off
by the owner."""

import json
import re
from pathlib import Path

import pytest
from django.core import mail

from policies import answers_format
from policies.answers import load_answers
from policies.history import changes
from policies.models import Document, Purpose, Recipient
from policies.render import render
from policies.wizard import completeness

DEMO = Path(__file__).resolve().parents[2] / "policies" / "data" / "demo_answers.json"
DOC = "/t/alfa/documents/privatuma-politika/"

pytestmark = pytest.mark.unscoped_queries_allowed("reloads rows of the document by id")


def demo_answers():
    return json.loads(DEMO.read_text(encoding="utf-8"))


@pytest.fixture
def answered(document, editor):
    answers_format.import_into(document, demo_answers(), by=editor)
    return document


def purposes_post(document, **changes_of_first_row):
    """The purposes step as the browser posts it, with the saved answers."""
    rows = list(Purpose.objects.filter(document=document))
    data = {
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": str(len(rows)),
        "revision": str(document.revisions.get(step="purposes").revision),
        "action": "save",
    }
    for i, row in enumerate(rows):
        values = {
            "id": row.pk,
            "code": row.code,
            "label": row.label,
            "label_en": row.label_en,
            "description": row.description,
            "description_en": row.description_en,
            "legal_bases": row.legal_bases,
            "legitimate_interest": row.legitimate_interest,
            "legitimate_interest_en": row.legitimate_interest_en,
            "interest_holder": row.interest_holder,
            "categories": [c.pk for c in row.categories.all()],
        }
        if i == 0:
            values.update(changes_of_first_row)
        for name, value in values.items():
            data[f"rows-{i}-{name}"] = value
    return data


def test_a_step_asks_for_each_text_in_both_languages_side_by_side(answered, editor, login):
    page = login(editor).get(DOC + "wizard/purposes/").content.decode()
    assert re.search(r'<textarea name="rows-0-description"[^>]*lang="lv"', page)
    assert re.search(r'<textarea name="rows-0-description_en"[^>]*lang="en"', page)
    assert "Ko tas ietver (LV)" in page and "Ko tas ietver (EN)" in page
    assert page.count('class="row g-3 text-languages"') >= 3 * 4  # 4 purposes × 3 texts


def test_without_english_the_step_asks_in_latvian_only(answered, owner, login):
    answered.english = False
    answered.save()
    page = login(owner).get(DOC + "wizard/purposes/").content.decode()
    assert 'name="rows-0-description_en"' not in page
    assert "(EN)" not in page and "text-languages" not in page


def test_the_english_policy_prints_the_english_texts_only(answered):
    answers = load_answers(answered)
    purpose = answers.purposes[0]
    en, lv = render(answers, "en").text(), render(answers, "lv").text()
    assert purpose.description_en in en and purpose.description not in en
    assert purpose.description in lv and purpose.description_en not in lv


def test_english_text_saved_in_the_wizard_reaches_the_english_policy(answered, editor, login):
    data = purposes_post(answered, description_en="taking and paying for orders online")
    response = login(editor).post(DOC + "wizard/purposes/", data)
    assert response.status_code == 302
    assert "taking and paying for orders online" in render(load_answers(answered), "en").text()


def test_latvian_in_an_english_field_gets_a_warning_but_is_saved(answered, editor, login):
    client = login(editor)
    data = purposes_post(answered, description_en="pasūtījumu pieņemšana un apmaksa")
    assert client.post(DOC + "wizard/purposes/", data).status_code == 302
    assert Purpose.objects.filter(description_en="pasūtījumu pieņemšana un apmaksa").exists()
    page = client.get(DOC + "wizard/purposes/").content.decode()
    assert page.count("language-warning") == 1
    assert "izskatās pēc latviešu valodas" in page


def test_every_missing_english_text_is_listed_with_a_link_to_its_field(answered):
    purpose = Purpose.objects.filter(document=answered).first()
    purpose.description_en = ""
    purpose.save()
    recipient = Recipient.objects.filter(document=answered, catalogue_key="stripe").get()
    recipient.purpose_en = ""
    recipient.save()
    report = completeness.check(load_answers(answered))
    [item] = [i for i in report.missing if i.code == "texts"]
    assert [(step, anchor) for _m, step, anchor in item.gaps] == [
        ("purposes", "id_rows-0-description_en"),
        ("recipients", "id_rows-0-purpose_en"),
    ]
    assert report.missing_in("purposes") == [item.missing[0]]


def test_the_document_page_links_each_gap_and_sending_is_refused(answered, editor, login):
    purpose = Purpose.objects.filter(document=answered).first()
    purpose.description_en = ""
    purpose.save()
    client = login(editor)
    page = client.get(DOC).content.decode()
    assert f'href="{DOC}wizard/purposes/#id_rows-0-description_en"' in page
    assert "Politikas teksti angļu valodā" in page
    client.post(DOC + "review/do/submit/")
    answered.refresh_from_db()
    assert answered.review_status == "draft" and mail.outbox == []


def test_the_owner_turns_english_off_and_is_told_what_it_does(answered, owner, login):
    Purpose.objects.filter(document=answered).update(description_en="")
    client = login(owner)
    assert "izslēgt angļu valodu" in client.get(DOC).content.decode()
    response = client.post(
        DOC + "settings/",
        {"title_variant": "privacy_policy", "address_form": "formal"},
        follow=True,
    )
    page = response.content.decode()
    assert "agrāk publicēto versiju angļu valodas lapas" in page
    answered.refresh_from_db()
    assert answered.languages == ["lv"]
    assert completeness.check(load_answers(answered)).complete
    assert Purpose.objects.filter(document=answered).exclude(description_en="").count() == 0


def test_an_editor_cannot_turn_english_off(answered, editor, login):
    client = login(editor)
    assert "izslēgt angļu valodu" not in client.get(DOC).content.decode()
    client.post(DOC + "settings/", {"title_variant": "privacy_policy", "address_form": "formal"})
    assert Document.objects.get(pk=answered.pk).english is True


def test_a_known_service_fills_both_languages(document, editor, login):
    data = {
        "section-none_declared": "",
        "rows-TOTAL_FORMS": "0",
        "rows-INITIAL_FORMS": "0",
        "action": "add_catalogue",
        "catalogue": "accounting_service",
        "revision": "0",
    }
    page = login(editor).post(DOC + "wizard/recipients/", data).content.decode()
    assert 'value="Grāmatvedības pakalpojumu sniedzējs"' in page
    assert 'value="Accounting service provider"' in page
    assert 'value="grāmatvedības kārtošanai"' in page and 'value="to keep the accounts"' in page


def test_the_history_says_which_language_changed(answered, editor, login):
    data = purposes_post(answered, description_en="orders and payments")
    login(editor).post(DOC + "wizard/purposes/", data)
    lines = [c.text for c in changes(answered)]
    assert any("Ko tas ietver (EN):" in line and "→ orders and payments" in line for line in lines)
    data = purposes_post(answered, description="pasūtījumi un maksājumi")
    login(editor).post(DOC + "wizard/purposes/", data)
    lines = [c.text for c in changes(answered)]
    assert any("Ko tas ietver (LV): " in line for line in lines), lines
