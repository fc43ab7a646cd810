"""Helpers for the assessment-section view tests: submit a section as a browser would."""

from __future__ import annotations

from practice.clinical.assessment_data import AssessmentData
from practice.extensions import db
from practice.models import Assessment
from tests.html_forms import form_values


def section_url(assessment_id: int, key: str) -> str:
    return f"/assessments/{assessment_id}/sections/{key}"


def stored_record(app, assessment_id: int) -> AssessmentData:
    with app.app_context():
        return db.session.get(Assessment, assessment_id).data


def beside(page: str, field_id: str) -> str:
    """A field's own tag and what follows it up to the next control: where its messages show."""
    start = page.rindex("<", 0, page.index(f'id="{field_id}"'))
    after = page.index(">", start)
    ends = [page.find(tag, after) for tag in ("<input", "<select", "<textarea", "</form")]
    return page[start : min(end for end in ends if end != -1)]


def post_section(client, url: str, changes: dict):
    """The form as the page offers it, with ``changes`` typed in."""
    page = client.get(url).get_data(as_text=True)
    return client.post(url, data=form_values(page) | changes)


def assert_refused_with_input_kept(response, sent: dict, field: str, message: str, *, skip=()):
    """A section save refused: 400, ``message`` beside ``field``, everything typed still there.

    A select cannot show a value it does not offer, so an unknown choice is not expected back;
    ``skip`` names fields a plain comparison cannot read back (multi-value checkboxes).
    """
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Nothing was saved" in page
    assert message in beside(page, field)
    unknown = message == "Not a valid choice."
    kept = {
        name: value
        for name, value in sent.items()
        if name not in skip and not (unknown and name == field)
    }
    typed = form_values(page)
    assert {name: typed.get(name) for name in kept} == kept
    return page
