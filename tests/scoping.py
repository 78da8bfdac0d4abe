"""ISO-5: every query the test suite makes is checked for a company scope.

A pytest plugin (registered from tests/conftest.py). A guard wraps every database
connection, in every thread, for the whole session. Each statement that reads or changes a
company table (one whose model has a chain of foreign keys to tenants.Tenant, found from the
models) must pin every such table to one company:

- by a company predicate: `tenant_id = %s`, or a foreign key to another company row
  (`document_id = %s`, `version_id IN (...)`), or the company's own `id` or `slug`;
- or through a join or correlated subquery on keys to a table that is pinned (the public
  pages, for instance, join `tenants_tenant` and compare its slug).

Predicates under OR or NOT do not count. A statement addressed only by primary key passes
when Django issues it for a row already loaded (saving, reloading or deleting an instance,
following a loaded row's foreign key, prefetching for loaded rows): the query that loaded
the row was checked. Anything else must be in the allowlist (`tests/scoping_allowlist.py`,
one reason per entry), or be issued by test code itself (not by application code) in a test
marked `@pytest.mark.unscoped_queries_allowed("reason")` or inside `allow_unscoped("reason")`.
Otherwise the test fails, showing the SQL and the line that issued it.

Statements are read once per SQL string (a small tokenizer, no database round trip); the
stack is looked at only for statements that are not scoped by their own predicates. The
session ends with the figures; `--scoping-report=PATH` writes every shape by outcome as JSON.
"""

import json
import re
import sys
import threading
from collections import Counter, defaultdict
from contextlib import ContextDecorator, contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

GUARD_FILE = Path(__file__).resolve()
ROOT = GUARD_FILE.parents[1]
MARKER = "unscoped_queries_allowed"

# Django code that touches rows already in memory, addressed by primary key.
LOADED_ROW_ORIGINS = frozenset(
    {
        "django.db.models.base:Model._do_update",
        "django.db.models.base:Model.refresh_from_db",
        "django.db.models.sql.subqueries:DeleteQuery.delete_batch",
        "django.db.models.sql.subqueries:UpdateQuery.update_batch",
        "django.db.models.fields.related_descriptors:ForwardManyToOneDescriptor.get_object",
        "django.db.models.query:prefetch_one_level",
    }
)
ORM_MODULES = ("django.db.backends.", "django.db.models.", "django.db.utils:")


@dataclass(frozen=True)
class Allowed:
    """An allowlist entry: unscoped queries on `tables` issued from `where`.

    `where` is "module:qualname", or a module prefix ending in "." or ":". An entry for
    application code matches the innermost application frame (the calling code); an entry
    for a library matches any frame of the stack. `tables` limits the tables it covers.
    """

    where: str
    tables: frozenset[str]
    reason: str

    def __post_init__(self):
        if not self.reason.strip():
            raise ValueError(f"allowlist entry {self.where} needs a reason")

    def matches(self, name: str) -> bool:
        if self.where.endswith((".", ":")):
            return name.startswith(self.where)
        return name == self.where


# Company tables, from the models ---------------------------------------------------------


@dataclass(frozen=True)
class Table:
    name: str
    keys: dict[str, str]  # column -> table its values identify (foreign keys, the row's id)
    scope: frozenset[str]  # columns that pin a row to one company
    own: frozenset[str]  # columns that identify the row itself


def company_tables() -> tuple[dict[str, Table], str]:
    """{table: Table} for every table a company owns, plus the company table itself."""
    from django.apps import apps

    from tenants.models import Tenant

    root = Tenant._meta.db_table
    keys: dict[str, dict[str, str]] = {}
    own: dict[str, set[str]] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy:
            continue
        columns = {f.column for f in meta.concrete_fields}
        table_keys = {
            f.column: f.related_model._meta.db_table
            for f in meta.concrete_fields
            if f.is_relation and f.related_model is not None
        }
        table_keys[meta.pk.column] = meta.db_table
        own[meta.db_table] = {meta.pk.column}
        instance = getattr(model, "instance_type", None)  # a django-simple-history row
        if instance is not None and instance._meta.pk.column in columns:
            table_keys[instance._meta.pk.column] = instance._meta.db_table
            own[meta.db_table].add(instance._meta.pk.column)
        keys[meta.db_table] = table_keys

    owned = {root}
    while True:
        found = {
            table
            for table, table_keys in keys.items()
            if table not in owned and owned & set(table_keys.values()) - {table}
        }
        if not found:
            break
        owned |= found

    tables = {}
    for name in owned:
        scope = {
            column
            for column, target in keys[name].items()
            if target == root or (target in owned and column not in own[name])
        }
        if name == root:
            scope |= {f.column for f in Tenant._meta.concrete_fields if f.unique}
        tables[name] = Table(name, keys[name], frozenset(scope), frozenset(own[name] - scope))
    return tables, root


