"""The muscle imbalance section's grip strength (3.1), through the views."""

from decimal import Decimal

import pytest

from practice.clinical.assessment_data import AssessmentData, GripStrength
from practice.clinical.vocabulary import Side
from tests.html_forms import form_values
from tests.sections import assert_refused_with_input_kept, post_section, section_url
from tests.sections import stored_record as record


def test_grip_in_kg_is_saved_its_asymmetry_found_and_the_form_reopens_with_it(
    app, client, assessment
):
    assessment_id = assessment()
    url = section_url(assessment_id, "strength")
    response = post_section(client, url, {"grip_left_kg": "31.5", "grip_right_kg": "24"})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert record(app, assessment_id).grip_strength == (
        GripStrength(Side.LEFT, Decimal("31.5")),
        GripStrength(Side.RIGHT, Decimal(24)),
    )

    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Grip strength 23.8 % lower on the right: 24 kg against 31.5 kg (above 10 %)" in overview
    assert 'id="record-grip"' in overview

    values = form_values(client.get(url).get_data(as_text=True))
    assert (values["grip_left_kg"], values["grip_right_kg"]) == ("31.5", "24")


def test_clearing_the_grip_removes_it_from_the_record(app, client, assessment):
    assessment_id = assessment(
        AssessmentData(grip_strength=(GripStrength(Side.LEFT, Decimal(30)),))
    )
    url = section_url(assessment_id, "strength")
    assert post_section(client, url, {"grip_left_kg": ""}).status_code == 302
    assert record(app, assessment_id).grip_strength == ()


@pytest.mark.parametrize(
    ("value", "message"),
    [("-1", "Left grip must be between 0 and 150 kg."), ("lots", "Not a valid decimal value.")],
)
def test_an_impossible_grip_is_refused_with_input_kept(app, client, assessment, value, message):
    assessment_id = assessment()
    url = section_url(assessment_id, "strength")
    sent = {"grip_left_kg": value, "grip_right_kg": "28"}
    response = post_section(client, url, sent)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert form_values(page)["grip_right_kg"] == "28"
    assert record(app, assessment_id).grip_strength == ()


def test_a_grip_with_a_bad_strength_row_saves_nothing(app, client, assessment):
    assessment_id = assessment()
    url = section_url(assessment_id, "strength")
    sent = {"grip_left_kg": "30", "rows-0-muscle_group": "calf", "rows-0-left_force": "100"}
    response = post_section(client, url, sent)
    assert_refused_with_input_kept(
        response, sent, "rows-0-left_grade", "Enter the Oxford grade for this side too."
    )
    assert record(app, assessment_id) == AssessmentData()
