"""The Latvian and English catalogues are complete, consistent and compiled."""

import re
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def catalogue(lang):
    return polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))


def translations(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_every_entry_is_translated(lang):
    po = catalogue(lang)
    assert len(po) > 100
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.obsolete_entries()] == []


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_placeholders_survive_translation(lang):
    for entry in catalogue(lang):
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        for text in translations(entry):
            assert sorted(PLACEHOLDER.findall(text)) == expected, entry.msgid


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_compiled_catalogue_matches_the_source(lang):
    po = catalogue(lang)
    mo = polib.mofile(str(LOCALE / lang / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): translations(e) for e in mo}
    for entry in po.translated_entries():
        assert compiled.get((entry.msgctxt, entry.msgid)) == translations(entry), (
            f"{entry.msgid!r}: run `make messages` to compile the catalogues"
        )


def test_latvian_has_three_plural_forms():
    assert "nplurals=3;" in catalogue("lv").metadata["Plural-Forms"]


def test_latvian_text_avoids_known_calques():
    text = " ".join(t for e in catalogue("lv") for t in translations(e)).lower()
    for wrong in ("sekojoš", "mājas lap", "gdpr"):
        assert wrong not in text
