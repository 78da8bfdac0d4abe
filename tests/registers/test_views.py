"""The company's register pages: the page, its XLSX and PDF in both languages, the differences
from the policy in force, and marking every activity reviewed."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from policies import answers_format, publishing
from policies.models import Purpose
from registers.build import ACTIVITY_COLUMNS, build, day
from tenants.models import Membership
from tenants.roles import Role
from tests.factories import MembershipFactory, UserFactory
from tests.registers.conftest import SEEDS

ROUTES = {
    "company:register": {},
    "company:register_xlsx": {"language": "lv"},
    "company:register_pdf": {"language": "en"},
    "company:register_reviewed": {},
}


def url(name, tenant_slug="alfa", **kwargs):
    return reverse(name, kwargs={"tenant_slug": tenant_slug, **kwargs})


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLES = {"lv": "Privātuma politika", "en": "Privacy Policy"}


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def headers(language) -> list[str]:
    with translation.override(language):
        return [str(label) for _key, label in ACTIVITY_COLUMNS]


# -- the demo company: every role, both languages, both files --------------------------------


def test_the_demo_register_page_and_spreadsheets(demo, login):
    document = demo.documents.get()
    purposes = list(Purpose.objects.for_tenant(demo).filter(document=document))
    purposes[0].register_systems = '=HYPERLINK("https://example.test")'
    purposes[0].save()
    viewer = MembershipFactory(tenant=demo, role=Role.VIEWER, user=UserFactory()).user
    members = {m.role: m.user for m in Membership.objects.for_tenant(demo).select_related("user")}
    assert set(members) == {Role.OWNER, Role.EDITOR, Role.REVIEWER, Role.VIEWER}
    for role, user in members.items():
        response = login(user).get(url("company:register", "demo"))
        assert response.status_code == 200, role
        page = response.content.decode()
        assert "Zaļais Dārzs" in page
        assert purposes[1].name_in("lv") in page
        assert "E-komercijas vadītāja" in page  # the activity's owner
        can_mark = url("company:register_reviewed", "demo") in page
        assert can_mark == (role in ("owner", "editor"))
    assert members[Role.VIEWER] == viewer

    today = day(timezone.localdate())
    client = login(viewer)
    systems = [key for key, _label in ACTIVITY_COLUMNS].index("systems")
    for language in ("lv", "en"):
        response = client.get(url("company:register_xlsx", "demo", language=language))
        assert response.status_code == 200
        assert response["Content-Type"] == XLSX
        stem = {"lv": "apstrades-darbibu-registrs", "en": "records-of-processing"}[language]
        expected = f"{stem}-demo-{timezone.localdate().isoformat()}.xlsx"
        assert response["Content-Disposition"] == f'attachment; filename="{expected}"'

        book = load_workbook(io.BytesIO(response.content))
        with translation.override(language):
            assert book.sheetnames == [translation.gettext("Controller")]  # not a processor
        sheet = book.active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        assert rows[1][0] == {"lv": "SIA „Zaļais Dārzs”", "en": "SIA “Zaļais Dārzs”"}[language]
        assert rows[2][0].endswith(f": {today}")  # the date of export
        assert rows[3][0].startswith(f"{TITLES[language]} (/privatuma-politika/): ")
        header = rows.index(headers(language))
        assert sheet.freeze_panes == f"A{header + 2}"  # the row of headings stays in view
        assert all(cell.font.b for cell in sheet[header + 1])
        activities = rows[header + 1 :]
        assert len(activities) == len(purposes)
        names = [purpose.name_in(language) for purpose in purposes]
        assert [row[2].split("\n")[0] for row in activities] == names
        # a text that would start a formula stays text
        assert activities[0][systems] == '\'=HYPERLINK("https://example.test")'
        assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
        if language == "en":
            assert rows[header][:3] == [
                "Document",
                "(a) Controller and contact details",
                "(b) Purpose of processing",
            ]
            assert rows[3][0].endswith(f"Version 2, in force since {today} The draft matches it.")
            assert activities[0][3] == "entering into and performing a contract (GDPR Art. 6(1)(b))"
        else:
            basis = "līguma noslēgšana un izpilde (VDAR 6. panta 1. punkta b) apakšpunkts)"
            assert activities[0][3] == basis


def test_the_demo_register_as_pdf(demo, login):
    owner = Membership.objects.for_tenant(demo).get(role=Role.OWNER).user
    client = login(owner)
    purposes = list(Purpose.objects.for_tenant(demo))
    for language in ("lv", "en"):
        response = client.get(url("company:register_pdf", "demo", language=language))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert "attachment;" in response["Content-Disposition"]
        reader = PdfReader(io.BytesIO(response.content))
        text = " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")
        assert "Zaļais Dārzs" in text
        assert day(timezone.localdate()) in text
        assert purposes[0].name_in(language) in text
        [entry] = build(demo, language).documents  # which version the records reflect
        assert entry.version.number == 2
        assert entry.line in text
        assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape


# -- the differences from the policy in force ---------------------------------------------------


def differences(company, language: str) -> list[str]:
    """How the draft of the company's one document differs from its version in force."""
    [entry] = build(company, language).documents
    return entry.differences


