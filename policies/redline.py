"""A redline between two renderings of a policy: aligned by section, word by word inside
each paragraph, list item or table row, in a form a template shows inline or side by side.

Words are compared with diff-match-patch and its semantic clean-up, which merges a run of
small changes into one readable phrase and changes a name as a whole, instead of keeping the
odd word in common ("Mailchimp (The Rocket Science Group LLC)" -> "Brevo (Sendinblue SAS)")."""

import difflib
import re
from dataclasses import dataclass, field

from diff_match_patch import diff_match_patch

from policies.render.document import block_lines

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
    return [line for block in section["blocks"] for line in block_lines(block)] if section else []


def _word_diff(old: str, new: str) -> list[tuple[int, str]]:
    """(operation, text) pairs, -1 deleted, 0 the same, 1 inserted: words compared as
    letters of their own, then cleaned up for people to read."""
    codes: dict[str, str] = {}
    words: list[str] = []

    def encode(text):
        out = []
        for token in TOKEN.findall(text):
            if token not in codes:
                codes[token] = chr(0xF0000 + len(words))  # a private use plane
                words.append(token)
            out.append(codes[token])
        return "".join(out)

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # the exact diff: lines are short
    diffs = dmp.diff_main(encode(old), encode(new), False)
    dmp.diff_cleanupSemantic(diffs)
    return [(op, "".join(words[ord(ch) - 0xF0000] for ch in text)) for op, text in diffs]


def _words(old: str, new: str) -> Line:
    diffs = _word_diff(old, new)
    same = sum(len(text) for op, text in diffs if op == 0)
    if same < 0.5 * max(len(old), len(new)):
        # Mostly rewritten: the old line struck out whole reads better than a word salad.
        return Line(
            "changed",
            [Piece("del", old), Piece("ins", new)],
            [Piece("del", old)],
            [Piece("ins", new)],
        )
    inline, left, right = [], [], []
    for op, text in diffs:
        if op == 0:
            inline.append(Piece("same", text))
            left.append(Piece("same", text))
            right.append(Piece("same", text))
        elif op < 0:
            inline.append(Piece("del", text))
            left.append(Piece("del", text))
        else:
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
