"""What every language of the policy provides: its sentences and its grammar.

`PolicyWriter` (policies.render.writer) decides what a policy says; a language module
(`lv.py`, `en.py`) says it, with one method per sentence or phrase the writer asks for. A new
language is a new module of sentences (and catalogues for the choices' labels), never a copy
of the structure; a test checks that every language answers every method the others do.
"""

from django.utils import translation

from policies import catalogue, grammar
from policies.choices import AddressForm, LegalForm
from policyhub.countries import country_name

# Words a name may start with that keep their capital inside a sentence: the brands of the
# processor catalogue (its generic entries, named differently in each language, are none).
BRANDS = frozenset(p.name_lv.split()[0] for p in catalogue.PROCESSORS if p.name_lv == p.name_en)


def lcfirst(text: str) -> str:
    """“Kontaktinformācija” inside a sentence: the first letter small, unless the first word
    is a brand, an abbreviation or a name with more capitals (“IP adrese”, “Google ...”)."""
    first = text.split(" ", 1)[0]
    if not first or first in BRANDS or any(ch.isupper() for ch in first[1:]):
        return text
    return text[:1].lower() + text[1:]


def is_sentence(text: str) -> bool:
    """Whether a text the company wrote reads as whole sentences: a capital first and a
    full stop (or ! or ?) last."""
    text = text.strip()
    return bool(text) and text[0].isupper() and text[-1] in ".!?"


def fragment(text: str) -> str:
    """A company's phrase set inside our sentence: without a closing full stop."""
    return text.strip().rstrip(".").strip()


def sentence(text: str) -> str:
    """A company's text as a sentence of its own: a capital first, a full stop last."""
    text = text.strip()
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


class Sentences:
    language = ""
    AND = "and"
    AS_WELL_AS = ", and"  # the last joint when an item holds "and" itself
    OR = "or"
    QUOTES = ("“", "”")
    PREFIX_FORMS: dict = {}
    SUFFIX_FORMS: dict = {}

    def __init__(self, answers):
        self.a = answers
        self.formal = answers.document.address_form == AddressForm.FORMAL
        self.variant = answers.document.title_variant

    # -- shared helpers --------------------------------------------------------------------------

    def you(self, formal: str, informal: str) -> str:
        """The same words in the form of address the document uses throughout."""
        return formal if self.formal else informal

    def join(self, items: list[str], word: str | None = None) -> str:
        """“a, b and c”; “a, b and c, and d” when an item holds the joining word itself."""
        items = [i for i in items if i]
        word = word or self.AND
        if len(items) <= 1:
            return "".join(items)
        if word == self.AND and any(f" {word} " in item for item in items):
            return f"{', '.join(items[:-1])}{self.AS_WELL_AS} {items[-1]}"
        return f"{', '.join(items[:-1])} {word} {items[-1]}"

    def either(self, items: list[str]) -> str:
        """Alternatives: “a, b or c”."""
        return self.join(items, self.OR)

    def lower(self, names: list[str]) -> list[str]:
        return [lcfirst(n) for n in names]

    def capital(self, text: str) -> str:
        return text[:1].upper() + text[1:]

    def recipient_places(self, name: str, places: list[str]) -> str:
        return f"{name} ({'; '.join(places)})" if places else name

    def country(self, code) -> str:
        with translation.override(self.language):
            return country_name(str(code))

    def label(self, choice) -> str:
        with translation.override(self.language):
            return str(choice.label)

    def period(self, bound: str, n: int, high: int | None, unit: str) -> str:
        with translation.override(self.language):
            if bound == "up_to":
                return grammar.up_to(n, unit)
            if bound == "range" and high:
                return grammar.period_range(n, high, unit)
            return grammar.period(n, unit)

    def as_sentences(self, text: str) -> str:
        return sentence(text)

    def controller_name(self) -> str:
        """The controller's name with its legal form: SIA „Zaļā Sala”, PRO BALANCES OÜ."""
        c = self.a.controller
        name = c.legal_name.strip()
        opening, closing = self.QUOTES
        quoted = name if name[:1] in '„“"' else f"{opening}{name}{closing}"
        if c.legal_form in self.SUFFIX_FORMS:
            return f"{name} {self.SUFFIX_FORMS[c.legal_form]}"
        if c.legal_form in self.PREFIX_FORMS:
            return f"{self.PREFIX_FORMS[c.legal_form]} {quoted}"
        if c.legal_form == LegalForm.OTHER and c.legal_form_other:
            return f"{c.legal_form_other} {quoted}"
        return name
