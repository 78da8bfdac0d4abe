"""The answers import over any file: a success or a 400 with a message, never a 5xx, and after a
refusal the answers are exactly what they were.

The property test generates arbitrary JSON (any depth, size and Unicode: lone surrogates, NUL,
noncharacters, bidirectional controls) and demo answers with one value replaced by such data,
and posts each as a person would, through the import page.
"""

import json
import os
import string
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policies import answers_format

DEMO = Path(__file__).resolve().parents[2] / "policies" / "data" / "demo_answers.json"
URL = "/t/alfa/documents/privatuma-politika/import/"


def demo_answers():
    return json.loads(DEMO.read_text(encoding="utf-8"))


def post(client, text: str):
    upload = SimpleUploadedFile("answers.json", text.encode("utf-8", "surrogatepass"))
    return client.post(URL, {"file": upload})


@pytest.fixture
def editing(document, editor, login):
    """The editor's client, with the demo answers imported."""
    answers_format.import_into(document, demo_answers())
    return login(editor), document


def snapshot(document):
    return answers_format.dumps(answers_format.export(document))


def test_a_file_nested_1500_levels_deep_is_refused_with_a_message(editing):
    client, document = editing
    before = snapshot(document)
    response = post(client, "[" * 1500 + "]" * 1500)
    assert response.status_code == 400
    assert "1500" in response.content.decode()
    assert snapshot(document) == before


def test_brackets_inside_strings_do_not_count_as_nesting():
    assert answers_format.nesting_depth('{"a": "[[[[{{{{\\"[[["}') == 1
    assert answers_format.nesting_depth("[[[]], [[[]]]]") == 4


def test_a_lone_surrogate_is_refused_naming_the_field(editing):
    client, document = editing
    before = snapshot(document)
    data = demo_answers()
    data["controller"]["legal_name"] = "Za\ud800ais"
    response = post(client, json.dumps(data))  # written as the escape \ud800
    page = response.content.decode()
    assert response.status_code == 400
    assert "<code>controller.legal_name</code>" in page
    assert "U+D800" in page
    assert snapshot(document) == before


def test_a_long_bad_value_is_quoted_short(editing):
    client, document = editing
    data = demo_answers()
    data["controller"]["legal_name"] = "Ā" * 200_000
    response = post(client, json.dumps(data, ensure_ascii=False))
    page = response.content.decode()
    assert response.status_code == 400
    assert "controller.legal_name" in page
    assert "Ā" * 60 not in page and "Ā" * 50 in page
    assert len(response.content) < 20_000


def test_a_file_with_thousands_of_problems_lists_the_first_and_counts_the_rest(editing):
    client, _document = editing
    data = demo_answers()
    data["data"] = [{"code": "no-such-code"}] * 3000
    page = post(client, json.dumps(data)).content.decode()
    listed = page.split('<ul class="import-errors">')[1].split("</ul>")[0]
    assert listed.count("<li>") == answers_format.MAX_ERRORS + 1
    assert "2950" in page


# -- the property test --------------------------------------------------------------------------

# Every kind of code point: letters, marks, controls, NUL, lone surrogates, private use,
# noncharacters (U+FDD0, U+FFFE, U+10FFFF), bidirectional controls (U+202E, U+2066).
SPECIAL = "\x00\x01\x1f\x7f\u200b\u202a\u202e\u2066\u2069\ufdd0\ufeff\ufffe\uffff\U0010ffff"
characters = st.one_of(
    st.characters(codec=None),  # any code point, surrogates included
    st.sampled_from(SPECIAL + "\ud800\udfff"),
    st.sampled_from(string.printable),
)
texts = st.text(characters, max_size=300)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda children: st.lists(children, max_size=6) | st.dictionaries(texts, children, max_size=6),
    max_leaves=40,
)


def _leaf_paths(data, path=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaf_paths(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _leaf_paths(value, (*path, i))
    yield path


LEAVES = sorted(set(_leaf_paths(demo_answers())), key=str)


def _replace(data, path, value):
    if not path:
        return value
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


@st.composite
def answers_files(draw):
    kind = draw(st.sampled_from(["arbitrary", "deep", "one value", "one text"]))
    if kind == "arbitrary":
        return json.dumps(draw(json_values), ensure_ascii=draw(st.booleans()))
    if kind == "deep":
        depth = draw(st.integers(1, 3000))
        opener = draw(st.sampled_from(["[", '{"a":']))
        closer = "]" if opener == "[" else "}"
        return opener * depth + "1" + closer * depth
    path = draw(st.sampled_from(LEAVES))
    value = draw(json_values if kind == "one value" else texts)
    return json.dumps(_replace(demo_answers(), path, value), ensure_ascii=draw(st.booleans()))


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 60)),
    deadline=1000,  # the bound: an answer within a second
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=answers_files())
def test_any_file_is_imported_or_refused_with_a_message(editing, text):
    client, document = editing
    before = snapshot(document)
    response = post(client, text)
    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400:
        assert '<ul class="import-errors">' in response.content.decode()
        assert snapshot(document) == before
    else:  # imported: the answers are the file's, and the demo answers go back for the next
        answers_format.import_into(document, demo_answers())


def test_a_direction_control_is_refused_naming_the_field(editing):
    client, document = editing
    before = snapshot(document)
    data = demo_answers()
    data["security"]["description"]["lv"] = "Šifrējam \u2067visu\u2069 datplūsmu."
    response = post(client, json.dumps(data))
    page = response.content.decode()
    assert response.status_code == 400
    assert "security.description.lv" in page and "U+2067" in page
    assert snapshot(document) == before
