"""The circulation section through the browser's eyes: CSRF on, the real form posted back."""

from decimal import Decimal

import pytest

from practice.clinical.assessment_data import (
    AnklePressures,
    AssessmentData,
    CapillaryRefill,
    Circulation,
    Claudication,
    LimbGirth,
    MeasuredBy,
    Oedema,
    OedemaExtent,
    Pulse,
    RedFlagAnswer,
    RedFlagScreen,
    ReportedAbi,
    Skin,
    SkinColour,
    SkinTemperature,
    Subjective,
    VaricoseVeins,
    WellsScore,
    WellsVersion,
)
from practice.clinical.reference import PulseScale
from practice.clinical.vocabulary import BodyRegion, Side
from tests.html_forms import form_values
from tests.sections import assert_refused_with_input_kept, post_section, section_url
from tests.sections import stored_record as record

L, R = Side.LEFT, Side.RIGHT


def url(assessment_id: int) -> str:
    return section_url(assessment_id, "circulation")


def post(client, assessment_id, changes: dict):
    return post_section(client, url(assessment_id), changes)


FULL = {
    "pulses-0-site": "dorsalis_pedis",
    "pulses-0-scale": "0-4",
    "pulses-0-left_grade": "2",
    "pulses-0-right_grade": "1",
    "pulses-1-site": "posterior_tibial",
    "pulses-1-scale": "0-3",
    "pulses-1-right_grade": "0",
    "capillary_refill-0-region": "ankle_foot",
    "capillary_refill-0-side": "right",
    "capillary_refill-0-seconds": "3.5",
    "capillary_refill-0-warm": "yes",
    "brachial_left_mmhg": "130",
    "brachial_right_mmhg": "140",
    "right_dorsalis_pedis_mmhg": "98",
    "right_posterior_tibial_mmhg": "90",
    "abi_measured_by": "self",
    "left_reported_abi": "0.85",
    "reported_abi_source": "vascular clinic letter",
    "oedema-0-region": "ankle_foot",
    "oedema-0-side": "left",
    "oedema-0-pitting": "yes",
    "oedema-0-grade": "2",
    "skin-0-region": "lower_leg",
    "skin-0-side": "right",
    "skin-0-colour": "pallor",
    "skin-0-temperature": "cool",
    "skin-0-trophic_changes": "y",
    "skin-0-note": "hairless shin",
    "claudication-0-side": "right",
    "claudication-0-onset_distance_m": "200",
    "claudication-0-maximum_distance_m": "400",
    "varicose_veins-0-side": "left",
    "varicose_veins-0-symptoms": "aching by evening",
}

EXPECTED = Circulation(
    pulses=(
        Pulse("dorsalis_pedis", L, 2, PulseScale.ZERO_TO_FOUR),
        Pulse("dorsalis_pedis", R, 1, PulseScale.ZERO_TO_FOUR),
        Pulse("posterior_tibial", R, 0, PulseScale.ZERO_TO_THREE),
    ),
    capillary_refill=(CapillaryRefill(Decimal("3.5"), BodyRegion.ANKLE_FOOT, R, warm=True),),
    brachial_left_mmhg=130,
    brachial_right_mmhg=140,
    ankle_pressures=(AnklePressures(R, 98, 90),),
    abi_measured_by=MeasuredBy.SELF,
    reported_abi=(ReportedAbi(L, Decimal("0.85"), "vascular clinic letter"),),
    oedema=(Oedema(BodyRegion.ANKLE_FOOT, L, pitting=True, grade=2),),
    skin=(
        Skin(
            BodyRegion.LOWER_LEG,
            R,
            SkinColour.PALLOR,
            SkinTemperature.COOL,
            trophic_changes=True,
            note="hairless shin",
        ),
    ),
    claudication=(Claudication(R, 200, 400),),
    varicose_veins=(VaricoseVeins(L, symptoms="aching by evening"),),
)


