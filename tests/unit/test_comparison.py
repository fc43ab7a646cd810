"""Two assessments compared measure by measure, and goals read at the later one."""

from dataclasses import dataclass
from decimal import Decimal as D

import pytest

from practice.clinical.assessment_data import (
    AnklePressures,
    AssessmentData,
    Circulation,
    Claudication,
    FrequencyPeriod,
    OxfordModifier,
    Posture,
    ReportedAbi,
    SpasmPattern,
    SpasmType,
    SpecialTest,
    Strength,
    Subjective,
)
from practice.clinical.comparison import compare_records, goals_at
from practice.clinical.reference import DEFAULT_REFERENCE
from practice.clinical.vocabulary import BodyRegion, PostureDeviation, Severity, Side

L, R, NA = Side.LEFT, Side.RIGHT, Side.NOT_APPLICABLE
MINUS, NONE, PLUS = OxfordModifier.MINUS, OxfordModifier.NONE, OxfordModifier.PLUS


def changes(before: AssessmentData, after: AssessmentData) -> dict:
    return {
        (change.group, change.measure): change
        for change in compare_records(before, after, DEFAULT_REFERENCE)
    }


def only(before: AssessmentData, after: AssessmentData):
    (change,) = compare_records(before, after, DEFAULT_REFERENCE)
    return change


def shown(change) -> tuple:
    """The two values as the comparison table writes them, the difference and the verdict."""
    return (
        None if change.before is None else f"{change.before}{change.unit}",
        None if change.after is None else f"{change.after}{change.unit}",
        change.difference,
        change.direction,
    )


def graded(grade: int, modifier: OxfordModifier) -> AssessmentData:
    return AssessmentData(strength=(Strength("quadriceps", R, grade, modifier),))


@pytest.mark.parametrize(
    ("before", "after", "texts", "direction"),
    [
        ((4, MINUS), (4, PLUS), ("4−/5", "4+/5"), "better"),
        ((4, PLUS), (4, NONE), ("4+/5", "4/5"), "worse"),
        ((4, NONE), (4, MINUS), ("4/5", "4−/5"), "worse"),
        ((3, PLUS), (4, MINUS), ("3+/5", "4−/5"), "better"),  # 3.1: a minus is still above every 3
        ((5, MINUS), (5, NONE), ("5−/5", "5/5"), "better"),
        ((4, MINUS), (4, MINUS), ("4−/5", "4−/5"), "same"),
        ((2, NONE), (3, NONE), ("2/5", "3/5"), "better"),
        ((0, PLUS), (1, MINUS), ("0+/5", "1−/5"), "better"),
    ],
)
def test_an_oxford_grade_keeps_its_modifier_and_is_ordered_by_it(before, after, texts, direction):
    change = only(graded(*before), graded(*after))
    assert change.measure == "Quadriceps (right)"
    assert shown(change) == (*texts, None, direction)  # grades are ranks, not quantities


def test_a_grade_not_measured_again_keeps_its_modifier():
    change = only(graded(4, PLUS), AssessmentData())
    assert shown(change) == ("4+/5", None, None, "not re-measured")


def test_claudication_distances_are_compared_per_leg():
    before = AssessmentData(
        circulation=Circulation(
            claudication=(Claudication(L, 100, 250), Claudication(R, maximum_distance_m=400))
        )
    )
    after = AssessmentData(
        circulation=Circulation(claudication=(Claudication(L, 180, 200), Claudication(R, 0)))
    )
    found = {
        measure: shown(change)
        for (group, measure), change in changes(before, after).items()
        if group == "Walking (claudication)"
    }
    assert found == {
        "Walking distance before pain (left)": ("100 m", "180 m", 80, "better"),
        "Maximum walking distance (left)": ("250 m", "200 m", -50, "worse"),
        "Maximum walking distance (right)": ("400 m", None, None, "not re-measured"),
        "Walking distance before pain (right)": (None, "0 m", None, "new"),  # 0 is a distance
    }


