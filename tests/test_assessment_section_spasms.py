"""The spasms and cramps section through the browser's eyes: CSRF on, the real form posted back."""

import pytest

from practice.clinical.assessment_data import (
    CrampConcern,
    CrampCondition,
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


# Episode facts (6.1, 6.2) and the cramp referral rules raised from them ----------------------

PROLONGED, WOUND_OR_TOXIN, FREQUENT, SLEEP = 0, 1, 2, 3  # rows of the referral table (6.2)
EPISODES = {
    "rows-0-longest_duration_seconds": "720",
    "rows-0-eased_by_stretching": "no",
    "rows-0-residual_soreness_hours": "12",
    "rows-0-sleep_disrupted": "yes",
    "rows-0-conditions": ["diabetes", "thyroid_disease"],
    "rows-0-concerns": ["frequent"],
}
CHECKLISTS = {"rows-0-timing", "rows-0-conditions", "rows-0-context", "rows-0-concerns"}


def _referral(row: int, **values) -> dict:
    return {f"referrals-{row}-{name}": value for name, value in values.items()}


def test_the_episode_facts_are_saved_reopened_and_shown_in_the_findings(app, client, assessment_id):
    assert post(client, assessment_id, CALF | EPISODES).status_code == 302

    (calf,) = record(app, assessment_id).spasms
    assert (calf.longest_duration_seconds, calf.eased_by_stretching) == (720, False)
    assert (calf.residual_soreness_hours, calf.sleep_disrupted) == (12, True)
    assert calf.conditions == (CrampCondition.DIABETES, CrampCondition.THYROID_DISEASE)
    assert calf.concerns == (CrampConcern.FREQUENT,)
    page = client.get(url(assessment_id)).get_data(as_text=True)
    assert 'value="720"' in beside(page, "rows-0-longest_duration_seconds")
    assert "checked" in beside(page, "rows-0-conditions-6")  # diabetes
    assert "checked" not in beside(page, "rows-0-conditions-0")
    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert (
        "longest 12 min, did not ease with stretching or exercise, sore for up to 12 h after, "
        "disturbs sleep, associated: diabetes, thyroid disease"
    ) in overview


def test_raised_rules_show_with_their_reason_and_block_finalising_until_acted_on(
    app, client, assessment_id
):
    assert post(client, assessment_id, CALF | EPISODES).status_code == 302

    raised = [
        screen.code
        for screen in record(app, assessment_id).subjective.red_flags
        if screen.answer.value == "yes"
    ]
    assert raised == ["cramp_prolonged", "cramps_frequent", "cramps_disturbing_sleep_or_life"]
    page = client.get(url(assessment_id)).get_data(as_text=True)
    table = page[page.index('id="cramp-referral"') :]
    assert (
        "Calf cramps (left): lasted 12 min (over 10 minutes), did not ease with stretching or "
        "exercise"
    ) in table
    assert f'id="referrals-{WOUND_OR_TOXIN}-action_taken"' not in table  # not raised
    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Cramp referral: a cramp lasting more than 10 minutes" in overview
    assert overview.count("is positive: record the action taken") == 3

    actions = {
        **_referral(PROLONGED, action_taken="Sent to A&E", referral_to="A&E", urgency="urgent"),
        **_referral(FREQUENT, action_taken="GP letter", referral_to="GP", urgency="routine"),
        **_referral(SLEEP, action_taken="GP letter", referral_to="GP", urgency="routine"),
    }
    assert post(client, assessment_id, CALF | EPISODES | actions).status_code == 302
    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "is positive: record the action taken" not in overview
    page = client.get(url(assessment_id)).get_data(as_text=True)
    assert 'value="Sent to A&amp;E"' in beside(page, f"referrals-{PROLONGED}-action_taken")


def test_a_rule_no_longer_raised_is_dropped_with_its_action(app, client, assessment_id):
    actions = _referral(SLEEP, action_taken="GP letter", referral_to="GP", urgency="routine")
    assert post(client, assessment_id, CALF | EPISODES | actions).status_code == 302

    eased = EPISODES | {
        "rows-0-longest_duration_seconds": "",
        "rows-0-sleep_disrupted": "no",
        "rows-0-concerns": [],
    }
    page = client.get(url(assessment_id)).get_data(as_text=True)
    sent = (
        form_values(page)
        | CALF
        | eased
        | _referral(SLEEP, action_taken="", referral_to="", urgency="")
    )
    assert client.post(url(assessment_id), data=sent).status_code == 302

    assert [
        screen.code
        for screen in record(app, assessment_id).subjective.red_flags
        if screen.code.startswith("cramp")
    ] == []


def test_an_action_for_a_rule_the_cramps_do_not_raise_is_refused(app, client, assessment_id):
    page = client.get(url(assessment_id)).get_data(as_text=True)
    sent = form_values(page) | CALF | _referral(WOUND_OR_TOXIN, action_taken="Phoned the GP")

    response = client.post(url(assessment_id), data=sent)

    assert response.status_code == 400
    assert "do not raise this rule" in beside(
        response.get_data(as_text=True), f"referrals-{WOUND_OR_TOXIN}-action_taken"
    )
    assert record(app, assessment_id).spasms == ()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"rows-0-longest_duration_seconds": "60"},
            "rows-0-region",
            "The longest cramp cannot be shorter than the typical one",
        ),
        (
            {"rows-0-residual_soreness_hours": "100"},
            "rows-0-residual_soreness_hours",
            "Sore afterwards (hours) must be a whole number from 0 to 72.",
        ),
        (
            {"rows-0-eased_by_stretching": "maybe"},
            "rows-0-eased_by_stretching",
            "Not a valid choice.",
        ),
    ],
)
def test_bad_episode_facts_are_explained_and_nothing_is_saved(
    app, client, assessment_id, changes, field, message
):
    sent = CALF | EPISODES | changes
    assert_refused_with_input_kept(
        post(client, assessment_id, sent), sent, field, message, skip=CHECKLISTS
    )
    assert record(app, assessment_id).spasms == ()
