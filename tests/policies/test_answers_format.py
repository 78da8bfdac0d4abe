"""Export and import of answers as JSON: documented, validated, all or nothing, stable."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from policies import answers_format
from policies.answers import load_answers
from policies.models import DataCategory, Document, Purpose
from policies.services import document_create
from policies.wizard import completeness

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "policies" / "data" / "demo_answers.json"


def demo_answers():
    return json.loads(DEMO.read_text(encoding="utf-8"))


def test_the_documented_schema_is_the_one_in_force():
    documented = json.loads((ROOT / "docs" / "answers.schema.json").read_text())
    assert documented == answers_format.schema(), "run: manage.py answers_schema > docs/..."
    jsonschema.Draft202012Validator.check_schema(documented)


def test_an_export_validates_against_the_schema(document):
    answers_format.import_into(document, demo_answers())
    exported = answers_format.export(document)
    jsonschema.validate(exported, answers_format.schema())


def test_export_import_export_gives_identical_json(document, other_company):
    answers_format.import_into(document, demo_answers())
    first = answers_format.dumps(answers_format.export(document))
    copy = document_create(tenant=other_company, slug="kopija", by=None)
    answers_format.import_into(copy, answers_format.parse(first))
    assert answers_format.dumps(answers_format.export(copy)) == first
    # and the copy's rows belong to the copy's company only
    assert set(DataCategory.objects.filter(document=copy).values_list("tenant", flat=True)) == {
        other_company.pk
    }


def test_importing_replaces_every_earlier_answer(document):
    DataCategory.objects.create(document=document, code="cctv")
    answers_format.import_into(document, demo_answers())
    assert not DataCategory.objects.filter(document=document, code="cctv").exists()


def errors_of(raw):
    with pytest.raises(answers_format.AnswersImportError) as caught:
        answers_format.parse(raw)
    return caught.value.errors


def test_a_file_that_is_not_json_is_refused():
    [(path, message)] = errors_of(b"{not json")
    assert path == "" and "JSON" in message


def test_schema_errors_are_all_reported_with_their_paths():
    data = demo_answers()
    data["controller"]["legal_form"] = "plc"
    data["purposes"][0]["legal_bases"] = ["because"]
    data["unexpected"] = 1
    paths = [path for path, _message in errors_of(json.dumps(data))]
    assert "controller.legal_form" in paths
    assert "purposes[0].legal_bases[0]" in paths
    assert "" in paths  # the unexpected key, at the top


def test_rule_errors_are_all_reported_and_nothing_is_saved(document):
    answers_format.import_into(document, demo_answers())
    before = answers_format.export(document)
    data = demo_answers()
    data["controller"]["registration_number"] = "123"
    data["controller"]["email"] = "not-an-email"
    data["purposes"][1]["legal_bases"] = []
    data["retention"][0]["period"] = None
    with pytest.raises(answers_format.AnswersImportError) as caught:
        answers_format.import_into(document, answers_format.parse(json.dumps(data)))
    paths = {path for path, _message in caught.value.errors}
    assert {
        "controller.registration_number",
        "controller.email",
        "purposes[1].legal_bases",
        "retention[0].period",
    } <= paths
    assert answers_format.export(document) == before


def test_the_ui_exports_and_imports(editor, login, document, other_company):
    client = login(editor)
    upload = SimpleUploadedFile("answers.json", DEMO.read_bytes(), "application/json")
    response = client.post("/t/alfa/documents/privatuma-politika/import/", {"file": upload})
    assert response.status_code == 302
    exported = client.get("/t/alfa/documents/privatuma-politika/answers.json")
    assert exported["Content-Type"].startswith("application/json")
    assert "attachment" in exported["Content-Disposition"]
    assert json.loads(exported.content) == answers_format.export(document)


def test_the_ui_lists_import_errors_and_changes_nothing(editor, login, document):
    data = demo_answers()
    data["controller"]["registration_number"] = "123"
    upload = SimpleUploadedFile("a.json", json.dumps(data).encode(), "application/json")
    response = login(editor).post("/t/alfa/documents/privatuma-politika/import/", {"file": upload})
    assert response.status_code == 400
    assert "controller.registration_number" in response.content.decode()
    document.controller.refresh_from_db()
    assert document.controller.registration_number == ""
    assert not Purpose.objects.filter(document=document).exists()


@pytest.mark.unscoped_queries_allowed("counts the documents the commands left, in any company")
def test_management_commands_export_and_import(document, tmp_path, capsys):
    target = tmp_path / "answers.json"
    answers_format.import_into(document, demo_answers())
    call_command("export_answers", "alfa", "privatuma-politika", "-o", str(target))
    copy = document_create(tenant=document.tenant, slug="kopija", by=None)
    call_command("import_answers", "alfa", "kopija", str(target))
    assert answers_format.export(copy) == json.loads(target.read_text())
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "policyhub-answers", "version": 1, "controller": {"email": "x"}}')
    with pytest.raises(CommandError, match="controller.email"):
        call_command("import_answers", "alfa", "kopija", str(bad))
    with pytest.raises(CommandError, match="No document"):
        call_command("import_answers", "beta", "kopija", str(target))
    with pytest.raises(CommandError, match="not a member"):
        call_command("import_answers", "alfa", "kopija", str(target), by="outsider@beta.test")
    assert Document.objects.count() == 2


def as_version_1(data):
    """The file as version 1 wrote it: one Latvian string per text."""
    if isinstance(data, dict):
        if set(data) == {"lv", "en"}:
            return data["lv"]
        return {key: as_version_1(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_version_1(value) for value in data]
    return data


def test_a_version_1_file_imports_its_texts_as_latvian(document):
    old = {**as_version_1(demo_answers()), "version": 1}
    answers_format.import_into(document, answers_format.parse(json.dumps(old)))
    exported = answers_format.export(document)
    assert exported["version"] == 2
    assert exported["data"][0]["examples"] == {"lv": old["data"][0]["examples"], "en": ""}
    assert exported["scope"]["intro"]["en"] == ""
    # every text that was there in Latvian is flagged until it has its English
    report = completeness.check(load_answers(document))
    [texts_item] = [item for item in report.missing if item.code == "texts"]
    assert len(texts_item.missing) == sum(1 for text in _texts(exported) if text["lv"]), (
        texts_item.missing
    )


def _texts(data):
    if isinstance(data, dict):
        if set(data) == {"lv", "en"}:
            yield data
        else:
            for value in data.values():
                yield from _texts(value)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value)


def test_version_1_and_2_files_round_trip_byte_for_byte(document, other_company):
    for data in ({**as_version_1(demo_answers()), "version": 1}, demo_answers()):
        answers_format.import_into(document, answers_format.parse(json.dumps(data)))
        first = answers_format.dumps(answers_format.export(document))
        copy = document_create(tenant=other_company, slug=f"kopija-{data['version']}", by=None)
        answers_format.import_into(copy, answers_format.parse(first))
        assert answers_format.dumps(answers_format.export(copy)) == first


def test_a_text_in_version_2_is_an_object_of_languages():
    data = demo_answers()
    data["data"][0]["examples"] = "vārds"
    data["data"][1]["examples"]["de"] = "Name"
    paths = [path for path, _message in errors_of(json.dumps(data))]
    assert "data[0].examples" in paths and "data[1].examples" in paths


def test_an_error_in_one_language_names_it(document):
    data = demo_answers()
    data["purposes"][0]["description"]["en"] = "x" * 1001
    with pytest.raises(answers_format.AnswersImportError) as caught:
        answers_format.import_into(document, data)
    assert "purposes[0].description.en" in [path for path, _m in caught.value.errors]
