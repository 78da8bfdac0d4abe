"""Texts people type that reach a policy exist once per language of the document.

Latvian, the first language, lives in the field itself (`examples`); each further language
has a column of its own beside it (`examples_en`), declared with `translation()`. Names
(companies, processors, people, products, addresses, e-mails, web addresses) are one value in
every language and have no such column.

A third language is one more column per text, one more code in TRANSLATIONS and a writer: the
answers file already writes each text as {"lv": ..., "en": ...} and takes new keys as they come.
"""

import functools
import re

from django.db import models
from django.utils.text import format_lazy

FIRST = "lv"
TRANSLATIONS = ("en",)
LANGUAGES = (FIRST, *TRANSLATIONS)
TAGS = {"lv": "LV", "en": "EN"}


def column(name: str, language: str) -> str:
    """The field that holds text `name` in `language`."""
    return name if language == FIRST else f"{name}_{language}"


def translation(field: models.Field, language: str = "en") -> models.Field:
    """The column of `field`'s text in `language`: the same kind of field, with the same limits,
    named with the language's tag."""
    _name, _path, args, kwargs = field.deconstruct()
    kwargs["verbose_name"] = format_lazy("{} ({})", field.verbose_name, TAGS[language])
    kwargs.pop("help_text", None)
    return field.__class__(*args, **kwargs)


@functools.cache
def translated_fields(model) -> tuple[str, ...]:
    """The names of `model`'s texts that have a column per language, in the model's order."""
    names = {f.name for f in model._meta.concrete_fields}
    return tuple(
        f.name
        for f in model._meta.concrete_fields
        if all(column(f.name, language) in names for language in TRANSLATIONS)
    )


def is_translation(model, name: str) -> bool:
    """Whether field `name` of `model` is the column of a text in a further language."""
    return any(
        name == column(base, language)
        for base in translated_fields(model)
        for language in TRANSLATIONS
    )


def text(obj, name: str, language: str) -> str:
    """Text `name` of `obj` in `language` (Latvian for a language the product does not have),
    stripped; "" where it is not written."""
    if language not in LANGUAGES:
        language = FIRST
    return (getattr(obj, column(name, language)) or "").strip()


def texts(obj, name: str) -> dict[str, str]:
    """Text `name` of `obj` in every language, as the answers file writes it."""
    return {language: getattr(obj, column(name, language)) or "" for language in LANGUAGES}


# -- a gentle check of the language an English text is written in -------------------------------

LATVIAN_LETTERS = frozenset("āčēģīķļņšūž")
# Short words that are common in Latvian and rare in English.
_WORDS = "un vai ar par no uz kas ir lai ja kā arī tikai tiek līdz pēc mēs jūs mūsu jūsu mums \
jums šo šī tās tie to tos datu dati datus"
LATVIAN_WORDS = frozenset(_WORDS.split())
WORD = re.compile(r"[^\W\d_]+")


def looks_latvian(value: str) -> bool:
    """Whether more than half of the words of `value` look Latvian: a Latvian letter in them,
    or a common Latvian word."""
    words = WORD.findall((value or "").lower())
    latvian = sum(1 for w in words if LATVIAN_LETTERS.intersection(w) or w in LATVIAN_WORDS)
    return bool(words) and latvian * 2 > len(words)