# SQL analysis ----------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""\s*(?:
        "(?P<q>(?:[^"]|"")*)"
      | (?P<s>'(?:[^']|'')*')
      | (?P<p>%s|%\(\w+\)s|\?|\$\d+)
      | (?P<n>\d+(?:\.\d*)?)
      | (?P<w>[A-Za-z_][\w$]*)
      | (?P<o><>|!=|<=|>=|::|\|\||%%|\S)
    )""",
    re.X | re.S,
)
_KEYWORDS = frozenset(
    """SELECT FROM WHERE GROUP BY HAVING ORDER LIMIT OFFSET FOR RETURNING WINDOW SET VALUES
    UPDATE DELETE INSERT INTO JOIN ON USING INNER LEFT RIGHT FULL OUTER CROSS NATURAL LATERAL
    UNION INTERSECT EXCEPT AND OR NOT IN AS IS NULL DISTINCT ALL EXISTS CASE WHEN THEN ELSE
    END WITH TRUNCATE TABLE TRUE FALSE BETWEEN LIKE ILIKE ESCAPE ANY SOME COLLATE CAST
    CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP""".split()  # noqa: SIM905
)
_JOIN_WORDS = frozenset({"INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "NATURAL", "JOIN"})
_WHERE_ENDS = frozenset(
    {"GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "FOR", "RETURNING", "WINDOW"}
)
_READS_OR_CHANGES = frozenset({"SELECT", "WITH", "UPDATE", "DELETE", "INSERT", "TRUNCATE"})


@dataclass(frozen=True)
class Tok:
    kind: str  # q (quoted name), w (word), p (parameter), n, s, o (operator)
    text: str

    @property
    def word(self) -> str:
        return self.text.upper() if self.kind == "w" else ""


@dataclass
class Group:
    items: list

    @property
    def is_query(self) -> bool:
        first = self.items[0] if self.items else None
        return isinstance(first, Tok) and first.word in ("SELECT", "WITH")


def _tokens(sql: str) -> list[Tok]:
    out = []
    for match in _TOKEN.finditer(sql):
        kind = match.lastgroup
        if kind == "q":
            out.append(Tok("q", match.group("q").replace('""', '"')))
        elif kind is not None:
            out.append(Tok(kind, match.group(kind)))
    return out


def _tree(tokens: list[Tok]) -> list:
    stack: list[list] = [[]]
    for tok in tokens:
        if tok.kind == "o" and tok.text == "(":
            stack.append([])
        elif tok.kind == "o" and tok.text == ")" and len(stack) > 1:
            items = stack.pop()
            stack[-1].append(Group(items))
        else:
            stack[-1].append(tok)
    while len(stack) > 1:
        items = stack.pop()
        stack[-1].append(Group(items))
    return stack[0]


@dataclass(eq=False)
class Ref:
    table: str
    alias: str
    block: "Block"


@dataclass(eq=False)
class Block:
    parent: "Block | None"
    refs: list[Ref] = field(default_factory=list)
    selected: tuple[str | None, str] | None = None  # the only selected column, if one

    def resolve(self, alias: str | None) -> Ref | None:
        block = self
        while block is not None:
            if alias is None:
                return block.refs[0] if len(block.refs) == 1 else None
            for ref in block.refs:
                if ref.alias == alias:
                    return ref
            for ref in block.refs:
                if ref.alias.lower() == alias.lower():
                    return ref
            block = block.parent
        return None


def _name(tok) -> str | None:
    """The name at `tok`: quoted, or a word that is not a keyword."""
    if not isinstance(tok, Tok):
        return None
    if tok.kind == "q" or (tok.kind == "w" and tok.word not in _KEYWORDS):
        return tok.text
    return None


def _colref(items: list, i: int) -> tuple[tuple[str | None, str] | None, int]:
    """A column reference at items[i]: ("alias", "column") or (None, "column"), and the
    index after it. A parenthesised lone reference counts too."""
    if i >= len(items):
        return None, i
    item = items[i]
    if isinstance(item, Group) and not item.is_query:
        ref, end = _colref(item.items, 0)
        if ref is not None and end == len(item.items):
            return ref, i + 1
        return None, i
    first = _name(item)
    if first is None:
        return None, i
    if i + 2 < len(items) and items[i + 1] == Tok("o", ".") and _name(items[i + 2]) is not None:
        return (first, items[i + 2].text), i + 3
    following = items[i + 1] if i + 1 < len(items) else None
    if isinstance(following, Group) or (
        isinstance(following, Tok) and following.kind == "o" and following.text == "."
    ):
        return None, i  # a function call or a schema-qualified name
    return (None, first), i + 1


class Analysis:
    """The tables a statement touches and how each is pinned."""

    def __init__(self, tables: dict[str, Table], root: str):
        self.tables = tables
        self.root = root
        self.refs: list[Ref] = []
        self.scope_pins: set[int] = set()
        self.own_pins: set[int] = set()
        self.edges: list[tuple[Ref, Ref]] = []  # (from, to): to is pinned if from is
        self.truncated: set[str] = set()
        self.pending: list[tuple] = []  # WHERE and ON clauses, read once every table is known

    # walking the statement

    def statement(self, items: list) -> None:
        first = items[0] if items else None
        if isinstance(first, Tok) and first.word == "TRUNCATE":
            names = [_name(t) for t in items[1:]]
            self.truncated |= {n for n in names if n in self.tables}
            return
        self.block(items, None)
        while self.pending:
            span_items, block, kind, joined = self.pending.pop(0)
            self._predicates(span_items, block, kind, joined, excluded=False)

    def block(self, items: list, parent: Block | None) -> Block:
        segments, current = [], []
        for item in items:
            if isinstance(item, Tok) and item.word in ("UNION", "INTERSECT", "EXCEPT"):
                segments.append(current)
                current = []
            else:
                current.append(item)
        segments.append(current)
        if len(segments) > 1:
            for segment in segments:
                if segment and isinstance(segment[0], Tok) and segment[0].word == "ALL":
                    segment = segment[1:]
                if len(segment) == 1 and isinstance(segment[0], Group):
                    self.block(segment[0].items, parent)
                elif segment:
                    self.block(segment, parent)
            return Block(parent)
        return self._clauses(items, Block(parent))

    def _clauses(self, items: list, block: Block) -> Block:
        mode = None
        spans: list[tuple[str, list, Ref | None]] = []  # (kind, items, left-joined ref)
        join_kind, join_ref, span = "inner", None, None
        i = 0
        while i < len(items):
            item = items[i]
            word = item.word if isinstance(item, Tok) else ""
            previous = items[i - 1] if i else None
            if word == "FROM" and not (isinstance(previous, Tok) and previous.word == "DISTINCT"):
                mode, span = "from", None
                i = self._table_list(items, i + 1, block)
                continue
            if word == "UPDATE" and mode is None:
                i = self._table_list(items, i + 1, block, single=True)
                mode = "update"
                continue
            elif word in _JOIN_WORDS:
                kinds = []
                while i < len(items) and isinstance(items[i], Tok) and items[i].word in _JOIN_WORDS:
                    kinds.append(items[i].word)
                    i += 1
                join_kind = (
                    "left"
                    if "LEFT" in kinds
                    else "other"
                    if {"RIGHT", "FULL", "CROSS", "NATURAL"} & set(kinds)
                    else "inner"
                )
                before = len(block.refs)
                i = self._table_ref(items, i, block)
                join_ref = block.refs[-1] if len(block.refs) > before else None
                mode, span = "join", None
                continue
            elif word == "ON":
                span = []
                spans.append((join_kind, span, join_ref))
                mode = "on"
            elif word == "WHERE":
                span = []
                spans.append(("where", span, None))
                mode = "where"
            elif word in _WHERE_ENDS or word in ("SET", "SELECT", "VALUES", "INTO"):
                mode, span = word.lower(), None
                if word == "SELECT":
                    block.selected = self._selected(items, i + 1)
            elif span is not None and mode in ("on", "where"):
                span.append(item)
            elif isinstance(item, Group):
                self._subqueries(item, block)
            i += 1
        self.pending += [(span_items, block, kind, joined) for kind, span_items, joined in spans]
        return block

    def _selected(self, items: list, i: int) -> tuple[str | None, str] | None:
        while i < len(items) and isinstance(items[i], Tok) and items[i].word in ("DISTINCT", "ALL"):
            i += 1
        ref, end = _colref(items, i)
        if ref is None:
            return None
        after = items[end] if end < len(items) else None
        if isinstance(after, Tok) and (after.word in ("FROM", "AS") or after.text == ","):
            return ref
        return None

    def _table_list(self, items, i, block, *, single=False) -> int:
        while True:
            i = self._table_ref(items, i, block)
            if single or i >= len(items) or items[i] != Tok("o", ","):
                return i
            i += 1

    def _table_ref(self, items: list, i: int, block: Block) -> int:
        if i >= len(items):
            return i
        item = items[i]
        if isinstance(item, Group):
            if item.is_query:
                self.block(item.items, block.parent)  # a derived table
            i += 1
            if i < len(items) and isinstance(items[i], Tok) and items[i].word == "AS":
                i += 1
            return i + 1 if i < len(items) and _name(items[i]) is not None else i
        name = _name(item)
        if name is None:
            return i
        i += 1
        while i + 1 < len(items) and items[i] == Tok("o", ".") and _name(items[i + 1]):
            name = items[i + 1].text  # schema.table
            i += 2
        alias = name
        if i < len(items) and isinstance(items[i], Tok) and items[i].word == "AS":
            i += 1
        if i < len(items) and _name(items[i]) is not None:
            alias = items[i].text
            i += 1
        ref = Ref(name, alias, block)
        block.refs.append(ref)
        self.refs.append(ref)
        return i

    def _subqueries(self, group: Group, block: Block) -> None:
        if group.is_query:
            self.block(group.items, block)
            return
        for item in group.items:
            if isinstance(item, Group):
                self._subqueries(item, block)

    def _predicates(self, items, block, kind, joined, excluded) -> None:
        words = {item.word for item in items if isinstance(item, Tok)}
        excluded = excluded or bool(words & {"OR", "CASE"})
        negate_next = False
        i = 0
        while i < len(items):
            item = items[i]
            if isinstance(item, Tok) and item.word == "NOT":
                negate_next = True
                i += 1
                continue
            col, end = _colref(items, i)
            if col is None:
                if isinstance(item, Group):
                    if item.is_query:
                        self.block(item.items, block)
                    else:
                        self._predicates(item.items, block, kind, joined, excluded or negate_next)
                negate_next = False
                i += 1
                continue
            op = items[end] if end < len(items) else None
            is_eq = isinstance(op, Tok) and op.kind == "o" and op.text == "="
            is_in = isinstance(op, Tok) and op.word == "IN"
            if not (is_eq or is_in) or end + 1 >= len(items):
                negate_next = False
                i = end
                continue
            rhs = items[end + 1]
            off = excluded or negate_next
            negate_next = False
            other, after = _colref(items, end + 1)
            if other is not None:
                if not off:
                    self._link(block, col, other, kind, joined)
                i = after
                continue
            if isinstance(rhs, Group) and rhs.is_query:
                inner = self.block(rhs.items, block)
                if not off and inner.selected is not None:
                    self._narrow(inner, inner.selected, block, col)
                i = end + 2
                continue
            if not off:
                self._pin(block, col, kind, joined)
            i = end + 1

    def _target(self, ref: Ref | None, column: str) -> str | None:
        table = self.tables.get(ref.table) if ref is not None else None
        return table.keys.get(column) if table is not None else None

    def _pin(self, block, col, kind, joined) -> None:
        ref = block.resolve(col[0])
        table = self.tables.get(ref.table) if ref is not None else None
        if table is None or ref.block is not block or kind == "other":
            return  # a subquery's condition on an outer table does not narrow that table
        if kind == "left" and ref is not joined:
            return
        if col[1] in table.scope:
            self.scope_pins.add(id(ref))
        elif col[1] in table.own:
            self.own_pins.add(id(ref))

    def _keyed(self, a: Ref | None, col_a, b: Ref | None, col_b) -> bool:
        """Whether the two columns hold ids of the same company table (or of companies)."""
        if a is None or b is None or a is b:
            return False
        target = self._target(a, col_a[1])
        return target in self.tables and target == self._target(b, col_b[1])

    def _link(self, block, col_a, col_b, kind, joined) -> None:
        """`a = b` in a WHERE or ON clause of `block`."""
        a, b = block.resolve(col_a[0]), block.resolve(col_b[0])
        if kind == "other" or not self._keyed(a, col_a, b, col_b):
            return
        if kind == "left":
            if b is joined:
                self.edges.append((a, b))
            elif a is joined:
                self.edges.append((b, a))
        elif a.block is not block:  # correlated: the outer row narrows the subquery only
            self.edges.append((a, b))
        elif b.block is not block:
            self.edges.append((b, a))
        else:
            self.edges += [(a, b), (b, a)]

    def _narrow(self, inner: Block, selected, block: Block, col) -> None:
        """`col IN (SELECT selected ...)`: the subquery's rows narrow the column's."""
        a, b = inner.resolve(selected[0]), block.resolve(col[0])
        if self._keyed(a, selected, b, col):
            self.edges.append((a, b))

    # the verdict

    def _closure(self, seeds: set[int]) -> set[int]:
        pinned = set(seeds)
        changed = True
        while changed:
            changed = False
            for a, b in self.edges:
                if id(a) in pinned and id(b) not in pinned:
                    pinned.add(id(b))
                    changed = True
        return pinned

    def verdict(self) -> tuple[frozenset, frozenset, frozenset]:
        """(company tables touched, tables pinned only by a row's own id, unscoped tables)."""
        scoped = self._closure(self.scope_pins)
        by_row = self._closure(scoped | self.own_pins) - scoped
        guarded = [r for r in self.refs if r.table in self.tables and r.table != self.root]
        touched = {r.table for r in guarded} | self.truncated
        own = {r.table for r in guarded if id(r) in by_row}
        unscoped = {r.table for r in guarded if id(r) not in scoped and id(r) not in by_row}
        unscoped |= self.truncated
        return frozenset(touched), frozenset(own - unscoped), frozenset(unscoped)


_LIST = re.compile(r"\((?:\s*(?:%s|\?|\$\d+)\s*,)+\s*(?:%s|\?|\$\d+)\s*\)")
_ROWS = re.compile(r"(\((?:%s|\?|\$\d+)(?:, …)?\))(?:, \1)+")
_SAVEPOINT = re.compile(r'"s\d+_x\d+"')


def shape(sql: str) -> str:
    """The SQL with lists of parameters, repeated rows and savepoint names folded."""
    text = " ".join(sql.split())
    text = _LIST.sub(lambda m: "(" + m.group(0)[1:3].strip() + ", …)", text)
    text = _ROWS.sub(r"\1, …", text)
    return _SAVEPOINT.sub('"s_x"', text)


@dataclass(frozen=True)
class Verdict:
    shape: str
    kind: str  # SELECT, UPDATE, DELETE, INSERT, TRUNCATE, or "other"
    touched: frozenset = frozenset()
    by_row: frozenset = frozenset()
    unscoped: frozenset = frozenset()


def analyse(sql: str, tables: dict[str, Table], root: str) -> Verdict:
    """Which company tables `sql` touches, and which of them it leaves unpinned."""
    first = re.match(r"\s*\(*\s*([A-Za-z]+)", sql)
    kind = first.group(1).upper() if first else ""
    if kind not in _READS_OR_CHANGES:
        return Verdict(shape(sql), "other")
    kind = "SELECT" if kind == "WITH" else kind
    analysis = Analysis(tables, root)
    statements, current = [], []
    for item in _tree(_tokens(sql)):
        if isinstance(item, Tok) and item.kind == "o" and item.text == ";":
            statements.append(current)
            current = []
        else:
            current.append(item)
    statements.append(current)
    for items in statements:
        if items:
            analysis.statement(items)
    touched, by_row, unscoped = analysis.verdict()
    return Verdict(shape(sql), kind, touched, by_row, unscoped)


# The stack -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    place: str  # app, test, lib or guard
    name: str  # module:qualname
    path: str
    line: int

    def __str__(self):
        return f"{self.path}:{self.line} in {self.name.partition(':')[2]}"


_CODES: dict = {}


def _place(code) -> tuple[str, str]:
    """Where a function lives (app, test, lib or guard), and its path as shown."""
    if code.co_filename.startswith("<"):  # <string>, <frozen ...>: e.g. pytest-xdist's worker
        return "lib", code.co_filename
    path = Path(code.co_filename).resolve()
    try:
        relative = path.relative_to(ROOT)
    except ValueError:
        return "lib", code.co_filename
    if relative.parts[:1] == (".venv",) or "site-packages" in relative.parts:
        return "lib", str(relative)
    if path == GUARD_FILE:
        return "guard", str(relative)
    if relative.parts[:1] == ("tests",):
        return "test", str(relative)
    return "app", str(relative)


def stack() -> list[Frame]:
    """The calling frames, innermost first, without the guard's own."""
    frames = []
    frame = sys._getframe(1)
    while frame is not None:
        code = frame.f_code
        known = _CODES.get(code)
        if known is None:
            module = frame.f_globals.get("__name__", "?")
            place, path = _place(code)
            known = _CODES[code] = (place, f"{module}:{code.co_qualname}", path)
        if known[0] != "guard":
            frames.append(Frame(known[0], known[1], known[2], frame.f_lineno))
        frame = frame.f_back
    return frames


# The guard -------------------------------------------------------------------------------


@dataclass
class Violation:
    verdict: Verdict
    caller: Frame | None
    test_frame: Frame | None
    thread: str
    count: int = 1

    def __str__(self):
        tables = ", ".join(sorted(self.verdict.unscoped | self.verdict.by_row))
        lines = [
            f"  {self.verdict.shape}",
            f"    company tables without a company predicate: {tables}",
            f"    called from {self.caller or 'an unknown place'}",
        ]
        if self.test_frame is not None and self.test_frame != self.caller:
            lines.append(f"    in the test at {self.test_frame}")
        if self.thread != "MainThread":
            lines.append(f"    in thread {self.thread}")
        if self.count > 1:
            lines.append(f"    ({self.count} times)")
        return "\n".join(lines)


HINT = (
    "Scope each query by the company (tenant_id, or the company row it belongs to), or add an "
    "entry with a reason to tests/scoping_allowlist.py; a test that itself reads across "
    f'companies on purpose may be marked @pytest.mark.{MARKER}("reason").'
)


class Guard:
    """The execute wrapper, its figures, and the violations of the running test."""

    def __init__(self):
        self._tables = None
        self._root = None
        self._cache: dict[str, Verdict] = {}
        self._allowlist: list[Allowed] | None = None
        self.lock = threading.Lock()
        self.queries = 0
        self.outcomes: Counter = Counter()  # outcome -> number of queries
        self.shapes: dict[str, set[str]] = defaultdict(set)  # outcome -> shapes
        self.allowed_by: Counter = Counter()  # allowlist entry -> queries
        self.allowed_shapes: dict[Allowed, set[str]] = defaultdict(set)
        self.all_shapes: set[str] = set()
        self.item = None
        self.marked = False
        self.allowances = 0
        self.violations: dict[tuple, Violation] = {}
        self.captures: list[list[Violation]] = []
        self.failed: dict[tuple, set[str]] = defaultdict(set)  # (shape, caller) -> tests

    @property
    def tables(self) -> dict[str, Table]:
        if self._tables is None:
            self._tables, self._root = company_tables()
        return self._tables

    @property
    def allowlist(self) -> list[Allowed]:
        if self._allowlist is None:
            from tests.scoping_allowlist import ALLOWLIST

            self._allowlist = ALLOWLIST
        return self._allowlist

    def verdict(self, sql: str) -> Verdict:
        verdict = self._cache.get(sql)
        if verdict is None:
            tables = self.tables
            verdict = self._cache[sql] = analyse(sql, tables, self._root)
        return verdict

    def __call__(self, execute, sql, params, many, context):
        self.inspect(sql if isinstance(sql, str) else str(sql))
        return execute(sql, params, many, context)

    def inspect(self, sql: str) -> str:
        verdict = self.verdict(sql)
        if not (verdict.unscoped or verdict.by_row):
            outcome = "scoped" if verdict.touched else "other"
            self._count(outcome, verdict)
            return outcome
        frames = stack()
        if not verdict.unscoped and any(f.name in LOADED_ROW_ORIGINS for f in frames):
            self._count("loaded row", verdict)
            return "loaded row"
        caller = next((f for f in frames if f.place == "app"), None)
        entry = self._allowed(verdict, frames, caller)
        if entry is not None:
            self._count("allowlisted", verdict, entry)
            return "allowlisted"
        test_frame = next((f for f in frames if f.place == "test"), None)
        if caller is None and (self.marked or self.allowances) and not self.captures:
            self._count("allowed test", verdict)
            return "allowed test"
        outcome = "caught" if self.captures else "unscoped"
        self._count(outcome, verdict)
        outside_orm = next((f for f in frames if not f.name.startswith(ORM_MODULES)), None)
        self._record(verdict, caller or test_frame or outside_orm, test_frame)
        return outcome

    def _allowed(self, verdict: Verdict, frames: list[Frame], caller: Frame | None):
        tables = verdict.unscoped | verdict.by_row
        for entry in self.allowlist:
            if not tables <= entry.tables:
                continue
            if entry.where.split(":")[0].split(".")[0] in _app_packages():
                if caller is not None and entry.matches(caller.name):
                    return entry
            elif any(entry.matches(f.name) for f in frames):
                return entry
        return None

    def _count(self, outcome: str, verdict: Verdict, entry: Allowed | None = None) -> None:
        with self.lock:
            self.queries += 1
            self.outcomes[outcome] += 1
            self.all_shapes.add(verdict.shape)
            if outcome != "other":
                self.shapes[outcome].add(verdict.shape)
            if entry is not None:
                self.allowed_by[entry] += 1
                self.allowed_shapes[entry].add(verdict.shape)

    def _record(self, verdict, caller, test_frame) -> None:
        violation = Violation(verdict, caller, test_frame, threading.current_thread().name)
        with self.lock:
            if self.captures:
                self.captures[-1].append(violation)
                return
            key = (verdict.shape, str(caller))
            self.failed[key].add(self.item.nodeid if self.item is not None else "")
            if key in self.violations:
                self.violations[key].count += 1
            else:
                self.violations[key] = violation

    def take(self) -> list[Violation]:
        with self.lock:
            found = list(self.violations.values())
            self.violations.clear()
        return found

    # With pytest-xdist each worker guards its own tests; the controller adds up their figures.

    def tally(self) -> dict:
        """The figures, as a worker sends them to the controller."""
        entries = self.allowlist
        return {
            "queries": self.queries,
            "outcomes": dict(self.outcomes),
            "shapes": {o: sorted(s) for o, s in self.shapes.items()},
            "all shapes": sorted(self.all_shapes),
            "allowed by": [self.allowed_by[e] for e in entries],
            "allowed shapes": [sorted(self.allowed_shapes[e]) for e in entries],
            "failed": [
                [shape, caller, sorted(tests)] for (shape, caller), tests in self.failed.items()
            ],
        }

    def add(self, tally: dict) -> None:
        """Add a worker's figures to these."""
        self.queries += tally["queries"]
        self.outcomes.update(tally["outcomes"])
        for outcome, shapes in tally["shapes"].items():
            self.shapes[outcome].update(shapes)
        self.all_shapes.update(tally["all shapes"])
        for entry, count, shapes in zip(
            self.allowlist, tally["allowed by"], tally["allowed shapes"], strict=True
        ):
            self.allowed_by[entry] += count
            self.allowed_shapes[entry].update(shapes)
        for shape, caller, tests in tally["failed"]:
            self.failed[(shape, caller)].update(tests)


_GUARD = Guard()


@cache
def _app_packages() -> frozenset[str]:
    return frozenset(
        path.name
        for path in ROOT.iterdir()
        if (path / "__init__.py").exists() and path.name != "tests"
    )


class allow_unscoped(ContextDecorator):
    """Test code (a helper or fixture) that reads across companies on purpose, with the
    reason: like the marker, it allows the queries the test code issues itself, while the
    application's queries are still checked."""

    def __init__(self, reason: str):
        if not reason.strip():
            raise ValueError("allow_unscoped() needs a reason")
        self.reason = reason

    def __enter__(self):
        with _GUARD.lock:
            _GUARD.allowances += 1
        return self

    def __exit__(self, *exc):
        with _GUARD.lock:
            _GUARD.allowances -= 1
        return False


@contextmanager
def expect_unscoped():
    """Collect the unscoped queries made inside the block instead of failing the test."""
    caught: list[Violation] = []
    with _GUARD.lock:
        _GUARD.captures.append(caught)
    try:
        yield caught
    finally:
        with _GUARD.lock:
            _GUARD.captures.remove(caught)


def pending() -> list[Violation]:
    """The running test's unscoped queries so far."""
    with _GUARD.lock:
        return list(_GUARD.violations.values())


def verdict(sql: str) -> Verdict:
    """How the guard reads `sql`, without counting it."""
    return _GUARD.verdict(sql)


# pytest hooks ----------------------------------------------------------------------------


def _attach(sender=None, connection=None, **kwargs):
    if connection is not None and _GUARD not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _GUARD)


