"""Two editors saving the same step: the second is told, sees both versions, loses nothing."""

from policies.models import StepRevision
from tenants.roles import Role
from tests.factories import MembershipFactory, UserFactory


def test_the_second_save_of_a_step_is_stopped_and_shows_both(
    editor, company, login, document, step_url
):
    other = MembershipFactory(
        tenant=company, role=Role.EDITOR, user=UserFactory(full_name="Jānis Kalniņš")
    ).user
    first, second = login(editor), login(other)
    # both open the step at revision 0
    assert 'name="revision" value="0"' in first.get(step_url("security")).content.decode()
    assert 'name="revision" value="0"' in second.get(step_url("security")).content.decode()

    first.post(step_url("security"), {"revision": "0", "section-description": "Mūsu versija"})
    response = second.post(
        step_url("security"), {"revision": "0", "section-description": "Jāņa versija"}
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "Jāņa versija" in page  # what the second editor typed, still in the form
    assert "Mūsu versija" in page  # what is saved now, shown beside it
    assert str(editor) in page
    document.security.refresh_from_db()
    assert document.security.description == "Mūsu versija"

    # saving again after seeing both replaces the saved answers, deliberately
    assert 'name="revision" value="1"' in page
    again = second.post(
        step_url("security"), {"revision": "1", "section-description": "Jāņa versija"}
    )
    assert again.status_code == 302
    document.security.refresh_from_db()
    assert document.security.description == "Jāņa versija"
    assert StepRevision.objects.get(document=document, step="security").revision == 2


def test_saving_other_steps_meanwhile_is_no_conflict(editor, login, document, step_url):
    client = login(editor)
    client.post(step_url("security"), {"revision": "0", "section-measures": ["tls"]})
    response = client.post(
        step_url("final"), {"revision": "0", "section-automated_decisions": "no"}
    )
    assert response.status_code == 302


def test_a_tampered_revision_never_overwrites(editor, login, document, step_url):
    client = login(editor)
    client.post(step_url("security"), {"revision": "0", "section-description": "A"})
    response = client.post(step_url("security"), {"revision": "x", "section-description": "B"})
    assert response.status_code == 409
    document.security.refresh_from_db()
    assert document.security.description == "A"