def cramps(frequency: int | None, period=FrequencyPeriod.PER_WEEK, **kwargs) -> AssessmentData:
    pattern = SpasmPattern(
        BodyRegion.LOWER_LEG,
        L,
        muscle_group="calf",
        frequency=frequency,
        frequency_period=period,
        **kwargs,
    )
    return AssessmentData(spasms=(pattern,))


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (5, 2, ("5 a week", "2 a week", -3, "better")),
        (2, 4, ("2 a week", "4 a week", 2, "worse")),
        (3, 0, ("3 a week", "0 a week", -3, "better")),  # none left is a count, not a blank
    ],
)
def test_cramp_frequency_is_compared_and_fewer_is_better(before, after, expected):
    change = only(cramps(before), cramps(after))
    assert (change.group, change.measure) == ("Cramps", "Calf cramps (left)")
    assert shown(change) == expected


def test_cramps_counted_per_night_and_per_week_are_never_subtracted():
    found = compare_records(cramps(3), cramps(1, FrequencyPeriod.PER_NIGHT), DEFAULT_REFERENCE)
    assert [shown(change) for change in found] == [
        ("3 a week", None, None, "not re-measured"),
        (None, "1 a night", None, "new"),
    ]


def test_spasms_and_uncounted_cramps_give_no_frequency_row():
    spasm = cramps(4, type=SpasmType.SPASM)
    assert compare_records(spasm, spasm, DEFAULT_REFERENCE) == []
    assert compare_records(cramps(None), cramps(None), DEFAULT_REFERENCE) == []


def posture(severity: Severity | None, side: Side = NA) -> AssessmentData:
    return AssessmentData(posture=(Posture(PostureDeviation.THORACIC_KYPHOSIS, severity, side),))


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (Severity.MODERATE, Severity.MILD, ("Moderate", "Mild", None, "better")),
        (Severity.MILD, Severity.ABSENT, ("Mild", "Absent", None, "better")),
        (Severity.MILD, Severity.SEVERE, ("Mild", "Severe", None, "worse")),
        (Severity.MILD, Severity.MILD, ("Mild", "Mild", None, "same")),
        (None, Severity.MILD, ("Present, not graded", "Mild", None, "changed")),
    ],
)
def test_posture_severity_is_compared_and_less_is_better(before, after, expected):
    change = only(posture(before), posture(after))
    assert (change.group, change.measure) == ("Posture", "Thoracic kyphosis")
    assert shown(change) == expected


def test_posture_is_compared_side_by_side():
    found = changes(posture(Severity.MILD, L), posture(Severity.MILD, R))
    assert [measure for _, measure in found] == [
        "Thoracic kyphosis (left)",
        "Thoracic kyphosis (right)",
    ]
    assert [shown(change) for change in found.values()] == [
        ("Mild", None, None, "not re-measured"),
        (None, "Mild", None, "new"),
    ]


def with_tests(*items: SpecialTest) -> AssessmentData:
    return AssessmentData(special_tests=items)


def test_special_tests_compare_their_result_and_their_measured_value():
    before = with_tests(
        SpecialTest("straight_leg_raise", R, True, D(45), radicular_pain_reproduced=True),
        SpecialTest("thomas", L, True, D(15), component="iliopsoas"),
        SpecialTest("muscle_length", R, True, muscle_group="hip_flexors"),
        SpecialTest("active_knee_extension", L, measured_value=D(30)),
        SpecialTest("sit_and_reach", NA, measured_value=D("-4.5")),
    )
    after = with_tests(
        SpecialTest("straight_leg_raise", R, False, D(70)),
        SpecialTest("thomas", L, True, D(5), component="iliopsoas"),
        SpecialTest("muscle_length", R, False, muscle_group="hip_flexors"),
        SpecialTest("active_knee_extension", L, measured_value=D(0)),
        SpecialTest("sit_and_reach", NA, measured_value=D(2)),
    )
    found = {measure: shown(change) for (_, measure), change in changes(before, after).items()}
    assert found == {
        "Straight leg raise (right)": ("Positive", "Negative", None, "better"),
        "Straight leg raise (right), measured": ("45°", "70°", 25, "better"),
        "Thomas test, iliopsoas (left)": ("Positive", "Positive", None, "same"),
        # 4.3 gives the Thomas test as a hip or knee angle: a change is shown, not judged.
        "Thomas test, iliopsoas (left), measured": ("15°", "5°", -10, "changed"),
        "Muscle length test, hip flexors (right)": ("Positive", "Negative", None, "better"),
        "Active knee extension (left), measured": ("30°", "0°", -30, "changed"),
        "Sit-and-reach, measured": ("-4.5 cm", "2 cm", D("6.5"), "better"),
    }
    assert {change.group for change in changes(before, after).values()} == {"Flexibility tests"}


