"""The flexibility and range-of-motion section (4.1-4.3), through the views."""

from decimal import Decimal

import pytest

from practice.assessments.sections.mobility import MIDLINE_MOVEMENTS, WHOLE_BODY_TESTS
from practice.clinical.assessment_data import (
    AssessmentData,
    BeightonItem,
    EndFeel,
    RangeOfMotion,
    RomInstrument,
    SpecialTest,
)
from practice.clinical.catalogues import SPECIAL_TESTS
from practice.clinical.vocabulary import Side
from practice.reference import clinical_reference
from tests.html_forms import form_values, invalid_fields
from tests.sections import beside, stored_record

L, R, NA = Side.LEFT, Side.RIGHT, Side.NOT_APPLICABLE
GONIO = RomInstrument.GONIOMETER
MIDLINE = {code: f"midline-{index}" for index, code in enumerate(MIDLINE_MOVEMENTS)}
WHOLE_BODY = {code: f"whole_body_tests-{index}" for index, code in enumerate(WHOLE_BODY_TESTS)}

RECORD = AssessmentData(
    range_of_motion=(
        RangeOfMotion("thoracolumbar_flexion", NA, 60, 70),
        RangeOfMotion("ankle_dorsiflexion", L, 10, 15),
        RangeOfMotion("ankle_dorsiflexion", R, 20),
        RangeOfMotion("knee_extension", L, -10),
    ),
    special_tests=(
        SpecialTest("sit_and_reach", NA, measured_value=Decimal("-4.5")),
        SpecialTest("beighton", NA, measured_value=Decimal("5")),
        SpecialTest("thomas", L, True, Decimal("15"), component="iliopsoas"),
        SpecialTest("thomas", R, False, component="iliopsoas"),
        SpecialTest("muscle_length", R, True, muscle_group="hip_flexors"),
        SpecialTest("straight_leg_raise", R, True, Decimal("45"), radicular_pain_reproduced=True),
    ),
)


def _url(assessment_id: int) -> str:
    return f"/assessments/{assessment_id}/sections/mobility"


def _filled_form() -> dict[str, str]:
    """RECORD as a clinician types it into the empty form."""
    return {
        f"{MIDLINE['thoracolumbar_flexion']}-active": "60",
        f"{MIDLINE['thoracolumbar_flexion']}-passive": "70",
        "rom-0-movement": "ankle_dorsiflexion",
        "rom-0-left_active": "10",
        "rom-0-left_passive": "15",
        "rom-0-right_active": "20",
        "rom-1-movement": "knee_extension",
        "rom-1-left_active": "-10",
        f"{WHOLE_BODY['sit_and_reach']}-value": "-4.5",
        f"{WHOLE_BODY['beighton']}-value": "5",
        "tests-0-test": "thomas",
        "tests-0-component": "iliopsoas",
        "tests-0-left_result": "positive",
        "tests-0-left_value": "15",
        "tests-0-right_result": "negative",
        "tests-1-test": "muscle_length",
        "tests-1-muscle_group": "hip_flexors",
        "tests-1-right_result": "positive",
        "tests-2-test": "straight_leg_raise",
        "tests-2-right_result": "positive",
        "tests-2-right_value": "45",
        "tests-2-right_radicular": "y",
    }


def test_the_form_shows_normals_and_keeps_spine_flexion_on_its_own_rows(client, assessment):
    page = client.get(_url(assessment())).get_data(as_text=True)
    values = form_values(page)
    assert [values[f"{row}-movement"] for row in MIDLINE.values()] == MIDLINE_MOVEMENTS
    assert MIDLINE_MOVEMENTS == [
        "cervical_flexion",
        "cervical_extension",
        "thoracolumbar_flexion",
        "thoracolumbar_extension",
    ]
    assert "normal 45° (reference)" in page  # cervical flexion, 4.2
    assert "midline: one value, no side" in page
    assert "whole degrees from −90 to 200" in page
    # The side-by-side rows offer only movements with a side, grouped by region.
    assert '<optgroup label="Ankle and foot">' in page
    assert '<option value="thoracolumbar_rotation">' in page
    assert '<option value="thoracolumbar_flexion">' not in page
    assert [values[f"{row}-test"] for row in WHOLE_BODY.values()] == ["sit_and_reach", "beighton"]
    assert '<option value="sit_and_reach">' not in page
    assert "Straight leg raise (degrees)" in page
    assert values["rom-2-movement"] == ""
    assert "rom-3-movement" not in values  # three blank rows to start with
    assert "tests-2-test" in values
    assert "Save and add rows" in page


