"""What the property-based tests (Hypothesis) share: their settings, hostile text, and a
transaction that every example leaves as it found it.

Examples per test come from a settings profile:

- "fuzz" (the default): 25 examples, for `make test`;
- "matrix": 500 examples, the security matrix's figure (`HYPOTHESIS_PROFILE=matrix`);
- `FUZZ_EXAMPLES=<n>` sets the number of examples of either.

Runs are reproducible: examples are derived from each test's name (derandomize) and none are
stored between runs (no example database). Hypothesis keeps its caches in the system's
temporary folder rather than in the project.
"""

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django import forms
from django.db import connection, transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "policyhub-hypothesis")

settings.register_profile(
    "fuzz",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # the database is rolled back after each example
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
settings.register_profile("matrix", settings.get_profile("fuzz"), max_examples=500)

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "fuzz")
FUZZ = settings(settings.get_profile(PROFILE))
if os.environ.get("FUZZ_EXAMPLES"):
    FUZZ = settings(FUZZ, max_examples=int(os.environ["FUZZ_EXAMPLES"]))


class NulCatcher:
    """A database execute wrapper noting statements sent with a NUL character in a parameter.

    PostgreSQL refuses NUL in text (psycopg raises DataError): on PostgreSQL such a request
    fails with a server error, which SQLite, storing the NUL, would not show.
    """

    def __init__(self):
        self.statements: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        for row in (params if many else [params]) or []:
            values = row.values() if isinstance(row, dict) else row or ()
            if any(isinstance(v, str) and "\x00" in v for v in values):
                self.statements.append(sql)
        return execute(sql, params, many, context)


@contextmanager
def no_nul_to_the_database():
    """Fail when a statement run inside sends a NUL character to the database."""
    catcher = NulCatcher()
    with connection.execute_wrapper(catcher):
        yield
    assert not catcher.statements, f"NUL sent to the database: {catcher.statements}"


@contextmanager
def rolled_back():
    """A transaction undone at the end: every example starts from the same database, the next
    ids included (PostgreSQL's sequences do not roll back, so they are set back too)."""
    sequences = _sequences()
    try:
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
    finally:
        with connection.cursor() as cursor:
            for name, value in sequences:
                cursor.execute("SELECT setval(%s, %s, %s)", [name, value or 1, value is not None])


def _sequences() -> list[tuple[str, int | None]]:
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename), last_value "
            "FROM pg_sequences WHERE schemaname = current_schema()"
        )
        return cursor.fetchall()


# Any Unicode text that UTF-8 can carry: NUL and other control characters, right-to-left
# marks, combining characters, characters outside the Basic Multilingual Plane.
ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
# A short piece of any text repeated to 1,000-8,000 characters (up to 32 kB in UTF-8).
LONG_TEXT = st.tuples(ANY_TEXT.filter(bool), st.integers(1000, 8000)).map(
    lambda t: (t[0] * (t[1] // len(t[0]) + 1))[: t[1]]
)
NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "\r\n",
        "\t",
        "\u202eRTL override",
        "\u200fשלום\u200f",
        "مرحبا بالعالم",
        "\ufeffBOM",
        "e\u0301" * 500,
        "Ā" * 5000,
        "𝕏𝔸",
        "İß",
        "-1",
        "0",
        "-0",
        "1e309",
        "NaN",
        "Infinity",
        "9" * 400,
        "99999999999999999999",
        "2026-02-30",
        "0000-00-00",
        "31.12.9999",
        "true",
        "null",
        "[]",
        "{}",
        "%00",
        "../../etc/passwd",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        '"><svg onload=alert(1)>',
        "javascript:alert(1)",
        "{{ 7|add:7 }}",
        "{% debug %}",
        "@",
        "a@b",
        "x@" + "a" * 250 + ".lv",
        "LV",
        "US",
        "yes",
        "on",
        "data-1",
        "x" * 5000,
    ]
)
HOSTILE = st.one_of(ANY_TEXT, NASTY, LONG_TEXT)

LETTERS = st.characters(categories=["L", "N", "Zs", "Pd", "Po"])
SLUG = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=20)


def _choice_values(choices) -> list[str]:
    values = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):  # an option group
            values += _choice_values(label)
        elif value not in ("", None):
            values.append(str(value))
    return values


def plausible(field: forms.Field) -> st.SearchStrategy[str]:
    """Strings a person could well post for this form field: often valid, sometimes not."""
    if isinstance(field, forms.ModelChoiceField):
        return st.integers(1, 50).map(str)  # ids of rows, this document's or another's
    if isinstance(field, forms.BooleanField):
        return st.just("on")
    if hasattr(field, "choices"):
        return st.sampled_from(_choice_values(field.choices) or [""])
    if isinstance(field, forms.EmailField):
        return st.emails() | st.sampled_from(["jauns@alfa.test", "EDITOR@alfa.test"])
    if isinstance(field, forms.DateField):
        return st.dates().map(lambda d: d.isoformat())
    if isinstance(field, forms.IntegerField):
        return st.integers(-10, 10**6).map(str)
    if isinstance(field, forms.SlugField):
        return SLUG
    return st.text(alphabet=LETTERS, min_size=1, max_size=40)


def field_values(form: forms.BaseForm, **overrides) -> dict[str, st.SearchStrategy[str]]:
    """A plausible-value strategy per field of `form`; `overrides` replace some or add more."""
    values = {name: plausible(field) for name, field in form.fields.items()}
    values.update(overrides)
    return values


@st.composite
def posted(draw, values: dict[str, st.SearchStrategy[str]]) -> dict[str, list[str]]:
    """What a client posts: every field with a plausible value, then a few fields replaced by
    hostile values, by several values, or left out."""
    data = {name: [draw(strategy)] for name, strategy in values.items()}
    for name in draw(st.lists(st.sampled_from(sorted(values)), unique=True)):
        data[name] = draw(st.lists(HOSTILE | values[name], max_size=3))
    return {name: value for name, value in data.items() if value}
