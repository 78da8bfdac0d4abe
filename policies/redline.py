"""A redline between two renderings of a policy: aligned by section, word by word inside
each paragraph or list item, in a form a template shows inline or side by side."""

import difflib
import re
from dataclasses import dataclass, field

TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass
class Piece:
    kind: str  # "same", "ins" or "del"
    text: str


@dataclass
class Line:
    kind: str  # "same", "changed", "added" or "removed"
    pieces: list[Piece]  # inline redline
    old: list[Piece] = field(default_factory=list)  # the left side
    new: list[Piece] = field(default_factory=list)  # the right side


@dataclass
class SectionDiff:
    key: str
    title: str
    status: str  # "same", "changed", "added" or "removed"
    lines: list[Line]


def _lines(section) -> list[str]:
    return [item for block in section["blocks"] for item in block["items"]] if section else []


def _words(old: str, new: str) -> Line:
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < 0.5:
        # Mostly rewritten: the old line struck out whole reads better than a word salad.
        return Line(
            "changed",
            [Piece("del", old), Piece("ins", new)],
            [Piece("del", old)],
            [Piece("ins", new)],
        )
    inline, left, right = [], [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            text = "".join(a[i1:i2])
            inline.append(Piece("same", text))
            left.append(Piece("same", text))
            right.append(Piece("same", text))
            continue
        if i2 > i1:
            text = "".join(a[i1:i2])
            inline.append(Piece("del", text))
            left.append(Piece("del", text))
        if j2 > j1:
            text = "".join(b[j1:j2])
            inline.append(Piece("ins", text))
            right.append(Piece("ins", text))
    kind = "same" if old == new else "changed"
    return Line(kind, inline, left, right)


def _section(old, new) -> list[Line]:
    a, b = _lines(old), _lines(new)
    lines = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            lines += [
                Line("same", [Piece("same", t)], [Piece("same", t)], [Piece("same", t)])
                for t in a[i1:i2]
            ]
        elif op == "replace" and i2 - i1 == j2 - j1:
            lines += [_words(x, y) for x, y in zip(a[i1:i2], b[j1:j2], strict=True)]
        else:
            lines += [Line("removed", [Piece("del", t)], [Piece("del", t)], []) for t in a[i1:i2]]
            lines += [Line("added", [Piece("ins", t)], [], [Piece("ins", t)]) for t in b[j1:j2]]
    return lines


def compare(old_text: dict, new_text: dict) -> list[SectionDiff]:
    """Compare two stored renderings (Policy.as_dict()) of the same language."""
    old_sections = {s["key"]: s for s in old_text["sections"]}
    new_sections = {s["key"]: s for s in new_text["sections"]}
    order = [s["key"] for s in new_text["sections"]]
    order += [k for k in old_sections if k not in new_sections]
    result = []
    for key in order:
        old, new = old_sections.get(key), new_sections.get(key)
        lines = _section(old, new)
        if old is None:
            status = "added"
        elif new is None:
            status = "removed"
        else:
            status = "same" if all(line.kind == "same" for line in lines) else "changed"
        title = (new or old)["title"]
        result.append(SectionDiff(key, title, status, lines))
    return result
