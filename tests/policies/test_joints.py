"""Where answers meet sentences, the text stays grammatical, in both languages: no list joined
with a second "un"/"and" when an item holds one, no label repeated after its colon or dash, no
semicolon between a period and its note. Checked on every seed profile and the demo, and on
answers generated around them (Hypothesis). Then each GDPR Art. 13 item, for every profile."""

import copy
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policies import answers_format
from policies.answers import load_answers
from policies.render import render
from policies.services import document_create
from tests.fuzzing import FUZZ

ROOT = Path(__file__).resolve().parents[2]
PROFILES = [
    ROOT / "policies" / "data" / "demo_answers.json",
    *sorted((ROOT / "tests" / "seeds").glob("seed_*.json")),
]
SHAPES = {
    # "klienti un pircēji un jaunumu saņēmēji": a second conjunction with no comma before it
    "a list joined twice": re.compile(r"(?<![,;]) \b(un|and) [^,.;:()–·\n]{1,60}? \1 ", re.I),
    # "Mūsu leģitīmās intereses: Mūsu leģitīmā interese ir ..."
    "a label repeated after its colon": re.compile(
        r"(?:^|[.•\n] ?)(\w+)(?: [^\s:.]+){0,3}: \1\b", re.I
    ),
    # "līdz 3 mēnešiem; pēc sūtījuma piegādes"
    "a semicolon between a period and its note": re.compile(
        r"\b\d+ (gad|mēneš|dien|nedēļ|year|month|day|week)\w*; ", re.I
    ),
    # "Kontaktinformācija – kontaktinformācija, piemēram, ..."
    "a label's first word repeated after the dash": re.compile(
        r"(?:^|\n)(?:• )?(\w+)[^–\n]{0,80} – \1\b", re.I
    ),
}

pytestmark = pytest.mark.unscoped_queries_allowed("reads the documents it makes directly")


