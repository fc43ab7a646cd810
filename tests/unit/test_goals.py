from datetime import date
from decimal import Decimal

import pytest

from practice.clinical.assessment_data import (
    AnklePressures,
    AssessmentData,
    Circulation,
    Claudication,
    FrequencyPeriod,
    OxfordModifier,
    RangeOfMotion,
    ReportedAbi,
    SpasmPattern,
    SpasmTiming,
    SpasmType,
    Strength,
    Subjective,
)
from practice.clinical.goals import (
    Better,
    GoalMeasure,
    format_value,
    goal_measures,
    goal_met,
    goal_problems,
    goal_text,
)
from practice.clinical.handout_text import goal_sentence
from practice.clinical.reference import DEFAULT_REFERENCE
from practice.clinical.vocabulary import BodyRegion, Side

D = Decimal
L, R, B, NA = Side.LEFT, Side.RIGHT, Side.BILATERAL, Side.NOT_APPLICABLE
JAN_15 = date(2027, 1, 15)


def measures_by_code(record: AssessmentData, reference=DEFAULT_REFERENCE) -> dict[str, GoalMeasure]:
    return {measure.code: measure for measure in goal_measures(record, reference)}


FULL_RECORD = AssessmentData(
    subjective=Subjective(nprs_now=6, nprs_worst=8),
    strength=(
        Strength("quadriceps", R, 4, OxfordModifier.MINUS, force_newtons=D("250.5")),
        Strength("gluteus_medius", R, 3),
    ),
    range_of_motion=(
        RangeOfMotion("knee_flexion", L, 100),
        RangeOfMotion("thoracolumbar_flexion", NA, 60),
    ),
    circulation=Circulation(
        brachial_left_mmhg=140,
        brachial_right_mmhg=130,
        ankle_pressures=(AnklePressures(L, 110, 100),),
        reported_abi=(ReportedAbi(R, D("0.95")),),
        claudication=(Claudication(L, 200, 400),),
    ),
    spasms=(SpasmPattern(BodyRegion.LOWER_LEG, L, muscle_group="calf", frequency=3),),
)


# What a goal can target ---------------------------------------------------------------------


def test_measures_are_listed_with_stable_codes_in_record_order():
    assert [measure.code for measure in goal_measures(FULL_RECORD)] == [
        "nprs_now",
        "nprs_worst",
        "rom:knee_flexion:left",
        "rom:thoracolumbar_flexion",
        "force:quadriceps:right",
        "grade:quadriceps:right",
        "grade:gluteus_medius:right",
        "abi:left",
        "abi:right",
        "walk_onset:left",
        "walk_max:left",
        "cramps:lower_leg:left",
    ]


def test_pain_is_always_a_measure_and_lower_is_better():
    measures = measures_by_code(AssessmentData())
    assert list(measures) == ["nprs_now", "nprs_worst"]
    now = measures["nprs_now"]
    assert (now.label, now.current, now.better) == ("Pain now (NPRS)", None, Better.LOWER)
    assert (now.minimum, now.maximum, now.whole, now.section) == (D(0), D(10), True, "9")
    assert measures_by_code(FULL_RECORD)["nprs_worst"].current == D(8)


def test_range_of_motion_shows_the_reference_normal_in_its_label():
    measure = measures_by_code(FULL_RECORD)["rom:knee_flexion:left"]
    assert measure.label == "Knee flexion (left), reference 135° [U]"
    assert measure.goal_name == "Knee flexion (left)"
    assert (measure.unit, measure.current, measure.better) == ("degrees", D(100), Better.HIGHER)
    midline = measures_by_code(FULL_RECORD)["rom:thoracolumbar_flexion"]
    assert midline.label == "Thoracolumbar flexion, reference 90° [D]"


def test_the_reference_normal_follows_the_clinics_reference():
    reference = DEFAULT_REFERENCE.with_overrides({"rom_normal.knee_flexion": 140})
    measure = measures_by_code(FULL_RECORD, reference)["rom:knee_flexion:left"]
    assert measure.label == "Knee flexion (left), reference 140° [U]"


