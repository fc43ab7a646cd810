"""The lifestyle and impression section through the browser's eyes: CSRF on, the real form."""

from decimal import Decimal

import pytest

from practice.clinical.assessment_data import ActivityLevel, Lifestyle, WorkPosture
from practice.clinical.vocabulary import Severity
from practice.extensions import db
from practice.models import Assessment
from tests.html_forms import form_values
from tests.sections import assert_refused_with_input_kept, post_section, section_url


def url(assessment_id: int) -> str:
    return section_url(assessment_id, "lifestyle")


def post(client, assessment_id, changes: dict):
    return post_section(client, url(assessment_id), changes)


def stored(app, assessment_id) -> tuple[Lifestyle, str]:
    with app.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        return assessment.data.lifestyle, assessment.impression


IMPRESSION = "Nocturnal calf cramps, likely fatigue-related.\nReview in 2 weeks."
FULL = {
    "fluid_intake_litres_per_day": "1.2",
    "activity_level": "sedentary",
    "work_posture": "mostly_sitting",
    "hours_sitting_per_day": "9",
    "hours_standing_per_day": "1.5",
    "stress": "moderate",
    "impression": IMPRESSION,
}


def test_lifestyle_and_impression_are_saved_and_shown(app, client, assessment_id):
    response = post(client, assessment_id, FULL)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert stored(app, assessment_id) == (
        Lifestyle(
            fluid_intake_litres_per_day=Decimal("1.2"),
            activity_level=ActivityLevel.SEDENTARY,
            work_posture=WorkPosture.MOSTLY_SITTING,
            hours_sitting_per_day=Decimal("9"),
            hours_standing_per_day=Decimal("1.5"),
            stress=Severity.MODERATE,
        ),
        IMPRESSION,
    )
    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Lifestyle and impression" in overview
    for text in (
        "Prolonged sitting at work (about 9 h a day)",
        "Sedentary activity level",
        "Stress or anxiety (moderate)",
        "Clinical impression",
        "Nocturnal calf cramps, likely fatigue-related.",
        "Mostly sitting",
    ):
        assert text in overview


def test_reopening_the_section_shows_the_saved_values_and_the_impression(
    app, client, assessment_id
):
    assert post(client, assessment_id, FULL).status_code == 302
    page = client.get(url(assessment_id)).get_data(as_text=True)
    values = form_values(page)
    assert {name: values[name] for name in FULL} == FULL


def test_the_impression_can_be_cleared(app, client, assessment_id):
    assert post(client, assessment_id, FULL).status_code == 302
    assert post(client, assessment_id, {"impression": ""}).status_code == 302
    assert stored(app, assessment_id)[1] == ""


def test_blank_section_saves_an_empty_lifestyle(app, client, assessment_id):
    assert post(client, assessment_id, {}).status_code == 302
    assert stored(app, assessment_id) == (Lifestyle(), "")


@pytest.mark.parametrize("hours", ["24", "12.5"])
def test_sitting_and_standing_may_fill_the_whole_day(app, client, assessment_id, hours):
    other = str(24 - Decimal(hours))
    changes = {"hours_sitting_per_day": hours, "hours_standing_per_day": other}
    assert post(client, assessment_id, changes).status_code == 302


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"hours_sitting_per_day": "25"},
            "hours_sitting_per_day",
            "Hours sitting must be between 0 and 24 hours.",
        ),
        (
            {"hours_standing_per_day": "-1"},
            "hours_standing_per_day",
            "Hours standing must be between 0 and 24 hours.",
        ),
        (
            {"hours_sitting_per_day": "16", "hours_standing_per_day": "8.5"},
            "hours_standing_per_day",
            "Sitting and standing together cannot exceed 24 hours a day.",
        ),
        (
            {"fluid_intake_litres_per_day": "16"},
            "fluid_intake_litres_per_day",
            "Fluid intake must be between 0 and 15 litres a day.",
        ),
        (
            {"fluid_intake_litres_per_day": "lots"},
            "fluid_intake_litres_per_day",
            "Not a valid decimal value.",
        ),
        ({"hours_sitting_per_day": "NaN"}, "hours_sitting_per_day", "Enter a number."),
        ({"stress": "extreme"}, "stress", "Not a valid choice."),
        ({"activity_level": "athletic"}, "activity_level", "Not a valid choice."),
        ({"work_posture": "lying"}, "work_posture", "Not a valid choice."),
        ({"impression": "x" * 5001}, "impression", "Keep this to 5000 characters or fewer."),
    ],
)
def test_bad_lifestyle_input_is_explained_beside_the_field_and_nothing_is_saved(
    app, client, assessment_id, changes, field, message
):
    response = post(client, assessment_id, FULL | changes)
    assert_refused_with_input_kept(response, FULL | changes, field, message)
    assert stored(app, assessment_id) == (Lifestyle(), "")