def test_a_reported_abi_is_compared_and_says_it_was_reported():
    measured = Circulation(brachial_left_mmhg=120, ankle_pressures=(AnklePressures(L, 96),))
    before = AssessmentData(circulation=measured)
    after = AssessmentData(circulation=Circulation(reported_abi=(ReportedAbi(L, D("0.95")),)))
    change = only(before, after)
    assert (change.group, change.measure) == ("Circulation", "ABI (left)")
    assert shown(change) == ("0.80", "0.95", D("0.15"), "better")
    assert change.note == "later value reported, not measured here"

    both = only(
        after, AssessmentData(circulation=Circulation(reported_abi=(ReportedAbi(L, D("0.9")),)))
    )
    assert shown(both) == ("0.95", "0.90", D("-0.05"), "worse")
    assert both.note == "earlier and later value reported, not measured here"
    assert only(before, before).note == ""


def test_pain_and_range_of_motion_are_still_compared():
    before = AssessmentData(subjective=Subjective(nprs_now=6))
    after = AssessmentData(subjective=Subjective(nprs_now=2))
    assert shown(only(before, after)) == ("6/10", "2/10", -4, "better")


@dataclass(frozen=True)
class Goal:
    measure: str
    comparator: str
    target: D
    baseline: D | None = None


def test_goals_are_read_at_the_later_record():
    later = AssessmentData(
        subjective=Subjective(nprs_now=2, nprs_worst=6),
        circulation=Circulation(claudication=(Claudication(L, 150),)),
    )
    goals = [
        Goal("nprs_now", "<=", D(2), D(5)),  # met on the target itself
        Goal("nprs_worst", "<=", D(4), D(8)),
        Goal("walk_onset:left", ">=", D(200)),
        Goal("grade:quadriceps:right", ">=", D(4)),  # not measured at the later assessment
    ]
    assert [
        (progress.goal, progress.value, progress.met)
        for progress in goals_at(goals, later, DEFAULT_REFERENCE)
    ] == [
        (goals[0], D(2), True),
        (goals[1], D(6), False),
        (goals[2], D(150), False),
        (goals[3], None, None),
    ]


def test_each_group_comes_once_so_the_table_shows_it_once():
    strength = (
        Strength("gluteus_medius", L, 3, force_newtons=D(112)),
        Strength("gluteus_medius", R, 5, force_newtons=D(199)),
    )
    record = AssessmentData(strength=strength, posture=posture(Severity.MILD).posture)
    groups = [change.group for change in compare_records(record, record, DEFAULT_REFERENCE)]
    assert groups == [
        "Strength (Oxford grade)",
        "Strength (Oxford grade)",
        "Strength (force)",
        "Strength (force)",
        "Posture",
    ]


def test_a_bilateral_entry_is_compared_with_each_side_as_the_form_saves_it():
    before = AssessmentData(
        strength=(Strength("deep_abdominals", Side.BILATERAL, 3),),
        special_tests=(
            SpecialTest("muscle_length", Side.BILATERAL, True, muscle_group="hip_flexors"),
        ),
    )
    after = AssessmentData(
        strength=(Strength("deep_abdominals", L, 3, PLUS), Strength("deep_abdominals", R, 3)),
        special_tests=(
            SpecialTest("muscle_length", L, False, muscle_group="hip_flexors"),
            SpecialTest("muscle_length", R, True, muscle_group="hip_flexors"),
        ),
    )
    found = {measure: shown(change)[::3] for (_, measure), change in changes(before, after).items()}
    assert found == {
        "Deep abdominal muscles (left)": ("3/5", "better"),
        "Deep abdominal muscles (right)": ("3/5", "same"),
        "Muscle length test, hip flexors (left)": ("Positive", "better"),
        "Muscle length test, hip flexors (right)": ("Positive", "same"),
    }