def test_a_bilateral_range_has_a_bilateral_code():
    record = AssessmentData(range_of_motion=(RangeOfMotion("ankle_dorsiflexion", B, 10),))
    measure = measures_by_code(record)["rom:ankle_dorsiflexion:bilateral"]
    assert measure.goal_name == "Ankle dorsiflexion (both sides)"


def test_force_is_a_measure_only_when_measured_and_the_grade_always():
    measures = measures_by_code(FULL_RECORD)
    force = measures["force:quadriceps:right"]
    assert (force.label, force.unit, force.current) == ("Quadriceps force (right)", "N", D("250.5"))
    assert "force:gluteus_medius:right" not in measures
    grade = measures["grade:gluteus_medius:right"]
    assert (grade.label, grade.now_text) == ("Gluteus medius Oxford grade (right)", "3/5")
    assert (grade.current, grade.minimum, grade.maximum, grade.whole) == (D(3), D(0), D(5), True)
    # the modifier is finer than a grade: the grade is what a goal targets, the picker says it
    quadriceps = measures["grade:quadriceps:right"]
    assert (quadriceps.current, quadriceps.now_text) == (D(4), "4−/5")


def test_abi_per_leg_computed_or_reported():
    measures = measures_by_code(FULL_RECORD)
    left, right = measures["abi:left"], measures["abi:right"]
    assert left.current == D("0.79")  # 110 / 140, rounded half up
    assert left.label == "ABI (left, normal 1.00-1.40)"
    assert right.label == "ABI (right, reported, normal 1.00-1.40)"
    assert (right.current, right.maximum) == (D("0.95"), D("1.40"))


def test_a_non_compressible_abi_is_not_a_goal_measure():
    record = AssessmentData(circulation=Circulation(reported_abi=(ReportedAbi(L, D("1.41")),)))
    assert "abi:left" not in measures_by_code(record)
    record = AssessmentData(circulation=Circulation(reported_abi=(ReportedAbi(L, D("1.40")),)))
    assert "abi:left" in measures_by_code(record)


def test_no_abi_without_pressures_for_that_leg():
    record = AssessmentData(
        circulation=Circulation(ankle_pressures=(AnklePressures(L, 110),))  # no brachial
    )
    assert not [code for code in measures_by_code(record) if code.startswith("abi")]


def test_claudication_gives_both_distances_even_when_one_was_not_measured():
    record = AssessmentData(
        circulation=Circulation(
            claudication=(Claudication(R, maximum_distance_m=300), Claudication(R, 50, 60))
        )
    )
    measures = measures_by_code(record)
    assert measures["walk_onset:right"].current is None
    assert measures["walk_max:right"].current == D(300)  # the first entry for the leg
    assert measures["walk_max:right"].label == "Maximum walking distance (right)"
    assert measures["walk_onset:right"].better is Better.HIGHER


def test_cramp_frequency_per_region_and_side():
    measure = measures_by_code(FULL_RECORD)["cramps:lower_leg:left"]
    assert measure.label == "Calf cramps (left), per week"
    assert (measure.unit, measure.current, measure.better) == ("per week", D(3), Better.LOWER)


def test_nocturnal_cramps_counted_per_night_and_spasms_left_out():
    record = AssessmentData(
        spasms=(
            SpasmPattern(BodyRegion.NECK, L, type=SpasmType.SPASM, frequency=5),
            SpasmPattern(
                BodyRegion.LOWER_LEG,
                R,
                muscle_group="calf",
                frequency_period=FrequencyPeriod.PER_NIGHT,
                timing=(SpasmTiming.NOCTURNAL,),
            ),
            SpasmPattern(BodyRegion.LOWER_LEG, R, frequency=9),
        )
    )
    measures = measures_by_code(record)
    assert [code for code in measures if code.startswith("cramps")] == ["cramps:lower_leg:right"]
    measure = measures["cramps:lower_leg:right"]
    assert measure.label == "Nocturnal calf cramps (right), per night"
    assert measure.current is None  # not counted; the first pattern there wins


