"""The posture section: one row per standard deviation (2.2), graded (2.3), through the views."""

from decimal import Decimal

import pytest

from practice.assessments.sections import SECTIONS
from practice.clinical.assessment_data import (
    FPI_CRITERIA,
    AssessmentData,
    FootPostureIndex,
    MeasurementMethod,
    Posture,
    ScapularDistance,
    ScapularMeasure,
)
from practice.clinical.catalogues import POSTURE_DEVIATIONS
from practice.clinical.vocabulary import BodyRegion, PostureDeviation, Severity, Side
from tests.html_forms import form_values, invalid_fields
from tests.sections import beside, stored_record

ROW = {deviation: index for index, deviation in enumerate(POSTURE_DEVIATIONS)}


def _field(deviation: PostureDeviation, name: str) -> str:
    return f"rows-{ROW[deviation]}-{name}"


def _url(assessment_id: int) -> str:
    return f"/assessments/{assessment_id}/sections/posture"


def test_sections_come_in_examination_order():
    assert list(SECTIONS)[:4] == ["subjective", "posture", "strength", "mobility"]
    assert SECTIONS["posture"].title == "Posture"


def test_every_deviation_has_a_row_absent_by_default(client, assessment):
    page = client.get(_url(assessment())).get_data(as_text=True)
    values = form_values(page)
    for deviation, info in POSTURE_DEVIATIONS.items():
        assert info.label.capitalize() in page
        assert values[_field(deviation, "deviation")] == deviation.value
        assert values[_field(deviation, "severity")] == "absent"
        assert values[_field(deviation, "side")] == ""
    assert 'aria-labelledby="posture-0 posture-severity"' in page


def test_saving_keeps_only_what_was_seen_and_the_overview_shows_the_findings(
    app, client, assessment
):
    assessment_id = assessment()
    url = _url(assessment_id)
    form = form_values(client.get(url).get_data(as_text=True)) | {
        _field(PostureDeviation.FORWARD_HEAD, "severity"): "moderate",
        _field(PostureDeviation.SCOLIOSIS, "note"): "Adams test negative",
        _field(PostureDeviation.GENU_VALGUM, "severity"): "mild",
        _field(PostureDeviation.GENU_VALGUM, "side"): "left",
        _field(PostureDeviation.GENU_VALGUM, "note"): "intermalleolar 9 cm",
        _field(PostureDeviation.SWAY_BACK, "severity"): "present",
    }
    response = client.post(url, data=form)
    assert response.status_code == 302, response.get_data(as_text=True)

    assert stored_record(app, assessment_id).posture == (
        Posture(PostureDeviation.FORWARD_HEAD, Severity.MODERATE),
        Posture(PostureDeviation.SWAY_BACK, None),
        Posture(PostureDeviation.SCOLIOSIS, Severity.ABSENT, note="Adams test negative"),
        Posture(PostureDeviation.GENU_VALGUM, Severity.MILD, Side.LEFT, "intermalleolar 9 cm"),
    )
    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Forward head posture (moderate)" in overview
    assert "Genu valgum (left, mild): intermalleolar 9 cm" in overview
    assert "Sway back <small" in overview  # present, not graded
    assert "Scoliosis <small" not in overview  # looked for and absent: no finding

    reopened = form_values(client.get(url).get_data(as_text=True))
    assert reopened[_field(PostureDeviation.FORWARD_HEAD, "severity")] == "moderate"
    assert reopened[_field(PostureDeviation.GENU_VALGUM, "side")] == "left"
    assert reopened[_field(PostureDeviation.GENU_VALGUM, "note")] == "intermalleolar 9 cm"
    assert reopened[_field(PostureDeviation.SWAY_BACK, "severity")] == "present"
    assert reopened[_field(PostureDeviation.SCOLIOSIS, "severity")] == "absent"
    assert reopened[_field(PostureDeviation.FLAT_BACK, "severity")] == "absent"


