"""The structure every policy is written into: numbered sections of paragraphs, lists and
tables. It knows no language."""

import hashlib
import json
from dataclasses import asdict, dataclass, field


@dataclass
class Block:
    kind: str  # "p" (paragraphs), "ul" (a list) or "table"
    items: list  # paragraphs or list items (text); a table's rows (lists of cells)
    head: list[str] = field(default_factory=list)  # a table's column headings
    links: list[str] = field(default_factory=list)  # per list item, the section it leads to

    def lines(self) -> list[str]:
        """The block as lines of text, a table row as its cells."""
        if self.kind == "table":
            return [" · ".join(row) for row in self.items]
        return list(self.items)


def block_lines(block: dict) -> list[str]:
    """`Block.lines()` of a block stored as a dict (a published version's text)."""
    if block["kind"] == "table":
        return [" · ".join(row) for row in block["items"]]
    return list(block["items"])


@dataclass
class Section:
    key: str  # stable: "controller", "data", "purposes", ...
    title: str
    blocks: list[Block]
    steps: tuple[str, ...]  # the wizard steps whose answers it comes from
    number: int = 0
    overridden: bool = False  # the text is a reviewer's own wording
    stale: bool = False  # ...and the answers behind it changed since

    def p(self, *texts: str) -> "Section":
        """One paragraph of the sentences given (empty ones left out)."""
        text = " ".join(t for t in texts if t)
        if text:
            self.blocks.append(Block("p", [text]))
        return self

    def ul(self, items: list[str], links: list[str] | None = None) -> "Section":
        if items:
            self.blocks.append(Block("ul", list(items), links=list(links or [])))
        return self

    def table(self, head: list[str], rows: list[list[str]]) -> "Section":
        if rows:
            self.blocks.append(Block("table", [list(r) for r in rows], head=list(head)))
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
                if b.kind == "table":
                    lines.append(" · ".join(b.head))
                lines.extend(b.lines() if b.kind != "ul" else [f"• {i}" for i in b.items])
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
