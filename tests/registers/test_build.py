"""The register written from each seed's answers: one activity per purpose, every item of
GDPR Art. 30(1) filled, in Latvian and in English, with the seed's own content."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from policies import grammar
from policies.choices import (
    DataCategoryCode,
    DataSubjectCategory,
    LegalBasis,
    PurposeCode,
    RetentionBound,
    SecurityMeasure,
)
from policies.models import Purpose
from policies.render import en, lv
from policyhub.countries import EEA_CODES
from registers.build import ARTICLE_30_1, build, day
from tests.registers.conftest import SEEDS, seed_data

WORDS = {"lv": lv, "en": en}


def in_language(texts: dict, language: str) -> str:
    return (texts or {}).get(language, "").strip()


def purpose_name(row, language) -> str:
    return in_language(row["label"], language) or str(PurposeCode(row["code"]).label)


def category_name(row, language) -> str:
    return in_language(row["label"], language) or str(DataCategoryCode(row["code"]).label)


def basis(code, holder, language) -> str:
    words = WORDS[language]
    if code == LegalBasis.LEGITIMATE_INTERESTS:
        return words.INTERESTS[holder or "controller"]
    return words.BASES[code]


def period_words(rule, language) -> str:
    """A seed's retention rule in words, as the policy's grammar says it."""
    if rule["bound"] == RetentionBound.CRITERION:
        if rule["trigger"]:
            return WORDS[language].TRIGGERS[rule["trigger"]]
        return in_language(rule["criterion"], language)
    n, unit = rule["period"], rule["unit"]
    if rule["bound"] == RetentionBound.UP_TO:
        return grammar.up_to(n, unit)
    if rule["bound"] == RetentionBound.RANGE:
        return grammar.period_range(n, rule["period_max"], unit)
    return grammar.period(n, unit)


def rules_of(purpose, data) -> list[dict]:
    """The seed's retention rules for a purpose: its own, its data's, else the general ones."""
    rules = [
        r
        for r in data["retention"]
        if r["purpose"] == purpose["ref"] or r["category"] in purpose["categories"]
    ]
    return rules or [r for r in data["retention"] if not (r["purpose"] or r["category"])]


def outside_eea(recipient) -> bool:
    places = [recipient["country"], *recipient["transfers_to"].split(",")]
    return any(p.strip() and p.strip() not in EEA_CODES for p in places)


@pytest.mark.parametrize("language", ["lv", "en"])
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_purpose_of_a_seed_is_an_activity_with_every_item(path, language, seeded, company):
    data = seed_data(path)
    seeded(path)
    register = build(company, language)

    assert len(register.activities) == len(data["purposes"])
    assert register.missing == []  # the seeds answer everything Art. 30(1) asks
    controller = data["controller"]
    assert controller["legal_name"] in register.controller.name
    assert f"{controller['email']}" in " ".join(register.controller.lines)

    by_ref = {row["ref"]: row for row in data["data"]}
    with translation.override(language):
        subjects = [str(DataSubjectCategory(code).label) for code in data["scope"]["data_subjects"]]
        measures = [str(SecurityMeasure(code).label) for code in data["security"]["measures"]]
        for activity, row in zip(register.activities, data["purposes"], strict=True):
            for key in ARTICLE_30_1:
                assert activity.item(key).lines, (row["ref"], key)
            text = {key: activity.item(key).text for key in ARTICLE_30_1}

            # (b) the purpose, its legal bases and its legitimate interest
            assert activity.name == purpose_name(row, language)
            assert text["b"].startswith(activity.name)
            for code in row["legal_bases"]:
                assert basis(code, row["interest_holder"], language) in text["b_basis"]
            if LegalBasis.LEGITIMATE_INTERESTS in row["legal_bases"]:
                assert in_language(row["legitimate_interest"], language) in text["b_basis"]
            # (c) data subjects and the purpose's data, special categories marked
            assert activity.item("c_subjects").lines == subjects
            lines = activity.item("c_data").lines
            assert len(lines) == len(row["categories"])
            for line, ref in zip(lines, row["categories"], strict=True):
                assert line.startswith(category_name(by_ref[ref], language))
                assert in_language(by_ref[ref]["examples"], language) in line
            # (d) every recipient of the document, by name
            for recipient in data["recipients"]["items"]:
                assert in_language(recipient["name"], language) in text["d"]
            # (e) transfers: each recipient outside the EU/EEA with its safeguards, or none
            outside = [r for r in data["recipients"]["items"] if outside_eea(r)]
            for recipient in outside:
                assert in_language(recipient["name"], language) in text["e"]
                for code in recipient["mechanisms"] or data["transfers"]["mechanisms"]:
                    assert WORDS[language].MECHANISMS_SHORT[code] in text["e"]
            if not outside and data["transfers"]["status"] == "none":
                assert activity.item("e").lines == [
                    "None: personal data is not transferred outside the EU/EEA."
                    if language == "en"
                    else translation.gettext(
                        "None: personal data is not transferred outside the EU/EEA."
                    )
                ]
            # (f) the rules of the purpose or its data, worded by the policy's grammar
            for rule in rules_of(row, data):
                assert period_words(rule, language) in text["f"], (row["ref"], text["f"])
            # (g) the security measures and their description
            for measure in measures:
                assert measure in text["g"]
            description = in_language(data["security"]["description"], language)
            if description:
                assert description in text["g"]


@pytest.mark.parametrize("path", [SEEDS[0]], ids=lambda p: p.stem)
def test_the_processor_record_of_a_company_that_processes_its_customers_data(path, seeded, company):
    data = seed_data(path)
    assert data["scope"]["acts_as_processor"]
    seeded(path)
    for language in ("lv", "en"):
        register = build(company, language)
        [record] = register.processor_records
        assert record.processing == in_language(data["scope"]["processor_note"], language)
        processors = [
            in_language(r["name"], language)
            for r in data["recipients"]["items"]
            if r["role"] == "processor"
        ]
        assert len(record.sub_processors) == len(processors)
        for name, line in zip(processors, record.sub_processors, strict=True):
            assert line.startswith(name)
        assert "Kompetentās valsts iestādes" not in " ".join(record.sub_processors)
        assert "Vercel" in record.item("c").text  # transfers to the USA
        assert record.item("d").lines == register.activities[0].item("g").lines


def test_a_company_that_is_not_a_processor_has_no_processor_record(seeded, company):
    seeded(SEEDS[1])
    assert build(company, "en").processor_records == []


def test_the_english_register_uses_the_english_texts(seeded, company):
    seeded(SEEDS[0])
    register = build(company, "en")
    first = register.activities[0]
    assert first.name == "Providing the service"
    assert first.description.startswith("keeping records of customers")
    assert "Contact details" in first.item("c_data").text
    assert "first name, surname" in first.item("c_data").text
    assert "Stripe (Stripe Payments Europe, Limited) – processor" in first.item("d").text
    assert "Stripe: United States of America – EU-US Data Privacy Framework and standard" in (
        first.item("e").text
    )
    assert "while the account is active" in first.item("f").text
    assert "Encryption of stored data" in first.item("g").text
    lv_first = build(company, "lv").activities[0]
    assert lv_first.description.startswith("klientu, piezīmju un aktivitāšu uzskaite")
    assert "kamēr konts ir aktīvs" in lv_first.item("f").text
    assert "līguma noslēgšana un izpilde (VDAR 6. panta 1. punkta b) apakšpunkts)" in (
        lv_first.item("b_basis").text
    )


def test_gaps_are_named_and_the_optional_ones_apart(company, editor):
    from policies.services import document_create

    document_create(tenant=company, slug="politika", by=editor)
    register = build(company, "en")
    assert register.activities == []
    assert "No purposes of processing are given." in register.missing
    assert "No security measures are given." in register.missing
    assert register.last_reviewed is None
    assert register.review_due is False  # nothing to review yet


def test_the_optional_fields_and_the_review_dates(seeded, company):
    document = seeded(SEEDS[2])
    register = build(company, "en")
    assert len(register.optional_missing) == 3 * 4  # owner, systems, DPIA, review per purpose
    assert "Purpose “Providing the service”: the activity owner is not given." in (
        register.optional_missing
    )
    assert register.last_reviewed is None and register.review_due

    today = timezone.localdate()
    purposes = Purpose.objects.for_tenant(company).filter(document=document)
    purposes.update(
        register_owner="Pārdošanas vadītājs",
        register_owner_en="sales manager",
        register_systems="=HYPERLINK(1)",
        dpia="not_needed",
        dpia_reason_en="no large-scale monitoring",
        reviewed_on=today,
    )
    purposes.filter(code="inquiries").update(reviewed_on=today - datetime.timedelta(days=400))
    register = build(company, "en")
    assert register.optional_missing == []
    activity = register.activities[0]
    assert activity.item("owner").lines == ["sales manager"]
    assert activity.item("dpia").lines == ["Not needed – no large-scale monitoring"]
    assert activity.item("reviewed_on").lines == [day(today)]
    assert register.last_reviewed == today - datetime.timedelta(days=400)
    assert register.review_due
    assert build(company, "lv").activities[0].owner == "Pārdošanas vadītājs"

    purposes.update(reviewed_on=today - datetime.timedelta(days=365))
    assert not build(company, "en").review_due


def test_an_unpublished_document_says_so(seeded, company):
    seeded(SEEDS[2])
    [entry] = build(company, "en").documents
    assert entry.version is None
    assert entry.status == "not published yet"


def test_several_documents_each_give_their_activities(seeded, company):
    seeded(SEEDS[2], slug="politika")
    seeded(SEEDS[1], slug="veikals")
    register = build(company, "en")
    assert len(register.activities) == 3 + 8
    assert {a.document.slug for a in register.activities} == {"politika", "veikals"}
    assert [d.slug for d in register.documents] == ["politika", "veikals"]


def test_a_register_reads_each_answer_once(demo):
    """The draft is compared with the version in force from the answers already read for the
    register: no statement is sent twice."""
    with CaptureQueriesContext(connection) as queries:
        [entry] = build(demo, "en").documents
    assert entry.version is not None
    statements = [query["sql"] for query in queries.captured_queries]
    assert len(statements) == len(set(statements))


def test_a_language_the_register_does_not_have_is_refused(company):
    with pytest.raises(ValueError):
        build(company, "de")


def test_a_draft_row_not_named_yet_is_no_error(seeded, company, owner):
    from policies import answers_format
    from policies.models import PolicyVersion

    document = seeded(SEEDS[2])
    PolicyVersion.objects.create(
        tenant=company,
        document=document,
        number=1,
        effective_date=timezone.localdate(),
        answers=answers_format.export(document),
        texts={},
        content_hash="0" * 64,
    )
    Purpose.objects.create(tenant=company, document=document, position=9)
    register = build(company, "en")
    assert register.activities[-1].name == "(not named yet)"
    assert "Purpose “(not named yet)”: no legal basis is given." in register.missing
    assert register.documents[0].differences == ["Purpose “(not named yet)” added in the draft."]


def test_a_purpose_without_a_rule_of_its_own_takes_the_general_rules(company, editor):
    from policies import answers_format
    from policies.services import document_create

    data = seed_data(SEEDS[2])
    general = {**data["retention"][2], "purpose": None}
    general["label"] = {"lv": "Pārējie dati", "en": "Other data"}
    data["retention"][2] = general  # the rule of purpose-3 becomes a general one
    document = document_create(tenant=company, slug="politika", by=editor)
    answers_format.import_into(document, data, by=editor)
    third = build(company, "en").activities[2]
    assert third.retention_general
    assert third.item("f").lines == [
        "The document's general rules:",
        "Other data: up to 6 months",
    ]
    assert not build(company, "en").activities[0].retention_general

    data["retention"].pop(2)  # and without it, nothing applies: the register says so
    answers_format.import_into(document, data, by=editor)
    register = build(company, "en")
    assert register.activities[2].item("f").lines == []
    name = register.activities[2].name
    assert register.missing == [f"Purpose “{name}”: no retention period."]
