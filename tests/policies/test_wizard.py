"""The wizard as an editor meets it: saving, moving between steps, rows, validation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from policies.models import (
    ControllerAnswers,
    DataCategory,
    Document,
    Purpose,
    Recipient,
    RetentionRule,
    StepRevision,
)
from policies.services import document_create
from policies.wizard.steps import STEP_KEYS

pytestmark = pytest.mark.unscoped_queries_allowed(
    "checks what a step saved by reading the rows directly"
)


def controller_data(**overrides):
    data = {
        "revision": "0",
        "section-legal_name": "Zaļā Sala",
        "section-legal_form": "sia",
        "section-country": "LV",
        "section-registration_number": "40003000000",
        "section-legal_address": "Brīvības iela 1, Rīga, LV-1010",
        "section-email": "info@zalasala.lv",
    }
    data.update(overrides)
    return data


def rows(prefix="rows", total=1, initial=0, **fields):
    data = {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}
    for name, value in fields.items():
        data[f"{prefix}-0-{name}"] = value
    return data


# --- documents ------------------------------------------------------------------------------


def test_an_editor_creates_a_document(editor, login, company):
    response = login(editor).post(
        "/t/alfa/documents/new/",
        {
            "title_variant": "privacy_policy",
            "slug": "privatuma-politika",
            "address_form": "formal",
            "english": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/t/alfa/documents/privatuma-politika/wizard/controller/"
    document = Document.objects.get(tenant=company)
    assert document.languages == ["lv", "en"]
    assert StepRevision.objects.filter(document=document).count() == 11


def test_a_duplicate_document_slug_is_refused(editor, login, document):
    response = login(editor).post(
        "/t/alfa/documents/new/",
        {"title_variant": "privacy_policy", "slug": "privatuma-politika", "address_form": "formal"},
    )
    assert response.status_code == 200
    assert Document.objects.count() == 1


def test_the_same_slug_is_fine_in_another_company(document, other_company):
    document_create(tenant=other_company, slug="privatuma-politika", by=None)
    assert Document.objects.filter(slug="privatuma-politika").count() == 2


def test_the_authority_starts_as_that_of_the_company_country(other_company):
    other_company.country = "EE"
    other_company.save()
    document = document_create(tenant=other_company, slug="p", by=None)
    assert document.rights.authority == "ee_aki"
    assert str(document.controller.country) == "EE"


# --- saving and moving -----------------------------------------------------------------------


def test_it_saves_a_step_and_goes_on(editor, login, document, step_url):
    response = login(editor).post(step_url("controller"), controller_data(action="next"))
    assert response.status_code == 302
    assert response["Location"] == step_url("scope")
    controller = ControllerAnswers.objects.get(document=document)
    assert controller.legal_name == "Zaļā Sala"
    assert StepRevision.objects.get(document=document, step="controller").revision == 1


def test_back_saves_too(editor, login, document, step_url):
    data = {
        "revision": "0",
        "section-channels": ["website", "eshop"],
        "action": "back",
        **rows(total=0),
    }
    response = login(editor).post(step_url("scope"), data)
    assert response["Location"] == step_url("controller")
    document.scope.refresh_from_db()
    assert document.scope.channels == ["website", "eshop"]


def test_a_partly_answered_step_is_saved(editor, login, document, step_url):
    login(editor).post(
        step_url("controller"),
        {"revision": "0", "section-country": "LV", "section-email": "info@zalasala.lv"},
    )
    document.controller.refresh_from_db()
    assert document.controller.email == "info@zalasala.lv"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("section-registration_number", "4000300000", "11 cipari"),
        ("section-registration_number", "4000300000X", "11 cipari"),
        ("section-email", "not-an-email", "derīga e-pasta adrese"),
        ("section-website", "javascript:alert(1)", "URL"),
        ("section-country", "XX", "XX"),
        ("section-legal_name", "x" * 201, "200"),
        ("section-phone", "call me", "+371"),
    ],
)
def test_invalid_controller_answers_are_refused(
    editor, login, document, step_url, field, value, message
):
    response = login(editor).post(step_url("controller"), controller_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    document.controller.refresh_from_db()
    assert document.controller.legal_name == ""  # nothing of the step was saved
    # and what the person typed is still in the form
    assert "Zaļā Sala" in response.content.decode()


def test_an_estonian_registry_code_has_eight_digits(editor, login, document, step_url):
    client = login(editor)
    bad = client.post(
        step_url("controller"),
        controller_data(**{"section-country": "EE", "section-registration_number": "40003000000"}),
    )
    assert "8 cipari" in bad.content.decode()
    good = client.post(
        step_url("controller"),
        controller_data(**{"section-country": "EE", "section-registration_number": "17361191"}),
    )
    assert good.status_code == 302


def test_html_in_answers_is_kept_as_text_and_escaped(editor, login, document, step_url):
    payload = "<script>alert(1)</script>{{ 7|add:7 }}"
    client = login(editor)
    client.post(step_url("controller"), controller_data(**{"section-legal_name": payload}))
    document.controller.refresh_from_db()
    assert document.controller.legal_name == payload
    page = client.get(step_url("controller")).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "14" not in page.split("legal_name")[1][:200]


# --- rows --------------------------------------------------------------------------------------


def test_it_adds_data_categories(editor, login, document, step_url):
    data = {
        "revision": "0",
        **rows(
            code="contact",
            examples="e-pasts, tālrunis",
            sources="data_subject",
            provision="contractual",
        ),
    }
    response = login(editor).post(step_url("data"), data)
    assert response.status_code == 302
    category = DataCategory.objects.get(document=document)
    assert (category.code, category.sources, category.tenant_id) == (
        "contact",
        ["data_subject"],
        document.tenant_id,
    )


def test_adding_a_row_keeps_what_was_typed_and_saves_nothing(editor, login, document, step_url):
    data = {"revision": "0", "action": "add_row", **rows(code="custom", label="Atsauksmes")}
    page = login(editor).post(step_url("data"), data).content.decode()
    assert 'value="Atsauksmes"' in page
    assert 'name="rows-TOTAL_FORMS" value="2"' in page
    assert not DataCategory.objects.exists()


def test_choosing_a_known_service_fills_a_recipient_row(editor, login, document, step_url):
    # the browser posts the blank row with its initial values
    data = {
        "revision": "0",
        "action": "add_catalogue",
        "catalogue": "mailchimp",
        **rows(total=1, role="processor", country="LV"),
    }
    page = login(editor).post(step_url("recipients"), data).content.decode()
    # the blank row is filled rather than a second one added
    assert 'name="rows-TOTAL_FORMS" value="1"' in page
    assert 'value="Mailchimp"' in page
    assert 'value="The Rocket Science Group LLC"' in page


def test_the_focus_waits_in_the_row_just_added(editor, login, document, step_url):
    data = {"revision": "0", "action": "add_row", **rows(code="contact")}
    page = login(editor).post(step_url("data"), data).content.decode()
    assert page.count("autofocus") == 1
    assert 'name="rows-1-code"' in page.split("autofocus")[0].rsplit("<select", 1)[1]


def test_a_step_posts_to_its_own_path(editor, login, document, step_url):
    # Not to the page's address, which may carry a "#main" from the skip link: browsers
    # skip autofocus on a page whose address has a fragment.
    page = login(editor).get(step_url("scope")).content.decode()
    assert f'action="{step_url("scope")}"' in page


def test_the_focus_waits_in_the_recipient_added_from_the_list(editor, login, document, step_url):
    data = {"revision": "0", "action": "add_catalogue", "catalogue": "dpd", **rows(total=0)}
    page = login(editor).post(step_url("recipients"), data).content.decode()
    assert page.count("autofocus") == 1
    assert 'name="rows-0-name"' in page.split("autofocus")[0].rsplit("<input", 1)[1]


def test_a_row_can_be_removed(editor, login, document, step_url):
    client = login(editor)
    client.post(step_url("data"), {"revision": "0", **rows(code="contact")})
    category = DataCategory.objects.get()
    client.post(
        step_url("data"),
        {
            "revision": "1",
            **rows(total=1, initial=1, id=str(category.pk), code="contact", DELETE="on"),
        },
    )
    assert not DataCategory.objects.exists()


def test_a_custom_kind_of_data_needs_a_name(editor, login, document, step_url):
    response = login(editor).post(step_url("data"), {"revision": "0", **rows(code="custom")})
    assert response.status_code == 200
    assert not DataCategory.objects.exists()


def test_a_purpose_needs_a_legal_basis(editor, login, document, step_url):
    response = login(editor).post(
        step_url("purposes"), {"revision": "0", **rows(code="order_processing")}
    )
    assert response.status_code == 200
    assert "juridisko pamatu" in response.content.decode()
    assert not Purpose.objects.exists()


def test_a_purpose_links_only_to_data_of_its_own_document(
    editor, login, document, step_url, other_company
):
    foreign = document_create(tenant=other_company, slug="x", by=None)
    foreign_category = DataCategory.objects.create(document=foreign, code="contact")
    response = login(editor).post(
        step_url("purposes"),
        {
            "revision": "0",
            **rows(
                code="order_processing", legal_bases="contract", categories=str(foreign_category.pk)
            ),
        },
    )
    assert response.status_code == 200
    assert not Purpose.objects.exists()


def test_a_purpose_offers_only_data_of_its_own_document(
    editor, login, document, step_url, other_company
):
    foreign = document_create(tenant=other_company, slug="x", by=None)
    DataCategory.objects.create(document=foreign, code="custom", label="BETA-DATI")
    DataCategory.objects.create(document=document, code="custom", label="ALFA-DATI")
    page = login(editor).get(step_url("purposes")).content.decode()
    assert "ALFA-DATI" in page
    assert "BETA-DATI" not in page


def test_a_row_of_another_document_cannot_be_addressed(
    editor, login, document, step_url, other_company
):
    foreign = document_create(tenant=other_company, slug="x", by=None)
    row = DataCategory.objects.create(document=foreign, code="contact")
    data = rows(total=1, initial=1, id=str(row.pk), code="order")
    response = login(editor).post(step_url("data"), {"revision": "0", **data})
    assert response.status_code == 200  # refused: not a row of this document
    assert list(DataCategory.objects.values_list("pk", "code")) == [(row.pk, "contact")]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"bound": "exact", "period": "-5", "unit": "years"}, "0"),
        ({"bound": "exact", "unit": "years"}, "Ievadiet skaitli"),
        ({"bound": "exact", "period": "5"}, "dienas, mēnešus vai gadus"),
        ({"bound": "range", "period": "30", "period_max": "10", "unit": "days"}, "jābūt lielākām"),
        ({"bound": "criterion"}, "līdz kuram brīdim"),
        ({"bound": "exact", "period": "abc", "unit": "years"}, "veselu skaitli"),
    ],
)
def test_invalid_retention_periods_are_refused(editor, login, document, step_url, fields, message):
    data = {"revision": "0", **rows(label="Pasūtījumi", **fields)}
    response = login(editor).post(step_url("retention"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RetentionRule.objects.exists()


def test_a_retention_period_is_saved(editor, login, document, step_url):
    client = login(editor)
    client.post(step_url("data"), {"revision": "0", **rows(code="order")})
    category = DataCategory.objects.get()
    response = client.post(
        step_url("retention"),
        {
            "revision": "0",
            **rows(
                category=str(category.pk),
                bound="exact",
                period="7",
                unit="years",
                legal_reference="Grāmatvedības likums",
            ),
        },
    )
    assert response.status_code == 302
    rule = RetentionRule.objects.get()
    assert (rule.category, rule.period, rule.unit) == (category, 7, "years")


def test_readers_see_the_answers_but_cannot_change_them(
    viewer, reviewer, login, document, step_url
):
    for user in (viewer, reviewer):
        client = login(user)
        page = client.get(step_url("controller")).content.decode()
        assert "<fieldset disabled>" in page
        assert client.post(step_url("controller"), controller_data()).status_code == 403
    document.controller.refresh_from_db()
    assert document.controller.legal_name == ""


def test_an_unknown_step_is_not_found(editor, login, document):
    assert login(editor).get("/t/alfa/documents/privatuma-politika/wizard/nope/").status_code == 404


def test_a_step_page_needs_few_queries(
    editor, login, document, step_url, django_assert_max_num_queries
):
    client = login(editor)
    for i in range(12):
        Recipient.objects.create(document=document, name=f"R{i}", country="US", position=i)
    with django_assert_max_num_queries(40):
        assert client.get(step_url("recipients")).status_code == 200


def test_impossible_row_ids_are_refused_without_a_server_error(editor, login, document, step_url):
    huge = "9" * 30
    client = login(editor)
    response = client.post(
        step_url("purposes"),
        {
            "revision": "0",
            **rows(
                total=1, initial=1, id=huge, code="support", legal_bases="contract", categories=huge
            ),
        },
    )
    assert response.status_code == 200
    response = client.post(
        step_url("retention"),
        {"revision": "0", **rows(category=huge, bound="exact", period="1", unit="years")},
    )
    assert response.status_code == 200
    assert not Purpose.objects.exists()


def test_the_rights_step_shows_the_authority_contacts(editor, login, document, step_url):
    page = login(editor).get(step_url("rights")).content.decode()
    assert "Datu valsts inspekcija" in page
    assert "pasts@dvi.gov.lv" in page


def test_the_transfers_step_lists_recipients_outside_the_eea(editor, login, document, step_url):
    Recipient.objects.create(document=document, name="Vercel", country="US")
    page = login(editor).get(step_url("transfers")).content.decode()
    assert "Vercel" in page


def test_the_transfers_step_offers_every_country_and_keeps_the_chosen_ones(
    editor, login, document, step_url
):
    client = login(editor)
    page = client.get(step_url("transfers")).content.decode()
    assert '<option value="US">' in page and '<option value="JP">' in page
    response = client.post(
        step_url("transfers"),
        {"revision": "0", "section-status": "yes", "section-countries": ["US", "JP"]},
    )
    assert response.status_code == 302
    document.transfers.refresh_from_db()
    assert document.transfers.countries == ["US", "JP"]
    page = client.get(step_url("transfers")).content.decode()
    assert '<option value="US" selected>' in page


def test_every_question_has_help(document):
    from policies.wizard.forms import StepForms
    from policies.wizard.steps import STEPS

    for step in STEPS:
        forms = StepForms(step, document)
        fields = []
        if forms.section_form:
            fields += list(forms.section_form.fields.items())
        if forms.formset:
            fields += list(forms.formset.forms[0].fields.items())
        for name, field in fields:
            if name not in ("id", "DELETE", "catalogue_key"):
                assert field.help_text, f"{step.key}.{name} has no help"


@pytest.mark.parametrize(
    "control",
    ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"],
)
def test_direction_controls_are_refused_with_a_message(editor, login, document, step_url, control):
    name = f"Zaļā {control}alaS"
    response = login(editor).post(
        step_url("controller"), controller_data(**{"section-legal_name": name})
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f"U+{ord(control):04X}" in page and "6. pozīcijā" in page
    document.controller.refresh_from_db()
    assert document.controller.legal_name == ""


def test_right_to_left_letters_without_controls_are_kept(editor, login, document, step_url):
    name = "Zaļā Sala שלום"
    response = login(editor).post(
        step_url("controller"), controller_data(**{"section-legal_name": name})
    )
    assert response.status_code == 302
    document.controller.refresh_from_db()
    assert document.controller.legal_name == name


@pytest.mark.parametrize("step", STEP_KEYS)
def test_a_steps_queries_do_not_grow_with_its_rows(editor, login, company, owner, step):
    """Every step's page costs the same number of queries with 6 rows in each repeating
    answer as with 20, and its lists of choices are written once for all rows."""
    from bench.data import demo_answers
    from bench.wizard_steps import many_rows
    from policies import answers_format

    counts = []
    for rows in (6, 20):
        document = document_create(tenant=company, slug=f"rindas-{rows}", by=owner)
        answers_format.import_into(document, many_rows(demo_answers(), rows), by=owner)
        client = login(editor)
        url = f"/t/alfa/documents/rindas-{rows}/wizard/{step}/"
        client.get(url)  # the check of the answers, kept once made
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url)
        assert page.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    if step == "recipients":  # the countries once per page, not once per row
        assert page.content.decode().count('<option value="LV"') == 20