def test_saving_an_unchanged_form_keeps_the_record_exactly(app, client, assessment):
    """Two records of one deviation get a row each; a region the form does not edit is kept."""
    record = AssessmentData(
        posture=(
            Posture(PostureDeviation.FORWARD_HEAD, Severity.SEVERE, note="chin poke"),
            Posture(
                PostureDeviation.SCOLIOSIS,
                Severity.MODERATE,
                Side.RIGHT,
                "right convex",
                BodyRegion.LOWER_BACK,
            ),
            Posture(PostureDeviation.GENU_VALGUM, Severity.MILD, Side.LEFT),
            Posture(PostureDeviation.GENU_VALGUM, Severity.MODERATE, Side.RIGHT),
        )
    )
    assessment_id = assessment(record)
    url = _url(assessment_id)
    page = client.get(url).get_data(as_text=True)
    assert "chin poke" in page
    form = form_values(page)
    assert sum(value == "genu_valgum" for value in form.values()) == 2
    assert client.post(url, data=form).status_code == 302
    assert stored_record(app, assessment_id) == record


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"severity": "dreadful"}, "severity", "Not a valid choice."),
        ({"severity": "mild", "side": "up"}, "side", "Not a valid choice."),
        ({"side": "left"}, "side", "Choose the severity too, or clear the side."),
        ({"severity": "mild", "note": "x" * 201}, "note", "Keep this to 200 characters"),
    ],
)
def test_bad_posture_input_is_explained_and_nothing_is_saved(
    app, client, assessment, change, field, message
):
    assessment_id = assessment()
    url = _url(assessment_id)
    form = form_values(client.get(url).get_data(as_text=True))
    form[_field(PostureDeviation.FORWARD_HEAD, "severity")] = "moderate"
    form[_field(PostureDeviation.FORWARD_HEAD, "note")] = "typed and kept"
    form |= {_field(PostureDeviation.GENU_VARUM, name): value for name, value in change.items()}

    response = client.post(url, data=form)

    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Nothing was saved" in page or "Some rows need attention" in page
    assert message in page
    assert invalid_fields(page) == {_field(PostureDeviation.GENU_VARUM, field)}
    assert "typed and kept" in page
    assert form_values(page)[_field(PostureDeviation.FORWARD_HEAD, "severity")] == "moderate"
    assert stored_record(app, assessment_id).posture == ()


