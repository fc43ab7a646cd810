"""Addenda amend a signed visit note or a finalised assessment; a draft takes none, so its page
shows no addenda section (no "Addenda: None." under a draft)."""

import pytest

from tests.factories import (
    make_assessment,
    make_patient,
    make_plan,
    make_visit_note,
    signed_in_user,
)


def _addenda_shown(page: str) -> bool:
    return 'id="addenda"' in page or "Add an addendum" in page


@pytest.mark.parametrize("signed", [False, True], ids=["draft", "signed"])
def test_a_visit_note_shows_addenda_only_once_signed(app, client, me, signed):
    with app.app_context():
        author = signed_in_user()
        version = make_plan(author).current
        note_id = make_visit_note(version, author=author, sign=signed).id
    assert _addenda_shown(client.get(f"/visits/{note_id}").get_data(as_text=True)) is signed


@pytest.mark.parametrize("finalised", [False, True], ids=["draft", "finalised"])
def test_an_assessment_shows_addenda_only_once_finalised(app, client, me, finalised):
    with app.app_context():
        patient = make_patient(author=signed_in_user())
        assessment_id = make_assessment(patient, finalised=finalised).id
    page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert _addenda_shown(page) is finalised