def test_saving_stores_the_record_and_the_overview_shows_the_findings(app, client, assessment):
    assessment_id = assessment()
    url = _url(assessment_id)
    form = form_values(client.get(url).get_data(as_text=True)) | _filled_form()
    response = client.post(url, data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert stored_record(app, assessment_id) == RECORD

    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert (
        "Ankle dorsiflexion 50 % of normal (left): active 10°, passive 15° against reference 20°"
        in overview
    )
    assert "Thoracolumbar flexion 66.7 % of normal: active 60°, passive 70°" in overview
    assert "Knee extension below normal (left): active −10° against reference 0°" in overview
    assert "Tight iliopsoas (left): Thomas test 15° positive" in overview
    assert "Tight hip flexors (right): muscle length test positive" in overview
    assert (
        "Straight leg raise reproduces leg pain (right) at 45°: neural sensitivity rather than "
        "hamstring tightness" in overview
    )
    assert "Beighton score 5/9: possible generalised hypermobility" in overview
    assert "Tight iliopsoas (right)" not in overview  # the right Thomas test was negative

    reopened = client.get(url).get_data(as_text=True)
    assert "normal 20° (reference)" in reopened  # beside the ankle dorsiflexion row
    values = form_values(reopened)
    assert {name: values[name] for name in _filled_form()} == _filled_form()


def test_saving_an_unchanged_form_keeps_the_record_exactly(app, client, assessment):
    assessment_id = assessment(RECORD)
    url = _url(assessment_id)
    form = form_values(client.get(url).get_data(as_text=True))
    assert client.post(url, data=form).status_code == 302
    assert stored_record(app, assessment_id) == RECORD


def test_save_and_add_rows_gives_spare_rows(app, client, assessment):
    assessment_id = assessment()
    url = _url(assessment_id)
    form = form_values(client.get(url).get_data(as_text=True))
    for index, movement in enumerate(("hip_flexion", "hip_extension", "hip_abduction")):
        form |= {f"rom-{index}-movement": movement, f"rom-{index}-right_active": "30"}
    response = client.post(url, data=form | {"add_rows": "Save and add rows"})
    assert response.status_code == 302
    values = form_values(client.get(url).get_data(as_text=True))
    assert values["rom-2-movement"] == "hip_abduction"
    assert values["rom-4-movement"] == ""
    assert "rom-5-movement" not in values
    assert len(stored_record(app, assessment_id).range_of_motion) == 3


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"rom-0-left_active": "250"}, "rom-0-left_active", "Degrees must be a whole number"),
        ({"rom-0-left_passive": "-91"}, "rom-0-left_passive", "from -90 to 200."),
        ({"rom-0-left_active": "abc"}, "rom-0-left_active", "Not a valid integer value."),
        ({"rom-0-left_active": "12.5"}, "rom-0-left_active", "Not a valid integer value."),
        ({"midline-0-active": "300"}, "midline-0-active", "from -90 to 200."),
        ({"rom-0-movement": "astral_projection"}, "rom-0-movement", "Not a valid choice."),
        ({"rom-0-movement": "cervical_flexion"}, "rom-0-movement", "Not a valid choice."),
        ({"rom-0-movement": ""}, "rom-0-movement", "Choose the movement for this row."),
        ({"rom-0-left_active": ""}, "rom-0-left_active", "Enter the active range too"),
        ({"tests-0-test": "", "tests-0-left_value": "40"}, "tests-0-test", "Choose the test"),
        (
            {"tests-0-test": "straight_leg_raise", "tests-0-left_value": "300"},
            "tests-0-left_value",
            "Straight leg raise is measured in degrees: a whole number from -90 to 200.",
        ),
        (
            {"tests-0-test": "ober", "tests-0-left_value": "ten"},
            "tests-0-left_value",
            "Not a valid decimal value.",
        ),
        (
            {"tests-0-test": "ober", "tests-0-left_result": "maybe"},
            "tests-0-left_result",
            "Not a valid choice.",
        ),
        (
            {"tests-0-test": "thomas", "tests-0-left_result": "positive"},
            "tests-0-component",
            "Choose the part of the Thomas test: iliopsoas, rectus femoris",
        ),
        (
            {"tests-0-test": "muscle_length", "tests-0-left_result": "positive"},
            "tests-0-muscle_group",
            "Choose the muscle whose length was tested.",
        ),
        (
            {
                "tests-0-test": "ober",
                "tests-0-left_result": "positive",
                "tests-0-left_radicular": "y",
            },
            "tests-0-left_radicular",
            "Leg pain reproduction is recorded on the straight leg raise.",
        ),
        (
            {
                "tests-0-test": "straight_leg_raise",
                "tests-0-component": "iliopsoas",
                "tests-0-left_result": "positive",
            },
            "tests-0-component",
            "Straight leg raise has no parts: leave this blank.",
        ),
        (
            {"tests-0-test": "straight_leg_raise", "tests-0-left_radicular": "y"},
            "tests-0-left_result",
            "Record the result or the angle of the straight leg raise.",
        ),
        (
            {f"{WHOLE_BODY['beighton']}-value": "12"},
            f"{WHOLE_BODY['beighton']}-value",
            "Beighton score is measured in points: a whole number from 0 to 9.",
        ),
        (
            {f"{WHOLE_BODY['sit_and_reach']}-value": "NaN"},
            f"{WHOLE_BODY['sit_and_reach']}-value",
            "Sit-and-reach is measured in cm: a number from -100 to 100.",
        ),
        (
            {f"{WHOLE_BODY['sit_and_reach']}-value": "-4,5"},
            f"{WHOLE_BODY['sit_and_reach']}-value",
            "Not a valid decimal value.",
        ),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_nothing_is_saved(
    app, client, assessment, change, field, message
):
    assessment_id = assessment()
    url = _url(assessment_id)
    form = form_values(client.get(url).get_data(as_text=True))
    form |= {
        "rom-0-movement": "hip_flexion",
        "rom-0-left_active": "100",
        "rom-0-left_passive": "110",
        "rom-2-movement": "knee_flexion",
        "rom-2-right_active": "123",
        "tests-2-test": "ober",
        "tests-2-right_result": "positive",
    } | change

    response = client.post(url, data=form)

    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert invalid_fields(page) == {field}
    kept = form_values(page)
    assert kept["rom-2-right_active"] == "123"  # everything typed is still there
    assert kept["tests-2-right_result"] == "positive"
    if message != "Not a valid choice.":  # a select cannot show a value it does not offer
        assert kept[field] == form[field]
    record = stored_record(app, assessment_id)
    assert (record.range_of_motion, record.special_tests) == ((), ())


