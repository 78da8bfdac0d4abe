"""The policy text, written from the answers: one structure (`writer`), a module of sentences
per language (`lv`, `en`). Public pages and PDFs later read a stored rendering, never this
live."""

from django.utils import translation

from policies.answers import Answers
from policies.render import en, lv
from policies.render.document import Block, Policy, Section, apply_override
from policies.render.writer import PolicyWriter

LANGUAGES = {"lv": lv.Latvian, "en": en.English}


def render(answers: Answers, language: str, *, with_overrides: bool = True) -> Policy:
    writer = PolicyWriter(answers, LANGUAGES[language](answers))
    with translation.override(language):  # labels of choices in the policy's language
        policy = writer.write()
    overrides = {o.section: o for o in answers.overrides if o.language == language}
    for number, section in enumerate(policy.sections, 1):
        section.number = number
        if with_overrides and section.key in overrides:
            apply_override(section, overrides[section.key])
    return policy


__all__ = ["LANGUAGES", "Block", "Policy", "Section", "render"]
