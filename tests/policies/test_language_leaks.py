"""No text of one language in the other's policy, proven with canaries.

Every free text of each seed profile and of the demo answers is replaced with a canary that
names its language ("lvk7q", "enk7q"); two versions are published; then every output in
English (public page, embed, PDF text, JSON, diff, review screen, preview) is searched for
Latvian canaries, and every Latvian output (those, and the feed) for English ones. A second
check reads the real English of every profile: no Latvian letter outside names and addresses.
"""

import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from policies import answers_format, publishing, texts
from policies.answers import load_answers
from policies.catalogue import AUTHORITIES
from policies.models import PolicyVersion
from policies.render import render

ROOT = Path(__file__).resolve().parents[2]
PROFILES = [
    ROOT / "policies" / "data" / "demo_answers.json",
    *sorted((ROOT / "tests" / "seeds").glob("seed_*.json")),
]
CANARY = {language: re.compile(rf"{language}k\d+b?q") for language in texts.LANGUAGES}
BASE = "/p/alfa/privatuma-politika/"
APP = "/t/alfa/documents/privatuma-politika/"

pytestmark = pytest.mark.unscoped_queries_allowed("reads the published versions directly")


def profile(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["document"]["english"] = True
    return data


def with_canaries(data, counter, suffix=""):
    """`data` with every text of every language replaced by its language's canary."""
    if isinstance(data, dict):
        if data and set(data) == set(texts.LANGUAGES):
            counter[0] += 1
            return {language: f"{language}k{counter[0]}{suffix}q" for language in data}
        return {key: with_canaries(value, counter, suffix) for key, value in data.items()}
    if isinstance(data, list):
        return [with_canaries(value, counter, suffix) for value in data]
    return data


def pdf_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def outputs(client, language) -> dict[str, str]:
    """Every output of the document in `language`, as text."""
    en = language == "en"
    suffix = "en/" if en else ""
    pages = {
        "public page": BASE + suffix,
        "embed": BASE + "embed/" + suffix,
        "archived version": BASE + "versions/1/" + suffix,
        "diff": BASE + "diff/1/2/" + suffix,
        "review screen": APP + "review/" + ("en/" if en else "lv/"),
        "preview": APP + "preview/" + ("en/" if en else "lv/"),
    }
    if not en:
        pages["feed"] = BASE + "feed/"
    found = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        found[name] = response.content.decode()
    found["PDF"] = pdf_text(client.get(BASE + ("versions/2/en.pdf" if en else "versions/2.pdf")))
    data = json.loads(client.get(BASE + "versions/2.json").content)
    found["JSON"] = json.dumps(data["languages"][language], ensure_ascii=False)
    return found


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_no_canary_of_one_language_reaches_the_other(path, document, owner, company, login):
    company.approval_required = False
    company.save()
    data = profile(path)
    answers_format.import_into(document, with_canaries(data, [0]), by=owner)
    publishing.publish(document=document, by=owner)
    answers_format.import_into(document, with_canaries(data, [0], "b"), by=owner)
    publishing.publish(document=document, by=owner)
    assert PolicyVersion.objects.filter(document=document).count() == 2

    client = login(owner)
    for language in texts.LANGUAGES:
        others = [CANARY[other] for other in texts.LANGUAGES if other != language]
        for name, text in outputs(client, language).items():
            leaks = sorted({m for pattern in others for m in pattern.findall(text)})
            assert not leaks, f"{path.stem}, {language} {name}: {leaks}"
            if name != "feed":  # the feed lists summaries, which name no text
                assert CANARY[language].search(text), f"{path.stem}: no canary in {name}"


LATVIAN_LETTERS = re.compile(r"[āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]")


def names_and_addresses(answers) -> list[str]:
    """Everything the English policy may print in Latvian: names and addresses."""
    c, rights = answers.controller, answers.rights
    found = [
        answers.document.tenant.legal_name,
        c.legal_name,
        c.legal_address,
        c.brand_name,
        c.legal_form_other,
        c.dpo_name,
        c.representative,
        answers.cookies.tools,
    ]
    found += [r.legal_entity for r in answers.recipients]
    found += [r.transfers_to for r in answers.recipients]
    for authority in AUTHORITIES.values():
        found += [authority.address, authority.name_lv]
    if rights.authority in AUTHORITIES:
        found.append(AUTHORITIES[rights.authority].address)
    return sorted({x for x in found if x}, key=len, reverse=True)


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_the_english_policy_has_no_latvian_letters_outside_names(path, document, owner):
    answers_format.import_into(document, profile(path), by=owner)
    answers = load_answers(document)
    text = render(answers, "en").text()
    for name in names_and_addresses(answers):
        text = text.replace(name, "")
    lines = [line for line in text.splitlines() if LATVIAN_LETTERS.search(line)]
    assert not lines, f"{path.stem}: {lines}"
