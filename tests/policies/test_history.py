"""Every change of the answers is recorded, and listed in words with who and when."""

import pytest
from django.utils import translation

from policies import history
from policies.models import DataCategory, Recipient, RetentionRule
from tests.policies.test_wizard import rows


def texts(document, lang="lv"):
    with translation.override(lang):
        return [c.text for c in history.changes(document)]


@pytest.mark.unscoped_queries_allowed("finds the rows the wizard saved by reading them directly")
def test_a_longer_retention_reads_as_before_and_after(editor, login, document, step_url):
    client = login(editor)
    client.post(step_url("data"), {"revision": "0", **rows(code="order")})
    category = DataCategory.objects.get()
    base = {"category": str(category.pk), "bound": "exact", "unit": "years"}
    client.post(step_url("retention"), {"revision": "0", **rows(period="5", **base)})
    rule = RetentionRule.objects.get()
    client.post(
        step_url("retention"),
        {"revision": "1", **rows(total=1, initial=1, id=str(rule.pk), period="7", **base)},
    )
    assert "Glabāšanas termiņš — Pasūtījumu dati: 5 gadi → 7 gadi" in texts(document)
    assert "Retention period — Order data: 5 years → 7 years" in texts(document, "en")
    record = rule.history.latest()
    assert record.history_user == editor


@pytest.mark.unscoped_queries_allowed("finds the row the wizard saved by reading it directly")
def test_a_retention_event_is_told_in_the_reader_s_language(editor, login, document, step_url):
    client = login(editor)
    client.post(step_url("data"), {"revision": "0", **rows(code="order")})
    event = {"category": str(DataCategory.objects.get().pk), "bound": "criterion"}
    client.post(
        step_url("retention"),
        {
            "revision": "0",
            **rows(criterion="līdz līguma beigām", criterion_en="until the contract ends", **event),
        },
    )
    assert "Pievienots glabāšanas termiņš — Pasūtījumu dati: līdz līguma beigām" in texts(document)
    assert "Retention period added — Order data: until the contract ends" in texts(document, "en")


@pytest.mark.unscoped_queries_allowed("finds the row the wizard saved by reading it directly")
def test_an_added_recipient_is_named(editor, login, document, step_url):
    login(editor).post(
        step_url("recipients"),
        {"revision": "0", **rows(name="Mailchimp", role="processor", country="US")},
    )
    assert "Pievienots saņēmējs: Mailchimp" in texts(document)
    Recipient.objects.get().delete()
    assert "Noņemts saņēmējs: Mailchimp" in texts(document)


def test_a_changed_answer_shows_its_field_and_values(editor, login, document, step_url):
    client = login(editor)
    data = {"revision": "0", "section-country": "LV", "section-email": "a@zalasala.lv"}
    client.post(step_url("controller"), data)
    client.post(step_url("controller"), {**data, "revision": "1", "section-email": "b@zalasala.lv"})
    found = [t for t in texts(document, "en") if "b@zalasala.lv" in t]
    assert found == ["Controller details: E-mail: a@zalasala.lv → b@zalasala.lv"]


def test_the_history_page_lists_changes_with_who(editor, login, document, step_url):
    client = login(editor)
    client.post(step_url("security"), {"revision": "0", "section-measures": ["tls"]})
    page = client.get("/t/alfa/documents/privatuma-politika/history/").content.decode()
    assert "Drošība" in page
    assert str(editor) in page


def test_the_history_page_costs_the_same_however_long(
    editor, login, document, step_url, django_assert_max_num_queries
):
    client = login(editor)
    for i in range(30):
        client.post(step_url("security"), {"revision": str(i), "section-description": f"v{i}"})
    with django_assert_max_num_queries(30):
        assert client.get("/t/alfa/documents/privatuma-politika/history/").status_code == 200
