"""The policy at a law firm's standard: what each answer adds to the text, in both languages."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from policies import answers_format
from policies.answers import load_answers
from policies.models import Document, PolicyVersion
from policies.render import render
from policies.wizard import completeness

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "policies" / "data" / "demo_answers.json"
DOCS = ROOT / "docs" / "examples"

pytestmark = pytest.mark.unscoped_queries_allowed("reads the demo's versions directly")


def demo_answers():
    return json.loads(DEMO.read_text(encoding="utf-8"))


@pytest.fixture
def policy(document):
    """policy(changes) -> (answers, Latvian text, English text) of the demo answers changed
    by `changes(data)`."""

    def _policy(changes=None):
        data = demo_answers()
        if changes:
            changes(data)
        answers_format.import_into(document, data)
        answers = load_answers(document)
        return answers, render(answers, "lv"), render(answers, "en")

    return _policy


def mailchimp_of(data):
    return next(r for r in data["recipients"]["items"] if r["catalogue_key"] == "mailchimp")


def section(policy, key):
    return next(s for s in policy.sections if s.key == key)


def test_a_summary_on_top_leads_to_each_section(policy):
    _a, lv, en = policy()
    assert lv.sections[0].key == "summary" and lv.sections[0].title == "Īsumā"
    [block] = lv.sections[0].blocks
    keys = {s.key for s in lv.sections}
    assert block.links and set(block.links) <= keys
    assert "ilgākais termiņš – 5 gadi (grāmatvedība)" in lv.text()
    assert en.sections[0].title == "In brief"


def test_the_controller_introduces_itself_as_we(policy):
    _a, lv, en = policy()
    assert lv.intro[0].startswith(
        "Šajā privātuma politikā SIA „Zaļais Dārzs” (turpmāk – mēs) skaidro, kā mēs apstrādājam"
    )
    assert "SIA “Zaļais Dārzs” (“we”, “us”) explains" in en.intro[0]


def test_recipients_and_transfers_are_one_table(policy):
    _a, lv, en = policy()
    [table] = [b for b in section(lv, "recipients").blocks if b.kind == "table"]
    assert table.head == ["Saņēmējs", "Nolūks", "Loma", "Valsts", "Pamats nosūtīšanai ārpus ES/EEZ"]
    stripe = next(row for row in table.items if row[0].startswith("Stripe"))
    assert stripe[2] == "apstrādātājs" and "Amerikas Savienotās Valstis" in stripe[3]
    assert "līguma standartklauzulas" in stripe[4]
    transfers = section(lv, "transfers")
    text = " ".join(line for b in transfers.blocks for line in b.lines())
    assert "Īstenošanas lēmums (ES) 2023/1795" in text and "VDAR 45. pants" in text
    assert "(ES) 2021/914; VDAR 46. panta 2. punkta c) apakšpunkts" in text
    assert "Šī valsts ir Amerikas Savienotās Valstis." in text


def test_data_from_our_processor_is_not_from_a_third_party(policy):
    _a, lv, en = policy()
    assert "ar mūsu apstrādātāju starpniecību – maksājumu dati (Stripe)" in lv.text()
    assert "no trešajām personām" not in lv.text()
    assert "through our processors – payment data (Stripe)" in en.text()


def test_whether_data_must_be_given_is_a_table_said_once_per_answer(policy):
    _a, lv, _en = policy()
    [table] = [b for b in section(lv, "data").blocks if b.kind == "table"]
    assert [row[1] for row in table.items] == [
        "šie dati ir nepieciešami līguma noslēgšanai un izpildei",
        "šo datu sniegšana ir brīvprātīga",
    ]


def test_the_right_to_object_stands_apart_and_marketing_needs_no_reason(policy):
    _a, lv, en = policy()
    keys = [s.key for s in lv.sections]
    assert keys.index("objection") == keys.index("rights") + 1
    text = " ".join(line for b in section(lv, "objection").blocks for line in b.lines())
    assert "jebkurā brīdī un bez pamatojuma" in text and "VDAR 21. panta 2. un 3. punkts" in text
    assert "atteikšanās saiti" in text
    rights = " ".join(line for b in section(en, "rights").blocks for line in b.lines())
    assert "Right to data portability (GDPR Art. 20)" in rights
    assert "by two further months" in rights


def test_each_consent_says_how_to_withdraw_it(policy):
    _a, lv, _en = policy()
    text = lv.text()
    assert "Jaunumu un mārketinga e-pasta vēstuļu sūtīšana – izmantojot atteikšanās saiti" in text
    assert "Analītika un apmeklētāju plūsmas mērīšana – mainot izvēli sīkdatņu iestatījumos" in text


def test_cookies_are_a_table_from_the_tools_and_the_companys_own(policy):
    _a, lv, en = policy()
    [table] = [b for b in section(lv, "cookies").blocks if b.kind == "table"]
    names = [row[0] for row in table.items]
    assert names == ["_ga", "_ga_*", "_mcid", "sessionid", "cc_cookie"]
    assert table.items[0][1:] == [
        "Google Analytics",
        "atšķir apmeklētājus statistikai",
        "statistikas",
        "2 gadi",
        "pirmā puse",
    ]
    assert "Informācijas sabiedrības pakalpojumu likuma 7.¹ pants" in lv.text()
    assert "Law on Information Society Services" in en.text()


def test_a_joint_controller_has_the_essence_of_its_arrangement(policy, document):
    def joint(data):
        mailchimp = mailchimp_of(data)
        mailchimp["role"] = "joint_controller"
        mailchimp["arrangement"] = {
            "lv": "katrs atbildam par savu daļu",
            "en": "each of us answers for its own part",
        }

    answers, lv, en = policy(joint)
    assert "Mailchimp – kopīgs pārzinis kopā ar mums (VDAR 26. pants)." in lv.text()
    assert "Mūsu vienošanās būtība – katrs atbildam par savu daļu." in lv.text()
    assert "The essence of our arrangement: each of us answers for its own part." in en.text()


def test_special_categories_name_their_article_9_condition(policy):
    def health(data):
        data["data"][0]["special_category"] = True
        data["data"][0]["special_condition"] = "explicit_consent"

    _a, lv, en = policy(health)
    assert (
        "Kontaktinformācija – ar nepārprotamu piekrišanu (VDAR 9. panta 2. punkta a) apakšpunkts)"
        in lv.text()
    )
    assert "(GDPR Art. 9(2)(a))" in en.text()


def test_automated_decisions_give_logic_significance_and_ground(policy):
    def decisions(data):
        data["final"].update(
            automated_decisions="yes",
            automated_description={
                "lv": "Pasūtījumu pārbauda krāpšanas modelis.",
                "en": "A fraud model checks orders.",
            },
            automated_significance={
                "lv": "Aizdomīgu pasūtījumu varam atteikt.",
                "en": "We may refuse a suspicious order.",
            },
            automated_ground="contract",
        )

    _a, lv, en = policy(decisions)
    text = " ".join(line for b in section(lv, "automated").blocks for line in b.lines())
    assert "Pasūtījumu pārbauda krāpšanas modelis." in text
    assert "Aizdomīgu pasūtījumu varam atteikt." in text
    assert "VDAR 22. panta 2. punkta a) apakšpunkts" in text and "VDAR 22. panta 3. punkts" in text
    assert "Profilēšanu mēs neizmantojam." in text


def test_children_under_13_when_consent_is_a_basis(policy):
    _a, lv, _en = policy(lambda data: data["final"].update(children="yes"))
    assert "Fizisko personu datu apstrādes likuma 33. pants" in lv.text()
    _a, lv, _en = policy(lambda data: data["final"].update(children="no"))
    assert "33. pants" not in lv.text()


def test_the_companys_identity_note_replaces_ours(policy):
    note = {"lv": "Pircēja identitāti mēs nepārbaudām.", "en": "We do not verify buyers' identity."}
    _a, lv, _en = policy(lambda data: data["final"].update(identity_note=note))
    assert "Pircēja identitāti mēs nepārbaudām." in lv.text()
    assert "varam lūgt apliecināt" not in lv.text()


def test_whose_legitimate_interest_it_is_is_said(policy):
    _a, lv, _en = policy()
    assert "mūsu vai trešās personas" not in lv.text()
    _a, lv, en = policy(lambda data: data["purposes"][-1].update(interest_holder="third_party"))
    assert "trešās personas leģitīmās intereses" in lv.text()
    assert "the legitimate interests of a third party" in en.text()


def test_the_title_and_the_last_heading_agree(policy):
    _a, lv, en = policy(
        lambda data: data["document"].update(title_variant="confidentiality_policy")
    )
    assert lv.title == "Konfidencialitātes politika"
    assert lv.sections[-1].title == "Izmaiņas konfidencialitātes politikā"
    assert "pieejamas politikas arhīvā" in lv.text()
    assert en.sections[-1].title == "Changes to this confidentiality policy"


def test_e_mails_and_addresses_are_links_on_the_public_page(client, db):
    call_command("demo")
    page = client.get("/p/demo/privatuma-politika/").content.decode()
    assert '<a href="mailto:info@zalaisdarzs.lv">info@zalaisdarzs.lv</a>' in page
    assert 'href="https://www.dvi.gov.lv/lv/iesniegumu-paraugi"' in page
    assert '<a href="#controller">' in page  # the summary leads to its sections
    assert "<table" in page and "SIA „Zaļais Dārzs”" in page


def test_the_demos_diff_tells_the_change_as_a_person_would(client, db):
    call_command("demo")
    document = Document.objects.get(tenant__slug="demo")
    summary = PolicyVersion.objects.get(document=document, number=2).change_summary
    assert summary["lv"][:2] == [
        "Mailchimp (Amerikas Savienotās Valstis) aizstāts ar Brevo (Francija)",
        "Jaunumu vēstuļu izsūtīšanai dati vairs netiek nosūtīti ārpus ES/EEZ "
        "(Amerikas Savienotās Valstis)",
    ]
    assert summary["en"][:2] == [
        "Mailchimp (United States of America) replaced by Brevo (France)",
        "Data is no longer transferred outside the EU/EEA (United States of America) to send "
        "newsletters",
    ]
    assert (
        "Sīkdatnes – Zināmie rīki tīmekļa vietnē: pievienots Brevo; noņemts Mailchimp"
        in (summary["lv"])
    )
    page = Client().get("/p/demo/privatuma-politika/diff/1/2/").content.decode()
    assert "Mailchimp (Amerikas Savienotās Valstis) aizstāts ar Brevo (Francija)" in page


def test_new_answers_are_asked_for_by_the_gdpr_check(policy):
    def gaps(data):
        data["data"][0]["special_category"] = True
        mailchimp_of(data)["role"] = "joint_controller"
        data["final"]["automated_decisions"] = "yes"
        data["rights"]["channels"] = ["contact_page", "phone"]
        data["controller"]["website"] = ""
        data["cookies"]["management"] = ["cookie_policy"]

    answers, _lv, _en = policy(gaps)
    missing = [m for item in completeness.check(answers).missing for m in item.missing]
    for expected in (
        "VDAR 9. panta 2. punkta nosacījums",
        "vienošanās būtība ar Mailchimp",
        "ko šāds lēmums nozīmē personai",
        "kāpēc šādi lēmumi ir atļauti",
        "kontaktinformācijas lapas adrese",
        "tālruņa numurs",
        "atsevišķās sīkdatņu politikas adrese",
    ):
        assert any(expected in str(m) for m in missing), expected


def test_the_wizard_warns_of_vague_periods_and_repeated_sentences(policy, editor, login):
    def vague(data):
        for rule in data["retention"]:
            rule.update(bound="criterion", trigger="as_long_as_necessary", period=None, unit="")
        for purpose in data["purposes"][:2]:
            purpose["description"] = {"lv": "tas pats teksts", "en": "the same text"}

    policy(vague)
    client = login(editor)
    retention = client.get("/t/alfa/documents/privatuma-politika/wizard/retention/")
    assert "Visi termiņi šeit ir tikai" in retention.content.decode()
    purposes = client.get("/t/alfa/documents/privatuma-politika/wizard/purposes/")
    assert "politikā tas atkārtotos" in purposes.content.decode()


@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_example_in_docs_is_the_demos_policy_today(db, language, capsys):
    call_command("demo")
    capsys.readouterr()
    call_command("policy_text", "demo", "privatuma-politika", language=language)
    example = DOCS / f"demo-privacy-policy.{language}.md"
    assert capsys.readouterr().out == example.read_text(encoding="utf-8"), (
        f"run: manage.py policy_text demo privatuma-politika --language {language} > {example}"
    )