def test_the_form_shows_both_pulse_legends_and_the_oedema_grades(client, assessment_id):
    page = client.get(url(assessment_id)).get_data(as_text=True)
    assert "diminished, barely palpable, easily obliterated" in page  # 0-4 scale
    assert "weak, thready" in page  # 0-3 scale
    assert "Some references on this scale treat 3+ as normal" in page
    assert "about 8 mm or more" in page
    assert "over 60 s, may take minutes" in page


def test_circulation_is_saved_and_the_overview_shows_it_with_findings(app, client, assessment_id):
    response = post(client, assessment_id, FULL)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert record(app, assessment_id).circulation == EXPECTED

    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    for finding in (
        "ABI 0.70 (right): moderate arterial disease",
        "ABI 0.85 (left, reported): mild arterial disease",
        "Dorsalis pedis pulse diminished (right)",
        "Posterior tibial pulse absent (right)",
        "Capillary refill delayed (right): 3.5 s at the ankle and foot (above 2 s)",
        "Intermittent claudication (right): pain after 200 m, maximum 400 m",
        "Pitting oedema 2+ (left)",
        "Skin changes at the lower leg (right): pallor, cool, trophic changes, hairless shin",
        "Varicose veins (left): lower leg, aching by evening",
    ):
        assert finding in overview
    assert "vascular clinic letter" in overview  # the record itself, not only the findings


def test_reopening_the_section_shows_the_saved_values_and_the_abi(app, client, assessment_id):
    assert post(client, assessment_id, FULL).status_code == 302
    page = client.get(url(assessment_id)).get_data(as_text=True)
    values = form_values(page)
    for name, value in FULL.items():
        assert values[name] == value, name
    assert "Right: ABI 0.70, moderate arterial disease (98 / 140 mmHg)" in page
    assert "Left: ABI 0.85, mild arterial disease (reported)" in page


def test_saving_again_keeps_the_record_unchanged(app, client, assessment_id):
    assert post(client, assessment_id, FULL).status_code == 302
    assert post(client, assessment_id, {}).status_code == 302
    assert record(app, assessment_id).circulation == EXPECTED


def test_a_normal_abi_is_shown_in_the_section_but_gives_no_finding(app, client, assessment_id):
    changes = {"brachial_left_mmhg": "120", "left_dorsalis_pedis_mmhg": "132"}
    assert post(client, assessment_id, changes).status_code == 302
    page = client.get(url(assessment_id)).get_data(as_text=True)
    assert "Left: ABI 1.10, normal" in page
    assert "ABI 1.10" not in client.get(f"/assessments/{assessment_id}").get_data(as_text=True)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"left_reported_abi": "2.5"}, "left_reported_abi", "An ABI must be a number from 0.00"),
        ({"right_reported_abi": "-0.1"}, "right_reported_abi", "An ABI must be a number from"),
        ({"right_reported_abi": "high"}, "right_reported_abi", "Not a valid decimal value."),
        ({"right_reported_abi": "NaN"}, "right_reported_abi", "Enter a number."),
        ({"left_reported_abi": "Infinity"}, "left_reported_abi", "Enter a number."),
        ({"capillary_refill-0-seconds": "-inf"}, "capillary_refill-0-seconds", "Enter a number."),
        (
            {"left_dorsalis_pedis_mmhg": "-20"},
            "left_dorsalis_pedis_mmhg",
            "Ankle pressures must be a whole number from 0 to 300.",
        ),
        (
            {"brachial_left_mmhg": "0"},
            "brachial_left_mmhg",
            "Brachial pressures must be a whole number from 1 to 300.",
        ),
        ({"brachial_right_mmhg": "abc"}, "brachial_right_mmhg", "Not a valid integer value."),
        (
            {"capillary_refill-0-seconds": "-1"},
            "capillary_refill-0-seconds",
            "Refill time must be between 0 and 60 s.",
        ),
        (
            {"capillary_refill-0-seconds": "two"},
            "capillary_refill-0-seconds",
            "Not a valid decimal value.",
        ),
        (
            {"capillary_refill-0-seconds": ""},
            "capillary_refill-0-seconds",
            "Enter the refill time in seconds.",
        ),
        ({"pulses-0-left_grade": "7"}, "pulses-0-left_grade", "Not a valid choice."),
        ({"pulses-1-site": "carotid"}, "pulses-1-site", "Not a valid choice."),
        ({"pulses-1-right_grade": "4"}, "pulses-1-right_grade", "The 0-3 scale goes from 0 to 3+."),
        ({"pulses-1-site": ""}, "pulses-1-site", "Choose the pulse for this row."),
        ({"abi_measured_by": "guess"}, "abi_measured_by", "Not a valid choice."),
        ({"oedema-0-pitting": "no"}, "oedema-0-grade", "Only pitting oedema has a grade."),
        ({"oedema-0-pitting": ""}, "oedema-0-pitting", "Say whether the oedema pits."),
        ({"skin-0-colour": "green"}, "skin-0-colour", "Not a valid choice."),
        ({"skin-0-side": ""}, "skin-0-side", "Choose the side for this row."),
        (
            {"claudication-0-onset_distance_m": "500"},
            "claudication-0-onset_distance_m",
            "Pain cannot start after the maximum walking distance.",
        ),
        (
            {"claudication-0-maximum_distance_m": "-5"},
            "claudication-0-maximum_distance_m",
            "Distances must be a whole number from 0 to 10000.",
        ),
        ({"varicose_veins-0-region": "chest"}, "varicose_veins-0-region", "Not a valid choice."),
    ],
)
def test_bad_circulation_input_is_explained_beside_the_field_and_nothing_is_saved(
    app, client, assessment_id, changes, field, message
):
    response = post(client, assessment_id, FULL | changes)
    page = assert_refused_with_input_kept(response, FULL | changes, field, message)
    assert record(app, assessment_id).circulation == Circulation()
    assert 'id="abi-results"' not in page  # only saved values are interpreted


