"""The Latvian and English catalogues are complete, consistent and compiled."""

import ast
import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.utils import formats, translation

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


# ---------------------------------------------------------------------------------------------
# Every user-facing string is marked for translation
# ---------------------------------------------------------------------------------------------
ROOT = LOCALE.parent
WORD = re.compile(r"[^\W\d_]{2,}")
# Names that are the same in every language: the product, a file format, and each language's
# own name in the language switchers.
NOT_TRANSLATED = {"PolicyHub", "PDF", "Latviešu", "English"}
# Served when the application itself has failed, so it is written in both languages.
BILINGUAL_TEMPLATES = {"500.html"}
DJANGO_MARKUP = re.compile(
    r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}"
    r"|{%\s*blocktrans(?:late)?\b.*?%}.*?{%\s*endblocktrans(?:late)?\s*%}"
    r"|{#.*?#}|{%.*?%}|{{.*?}}",
    re.S,
)
READ_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description", "label"}
NOT_READ = {"script", "style", "code", "pre", "textarea"}  # code, and snippets shown as code


class _VisibleText(HTMLParser):
    """The text a reader meets in a template once Django's markup is taken out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in NOT_READ
        self.texts += [value for name, value in attrs if name in READ_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        self._hidden -= tag in NOT_READ

    def handle_data(self, data):
        if not self._hidden:
            self.texts.append(data)


def unmarked_words(text: str) -> list[str]:
    return [w for w in WORD.findall(text) if w not in NOT_TRANSLATED]


def test_templates_mark_every_user_facing_string():
    found = []
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix not in (".html", ".txt") or path.name in BILINGUAL_TEMPLATES:
            continue
        parser = _VisibleText()
        parser.feed(DJANGO_MARKUP.sub(" ", path.read_text(encoding="utf-8")))
        found += [
            f"{path.relative_to(ROOT)}: {text.strip()!r}"
            for text in parser.texts
            if unmarked_words(text)
        ]
    assert found == []


# Where Python hands text to people: form and model labels and help, messages, errors.
TEXT_KEYWORDS = {"label", "help_text", "verbose_name", "verbose_name_plural", "empty_label"}
TEXT_CALLS = {"ValidationError": 0, "success": 1, "info": 1, "warning": 1, "error": 1}
APPS = ("accounts", "tenants", "policies", "policyhub")


def _plain_text(node) -> bool:
    """A string literal with words in it, or an f-string: text that gettext never saw."""
    if isinstance(node, ast.JoinedStr):
        return True
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and bool(unmarked_words(node.value))
    )


def _call_name(call: ast.Call) -> str:
    return getattr(call.func, "attr", None) or getattr(call.func, "id", "")


def _unmarked_in(tree) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            found += [
                (node.lineno, k.arg)
                for k in node.keywords
                if k.arg in TEXT_KEYWORDS and _plain_text(k.value)
            ]
            position = TEXT_CALLS.get(_call_name(node))
            if position is not None and _plain_text(next(iter(node.args[position:]), None)):
                found.append((node.lineno, _call_name(node)))
        elif isinstance(node, ast.ClassDef) and any(
            getattr(base, "attr", getattr(base, "id", "")).endswith("Choices")
            for base in node.bases
        ):  # NAME = "value", "Label"
            found += [
                (member.lineno, "choice label")
                for member in node.body
                if isinstance(member, ast.Assign)
                and isinstance(member.value, ast.Tuple)
                and len(member.value.elts) > 1
                and _plain_text(member.value.elts[-1])
            ]
    return found


def test_python_marks_every_user_facing_string():
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found += [
                f"{path.relative_to(ROOT)}:{line} {what}" for line, what in _unmarked_in(tree)
            ]
    assert found == []


def test_the_scanners_see_unmarked_text():
    """The two checks above would fail on what they are meant to catch."""
    parser = _VisibleText()
    parser.feed(DJANGO_MARKUP.sub(" ", '{% translate "Save" %}<a title="Open">Read more</a>'))
    assert [t for t in parser.texts if unmarked_words(t)] == ["Open", "Read more"]
    source = 'forms.CharField(label="Name")\nmessages.success(request, _("Saved"))\n'
    assert _unmarked_in(ast.parse(source)) == [(1, "label")]


@pytest.mark.parametrize(
    ("language", "date", "number"),
    [("lv", "01.12.2026", "1234,5"), ("en", "1 December 2026", "1234.5")],
)
def test_dates_and_numbers_follow_the_language(language, date, number):
    with translation.override(language):
        assert formats.date_format(datetime.date(2026, 12, 1), "SHORT_DATE_FORMAT") == date
        assert formats.number_format(1234.5) == number
