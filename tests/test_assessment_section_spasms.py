"""The spasms and cramps section through the browser's eyes: CSRF on, the real form posted back."""

import pytest

from practice.clinical.assessment_data import (
    FrequencyPeriod,
    SpasmPattern,
    SpasmTiming,
    SpasmType,
)
from practice.clinical.vocabulary import BodyRegion, CrampTrigger, Side
from tests.html_forms import form_values
from tests.sections import assert_refused_with_input_kept, beside, post_section, section_url
from tests.sections import stored_record as record


def url(assessment_id: int) -> str:
    return section_url(assessment_id, "spasms")


def post(client, assessment_id, changes: dict):
    return post_section(client, url(assessment_id), changes)


CALF = {
    "rows-0-muscle_group": "calf",
    "rows-0-side": "left",
    "rows-0-type": "cramp",
    "rows-0-frequency": "3",
    "rows-0-frequency_period": "per_night",
    "rows-0-typical_duration_seconds": "90",
    "rows-0-timing": ["nocturnal", "at_rest"],
    "rows-0-severity_nprs": "7",
    "rows-0-trigger_dehydration": "y",
    "rows-0-evidence_dehydration": "about two cups of fluid a day",
    "rows-0-trigger_overuse_fatigue": "y",
    "rows-0-evidence_overuse_fatigue": "started with a new running plan",
}
BACK = {
    "rows-1-region": "lower_back",
    "rows-1-side": "not_applicable",
    "rows-1-type": "spasm",
    "rows-1-frequency": "2",
    "rows-1-frequency_period": "per_week",
}
EXPECTED = (
    SpasmPattern(
        BodyRegion.LOWER_LEG,  # the calf's own region, as no region was chosen
        Side.LEFT,
        SpasmType.CRAMP,
        muscle_group="calf",
        frequency=3,
        frequency_period=FrequencyPeriod.PER_NIGHT,
        typical_duration_seconds=90,
        timing=(SpasmTiming.NOCTURNAL, SpasmTiming.AT_REST),
        severity_nprs=7,
        triggers={
            CrampTrigger.DEHYDRATION: "about two cups of fluid a day",
            CrampTrigger.OVERUSE_FATIGUE: "started with a new running plan",
        },
    ),
    SpasmPattern(
        BodyRegion.LOWER_BACK,
        Side.NOT_APPLICABLE,
        SpasmType.SPASM,
        frequency=2,
        frequency_period=FrequencyPeriod.PER_WEEK,
    ),
)


def test_spasm_patterns_are_saved_and_the_overview_shows_them_with_findings(
    app, client, assessment_id
):
    response = post(client, assessment_id, CALF | BACK)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert record(app, assessment_id).spasms == EXPECTED

    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    for finding in (
        "Nocturnal calf cramps (left): 3 per night, about 90 s each, at rest, NPRS 7/10",
        "Nocturnal calf cramps (left); trigger: dehydration (about two cups of fluid a day)",
        "Nocturnal calf cramps (left); trigger: overuse and fatigue",
        "Lower back spasm: 2 per week",
    ):
        assert finding in overview
    assert "started with a new running plan" in overview


def test_reopening_the_section_shows_the_saved_patterns(app, client, assessment_id):
    assert post(client, assessment_id, CALF | BACK).status_code == 302
    page = client.get(url(assessment_id)).get_data(as_text=True)
    values = form_values(page)
    for name, value in (CALF | BACK).items():
        if name != "rows-0-timing":
            assert values[name] == value, name
    assert values["rows-0-region"] == "lower_leg"
    for index, timing in enumerate(SpasmTiming):
        checked = "checked" in beside(page, f"rows-0-timing-{index}")
        assert checked == (timing in (SpasmTiming.NOCTURNAL, SpasmTiming.AT_REST)), timing
    assert "rows-2-side" in page  # a spare blank pattern for the next one


def test_saving_again_keeps_the_record_unchanged(app, client, assessment_id):
    assert post(client, assessment_id, CALF | BACK).status_code == 302
    page = client.get(url(assessment_id)).get_data(as_text=True)
    again = form_values(page) | {"rows-0-timing": ["nocturnal", "at_rest"]}
    assert client.post(url(assessment_id), data=again).status_code == 302
    assert record(app, assessment_id).spasms == EXPECTED


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"rows-0-severity_nprs": "11"},
            "rows-0-severity_nprs",
            "Severity (NPRS) must be a whole number from 0 to 10.",
        ),
        ({"rows-0-frequency": "often"}, "rows-0-frequency", "Not a valid integer value."),
        (
            {"rows-0-typical_duration_seconds": "-5"},
            "rows-0-typical_duration_seconds",
            "Typical duration (s) must be a whole number from 0 to 3600.",
        ),
        ({"rows-0-side": "up"}, "rows-0-side", "Not a valid choice."),
        ({"rows-0-muscle_group": "tail"}, "rows-0-muscle_group", "Not a valid choice."),
        ({"rows-0-frequency_period": "per_year"}, "rows-0-frequency_period", "Not a valid choice."),
        ({"rows-0-side": ""}, "rows-0-side", "Choose the side"),
        ({"rows-0-muscle_group": ""}, "rows-0-region", "Choose the region or the muscle group."),
        (
            {"rows-0-evidence_dehydration": ""},
            "rows-0-evidence_dehydration",
            "Write what points to dehydration (for example what the patient reported), "
            "or untick it.",
        ),
        (
            {"rows-0-evidence_stress_anxiety": "exam season"},
            "rows-0-trigger_stress_anxiety",
            "Tick this trigger for the evidence written beside it, or clear it.",
        ),
    ],
)
def test_bad_spasm_input_is_explained_beside_the_field_and_nothing_is_saved(
    app, client, assessment_id, changes, field, message
):
    sent = CALF | BACK | changes
    response = post(client, assessment_id, sent)
    page = assert_refused_with_input_kept(response, sent, field, message, skip={"rows-0-timing"})
    assert "checked" in beside(page, "rows-0-timing-0")  # the ticked timing stays ticked
    assert record(app, assessment_id).spasms == ()


def test_an_unknown_timing_is_refused(app, client, assessment_id):
    response = post(client, assessment_id, CALF | {"rows-0-timing": ["nocturnal", "weekly"]})
    assert response.status_code == 400
    assert "weekly&#39; is not a valid choice for this field." in beside(
        response.get_data(as_text=True), "rows-0-timing-4"
    )
    assert record(app, assessment_id).spasms == ()


def test_blank_patterns_are_skipped(app, client, assessment_id):
    assert post(client, assessment_id, {}).status_code == 302
    assert record(app, assessment_id).spasms == ()


def test_a_count_of_zero_typed_alone_is_not_dropped_as_blank(app, client, assessment_id):
    sent = {"rows-0-frequency": "0"}
    response = post(client, assessment_id, sent)
    assert_refused_with_input_kept(
        response, sent, "rows-0-region", "Choose the region or the muscle group."
    )