def test_a_pulse_graded_twice_is_refused(app, client, assessment_id):
    changes = {
        "pulses-1-site": "dorsalis_pedis",
        "pulses-1-scale": "0-4",
        "pulses-1-right_grade": "2",
    }
    response = post(client, assessment_id, FULL | changes)
    assert response.status_code == 400
    assert "This pulse and side is already graded in another row." in response.get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"claudication-0-onset_distance_m": "0"},
            "claudication-0-side",
            "Choose the side for this row.",
        ),
        (
            {"capillary_refill-0-seconds": "0"},
            "capillary_refill-0-region",
            "Choose where the refill time was measured.",
        ),
    ],
)
def test_a_zero_typed_alone_is_not_dropped_as_blank(
    app, client, assessment_id, changes, field, message
):
    response = post(client, assessment_id, changes)
    assert_refused_with_input_kept(response, changes, field, message)
    assert record(app, assessment_id).circulation == Circulation()


# Girths, oedema pit depth and rebound, and the Wells score (5.4, 5.6) ---------------------------

WELLS_LIKELY = {
    "girths-0-landmark": "10 cm below tibial tuberosity",
    "girths-0-left_cm": "39.5",
    "girths-0-right_cm": "35",
    "girths-1-landmark": "Mid-thigh",
    "girths-1-left_cm": "52",
    "oedema-0-region": "lower_leg",
    "oedema-0-side": "left",
    "oedema-0-pitting": "yes",
    "oedema-0-grade": "2",
    "oedema-0-pit_depth_mm": "3.5",
    "oedema-0-rebound_seconds": "12",
    "oedema-0-extent": "calf",
    "wells-side": "left",
    "wells-version": "two_level",
    "wells-calf_swelling": "y",
    "wells-pitting_oedema": "y",
    "wells-total": "2",
}