def test_the_same_deviation_twice_on_one_side_is_refused(app, client, assessment):
    record = AssessmentData(
        posture=(
            Posture(PostureDeviation.GENU_VALGUM, Severity.MILD, Side.LEFT),
            Posture(PostureDeviation.GENU_VALGUM, Severity.MODERATE, Side.RIGHT),
        )
    )
    assessment_id = assessment(record)
    url = _url(assessment_id)
    form = form_values(client.get(url).get_data(as_text=True))
    second = next(
        name.removesuffix("-deviation")
        for name, value in reversed(form.items())
        if value == "genu_valgum"
    )
    response = client.post(url, data=form | {f"{second}-side": "left"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "This deviation is already recorded for this side." in page
    assert invalid_fields(page) == {f"{second}-side"}
    assert stored_record(app, assessment_id) == record


def test_an_altered_list_of_deviations_is_refused(app, client, assessment):
    assessment_id = assessment()
    url = _url(assessment_id)
    form = form_values(client.get(url).get_data(as_text=True))
    form[_field(PostureDeviation.FORWARD_HEAD, "deviation")] = "slouching"
    form[_field(PostureDeviation.FORWARD_HEAD, "severity")] = "mild"
    response = client.post(url, data=form)
    assert response.status_code == 400
    assert "The list of deviations was altered; reload the page." in response.get_data(as_text=True)
    assert stored_record(app, assessment_id).posture == ()


# Measured values, the FPI-6 and scapular distances (2.2, 2.3) -----------------------------------

MEASURED = {
    _field(PostureDeviation.THORACIC_KYPHOSIS, "measured_value"): "52",
    _field(PostureDeviation.THORACIC_KYPHOSIS, "method"): "inclinometer",
    _field(PostureDeviation.SCOLIOSIS, "severity"): "mild",
    _field(PostureDeviation.SCOLIOSIS, "side"): "right",
    _field(PostureDeviation.SCOLIOSIS, "measured_value"): "6",
    _field(PostureDeviation.SCOLIOSIS, "method"): "scoliometer",
    _field(PostureDeviation.SCOLIOSIS, "rib_hump"): "yes",
    **{f"fpi_left-{code}": score for code, score in zip(FPI_CRITERIA, "211211", strict=True)},
    "scapular-1-left_cm": "6.5",
    "scapular-1-right_cm": "8",
}


def test_measured_values_the_fpi_and_scapular_distances_are_saved_and_shown(
    app, client, assessment
):
    assessment_id = assessment()
    url = _url(assessment_id)
    form = form_values(client.get(url).get_data(as_text=True)) | MEASURED
    response = client.post(url, data=form)
    assert response.status_code == 302, response.get_data(as_text=True)

    record = stored_record(app, assessment_id)
    assert record.posture == (
        Posture(
            PostureDeviation.THORACIC_KYPHOSIS,
            Severity.ABSENT,
            measured_value=Decimal(52),
            method=MeasurementMethod.INCLINOMETER,
        ),
        Posture(
            PostureDeviation.SCOLIOSIS,
            Severity.MILD,
            Side.RIGHT,
            measured_value=Decimal(6),
            method=MeasurementMethod.SCOLIOMETER,
            rib_hump=True,
        ),
    )
    assert record.foot_posture == (FootPostureIndex(Side.LEFT, (2, 1, 1, 2, 1, 1)),)
    assert record.scapular_distances == (
        ScapularDistance(ScapularMeasure.ACROMION_TO_TABLE, Side.LEFT, Decimal("6.5")),
        ScapularDistance(ScapularMeasure.ACROMION_TO_TABLE, Side.RIGHT, Decimal(8)),
    )

    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Increased thoracic kyphosis (measured, not graded): kyphosis angle 52°" in overview
    assert "rib hump on forward bending: structural curve" in overview
    assert "Foot Posture Index +8 (left): pronated" in overview
    assert 'id="record-fpi"' in overview
    assert 'id="record-scapular"' in overview

    page = client.get(url).get_data(as_text=True)
    assert "Saved: Left +8 (pronated)" in page
    assert {name: form_values(page)[name] for name in MEASURED} == MEASURED
    assert client.post(url, data=form_values(page)).status_code == 302
    assert stored_record(app, assessment_id) == record


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {_field(PostureDeviation.GENU_VALGUM, "measured_value"): "120"},
            _field(PostureDeviation.GENU_VALGUM, "measured_value"),
            "The intermalleolar distance is measured in cm: 0 to 100.",
        ),
        (
            {_field(PostureDeviation.GENU_RECURVATUM, "method"): "goniometer"},
            _field(PostureDeviation.GENU_RECURVATUM, "method"),
            "Enter the measured value too, or clear the method.",
        ),
        (
            {"fpi_right-talar_head_palpation": "1"},
            "fpi_right-malleolar_curves",
            "Score every criterion: the FPI-6 total is of all six.",
        ),
        ({"scapular-0-left_cm": "0"}, "scapular-0-left_cm", "must be above 0 cm, not 0."),
    ],
)
def test_a_posture_measure_that_does_not_fit_is_refused_with_input_kept(
    app, client, assessment, changes, field, message
):
    assessment_id = assessment()
    url = _url(assessment_id)
    form = form_values(client.get(url).get_data(as_text=True))
    form[_field(PostureDeviation.FORWARD_HEAD, "severity")] = "moderate"
    response = client.post(url, data=form | changes)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in beside(page, field)
    assert {name: form_values(page)[name] for name in changes} == changes
    assert stored_record(app, assessment_id) == AssessmentData()