# Checking a goal ----------------------------------------------------------------------------


def test_a_sound_goal_has_no_problems():
    measures = measures_by_code(FULL_RECORD)
    assert goal_problems(measures["nprs_now"], "<=", D(2)) == []
    assert goal_problems(measures["rom:knee_flexion:left"], ">=", D(120)) == []


def test_the_comparator_must_point_the_way_of_improvement():
    measures = measures_by_code(FULL_RECORD)
    assert goal_problems(measures["nprs_now"], ">=", D(2)) == [
        "Pain now (NPRS) improves as it goes down: the goal must be ≤ a target."
    ]
    assert goal_problems(measures["rom:knee_flexion:left"], "<=", D(120)) == [
        "Knee flexion (left) improves as it goes up: the goal must be ≥ a target."
    ]
    assert goal_problems(measures["cramps:lower_leg:left"], ">=", D(1)) != []
    assert goal_problems(measures["force:quadriceps:right"], ">=", D(300)) == []


def test_an_unknown_comparator_is_a_problem():
    measure = measures_by_code(FULL_RECORD)["nprs_now"]
    assert goal_problems(measure, "==", D(2)) == ["Choose ≤ (at most) or ≥ (at least)."]


@pytest.mark.parametrize(
    ("code", "comparator", "inside", "outside", "message"),
    [
        ("nprs_now", "<=", [D(0), D(10)], [D(-1), D(11)], "between 0 and 10"),
        ("grade:gluteus_medius:right", ">=", [D(0), D(5)], [D(-1), D(6)], "between 0/5 and 5/5"),
        (
            "rom:knee_flexion:left",
            ">=",
            [D(-90), D(200)],
            [D(-91), D(201)],
            "between −90° and 200°",
        ),
        ("abi:left", ">=", [D(0), D("1.40")], [D("-0.01"), D("1.41")], "between 0.00 and 1.40"),
        ("force:quadriceps:right", ">=", [D(0), D(2000)], [D(-1), D(2001)], "0 N and 2000 N"),
        ("walk_max:left", ">=", [D(0), D(10000)], [D(-1), D(10001)], "0 m and 10000 m"),
        ("cramps:lower_leg:left", "<=", [D(0), D(100)], [D(-1), D(101)], "per week"),
    ],
)
def test_the_target_must_lie_in_the_measures_range(code, comparator, inside, outside, message):
    measure = measures_by_code(FULL_RECORD)[code]
    for target in inside:
        assert goal_problems(measure, comparator, target) == []
    for target in outside:
        (problem,) = goal_problems(measure, comparator, target)
        assert problem.startswith("The target must be between")
        assert message in problem


def test_scores_and_counts_need_whole_number_targets():
    measures = measures_by_code(FULL_RECORD)
    assert goal_problems(measures["nprs_now"], "<=", D("2.5")) == [
        "The target must be a whole number."
    ]
    assert goal_problems(measures["rom:knee_flexion:left"], ">=", D("120.5")) == []


def test_a_target_that_is_not_a_number_is_a_problem():
    measure = measures_by_code(FULL_RECORD)["nprs_now"]
    assert goal_problems(measure, "<=", D("NaN")) == ["The target must be a number."]


def test_every_problem_is_reported_together():
    measure = measures_by_code(FULL_RECORD)["nprs_now"]
    assert len(goal_problems(measure, ">=", D("11.5"))) == 3


# Whether a goal is met ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("comparator", "target", "value", "met"),
    [
        ("<=", D(2), D(2), True),  # the target itself meets the goal
        ("<=", D(2), D(3), False),
        ("<=", D(2), D(1), True),
        (">=", D(120), D(120), True),
        (">=", D(120), D(119), False),
        (">=", D("0.91"), D("0.90"), False),
        (">=", D(120), None, None),
    ],
)
def test_goal_met(comparator, target, value, met):
    assert goal_met("rom:knee_flexion:left", comparator, target, value) is met