def profile(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def shapes_in(text: str) -> list[str]:
    found = []
    for name, pattern in SHAPES.items():
        for match in pattern.finditer(text):
            found.append(f"{name}: …{text[max(0, match.start() - 30) : match.end() + 30]}…")
    return found


@pytest.fixture
def answered(company, owner):
    counter = iter(range(1000))

    def _answered(data):
        document = document_create(tenant=company, slug=f"j{next(counter)}", by=owner)
        answers_format.import_into(document, data)
        return load_answers(document)

    return _answered


@pytest.mark.parametrize("language", ["lv", "en"])
@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_every_profile_reads_well_at_its_joints(answered, path, language):
    text = render(answered(profile(path)), language).text()
    assert shapes_in(text) == []


def test_the_shapes_are_caught():
    """The checks themselves, on the sentences the first version of the writer produced."""
    bad = [
        "Politika attiecas uz šādām personām: klienti un pircēji un jaunumu saņēmēji.",
        "• Mūsu leģitīmās intereses: Mūsu leģitīmā interese ir aizsargāt veikalu.",
        "• Piegāde: līdz 3 mēnešiem; pēc sūtījuma piegādes",
        "• Sīkdatņu identifikatori – sīkdatņu identifikatori, piemēram, klienta ID",
    ]
    assert [len(shapes_in(line)) for line in bad] == [1, 1, 1, 1]


# -- answers generated around the demo's ---------------------------------------------------------

TEXTS = {
    "lv": {
        "label": ["Klientu un partneru dati", "Foto un video", "Ziņas"],
        "examples": [
            "{name}, piemēram, vārds un uzvārds",
            "vārds un uzvārds",
            "Tie ir vārds un tālrunis.",
        ],
        "interest": [
            "Mūsu leģitīmā interese ir aizsargāt veikalu.",
            "Klientu uzskaite un izpēte: mēs saprotam, ko pircēji meklē.",
            "aizsargāt veikalu un pircējus",
        ],
        "note": ["pēc sūtījuma piegādes", "skaitot no gada beigām", "Pēc tam datus dzēšam."],
        "description": ["pasūtījumu pieņemšana un apmaksa", "Pieņemam pasūtījumus un maksājumus."],
    },
    "en": {
        "label": ["Customer and partner data", "Photos and videos", "Messages"],
        "examples": [
            "{name}, such as name and surname",
            "name and surname",
            "These are a name and a phone.",
        ],
        "interest": [
            "Our legitimate interest is to protect the shop.",
            "Customer records and research: we learn what buyers look for.",
            "protecting the shop and its customers",
        ],
        "note": [
            "after the parcel is delivered",
            "counting from the end of the year",
            "Then we delete the data.",
        ],
        "description": ["taking orders and payments", "We take orders and payments."],
    },
}


@st.composite
def demo_variations(draw):
    data = copy.deepcopy(profile(PROFILES[0]))
    choose = {key: draw(st.integers(0, len(TEXTS["lv"][key]) - 1)) for key in TEXTS["lv"]}

    def text(key, **fmt):
        return {lang: TEXTS[lang][key][choose[key]].format(**fmt) for lang in ("lv", "en")}

    subjects = ["website_visitor", "customer", "subscriber", "user", "prospect"]
    data["scope"]["data_subjects"] = draw(
        st.lists(st.sampled_from(subjects), min_size=1, max_size=5, unique=True)
    )
    category = data["data"][0]
    if draw(st.booleans()):
        category["code"] = "custom"
        category["label"] = text("label")
    name = (
        category["label"]
        if category["label"]["lv"]
        else {"lv": "Kontaktinformācija", "en": "Contact details"}
    )
    category["examples"] = {
        lang: TEXTS[lang]["examples"][choose["examples"]].format(name=name[lang].lower())
        for lang in ("lv", "en")
    }
    purpose = data["purposes"][-1]  # running the website, on legitimate interests
    purpose["legitimate_interest"] = text("interest")
    purpose["description"] = text("description")
    rule = data["retention"][draw(st.integers(0, len(data["retention"]) - 1))]
    rule["note"] = text("note")
    return data


@FUZZ
@given(data=demo_variations())
def test_generated_answers_read_well_at_their_joints(answered, data):
    answers = answered(data)
    for language in ("lv", "en"):
        assert shapes_in(render(answers, language).text()) == [], language


# -- GDPR Art. 13, item by item ----------------------------------------------------------------

ITEMS = {
    "13(1)(a)": lambda a, t, lang: (
        a.controller.registration_number in t
        and a.controller.email in t
        and a.controller.legal_address in t
    ),
    "13(1)(b)": lambda a, t, lang: not a.controller.dpo_appointed or a.controller.dpo_email in t,
    "13(1)(c)": lambda a, t, lang: (
        all(p.name_in(lang) in t for p in a.purposes)
        and ("VDAR 6. panta 1. punkta" in t if lang == "lv" else "GDPR Art. 6(1)" in t)
    ),
    "13(1)(d)": lambda a, t, lang: all(
        p.legitimate_interest_en[:40] in t if lang == "en" else p.legitimate_interest[:40] in t
        for p in a.purposes
        if "legitimate_interests" in p.legal_bases
    ),
    "13(1)(e)": lambda a, t, lang: (
        all((r.name_en if lang == "en" else r.name) in t for r in a.recipients)
        or (not a.recipients and ("nenododam" in t or "nobody" in t))
    ),
    "13(1)(f)": lambda a, t, lang: (
        not a.recipients_outside_eea
        or ("46. panta 2. punkta" in t or "45. pants" in t or "Art. 46(2)" in t or "Art. 45" in t)
    ),
    "13(2)(a)": lambda a, t, lang: all(r.subject_in(lang) in t for r in a.retention),
    "13(2)(b)": lambda a, t, lang: all(
        title in t
        for title in (
            [
                "Datu subjekta piekļuves tiesības",
                "Tiesības labot",
                "Tiesības uz dzēšanu",
                "Tiesības ierobežot apstrādi",
                "Tiesības uz datu pārnesamību",
                "Tiesības iebilst",
            ]
            if lang == "lv"
            else [
                "Right of access",
                "Right to rectification",
                "Right to erasure",
                "Right to restriction of processing",
                "Right to data portability",
                "Right to object",
            ]
        )
    ),
    "13(2)(c)": lambda a, t, lang: (
        not any("consent" in p.legal_bases for p in a.purposes)
        or ("7. panta 3. punkts" in t if lang == "lv" else "Art. 7(3)" in t)
    ),
    "13(2)(d)": lambda a, t, lang: (
        ("77. pants" in t if lang == "lv" else "Art. 77" in t)
        and ("uzraudzības iestādei" in t if lang == "lv" else "supervisory authority" in t)
    ),
    "13(2)(e)": lambda a, t, lang: (
        not any(c.provision for c in a.categories)
        or (
            "Vai datus ir pienākums sniegt" in t
            if lang == "lv"
            else "Whether you have to give" in t
        )
    ),
    "13(2)(f)": lambda a, t, lang: (
        ("automatizēt" in t if lang == "lv" else "automated" in t)
        and ("rofilēšan" in t if lang == "lv" else "profiling" in t)
    ),
}


@pytest.mark.parametrize("language", ["lv", "en"])
@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("item", ITEMS)
def test_each_gdpr_article_13_item_is_stated(answered, item, path, language):
    answers = answered(profile(path))
    text = render(answers, language).text()
    assert ITEMS[item](answers, text, language), (item, path.stem, language)