def test_a_movement_twice_on_one_side_is_refused(app, client, assessment):
    assessment_id = assessment()
    url = _url(assessment_id)
    form = form_values(client.get(url).get_data(as_text=True)) | {
        "rom-0-movement": "hip_flexion",
        "rom-0-left_active": "100",
        "rom-1-movement": "hip_flexion",
        "rom-1-left_active": "105",
        "rom-1-right_active": "120",
    }
    response = client.post(url, data=form)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Hip flexion (left) is already in another row." in page
    assert invalid_fields(page) == {"rom-1-left_active"}
    assert 'value="105"' in page
    assert stored_record(app, assessment_id).range_of_motion == ()


def test_a_test_twice_on_one_side_is_refused(app, client, assessment):
    assessment_id = assessment()
    url = _url(assessment_id)
    form = form_values(client.get(url).get_data(as_text=True))
    for index in (0, 1):
        form |= {f"tests-{index}-test": "straight_leg_raise", f"tests-{index}-left_value": "70"}
    response = client.post(url, data=form)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "This test is already recorded for the left." in page
    assert invalid_fields(page) == {"tests-1-left_result"}
    assert stored_record(app, assessment_id).special_tests == ()


def test_an_altered_list_of_spine_rows_is_refused(app, client, assessment):
    assessment_id = assessment()
    url = _url(assessment_id)
    form = form_values(client.get(url).get_data(as_text=True)) | {
        "midline-0-movement": "hip_flexion",
        "midline-0-active": "40",
    }
    response = client.post(url, data=form)
    assert response.status_code == 400
    assert "The list of fixed rows was altered; reload the page." in response.get_data(as_text=True)
    assert stored_record(app, assessment_id).range_of_motion == ()