def test_goal_met_with_the_value_from_a_later_assessment():
    later = AssessmentData(subjective=Subjective(nprs_now=2))
    value = measures_by_code(later)["nprs_now"].current
    assert goal_met("nprs_now", "<=", D(2), value) is True
    not_scored = measures_by_code(AssessmentData())["nprs_now"].current
    assert goal_met("nprs_now", "<=", D(2), not_scored) is None


def test_goal_met_refuses_unknown_codes_and_comparators():
    with pytest.raises(ValueError, match="Unknown goal measure"):
        goal_met("height", "<=", D(2), D(1))
    with pytest.raises(ValueError, match="Unknown comparator"):
        goal_met("nprs_now", "<", D(2), D(1))
    with pytest.raises(ValueError, match="Unknown comparator"):
        goal_text(measures_by_code(FULL_RECORD)["nprs_now"], "=", D(2), JAN_15)


# How a goal reads ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "comparator", "target", "expected"),
    [
        ("nprs_now", "<=", D(2), "Pain now (NPRS) ≤ 2 by 15 Jan 2027"),
        ("rom:knee_flexion:left", ">=", D(120), "Knee flexion (left) ≥ 120° by 15 Jan 2027"),
        (
            "force:quadriceps:right",
            ">=",
            D("300.0"),
            "Quadriceps force (right) ≥ 300 N by 15 Jan 2027",
        ),
        (
            "grade:gluteus_medius:right",
            ">=",
            D(4),
            "Gluteus medius Oxford grade (right) ≥ 4/5 by 15 Jan 2027",
        ),
        ("abi:left", ">=", D("0.9"), "ABI (left) ≥ 0.90 by 15 Jan 2027"),
        ("walk_max:left", ">=", D(800), "Maximum walking distance (left) ≥ 800 m by 15 Jan 2027"),
        ("cramps:lower_leg:left", "<=", D(1), "Calf cramps (left) ≤ 1 per week by 15 Jan 2027"),
    ],
)
def test_goal_text(code, comparator, target, expected):
    measure = measures_by_code(FULL_RECORD)[code]
    assert goal_text(measure, comparator, target, JAN_15) == expected


def test_goal_text_dates_have_no_leading_zero():
    measure = measures_by_code(FULL_RECORD)["nprs_now"]
    assert goal_text(measure, "<=", D(0), date(2026, 3, 5)).endswith("by 5 Mar 2026")


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (D(-5), "degrees", "−5°"),
        (D("2.50"), "N", "2.5 N"),
        (D("120.0"), "degrees", "120°"),
        (D(10), "points", "10"),
        (D("0.9"), "ratio", "0.90"),
    ],
)
def test_format_value(value, unit, expected):
    assert format_value(value, unit) == expected


# Goals as the patient reads them on the handout ------------------------------------------

BY = date(2027, 1, 6)
CRAMPS_AT_NIGHT = AssessmentData(
    spasms=(
        SpasmPattern(
            BodyRegion.LOWER_LEG,
            R,
            frequency=4,
            frequency_period=FrequencyPeriod.PER_NIGHT,
        ),
    )
)
MEASURES = goal_measures(FULL_RECORD) + goal_measures(CRAMPS_AT_NIGHT)


def _sentence(measure) -> str:
    target = measure.minimum if measure.better.value == "lower" else measure.maximum
    comparator = "<=" if measure.better.value == "lower" else ">="
    return goal_sentence(measure.code, measure.label, comparator, target, BY, measure.unit)


@pytest.mark.parametrize("measure", MEASURES, ids=lambda measure: measure.code)
def test_every_goal_reads_as_a_whole_sentence_with_its_date(measure):
    sentence = _sentence(measure)
    assert sentence[0].isupper()
    assert sentence.endswith(" by 6 January 2027.")
    assert "  " not in sentence


