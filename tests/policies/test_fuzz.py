"""No input makes a wizard step fail with a server error (property-based, Hypothesis)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policies.models import StepRevision
from policies.wizard.forms import ROW_PREFIX, SECTION_PREFIX
from policies.wizard.steps import STEPS

ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
NASTY = st.sampled_from(
    [
        "",
        "\x00",
        "-1",
        "0",
        "99999999999999999999",
        "1e9",
        "<script>x</script>",
        "{{ 7|add:7 }}",
        "‮RTL",
        "x" * 5000,
        "LV",
        "US",
        "yes",
        "on",
        "data-1",
    ]
)


def field_values(form_class):
    """Strategy: a dict of field name -> one or several posted strings."""
    names = list(form_class.base_fields)
    value = st.one_of(ANY_TEXT, NASTY)
    return st.fixed_dictionaries({}, optional={n: st.lists(value, max_size=3) for n in names})


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.key)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_input_breaks_a_step(step, data, editor, login, document, step_url):
    client = login(editor)
    revision = StepRevision.objects.get(document=document, step=step.key).revision
    post = {
        "revision": str(revision),
        "action": data.draw(st.sampled_from(["save", "next", "add_row", "add_catalogue"])),
    }
    multi = {}
    if step.section_form:
        for name, values in data.draw(field_values(step.section_form)).items():
            multi[f"{SECTION_PREFIX}-{name}"] = values
    if step.row_form:
        post[f"{ROW_PREFIX}-TOTAL_FORMS"] = data.draw(st.sampled_from(["1", "2", "x", "-1"]))
        post[f"{ROW_PREFIX}-INITIAL_FORMS"] = "0"
        for name, values in data.draw(field_values(step.row_form)).items():
            multi[f"{ROW_PREFIX}-0-{name}"] = values
    response = client.post(step_url(step.key), {**post, **multi})
    assert response.status_code < 500
    assert response.status_code in (200, 302, 409)
