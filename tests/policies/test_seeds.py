"""The full content of each seed policy can be entered through the wizard, step by step,
as a person in a browser posts it, and the result is complete under GDPR Art. 13."""

import json
import re
from pathlib import Path

import pytest

from policies import answers_format
from policies.answers import load_answers
from policies.models import Document, StepRevision
from policies.wizard import completeness
from policies.wizard.steps import STEPS

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("seed_*.json"))


def test_there_are_five_seeds():
    assert len(SEEDS) == 5


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_a_seed_policy_is_entered_through_the_wizard(path, owner, login, company):
    expected = json.loads(path.read_text(encoding="utf-8"))
    client = login(owner)
    settings = expected["document"]
    response = client.post(
        "/t/alfa/documents/new/",
        {
            "title_variant": settings["title_variant"],
            "slug": "privatuma-politika",
            "address_form": settings["address_form"],
            **({"english": "on"} if settings["english"] else {}),
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(tenant=company)

    refs = {}
    for step in STEPS:
        section, rows = answers_format.split(step, expected.get(step.key))
        post = answers_format.step_post_data(step, section, rows, refs)
        revision = StepRevision.objects.get(document=document, step=step.key).revision
        post["revision"] = str(revision)
        post["action"] = "next"
        url = f"/t/alfa/documents/privatuma-politika/wizard/{step.key}/"
        response = client.post(url, dict(post.lists()))  # every value of multi-valued fields
        errors = re.findall(
            r"invalid-feedback[^>]*>\s*<[^>]*>\s*<strong>([^<]*)", response.content.decode()
        )
        assert response.status_code == 302, (step.key, errors)
        if step.key in answers_format.REF_PREFIX:
            saved = step.row_model.objects.filter(document=document).order_by("position")
            refs.update({row["ref"]: obj.pk for row, obj in zip(rows, saved, strict=True)})

    assert answers_format.export(document) == expected
    report = completeness.check(load_answers(document))
    assert report.complete, [(str(i.title), [str(m) for m in i.missing]) for i in report.missing]