@pytest.mark.parametrize(
    ("record", "period"),
    [(FULL_RECORD, "a week"), (CRAMPS_AT_NIGHT, "a night")],
    ids=["per week", "per night"],
)
def test_a_cramp_goal_says_over_what_period_it_counts(record, period):
    (measure,) = [m for m in goal_measures(record) if m.code.startswith("cramps")]
    sentence = goal_sentence(measure.code, measure.label, "<=", Decimal(1), BY, measure.unit)
    assert sentence == f"Fewer cramps: 1 or fewer {period} by 6 January 2027."


# Every kind of measure: the number, its unit and, for a count, its period ----------------------

SENTENCES = [
    ("nprs_now", "<=", D(2), "", "Pain: 2 out of 10 or less by 6 January 2027."),
    ("nprs_worst", "<=", D(4), "", "Pain at its worst: 4 out of 10 or less by 6 January 2027."),
    (
        "rom:knee_flexion:left",
        ">=",
        D(120),
        "degrees",
        "Move further: knee flexion (left side) to 120 degrees or more by 6 January 2027.",
    ),
    (
        "rom:thoracolumbar_flexion",
        ">=",
        D("75.0"),
        "degrees",
        "Move further: thoracolumbar flexion to 75 degrees or more by 6 January 2027.",
    ),
    (
        "force:quadriceps:right",
        ">=",
        D("300.5"),
        "N",
        "Build strength in your quadriceps (right side): 300.5 newtons or more on our strength "
        "test by 6 January 2027.",
    ),
    (
        "grade:gluteus_medius:right",
        ">=",
        D(4),
        "grade",
        "Build strength in your gluteus medius (right side): grade 4 out of 5 or more on our "
        "strength test by 6 January 2027.",
    ),
    (
        "abi:left",
        ">=",
        D("0.9"),
        "ratio",
        "Better blood flow in your left leg: a blood pressure score (ABI) of 0.90 or more by "
        "6 January 2027.",
    ),
    (
        "walk_onset:left",
        ">=",
        D(250),
        "m",
        "Walk 250 metres or more before pain starts in your left leg by 6 January 2027.",
    ),
    ("walk_max:left", ">=", D(500), "m", "Walk 500 metres or more in one go by 6 January 2027."),
    (
        "cramps:lower_leg:left",
        "<=",
        D(1),
        "per week",
        "Fewer cramps: 1 or fewer a week by 6 January 2027.",
    ),
    (
        "cramps:lower_leg:right",
        "<=",
        D(0),
        "per night",
        "Fewer cramps: 0 or fewer a night by 6 January 2027.",
    ),
]


def test_the_table_covers_every_kind_of_goal_measure():
    kinds = {code.split(":")[0] for code, *_ in SENTENCES}
    assert kinds == {measure.code.split(":")[0] for measure in MEASURES}


@pytest.mark.parametrize(
    ("code", "comparator", "target", "unit", "expected"),
    SENTENCES,
    ids=[row[0] for row in SENTENCES],
)
def test_each_kind_of_goal_reads_with_its_number_and_unit(code, comparator, target, unit, expected):
    assert goal_sentence(code, "label", comparator, target, BY, unit) == expected


UNIT_WORDS = {
    "points": "out of 10",
    "degrees": "degrees",
    "N": "newtons",
    "grade": "out of 5",
    "ratio": "(ABI)",
    "m": "metres",
    "per week": "a week",
    "per night": "a night",
}


@pytest.mark.parametrize("measure", MEASURES, ids=lambda measure: measure.code)
def test_every_goal_measure_prints_its_target_and_unit(measure):
    target = measure.maximum if measure.better is Better.HIGHER else measure.minimum
    sentence = _sentence(measure)
    number = format_value(target, "ratio") if measure.unit == "ratio" else f"{target.normalize():f}"
    assert f" {number} " in sentence
    assert UNIT_WORDS[measure.unit] in sentence
    more_or_less = ("or more",) if measure.better is Better.HIGHER else ("or less", "or fewer")
    assert any(words in sentence for words in more_or_less)


def test_a_goal_of_the_other_direction_says_so():
    sentence = goal_sentence("nprs_now", "Pain", ">=", D(3), BY)
    assert sentence == "Pain: 3 out of 10 or more by 6 January 2027."
