"""The catalogues and the assessment record the findings are derived from."""

import re
from decimal import Decimal

import pytest

from practice.clinical.assessment_data import (
    AnklePressures,
    AssessmentData,
    Circulation,
    DailyPattern,
    Lifestyle,
    Oedema,
    OxfordModifier,
    Posture,
    Pulse,
    RangeOfMotion,
    RedFlagAnswer,
    RedFlagScreen,
    SpasmPattern,
    SpecialTest,
    Strength,
    Subjective,
)
from practice.clinical.catalogues import (
    JOINT_MOVEMENTS,
    MUSCLE_GROUPS,
    POSTURE_DEVIATIONS,
    PULSE_SITES,
    RED_FLAGS,
    SPECIAL_TESTS,
    CrossedSyndrome,
    JandaTendency,
    Urgency,
)
from practice.clinical.reference import PulseScale
from practice.clinical.vocabulary import (
    BodyRegion,
    CrampTrigger,
    PostureDeviation,
    Severity,
    Side,
)

L, R, NA = Side.LEFT, Side.RIGHT, Side.NOT_APPLICABLE
STABLE_CODE = re.compile(r"^[a-z][a-z_]*[a-z]$")
CATALOGUES = {
    "muscle groups": MUSCLE_GROUPS,
    "joint movements": JOINT_MOVEMENTS,
    "special tests": SPECIAL_TESTS,
    "red flags": RED_FLAGS,
    "pulse sites": PULSE_SITES,
}


@pytest.mark.parametrize("catalogue", CATALOGUES.values(), ids=CATALOGUES.keys())
def test_catalogue_keys_are_their_stable_snake_case_codes(catalogue):
    for code, item in catalogue.items():
        assert item.code == code
        assert STABLE_CODE.match(code), code


def test_muscle_groups_point_at_known_movements_and_janda_lists():
    for group in MUSCLE_GROUPS.values():
        assert group.tested_movement is None or group.tested_movement in JOINT_MOVEMENTS
        assert group.section in ("2.4", "3.3")
        if group.syndrome:
            assert group.tendency is not None


@pytest.mark.parametrize(
    ("syndrome", "tendency", "muscles"),
    [
        (
            CrossedSyndrome.UPPER,
            JandaTendency.TIGHT,
            {
                "upper_trapezius",
                "levator_scapulae",
                "sternocleidomastoid",
                "suboccipitals",
                "pectoralis_major",
                "pectoralis_minor",
            },
        ),
        (
            CrossedSyndrome.UPPER,
            JandaTendency.WEAK,
            {
                "deep_neck_flexors",
                "middle_trapezius",
                "lower_trapezius",
                "rhomboids",
                "serratus_anterior",
            },
        ),
        (
            CrossedSyndrome.LOWER,
            JandaTendency.TIGHT,
            {"erector_spinae", "hip_flexors", "iliopsoas", "rectus_femoris"},
        ),
        (
            CrossedSyndrome.LOWER,
            JandaTendency.WEAK,
            {"deep_abdominals", "rectus_abdominis", "gluteus_maximus", "gluteus_medius"},
        ),
    ],
)
def test_crossed_syndrome_core_muscles_are_those_of_2_4(syndrome, tendency, muscles):
    assert {
        code
        for code, group in MUSCLE_GROUPS.items()
        if group.syndrome is syndrome and group.tendency is tendency
    } == muscles


def test_special_tests_name_known_muscle_groups():
    for test in SPECIAL_TESTS.values():
        assert test.muscle_group is None or test.muscle_group in MUSCLE_GROUPS
        assert set(test.components.values()) <= set(MUSCLE_GROUPS)


def test_only_cauda_equina_and_dvt_show_the_banner():
    assert {code for code, flag in RED_FLAGS.items() if flag.banner} == {"cauda_equina", "dvt"}
    assert RED_FLAGS["cauda_equina"].typical_urgency is Urgency.EMERGENCY


def test_every_posture_deviation_has_its_catalogue_entry():
    assert set(POSTURE_DEVIATIONS) == set(PostureDeviation)


def test_spinal_flexion_is_midline_and_rotation_is_sided():
    assert not JOINT_MOVEMENTS["cervical_flexion"].sided
    assert not JOINT_MOVEMENTS["thoracolumbar_extension"].sided
    assert JOINT_MOVEMENTS["cervical_rotation"].sided
    assert JOINT_MOVEMENTS["thoracolumbar_lateral_flexion"].sided
    assert JOINT_MOVEMENTS["hip_flexion"].sided
    assert JOINT_MOVEMENTS["ankle_dorsiflexion"].label == "ankle dorsiflexion"


