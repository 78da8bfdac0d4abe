"""No input makes a wizard step fail with a server error (property-based, Hypothesis).

FUZZ-1 for the wizard; the other forms are in tests/security/test_fuzz_forms.py. Examples per
step come from the profile in tests/fuzzing.py (25; 500 with HYPOTHESIS_PROFILE=matrix).
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policies.catalogue import PROCESSORS
from policies.models import StepRevision
from policies.wizard.forms import ROW_PREFIX, SECTION_PREFIX
from policies.wizard.steps import STEPS
from tests.fuzzing import FUZZ, HOSTILE, no_nul_to_the_database, plausible, rolled_back


def field_values(form_class):
    """Strategy: a dict of field name -> one or several posted strings."""
    form = form_class.base_fields
    return st.fixed_dictionaries(
        {},
        optional={
            name: st.lists(HOSTILE | plausible(field), max_size=3) for name, field in form.items()
        },
    )


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.key)
@FUZZ
@given(data=st.data())
def test_no_input_breaks_a_step(step, data, editor, login, document, step_url):
    revisions = StepRevision.objects.for_tenant(document.tenant).filter(document=document)
    action = data.draw(st.sampled_from(["save", "next", "back", "add_row", "add_catalogue"]))
    post = {
        "revision": str(revisions.get(step=step.key).revision),
        "action": action,
        "catalogue": data.draw(st.sampled_from([e.key for e in PROCESSORS]) | HOSTILE),
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
    with rolled_back(), no_nul_to_the_database():
        response = login(editor).post(step_url(step.key), {**post, **multi})
    assert response.status_code < 500
    assert response.status_code in (200, 302)
    if response.status_code == 200 and action in ("save", "next", "back"):
        assert not response.context["forms"].is_valid()  # re-shown with its errors