def test_a_purpose_added_after_publishing_is_listed(seeded, company, owner, editor, login):
    document = seeded(SEEDS[2])
    publishing.publish(document=document, by=owner)
    assert differences(company, "en") == []
    [entry] = build(company, "en").documents
    assert entry.version.number == 1
    assert entry.status.endswith("The draft matches it.")

    answers = answers_format.export(document)
    answers["purposes"].append(
        {
            **answers["purposes"][0],
            "ref": "purpose-4",
            "code": "newsletter",
            "label": {"lv": "", "en": ""},
            "description": {"lv": "", "en": ""},
            "legal_bases": ["consent"],
            "categories": ["data-1"],
        }
    )
    answers_format.import_into(document, answers, by=editor)

    assert differences(company, "en") == [
        "Purpose “Newsletters and marketing e-mail” added in the draft."
    ]
    [line] = differences(company, "lv")
    assert "Jaunumu un mārketinga e-pasta vēstuļu sūtīšana" in line
    page = login(owner).get(url("company:register")).content.decode()
    assert line in page  # the page is in Latvian, the interface's language
    assert "Jaunumu un mārketinga e-pasta vēstuļu sūtīšana" in page
    english = build(company, "en")
    assert len(english.activities) == 4
    assert english.documents[0].line.endswith(
        "The draft differs: Purpose “Newsletters and marketing e-mail” added in the draft."
    )


def test_other_changes_of_the_draft_are_said(seeded, company, owner, editor):
    document = seeded(SEEDS[2])
    publishing.publish(document=document, by=owner)
    answers = answers_format.export(document)
    answers["controller"]["email"] = "dati@example.lv"
    answers["retention"][1]["period"] = 2
    answers["recipients"]["items"].pop()
    answers["security"]["measures"].append("backups")
    answers["scope"]["data_subjects"].remove("prospect")
    answers_format.import_into(document, answers, by=editor)
    found = differences(company, "en")
    assert "The controller's details changed in the draft: e-mail." in found
    assert any(
        line.startswith("Retention period for “") and "up to 1 year → up to 2 years" in line
        for line in found
    ), found
    assert any(
        line.startswith("Recipient “") and line.endswith("removed in the draft.") for line in found
    )
    assert "The security measures changed in the draft: added Backups." in found
    assert (
        "The categories of data subjects changed in the draft: removed Prospective customers."
        in found
    )
    assert len(found) == 5


# -- marking every activity reviewed -----------------------------------------------------------


def test_an_editor_marks_every_activity_reviewed_today(seeded, company, editor, login):
    first = seeded(SEEDS[2], slug="politika")
    second = seeded(SEEDS[4], slug="veikals")
    response = login(editor).post(url("company:register_reviewed"), follow=True)
    assert response.redirect_chain == [(url("company:register"), 302)]
    today = timezone.localdate()
    purposes = Purpose.objects.for_tenant(company)
    assert purposes.count() == 3 + 8
    assert set(purposes.values_list("reviewed_on", flat=True)) == {today}
    for document in (first, second):
        latest = Purpose.history.filter(tenant=company, document=document).latest("history_date")
        assert latest.history_user == editor
        assert latest.reviewed_on == today
    register = build(company, "en")
    assert register.last_reviewed == today and not register.review_due
    with translation.override("lv"):  # the language of the request
        said = translation.ngettext(
            "%(count)s activity marked reviewed today.",
            "%(count)s activities marked reviewed today.",
            11,
        ) % {"count": 11}
    assert messages_of(response) == [said]