def test_girths_oedema_measures_and_the_wells_score_are_saved(app, client, assessment_id):
    response = post(client, assessment_id, WELLS_LIKELY)
    assert response.status_code == 302, response.get_data(as_text=True)
    circulation = record(app, assessment_id).circulation
    assert circulation.girths == (
        LimbGirth("10 cm below tibial tuberosity", L, Decimal("39.5")),
        LimbGirth("10 cm below tibial tuberosity", R, Decimal("35")),
        LimbGirth("Mid-thigh", L, Decimal("52")),
    )
    assert circulation.oedema == (
        Oedema(BodyRegion.LOWER_LEG, L, True, 2, Decimal("3.5"), Decimal("12"), OedemaExtent.CALF),
    )
    assert circulation.wells == WellsScore(
        L, WellsVersion.TWO_LEVEL, ("calf_swelling", "pitting_oedema"), 2
    )
    assert record(app, assessment_id).subjective.red_flags == ()  # the red flag is not set

    page = client.get(url(assessment_id)).get_data(as_text=True)
    notes = page[page.index('id="dvt-notes"') :]
    assert "Wells score 2 (at or above 2): DVT likely." in notes
    assert "answer the DVT red flag in the subjective section and act on it" in notes
    assert "Calf girth 4.5 cm larger on the left" in notes
    assert form_values(page)["wells-calf_swelling"] == "y"

    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Wells DVT score 2 (left): DVT likely" in overview
    assert "measured pit 3.5 mm, rebound 12 s; extent: calf" in overview


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"wells-side": "left", "wells-calf_swelling": "y", "wells-total": "3"},
            "wells-total",
            "The ticked items add up to 1, not 3: correct the items or the total.",
        ),
        (
            {"wells-side": "left", "wells-version": "three_level", "wells-previous_dvt": "y"},
            "wells-previous_dvt",
            "Previously documented DVT is an item of the modified two-level version only",
        ),
        ({"wells-entire_leg_swollen": "y"}, "wells-side", "Choose the leg the Wells score is for."),
        (
            {"girths-0-landmark": "10 cm below tibial tuberosity", "girths-0-left_cm": "0"},
            "girths-0-left_cm",
            "A girth must be above 0 cm, not 0.",
        ),
        (
            {"girths-0-landmark": "", "girths-0-right_cm": "34"},
            "girths-0-landmark",
            "Name the landmark",
        ),
        (
            {
                "oedema-0-region": "ankle_foot",
                "oedema-0-side": "left",
                "oedema-0-pitting": "yes",
                "oedema-0-grade": "1",
                "oedema-0-pit_depth_mm": "6",
            },
            "oedema-0-pit_depth_mm",
            "A pit depth of 6 mm fits grade 3+, not 1+ (1+: about 2 mm); correct the grade or "
            "the pit depth.",
        ),
        (
            {
                "oedema-0-region": "ankle_foot",
                "oedema-0-side": "left",
                "oedema-0-pitting": "yes",
                "oedema-0-grade": "3",
                "oedema-0-rebound_seconds": "90",
            },
            "oedema-0-rebound_seconds",
            "A rebound of 90 s fits grade 4+, not 3+",
        ),
        (
            {
                "oedema-0-region": "ankle_foot",
                "oedema-0-side": "left",
                "oedema-0-pitting": "no",
                "oedema-0-pit_depth_mm": "2",
            },
            "oedema-0-grade",
            "Only pitting oedema has a pit depth and a rebound time.",
        ),
    ],
)
def test_a_wells_girth_or_oedema_measure_that_does_not_fit_is_refused_with_input_kept(
    app, client, assessment_id, changes, field, message
):
    response = post(client, assessment_id, changes)
    assert_refused_with_input_kept(response, changes, field, message)
    assert record(app, assessment_id).circulation == Circulation()


def test_an_unlikely_wells_score_with_the_dvt_red_flag_says_it_does_not_clear_it(
    client, assessment
):
    assessment_id = assessment(
        record=AssessmentData(
            subjective=Subjective(red_flags=(RedFlagScreen("dvt", RedFlagAnswer.YES, side=L),)),
            circulation=Circulation(wells=WellsScore(L, WellsVersion.TWO_LEVEL, (), 0)),
        )
    )
    page = client.get(url(assessment_id)).get_data(as_text=True)
    notes = page[page.index('id="dvt-notes"') :]
    assert "Wells score 0 (below 2): DVT unlikely." in notes
    assert "does not clear the DVT suspicion recorded in the red flag" in notes