# Validation of the record -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Strength("biceps_brachii", L, 4), "Unknown muscle group"),
        (lambda: Strength("quadriceps", L, 6), "Oxford grade must be 0-5"),
        (lambda: Strength("quadriceps", L, 5, OxfordModifier.PLUS), "does not exist"),
        (lambda: Strength("quadriceps", L, 0, OxfordModifier.MINUS), "does not exist"),
        (lambda: Strength("quadriceps", L, 5, force_newtons=Decimal(-1)), "cannot be negative"),
        (lambda: RangeOfMotion("hip_wiggle", L, 10), "Unknown joint movement"),
        (lambda: RangeOfMotion("hip_flexion", NA, 100), "recorded per side"),
        (lambda: RangeOfMotion("cervical_flexion", L, 40), "has no side"),
        (lambda: SpecialTest("slump", L, True), "Unknown special test"),
        (lambda: SpecialTest("thomas", L, True), "Unknown Thomas test component"),
        (lambda: SpecialTest("ober", L, True, component="iliopsoas"), "has no components"),
        (lambda: SpecialTest("muscle_length", L, True), "Unknown muscle group"),
        (
            lambda: SpecialTest("ober", L, True, muscle_group="piriformis"),
            "names its own muscle group",
        ),
        (lambda: SpecialTest("beighton", NA, measured_value=Decimal(10)), "whole number 0-9"),
        (lambda: SpecialTest("beighton", NA, measured_value=Decimal("4.5")), "whole number 0-9"),
        (lambda: SpecialTest("beighton", L, measured_value=Decimal(4)), "has no side"),
        (lambda: SpecialTest("straight_leg_raise", L), "record a result"),
        (
            lambda: SpecialTest("ober", L, True, radicular_pain_reproduced=True),
            "recorded on the straight leg raise",
        ),
        (lambda: Pulse("carotid", L, 2, PulseScale.ZERO_TO_FOUR), "Unknown pulse site"),
        (lambda: Pulse("radial", L, 4, PulseScale.ZERO_TO_THREE), "Pulse grade must be 0-3"),
        (lambda: Oedema(BodyRegion.LOWER_LEG, L, True, 5), "Oedema grade must be 0-4"),
        (lambda: Oedema(BodyRegion.LOWER_LEG, L, False, 2), "Only pitting oedema"),
        (lambda: AnklePressures(NA, 100), "left or the right leg"),
        (
            lambda: Circulation(ankle_pressures=(AnklePressures(L, 100), AnklePressures(L, 90))),
            "once per leg",
        ),
        (lambda: Subjective(nprs_now=11), "NPRS NOW must be 0-10"),
        (lambda: Subjective(nprs_worst=-1), "NPRS WORST must be 0-10"),
        (
            lambda: Subjective(
                red_flags=(
                    RedFlagScreen("dvt", RedFlagAnswer.NO),
                    RedFlagScreen("dvt", RedFlagAnswer.YES),
                )
            ),
            "answered once",
        ),
        (lambda: RedFlagScreen("headache", RedFlagAnswer.YES), "Unknown red flag"),
        (lambda: DailyPattern(times_woken_per_night=-1), "cannot be negative"),
        (
            lambda: SpasmPattern(BodyRegion.LOWER_LEG, L, triggers={"caffeine": "x"}),
            "Unknown cramp trigger",
        ),
        (lambda: SpasmPattern(BodyRegion.LOWER_LEG, L, severity_nprs=12), "must be 0-10"),
        (lambda: Lifestyle(hours_sitting_per_day=Decimal(25)), "cannot exceed 24"),
        (
            lambda: AssessmentData(
                strength=(Strength("quadriceps", L, 4), Strength("quadriceps", L, 5))
            ),
            "recorded more than once",
        ),
        (
            lambda: AssessmentData(
                range_of_motion=(
                    RangeOfMotion("hip_flexion", R, 90),
                    RangeOfMotion("hip_flexion", R, 95),
                )
            ),
            "recorded more than once",
        ),
    ],
)
def test_invalid_records_are_refused(build, message):
    with pytest.raises(ValueError, match=message):
        build()


def test_spasm_triggers_are_frozen_and_compare_by_value():
    evidence = {CrampTrigger.DEHYDRATION: "little fluid"}
    pattern = SpasmPattern(BodyRegion.LOWER_LEG, L, triggers=evidence)
    evidence[CrampTrigger.STRESS_ANXIETY] = "exams"
    assert list(pattern.triggers) == [CrampTrigger.DEHYDRATION]
    with pytest.raises(TypeError):
        pattern.triggers[CrampTrigger.STRESS_ANXIETY] = "exams"  # type: ignore[index]
    assert pattern == SpasmPattern(
        BodyRegion.LOWER_LEG, L, triggers={CrampTrigger.DEHYDRATION: "little fluid"}
    )


def test_a_red_flag_action_is_recorded_only_with_text():
    assert not RedFlagScreen("dvt", RedFlagAnswer.YES, action_taken="  ").action_recorded
    assert RedFlagScreen("dvt", RedFlagAnswer.YES, action_taken="GP phoned").action_recorded


def test_posture_is_present_unless_recorded_absent():
    assert Posture(PostureDeviation.FLAT_BACK).present
    assert Posture(PostureDeviation.FLAT_BACK, Severity.MILD).present
    assert not Posture(PostureDeviation.FLAT_BACK, Severity.ABSENT).present


def test_oxford_grade_text_shows_the_modifier():
    assert Strength("quadriceps", L, 4, OxfordModifier.PLUS).grade_text == "4+/5"
    assert Strength("quadriceps", L, 4, OxfordModifier.MINUS).grade_text == "4−/5"
    assert Strength("quadriceps", L, 3).grade_text == "3/5"


def test_a_whole_assessment_is_plain_frozen_values():
    assessment = AssessmentData(strength=(Strength("quadriceps", L, 4),))
    with pytest.raises(AttributeError):
        assessment.strength = ()  # type: ignore[misc]
    assert assessment == AssessmentData(strength=(Strength("quadriceps", L, 4),))