def test_marking_reviewed_changes_nothing_when_a_document_needs_correcting(
    seeded, company, editor, login
):
    seeded(SEEDS[2], slug="politika")
    bad = seeded(SEEDS[1], slug="veikals")
    Purpose.objects.for_tenant(company).filter(document=bad, code="newsletter").update(
        legal_bases=[]
    )
    response = login(editor).post(url("company:register_reviewed"), follow=True)
    assert response.status_code == 200
    [said] = messages_of(response)
    assert "/veikals/" in said and "/politika/" not in said
    assert not Purpose.objects.for_tenant(company).filter(reviewed_on__isnull=False).exists()


def test_a_viewer_may_not_mark_reviewed_and_get_is_not_allowed(
    seeded, company, viewer, editor, login
):
    seeded(SEEDS[2])
    assert login(viewer).post(url("company:register_reviewed")).status_code == 403
    assert login(editor).get(url("company:register_reviewed")).status_code == 405
    assert not Purpose.objects.for_tenant(company).filter(reviewed_on__isnull=False).exists()


def test_marking_reviewed_needs_the_csrf_token(seeded, company, editor):
    from django.test import Client

    seeded(SEEDS[2])
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(url("company:register_reviewed")).status_code == 403
    assert not Purpose.objects.for_tenant(company).filter(reviewed_on__isnull=False).exists()


# -- access --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ROUTES)
def test_another_company_s_member_gets_404(name, seeded, outsider, login):
    seeded(SEEDS[2])
    client = login(outsider)
    response = (
        client.post(url(name, **ROUTES[name]))
        if name.endswith("reviewed")
        else client.get(url(name, **ROUTES[name]))
    )
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["company:register_xlsx", "company:register_pdf"])
def test_a_language_the_register_does_not_have_is_not_found(name, company, viewer, login):
    assert login(viewer).get(url(name, language="de")).status_code == 404


def test_the_page_of_a_company_without_answers(company, viewer, login):
    response = login(viewer).get(url("company:register"))
    assert response.status_code == 200
    assert url("company:register_reviewed") not in response.content.decode()
    for name in ("company:register_xlsx", "company:register_pdf"):
        for language in ("lv", "en"):
            assert login(viewer).get(url(name, language=language)).status_code == 200


def test_the_wizard_shows_the_register_fields_apart(seeded, editor, login):
    seeded(SEEDS[2])
    response = login(editor).get("/t/alfa/documents/privatuma-politika/wizard/purposes/")
    page = response.content.decode()
    assert page.count('<details class="wizard-apart') == 3
    group = page.split('<details class="wizard-apart', 1)[1].split("</details>", 1)[0]
    for name in (
        "register_owner",
        "register_owner_en",
        "register_systems",
        "dpia",
        "dpia_reason",
        "reviewed_on",
    ):
        assert f'name="rows-0-{name}"' in group, name
    assert 'name="rows-0-legal_bases"' not in group
    assert page.count('name="rows-0-register_owner"') == 1
    row = page.split('name="rows-1-code"')[0]
    assert row.rindex('name="rows-0-DELETE"') > row.rindex("</details>")  # "Delete" comes last
    other = login(editor).get("/t/alfa/documents/privatuma-politika/wizard/data/").content.decode()
    assert "wizard-apart" not in other


def test_a_pdf_that_cannot_be_made_is_said_so(company, viewer, login, monkeypatch):
    from policies import pdf

    def fail(html):
        raise pdf.PdfError("timeout")

    monkeypatch.setattr(pdf, "render", fail)
    response = login(viewer).get(url("company:register_pdf", language="en"))
    assert response.status_code == 302
    assert response["Location"] == url("company:register")
