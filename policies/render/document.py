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
    overridden: bool = False  # the text is a reviewer's own wording
    stale: bool = False  # ...and the answers behind it changed since

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


def blocks_hash(blocks: list[Block]) -> str:
    raw = json.dumps([asdict(b) for b in blocks], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()


def apply_override(section: Section, override) -> None:
    """Put a reviewer's wording in place of the generated text: paragraphs split at blank
    lines, lines starting with "• " make a list; flagged when the generated text it replaced
    has changed since."""
    section.stale = blocks_hash(section.blocks) != override.based_on
    blocks = []
    for chunk in override.text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if lines and all(line.startswith("• ") for line in lines):
            blocks.append(Block("ul", [line[2:].strip() for line in lines]))
        elif lines:
            blocks.append(Block("p", [" ".join(lines)]))
    section.blocks = blocks
    section.overridden = True


def render(answers: Answers, language: str, *, with_overrides: bool = True) -> Policy:
    from policies.render import en, lv

    writer = {"lv": lv.LatvianWriter, "en": en.EnglishWriter}[language](answers)
    with translation.override(language):  # labels of choices in the policy's language
        policy = writer.write()
    overrides = {o.section: o for o in answers.overrides if o.language == language}
    for number, section in enumerate(policy.sections, 1):
        section.number = number
        if with_overrides and section.key in overrides:
            apply_override(section, overrides[section.key])
    return policy
