"""The structure every writer fills: numbered sections of paragraphs and lists."""

import hashlib
import json
from dataclasses import asdict, dataclass, field

from django.utils import translation

from policies.answers import Answers


@dataclass
class Block:
    kind: str  # "p" (a paragraph) or "ul" (a list)
    items: list[str]


@dataclass
class Section:
    key: str  # stable: "controller", "data", "purposes", ...
    title: str
    blocks: list[Block]
    steps: tuple[str, ...]  # the wizard steps whose answers it comes from
    number: int = 0

    def p(self, text: str) -> "Section":
        self.blocks.append(Block("p", [text]))
        return self

    def ul(self, items: list[str]) -> "Section":
        if items:
            self.blocks.append(Block("ul", list(items)))
        return self


@dataclass
class Policy:
    language: str
    title: str
    intro: list[str]
    sections: list[Section] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: what an approval covers."""
        raw = json.dumps(self.as_dict(), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(raw.encode()).hexdigest()

    def text(self) -> str:
        """The whole policy as plain text (for scans and diffs)."""
        lines = [self.title, *self.intro]
        for s in self.sections:
            lines.append(f"{s.number}. {s.title}")
            for b in s.blocks:
                lines.extend(b.items if b.kind == "p" else [f"• {i}" for i in b.items])
        return "\n".join(lines)


def render(answers: Answers, language: str) -> Policy:
    from policies.render import en, lv

    writer = {"lv": lv.LatvianWriter, "en": en.EnglishWriter}[language](answers)
    with translation.override(language):  # labels of choices in the policy's language
        policy = writer.write()
    for number, section in enumerate(policy.sections, 1):
        section.number = number
    return policy