def pytest_addoption(parser):
    parser.addoption(
        "--scoping-report",
        metavar="PATH",
        help="ISO-5: write the query shapes the unscoped-query guard saw, by outcome, as JSON.",
    )


def pytest_sessionstart(session):
    from django.db import connections
    from django.db.backends.signals import connection_created

    connection_created.connect(_attach, weak=False, dispatch_uid="iso5-scoping-guard")
    for connection in connections.all():
        _attach(connection=connection)


def _begin(item) -> None:
    if _GUARD.item is not item:
        _GUARD.item = item
        marker = item.get_closest_marker(MARKER)
        _GUARD.marked = marker is not None
        if marker is not None and not (marker.args and str(marker.args[0]).strip()):
            pytest.fail(f"@pytest.mark.{MARKER} needs a reason", pytrace=False)


def report(found: list[Violation], phase: str) -> str:
    listed = "\n".join(str(v) for v in found)
    return (
        f"ISO-5: {len(found)} unscoped quer{'y' if len(found) == 1 else 'ies'} on company "
        f"tables during {phase}:\n{listed}\n{HINT}"
    )


def _check(phase: str) -> None:
    found = _GUARD.take()
    if found:
        pytest.fail(report(found, phase), pytrace=False)


def _phase(item, phase):
    _begin(item)
    try:
        result = yield
    except BaseException as exc:
        found = _GUARD.take()
        if found:
            exc.add_note(report(found, phase))
        raise
    _check(phase)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    return (yield from _phase(item, "setup"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    return (yield from _phase(item, "the test"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    return (yield from _phase(item, "teardown"))


def figures() -> dict:
    guard = _GUARD
    company = ("scoped", "loaded row", "allowlisted", "allowed test", "unscoped", "caught")
    return {
        "queries": guard.queries,
        "shapes": len(guard.all_shapes),
        "company queries": sum(guard.outcomes[o] for o in company),
        "company shapes": len(set().union(*(guard.shapes[o] for o in company))),
        "by outcome": {
            o: {"queries": guard.outcomes[o], "shapes": len(guard.shapes[o])} for o in company
        },
        "allowlist": [
            {
                "where": entry.where,
                "tables": sorted(entry.tables),
                "reason": entry.reason,
                "queries": guard.allowed_by[entry],
                "shapes": sorted(guard.allowed_shapes[entry]),
            }
            for entry in guard.allowlist
        ],
    }


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # a pytest-xdist worker
        workeroutput["iso5"] = _GUARD.tally()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    tally = getattr(node, "workeroutput", {}).get("iso5")
    if tally:
        _GUARD.add(tally)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    guard = _GUARD
    if not guard.queries:
        return
    data = figures()
    by = data["by outcome"]
    used = sum(1 for entry in data["allowlist"] if entry["queries"])
    terminalreporter.write_sep("-", "ISO-5 unscoped-query guard")
    terminalreporter.write_line(
        f"{data['queries']} queries inspected ({data['shapes']} distinct shapes); "
        f"{data['company queries']} on company tables ({data['company shapes']} shapes): "
        f"{by['scoped']['queries']} scoped by a company predicate "
        f"({by['scoped']['shapes']} shapes), "
        f"{by['loaded row']['queries']} by the id of a loaded row "
        f"({by['loaded row']['shapes']} shapes), "
        f"{by['allowlisted']['queries']} allowlisted ({by['allowlisted']['shapes']} shapes, "
        f"{used} of {len(data['allowlist'])} entries used), "
        f"{by['allowed test']['queries']} issued by test code allowed to read across "
        f"companies ({by['allowed test']['shapes']} shapes), "
        f"{by['unscoped']['queries']} unscoped ({by['unscoped']['shapes']} shapes); "
        f"{by['caught']['queries']} caught on purpose by tests of the guard"
    )
    path = config.getoption("--scoping-report")
    if path:
        data["shapes by outcome"] = {o: sorted(s) for o, s in guard.shapes.items()}
        data["unscoped"] = [
            {"shape": shape, "caller": caller, "tests": sorted(tests)}
            for (shape, caller), tests in sorted(guard.failed.items())
        ]
        Path(path).write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