NORMAL_AT_ZERO = ("elbow_extension", "knee_extension")  # 4.2: the normal value is 0°


def test_the_movements_whose_normal_is_zero_are_the_reference_table_s(app):
    with app.app_context():
        normals = clinical_reference().rom_normals
    assert sorted(code for code, normal in normals.items() if normal.degrees == 0) == sorted(
        NORMAL_AT_ZERO
    )


@pytest.mark.parametrize("movement", NORMAL_AT_ZERO)
def test_a_normal_range_of_zero_on_both_sides_saves(app, client, assessment, movement):
    assessment_id = assessment()
    url = _url(assessment_id)
    form = form_values(client.get(url).get_data(as_text=True)) | {
        "rom-0-movement": movement,
        "rom-0-left_active": "0",
        "rom-0-left_passive": "0",
        "rom-0-right_active": "0",
        "rom-0-right_passive": "0",
    }
    response = client.post(url, data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert stored_record(app, assessment_id).range_of_motion == (
        RangeOfMotion(movement, L, 0, 0),
        RangeOfMotion(movement, R, 0, 0),
    )
    values = form_values(client.get(url).get_data(as_text=True))
    assert (values["rom-0-left_active"], values["rom-0-right_passive"]) == ("0", "0")


@pytest.mark.parametrize(
    "test", [code for code, test in SPECIAL_TESTS.items() if test.sided and not test.components]
)
def test_a_measured_value_of_zero_on_both_sides_saves(app, client, assessment, test):
    """0° is a possible reading of every sided test (full knee extension in the AKE test)."""
    assessment_id = assessment()
    url = _url(assessment_id)
    muscle = {"tests-0-muscle_group": "hamstrings"} if test == "muscle_length" else {}
    form = form_values(client.get(url).get_data(as_text=True)) | {
        "tests-0-test": test,
        "tests-0-left_value": "0",
        "tests-0-right_value": "0",
        **muscle,
    }
    response = client.post(url, data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert [
        (item.side, item.measured_value) for item in stored_record(app, assessment_id).special_tests
    ] == [(L, 0), (R, 0)]


def test_zero_typed_without_its_movement_is_not_silently_dropped(app, client, assessment):
    assessment_id = assessment()
    url = _url(assessment_id)
    form = form_values(client.get(url).get_data(as_text=True)) | {"rom-0-left_active": "0"}
    response = client.post(url, data=form)
    assert response.status_code == 400
    assert invalid_fields(response.get_data(as_text=True)) == {"rom-0-movement"}


# End of range (4.1) and the Beighton items (4.3) -----------------------------------------------

END_OF_RANGE = {
    "rom-0-movement": "knee_flexion",
    "rom-0-left_active": "100",
    "rom-0-left_passive": "110",
    "rom-0-left_end_feel": "capsular",
    "rom-0-left_end_range": "pain_complaint",
    "rom-0-right_active": "140",
    "rom-0-right_end_feel": "soft_tissue",
    "rom-0-right_end_range": "none",
    "rom-0-instrument": "goniometer",
    f"{MIDLINE['cervical_flexion']}-active": "40",
    f"{MIDLINE['cervical_flexion']}-end_feel": "soft_tissue",
    f"{MIDLINE['cervical_flexion']}-instrument": "inclinometer",
    f"{WHOLE_BODY['beighton']}-items-thumb_left": "y",
    f"{WHOLE_BODY['beighton']}-items-thumb_right": "y",
    f"{WHOLE_BODY['beighton']}-items-knee_left": "y",
    f"{WHOLE_BODY['beighton']}-items-palms_flat": "y",
}


def test_end_feel_symptoms_instrument_and_beighton_items_are_saved_and_shown(
    app, client, assessment
):
    assessment_id = assessment()
    url = _url(assessment_id)
    form = form_values(client.get(url).get_data(as_text=True)) | END_OF_RANGE
    response = client.post(url, data=form)
    assert response.status_code == 302, response.get_data(as_text=True)

    record = stored_record(app, assessment_id)
    assert record.range_of_motion == (
        RangeOfMotion(
            "cervical_flexion",
            NA,
            40,
            end_feel=EndFeel.SOFT_TISSUE,
            instrument=RomInstrument.INCLINOMETER,
        ),
        RangeOfMotion("knee_flexion", L, 100, 110, EndFeel.CAPSULAR, True, True, GONIO),
        RangeOfMotion("knee_flexion", R, 140, None, EndFeel.SOFT_TISSUE, False, False, GONIO),
    )
    beighton = (
        BeightonItem.THUMB_LEFT,
        BeightonItem.THUMB_RIGHT,
        BeightonItem.KNEE_LEFT,
        BeightonItem.PALMS_FLAT,
    )
    assert record.special_tests == (SpecialTest("beighton", NA, beighton_items=beighton),)

    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert (
        "Knee flexion 74.1 % of normal (left): active 100°, passive 110° against reference 135°"
        in overview
    )
    assert "joint/capsular end-feel, pain at end of range, reproduces the complaint" in overview
    assert "Beighton score 4/9: possible generalised hypermobility" in overview
    assert 'id="record-end-of-range"' in overview

    page = client.get(url).get_data(as_text=True)
    assert {name: form_values(page).get(name) for name in END_OF_RANGE} == END_OF_RANGE
    assert client.post(url, data=form_values(page)).status_code == 302
    assert stored_record(app, assessment_id) == record


def test_a_beighton_score_of_zero_from_its_items_is_kept_as_itemised(app, client, assessment):
    assessment_id = assessment()
    url = _url(assessment_id)
    form = form_values(client.get(url).get_data(as_text=True))
    form[f"{WHOLE_BODY['beighton']}-itemised"] = "y"
    assert client.post(url, data=form).status_code == 302
    assert stored_record(app, assessment_id).special_tests == (
        SpecialTest("beighton", NA, beighton_items=()),
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {
                "rom-0-movement": "knee_flexion",
                "rom-0-left_active": "100",
                "rom-0-right_end_feel": "capsular",
            },
            "rom-0-right_end_feel",
            "No range was measured here: enter it, or clear the end-feel and the symptoms.",
        ),
        (
            {
                "rom-0-movement": "knee_flexion",
                "rom-0-left_active": "0",
                "rom-0-right_end_range": "pain",
            },
            "rom-0-right_end_range",
            "No range was measured here",
        ),
        (
            {f"{MIDLINE['cervical_flexion']}-end_feel": "bony"},
            f"{MIDLINE['cervical_flexion']}-end_feel",
            "No range was measured here",
        ),
        (
            {
                f"{WHOLE_BODY['beighton']}-value": "5",
                f"{WHOLE_BODY['beighton']}-items-elbow_left": "y",
                f"{WHOLE_BODY['beighton']}-items-elbow_right": "y",
            },
            f"{WHOLE_BODY['beighton']}-value",
            "The ticked items add up to 2/9, not 5: correct the items or the score.",
        ),
    ],
)
def test_an_end_feel_without_its_range_or_a_beighton_score_against_its_items_is_refused(
    app, client, assessment, changes, field, message
):
    assessment_id = assessment()
    url = _url(assessment_id)
    form = form_values(client.get(url).get_data(as_text=True)) | changes
    response = client.post(url, data=form)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in beside(page, field)
    assert {name: form_values(page).get(name) for name in changes} == changes
    assert stored_record(app, assessment_id) == AssessmentData()
