from decimal import Decimal

import pytest

from practice.clinical.assessment_data import (
    ActivityLevel,
    AnklePressures,
    AssessmentData,
    BodySite,
    CapillaryRefill,
    Circulation,
    Claudication,
    Lifestyle,
    Oedema,
    OxfordModifier,
    Posture,
    Pulse,
    RangeOfMotion,
    RedFlagAnswer,
    RedFlagScreen,
    Skin,
    SkinColour,
    SkinTemperature,
    SpasmPattern,
    SpasmTiming,
    SpasmType,
    SpecialTest,
    Strength,
    Subjective,
    VaricoseVeins,
    WorkPosture,
)
from practice.clinical.catalogues import Urgency
from practice.clinical.findings import (
    AbiBand,
    CapillaryRefillBand,
    Finding,
    abi_band,
    ankle_brachial_index,
    asymmetry_flagged,
    asymmetry_percent,
    capillary_refill_band,
    findings_for,
    limb_symmetry_index,
    nprs_severity,
    oxford_grades_differ,
    oxford_indicates_weakness,
    percent_of_normal,
    round_half_up,
)
from practice.clinical.reference import DEFAULT_REFERENCE, PulseScale
from practice.clinical.vocabulary import (
    BodyRegion,
    CrampTrigger,
    FindingKind,
    PostureDeviation,
    Severity,
    Side,
)

D = Decimal
L, R, NA = Side.LEFT, Side.RIGHT, Side.NOT_APPLICABLE


def of_kind(findings: list[Finding], kind: FindingKind) -> list[Finding]:
    return [finding for finding in findings if finding.kind is kind]


def summaries(findings: list[Finding], kind: FindingKind) -> list[str]:
    return [finding.summary for finding in of_kind(findings, kind)]


def strength_pair(muscle, left_grade, right_grade, left_force=None, right_force=None):
    return (
        Strength(muscle, L, left_grade, force_newtons=left_force),
        Strength(muscle, R, right_grade, force_newtons=right_force),
    )


# Calculations -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [(100, 60, D(40)), (60, 100, D(40)), (50, 50, D(0)), (0, 0, D(0)), (10, 0, D(100))],
)
def test_asymmetry_percent_is_the_difference_over_the_stronger_side(left, right, expected):
    assert asymmetry_percent(left, right) == expected


def test_asymmetry_percent_refuses_negative_measurements():
    with pytest.raises(ValueError, match="zero or more"):
        asymmetry_percent(-1, 10)


@pytest.mark.parametrize(
    ("left", "right", "flagged"),
    [
        (D(100), D(90), False),  # exactly 10.0 %
        (D(10000), D(8999), True),  # 10.01 %
        (D("100"), D("89.99"), True),
        (D(30), D(27), False),
    ],
)
def test_asymmetry_flags_only_above_ten_percent(left, right, flagged):
    assert asymmetry_flagged(asymmetry_percent(left, right)) is flagged


def test_exactly_ten_percent_is_exactly_ten():
    assert asymmetry_percent(D(100), D(90)) == D(10)
    assert asymmetry_percent(D(10000), D(8999)) == D("10.01")


def test_the_asymmetry_threshold_is_configurable():
    reference = DEFAULT_REFERENCE.with_overrides({"asymmetry_flag_above_percent": 15})
    assert not asymmetry_flagged(D(15), reference)
    assert asymmetry_flagged(D("15.01"), reference)


def test_limb_symmetry_index_is_involved_over_uninvolved():
    assert limb_symmetry_index(90, 100) == D(90)
    assert limb_symmetry_index(D(120), D(200)) == D(60)


def test_limb_symmetry_index_needs_an_uninvolved_value():
    with pytest.raises(ValueError, match="above zero"):
        limb_symmetry_index(10, 0)


def test_percent_of_normal():
    assert percent_of_normal(10, 20) == D(50)
    assert percent_of_normal(180, 180) == D(100)


def test_percent_of_normal_has_no_meaning_for_a_zero_normal():
    with pytest.raises(ValueError, match="above zero"):
        percent_of_normal(-10, 0)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("0.905"), D("0.91")),
        (D("0.895"), D("0.90")),
        (D("0.904"), D("0.90")),
        (D("1.405"), D("1.41")),
        (D("0.505"), D("0.51")),
    ],
)
def test_round_half_up_to_two_decimals(value, expected):
    assert round_half_up(value) == expected


def test_floats_are_taken_as_written():
    assert round_half_up(0.905) == D("0.91")
    assert abi_band(0.905) is AbiBand.BORDERLINE
    assert ankle_brachial_index([90.5], [100]) == D("0.91")
    assert asymmetry_percent(100.0, 90.0) == D(10)
    assert capillary_refill_band(2.0) is CapillaryRefillBand.NORMAL


def test_abi_uses_the_higher_ankle_and_the_higher_brachial_pressure():
    assert ankle_brachial_index([90, 98], [130, 140]) == D("0.70")


@pytest.mark.parametrize(
    ("ankle", "brachial", "expected"),
    [(181, 200, D("0.91")), (179, 200, D("0.90")), (101, 200, D("0.51")), (281, 200, D("1.41"))],
)
def test_abi_is_rounded_half_up(ankle, brachial, expected):
    assert ankle_brachial_index([ankle], [brachial]) == expected


@pytest.mark.parametrize(
    ("ankle", "brachial"),
    [([], [120]), ([100], []), ([100], [0])],
)
def test_abi_needs_pressures_it_can_divide(ankle, brachial):
    with pytest.raises(ValueError, match=r"ABI|brachial"):
        ankle_brachial_index(ankle, brachial)


@pytest.mark.parametrize(
    ("abi", "band"),
    [
        ("0.30", AbiBand.SEVERE_PAD),
        ("0.50", AbiBand.SEVERE_PAD),
        ("0.51", AbiBand.MODERATE_PAD),
        ("0.70", AbiBand.MODERATE_PAD),
        ("0.80", AbiBand.MODERATE_PAD),
        ("0.81", AbiBand.MILD_PAD),
        ("0.90", AbiBand.MILD_PAD),
        ("0.905", AbiBand.BORDERLINE),  # rounds half up to 0.91
        ("0.91", AbiBand.BORDERLINE),
        ("0.99", AbiBand.BORDERLINE),
        ("1.00", AbiBand.NORMAL),
        ("1.40", AbiBand.NORMAL),
        ("1.404", AbiBand.NORMAL),
        ("1.41", AbiBand.NON_COMPRESSIBLE),
    ],
)
def test_abi_bands_of_section_0_10(abi, band):
    assert abi_band(D(abi)) is band


@pytest.mark.parametrize(
    ("seconds", "band"),
    [
        (D("1.5"), CapillaryRefillBand.NORMAL),
        (D("2.0"), CapillaryRefillBand.NORMAL),
        (2, CapillaryRefillBand.NORMAL),
        (D("2.01"), CapillaryRefillBand.DELAYED),
        (D(3), CapillaryRefillBand.DELAYED),
    ],
)
def test_capillary_refill_is_delayed_only_above_two_seconds(seconds, band):
    assert capillary_refill_band(seconds) is band


def test_capillary_refill_threshold_is_configurable():
    reference = DEFAULT_REFERENCE.with_overrides({"capillary_refill_delayed_above_seconds": 3})
    assert capillary_refill_band(D(3), reference) is CapillaryRefillBand.NORMAL


@pytest.mark.parametrize(
    ("score", "severity"),
    [
        (0, Severity.ABSENT),
        (1, Severity.MILD),
        (3, Severity.MILD),
        (4, Severity.MODERATE),
        (6, Severity.MODERATE),
        (7, Severity.SEVERE),
        (10, Severity.SEVERE),
    ],
)
def test_nprs_bands_of_physiotherapy_canada(score, severity):
    assert nprs_severity(score) is severity


def test_nprs_outside_the_scale_is_an_error():
    with pytest.raises(ValueError, match="0-10"):
        nprs_severity(11)


@pytest.mark.parametrize(("grade", "weak"), [(0, True), (3, True), (4, True), (5, False)])
def test_oxford_grade_four_or_below_indicates_weakness(grade, weak):
    assert oxford_indicates_weakness(grade) is weak


@pytest.mark.parametrize(
    ("left", "right", "differ"), [(5, 4, True), (3, 5, True), (4, 4, False), (5, 5, False)]
)
def test_oxford_grades_differ_by_one_grade_or_more(left, right, differ):
    assert oxford_grades_differ(left, right) is differ


# The examples ---------------------------------------------------------------------------


def test_example_tight_hip_flexors():
    assessment = AssessmentData(
        special_tests=(SpecialTest("muscle_length", L, True, muscle_group="hip_flexors"),)
    )
    (finding,) = findings_for(assessment)
    assert finding.summary.startswith("Tight hip flexors (left)")
    assert (finding.kind, finding.region, finding.side) == (
        FindingKind.MUSCLE_TIGHTNESS,
        BodyRegion.HIP,
        L,
    )
    assert finding.subject == "hip_flexors"
    assert finding.section == "4.3"


def test_example_grade_asymmetry_has_no_percentage():
    assessment = AssessmentData(strength=strength_pair("gluteus_medius", 5, 3))
    (finding,) = of_kind(findings_for(assessment), FindingKind.STRENGTH_GRADE_ASYMMETRY)
    assert finding.summary == "Gluteus medius right 3/5 against 5/5 left"
    assert finding.side is R
    assert "%" not in finding.summary
    assert finding.measurement("asymmetry") is None
    assert finding.section == "0.9"
    assert of_kind(findings_for(assessment), FindingKind.STRENGTH_ASYMMETRY) == []


def test_example_force_asymmetry():
    assessment = AssessmentData(strength=strength_pair("gluteus_medius", 5, 5, D(200), D(120)))
    (finding,) = findings_for(assessment)
    assert finding.summary == "Hip abduction force 40 % lower on the right"
    assert (finding.kind, finding.side) == (FindingKind.STRENGTH_ASYMMETRY, R)
    assert finding.measurement("asymmetry") == D(40)
    assert finding.measurement("limb_symmetry_index") == D(60)


def test_example_rom_as_percentage_of_normal():
    assessment = AssessmentData(range_of_motion=(RangeOfMotion("ankle_dorsiflexion", R, 10),))
    (finding,) = findings_for(assessment)
    assert finding.summary == (
        "Ankle dorsiflexion 50 % of normal (right): active 10° against reference 20°"
    )
    assert finding.kind is FindingKind.REDUCED_RANGE_OF_MOTION
    assert finding.measurement("percent_of_normal") == D(50)
    assert finding.measurement("normal") == D(20)


def test_example_nocturnal_calf_cramps_with_a_dehydration_trigger():
    pattern = SpasmPattern(
        BodyRegion.LOWER_LEG,
        Side.BILATERAL,
        muscle_group="calf",
        timing=(SpasmTiming.NOCTURNAL,),
        triggers={CrampTrigger.DEHYDRATION: "about two cups of fluid a day"},
    )
    findings = findings_for(AssessmentData(spasms=(pattern,)))
    assert summaries(findings, FindingKind.NOCTURNAL_CRAMPS) == [
        "Nocturnal calf cramps (both sides)"
    ]
    (trigger,) = of_kind(findings, FindingKind.CRAMP_TRIGGER)
    assert trigger.summary == (
        "Nocturnal calf cramps (both sides); trigger: dehydration (about two cups of fluid a day)"
    )
    assert trigger.trigger is CrampTrigger.DEHYDRATION


def test_example_abi_moderate_arterial_disease():
    circulation = Circulation(
        brachial_left_mmhg=130,
        brachial_right_mmhg=140,
        ankle_pressures=(AnklePressures(R, dorsalis_pedis_mmhg=98, posterior_tibial_mmhg=90),),
    )
    (finding,) = findings_for(AssessmentData(circulation=circulation))
    assert finding.summary == (
        "ABI 0.70 (right): moderate arterial disease; "
        "diabetes can give falsely normal or high values (calcified vessels)"
    )
    assert (finding.kind, finding.region, finding.side, finding.severity) == (
        FindingKind.ARTERIAL_INSUFFICIENCY,
        BodyRegion.LOWER_LEG,
        R,
        Severity.MODERATE,
    )
    assert finding.measurement("abi") == D("0.70")
    assert finding.section == "0.10"


# Strength ---------------------------------------------------------------------------------------


def test_asymmetry_of_exactly_ten_percent_gives_no_finding():
    assessment = AssessmentData(strength=strength_pair("quadriceps", 5, 5, D(100), D(90)))
    assert findings_for(assessment) == []


def test_asymmetry_just_above_ten_percent_gives_a_finding():
    assessment = AssessmentData(strength=strength_pair("quadriceps", 5, 5, D(10000), D(8999)))
    (finding,) = findings_for(assessment)
    assert finding.kind is FindingKind.STRENGTH_ASYMMETRY
    assert finding.summary == "Knee extension force 10 % lower on the right"
    assert finding.measurement("asymmetry") == D("10.01")


def test_force_asymmetry_of_a_muscle_without_a_tested_movement_names_the_muscle():
    assessment = AssessmentData(strength=strength_pair("rhomboids", 5, 5, D(50), D(100)))
    (finding,) = findings_for(assessment)
    assert finding.summary == "Rhomboids force 50 % lower on the left"


def test_force_on_one_side_only_gives_no_asymmetry():
    assessment = AssessmentData(strength=strength_pair("quadriceps", 5, 5, D(100), None))
    assert findings_for(assessment) == []


def test_modifiers_show_but_do_not_make_a_grade_difference():
    assessment = AssessmentData(
        strength=(
            Strength("gluteus_medius", L, 4, OxfordModifier.PLUS),
            Strength("gluteus_medius", R, 4, OxfordModifier.MINUS),
        )
    )
    findings = findings_for(assessment)
    assert of_kind(findings, FindingKind.STRENGTH_GRADE_ASYMMETRY) == []
    assert summaries(findings, FindingKind.MUSCLE_WEAKNESS) == [
        "Weak gluteus medius (left): 4+/5",
        "Weak gluteus medius (right): 4−/5",
    ]


def test_weakness_is_one_finding_per_weak_side():
    assessment = AssessmentData(strength=strength_pair("gluteus_medius", 5, 3))
    (weak,) = of_kind(findings_for(assessment), FindingKind.MUSCLE_WEAKNESS)
    assert (weak.region, weak.side, weak.subject, weak.section) == (
        BodyRegion.HIP,
        R,
        "gluteus_medius",
        "7.11",
    )


def test_a_midline_muscle_can_be_weak_without_a_side():
    assessment = AssessmentData(strength=(Strength("deep_neck_flexors", NA, 3),))
    assert summaries(findings_for(assessment), FindingKind.MUSCLE_WEAKNESS) == [
        "Weak deep neck flexors: 3/5"
    ]


# Range of motion --------------------------------------------------------------------------------


def test_full_range_gives_no_finding():
    assessment = AssessmentData(
        range_of_motion=(
            RangeOfMotion("shoulder_flexion", L, 180),
            RangeOfMotion("shoulder_flexion", R, 180),
        )
    )
    assert findings_for(assessment) == []


def test_rom_below_an_unverified_normal_says_so_in_words_with_the_passive_range():
    assessment = AssessmentData(range_of_motion=(RangeOfMotion("hip_flexion", L, 90, 100),))
    (finding,) = findings_for(assessment)
    assert finding.summary == (
        "Hip flexion 75 % of normal (left): active 90°, passive 100° against reference 120° "
        "(not confirmed against a source)"
    )
    assert finding.measurement("passive") == D(100)


def test_rom_below_normal_also_states_a_flagged_difference_from_the_other_side():
    assessment = AssessmentData(
        range_of_motion=(
            RangeOfMotion("ankle_dorsiflexion", L, 20),
            RangeOfMotion("ankle_dorsiflexion", R, 10),
        )
    )
    (finding,) = findings_for(assessment)
    assert finding.summary.endswith("; 50 % less than the left side (20°)")
    assert finding.measurement("asymmetry") == D(50)


def test_rom_asymmetry_alone_gives_a_finding_on_the_smaller_side():
    reference = DEFAULT_REFERENCE.with_overrides({"rom_reduced_below_percent_of_normal": 50})
    assessment = AssessmentData(
        range_of_motion=(
            RangeOfMotion("shoulder_abduction", L, 170),
            RangeOfMotion("shoulder_abduction", R, 120),
        )
    )
    (finding,) = findings_for(assessment, reference)
    assert finding.side is R
    assert finding.section == "0.9"
    assert finding.summary == (
        "Shoulder abduction 29.4 % less than the left side (right): "
        "active 120° against reference 180°; left 170°"
    )


def test_rom_asymmetry_of_exactly_ten_percent_does_not_flag():
    reference = DEFAULT_REFERENCE.with_overrides({"rom_reduced_below_percent_of_normal": 50})
    assessment = AssessmentData(
        range_of_motion=(RangeOfMotion("hip_flexion", L, 100), RangeOfMotion("hip_flexion", R, 90))
    )
    assert findings_for(assessment, reference) == []


def test_a_zero_normal_compares_degrees_without_a_percentage():
    assessment = AssessmentData(range_of_motion=(RangeOfMotion("knee_extension", R, -10),))
    (finding,) = findings_for(assessment)
    assert (
        finding.summary == "Knee extension below normal (right): active −10° against reference 0°"
    )
    assert finding.measurement("percent_of_normal") is None


def test_overridden_normal_rom_is_used():
    reference = DEFAULT_REFERENCE.with_overrides({"rom_normal.hip_flexion": 90})
    assessment = AssessmentData(range_of_motion=(RangeOfMotion("hip_flexion", L, 90),))
    assert findings_for(assessment, reference) == []


def test_spinal_flexion_has_no_side():
    assessment = AssessmentData(range_of_motion=(RangeOfMotion("thoracolumbar_flexion", NA, 45),))
    (finding,) = findings_for(assessment)
    assert finding.summary.startswith("Thoracolumbar flexion 50 % of normal: active 45°")
    assert finding.region is BodyRegion.LOWER_BACK


# Muscle length, neural sensitivity, hypermobility ------------------------------------------------


@pytest.mark.parametrize(("degrees", "tight"), [(79, True), (80, False), (90, False)])
def test_straight_leg_raise_below_80_degrees_is_tight_hamstrings(degrees, tight):
    assessment = AssessmentData(
        special_tests=(SpecialTest("straight_leg_raise", L, measured_value=D(degrees)),)
    )
    assert bool(of_kind(findings_for(assessment), FindingKind.MUSCLE_TIGHTNESS)) is tight


@pytest.mark.parametrize(("degrees", "tight"), [(20, False), (21, True)])
def test_active_knee_extension_more_than_20_degrees_short_is_tight(degrees, tight):
    assessment = AssessmentData(
        special_tests=(SpecialTest("active_knee_extension", R, measured_value=D(degrees)),)
    )
    assert bool(of_kind(findings_for(assessment), FindingKind.MUSCLE_TIGHTNESS)) is tight


def test_the_recorded_result_wins_over_the_cut_off():
    assessment = AssessmentData(special_tests=(SpecialTest("straight_leg_raise", L, False, D(60)),))
    assert findings_for(assessment) == []


def test_evidence_of_several_tests_is_merged_per_muscle_and_side():
    assessment = AssessmentData(
        special_tests=(
            SpecialTest("straight_leg_raise", R, measured_value=D(60)),
            SpecialTest("active_knee_extension", R, measured_value=D(35)),
            SpecialTest("sit_and_reach", NA, True, D(-8)),
        )
    )
    findings = findings_for(assessment)
    assert summaries(findings, FindingKind.MUSCLE_TIGHTNESS) == [
        "Tight hamstrings (right): straight leg raise 60° (below 80°); "
        "active knee extension 35° (above 20°)",
        "Tight hamstrings: sit-and-reach −8 cm positive",
    ]
    assert findings[0].measurement("straight_leg_raise") == D(60)
    assert findings[0].measurement("active_knee_extension") == D(35)


def test_leg_pain_on_straight_leg_raise_is_neural_sensitivity_not_tightness():
    assessment = AssessmentData(
        special_tests=(
            SpecialTest("straight_leg_raise", L, True, D(45), radicular_pain_reproduced=True),
        )
    )
    (finding,) = findings_for(assessment)
    assert finding.kind is FindingKind.NEURAL_SENSITIVITY
    assert finding.summary == (
        "Straight leg raise reproduces leg pain (left) at 45°: "
        "neural sensitivity rather than hamstring tightness"
    )


def test_thomas_components_name_their_muscles():
    assessment = AssessmentData(
        special_tests=(
            SpecialTest("thomas", L, True, component="iliopsoas"),
            SpecialTest("thomas", L, False, component="rectus_femoris"),
            SpecialTest("thomas", L, True, D(15), component="tensor_fasciae_latae"),
        )
    )
    findings = findings_for(assessment)
    assert [finding.subject for finding in findings] == ["iliopsoas", "tensor_fasciae_latae"]
    assert findings[1].measurement("thomas_tensor_fasciae_latae") == D(15)


def test_ober_and_ely_tests():
    assessment = AssessmentData(
        special_tests=(SpecialTest("ober", R, True), SpecialTest("ely", L, True))
    )
    assert summaries(findings_for(assessment), FindingKind.MUSCLE_TIGHTNESS) == [
        "Tight tensor fasciae latae and iliotibial band (right): Ober test positive",
        "Tight rectus femoris (left): Ely test positive",
    ]


@pytest.mark.parametrize(
    ("straight", "bent", "muscle"),
    [
        (17, 17, "soleus"),
        (17, 18, "gastrocnemius"),
        (18, 18, None),
        (17, None, "calf"),
        (None, 17, "calf"),
        (18, 17, "calf"),
    ],
)
def test_ankle_dorsiflexion_below_18_degrees_tells_soleus_from_gastrocnemius(
    straight, bent, muscle
):
    tests = tuple(
        SpecialTest(code, L, measured_value=D(degrees))
        for code, degrees in (
            ("ankle_dorsiflexion_knee_straight", straight),
            ("ankle_dorsiflexion_knee_bent", bent),
        )
        if degrees is not None
    )
    findings = findings_for(AssessmentData(special_tests=tests))
    assert [finding.subject for finding in findings] == ([muscle] if muscle else [])


@pytest.mark.parametrize(("score", "hypermobile"), [(3, False), (4, True), (9, True)])
def test_beighton_score_from_the_default_cut_off(score, hypermobile):
    assessment = AssessmentData(
        special_tests=(SpecialTest("beighton", NA, measured_value=D(score)),)
    )
    found = of_kind(findings_for(assessment), FindingKind.HYPERMOBILITY)
    assert bool(found) is hypermobile


def test_a_recorded_beighton_result_wins_over_the_score():
    tests = (SpecialTest("beighton", NA, False, D(5)),)
    assert findings_for(AssessmentData(special_tests=tests)) == []
    (finding,) = findings_for(AssessmentData(special_tests=(SpecialTest("beighton", NA, True),)))
    assert finding.summary.startswith("Beighton score positive: possible generalised hypermobility")


def test_beighton_cut_off_is_configurable():
    reference = DEFAULT_REFERENCE.with_overrides({"beighton_hypermobile_from": 5})
    test = SpecialTest("beighton", NA, measured_value=D(4))
    assert findings_for(AssessmentData(special_tests=(test,)), reference) == []


def test_hypermobility_summary_states_the_cut_off():
    test = SpecialTest("beighton", NA, measured_value=D(6))
    (finding,) = findings_for(AssessmentData(special_tests=(test,)))
    assert finding.summary == (
        "Beighton score 6/9: possible generalised hypermobility "
        "(at or above 4/9; not diagnostic alone)"
    )
    assert (finding.region, finding.side) == (BodyRegion.WHOLE_BODY, NA)


# Crossed syndromes ------------------------------------------------------------------------------

LOWER_CROSSED_EVIDENCE = {
    "posture": (Posture(PostureDeviation.ANTERIOR_PELVIC_TILT, Severity.MODERATE),),
    "special_tests": (SpecialTest("thomas", L, True, component="iliopsoas"),),
    "strength": (Strength("gluteus_maximus", L, 4),),
}


def test_lower_crossed_syndrome_needs_tight_weak_and_posture_together():
    findings = findings_for(AssessmentData(**LOWER_CROSSED_EVIDENCE))
    (finding,) = of_kind(findings, FindingKind.LOWER_CROSSED_SYNDROME)
    assert finding.summary == (
        "Lower crossed syndrome pattern: tight iliopsoas; weak gluteus maximus; "
        "anterior pelvic tilt"
    )
    assert (finding.region, finding.side, finding.section) == (BodyRegion.PELVIS, NA, "2.4")


@pytest.mark.parametrize("missing", ["posture", "special_tests", "strength"])
def test_lower_crossed_syndrome_is_not_recognised_with_one_part_missing(missing):
    evidence = {key: value for key, value in LOWER_CROSSED_EVIDENCE.items() if key != missing}
    assert (
        of_kind(findings_for(AssessmentData(**evidence)), FindingKind.LOWER_CROSSED_SYNDROME) == []
    )


def test_absent_posture_does_not_count_towards_a_crossed_syndrome():
    evidence = {
        **LOWER_CROSSED_EVIDENCE,
        "posture": (Posture(PostureDeviation.ANTERIOR_PELVIC_TILT, Severity.ABSENT),),
    }
    assert (
        of_kind(findings_for(AssessmentData(**evidence)), FindingKind.LOWER_CROSSED_SYNDROME) == []
    )


def test_muscles_janda_only_sometimes_adds_do_not_count():
    evidence = {
        **LOWER_CROSSED_EVIDENCE,
        "special_tests": (SpecialTest("ober", L, True),),  # TFL: "sometimes added"
    }
    assert (
        of_kind(findings_for(AssessmentData(**evidence)), FindingKind.LOWER_CROSSED_SYNDROME) == []
    )


def test_upper_crossed_syndrome_from_a_muscle_length_test_weakness_and_forward_head():
    assessment = AssessmentData(
        posture=(
            Posture(PostureDeviation.FORWARD_HEAD, Severity.MILD),
            Posture(PostureDeviation.ROUNDED_SHOULDERS),
        ),
        special_tests=(
            SpecialTest("muscle_length", R, True, muscle_group="pectoralis_minor"),
            SpecialTest("muscle_length", L, True, muscle_group="upper_trapezius"),
        ),
        strength=(Strength("deep_neck_flexors", NA, 3),),
    )
    (finding,) = of_kind(findings_for(assessment), FindingKind.UPPER_CROSSED_SYNDROME)
    assert finding.summary == (
        "Upper crossed syndrome pattern: tight upper trapezius, pectoralis minor; "
        "weak deep neck flexors; forward head posture, rounded shoulders"
    )
    assert of_kind(findings_for(assessment), FindingKind.LOWER_CROSSED_SYNDROME) == []


# Posture ----------------------------------------------------------------------------------------


def test_posture_findings_carry_side_severity_and_note():
    assessment = AssessmentData(
        posture=(
            Posture(PostureDeviation.GENU_VALGUM, Severity.MILD, L, "intermalleolar 9 cm"),
            Posture(PostureDeviation.FORWARD_HEAD),
            Posture(PostureDeviation.SCOLIOSIS, Severity.MODERATE, region=BodyRegion.LOWER_BACK),
            Posture(PostureDeviation.FLAT_BACK, Severity.ABSENT),
        )
    )
    findings = findings_for(assessment)
    assert [finding.summary for finding in findings] == [
        "Genu valgum (left, mild): intermalleolar 9 cm",
        "Forward head posture",
        "Scoliosis (moderate)",
    ]
    assert [finding.region for finding in findings] == [
        BodyRegion.KNEE,
        BodyRegion.NECK,
        BodyRegion.LOWER_BACK,
    ]
    assert findings[0].severity is Severity.MILD
    assert findings[1].severity is None


# Subjective -------------------------------------------------------------------------------------


def test_red_flag_yes_without_action_says_so_and_gives_the_typical_referral():
    subjective = Subjective(
        red_flags=(
            RedFlagScreen("cauda_equina", RedFlagAnswer.YES, "new saddle numbness"),
            RedFlagScreen("malignancy", RedFlagAnswer.NO),
            RedFlagScreen("infection", RedFlagAnswer.NOT_ASKED),
        )
    )
    (finding,) = findings_for(AssessmentData(subjective=subjective))
    assert finding.summary == (
        "Red flag: suspected cauda equina syndrome; new saddle numbness; no action recorded yet "
        "(Emergency, same day: hospital emergency department for MRI)"
    )
    assert (finding.kind, finding.region, finding.subject, finding.section) == (
        FindingKind.RED_FLAG,
        BodyRegion.LOWER_BACK,
        "cauda_equina",
        "1.2",
    )


def test_red_flag_with_action_shows_the_referral_and_the_leg():
    screen = RedFlagScreen(
        "dvt",
        RedFlagAnswer.YES,
        action_taken="treatment stopped, GP phoned",
        referral_to="GP",
        urgency=Urgency.URGENT,
        side=L,
    )
    (finding,) = findings_for(AssessmentData(subjective=Subjective(red_flags=(screen,))))
    assert finding.summary == (
        "Red flag: suspected deep vein thrombosis (left); action: treatment stopped, GP phoned; "
        "referred to GP (urgent)"
    )
    assert (finding.region, finding.side) == (BodyRegion.LOWER_LEG, L)


def test_pain_is_one_finding_per_site_every_score_banded_severity_from_the_current():
    subjective = Subjective(
        nprs_now=6,
        nprs_best=2,
        nprs_worst=8,
        pain_sites=(BodySite(BodyRegion.LOWER_BACK), BodySite(BodyRegion.THIGH, L)),
    )
    findings = findings_for(AssessmentData(subjective=subjective))
    assert [finding.summary for finding in findings] == [
        "Pain 6/10 now (moderate), best 2/10 (mild), worst 8/10 (severe) in the last 24 h: "
        "lower back",
        "Pain 6/10 now (moderate), best 2/10 (mild), worst 8/10 (severe) in the last 24 h: "
        "thigh (left)",
    ]
    assert {finding.severity for finding in findings} == {Severity.MODERATE}
    assert findings[1].measurement("nprs_worst") == D(8)


def test_no_pain_gives_no_pain_finding():
    assert findings_for(AssessmentData(subjective=Subjective(nprs_now=0, nprs_worst=0))) == []


def test_pain_without_sites_or_current_score():
    (finding,) = findings_for(AssessmentData(subjective=Subjective(nprs_worst=7)))
    assert finding.summary == "Pain worst 7/10 (severe) in the last 24 h"
    assert (finding.region, finding.side, finding.severity) == (BodyRegion.WHOLE_BODY, NA, None)


# Circulation ------------------------------------------------------------------------------------


def abi_findings(ankle_mmhg: int, brachial_mmhg: int = 100) -> list[Finding]:
    circulation = Circulation(
        brachial_left_mmhg=brachial_mmhg,
        ankle_pressures=(AnklePressures(L, dorsalis_pedis_mmhg=ankle_mmhg),),
    )
    return findings_for(AssessmentData(circulation=circulation))


@pytest.mark.parametrize(
    ("ankle", "kind", "severity"),
    [
        (50, FindingKind.ARTERIAL_INSUFFICIENCY, Severity.SEVERE),
        (51, FindingKind.ARTERIAL_INSUFFICIENCY, Severity.MODERATE),
        (80, FindingKind.ARTERIAL_INSUFFICIENCY, Severity.MODERATE),
        (81, FindingKind.ARTERIAL_INSUFFICIENCY, Severity.MILD),
        (90, FindingKind.ARTERIAL_INSUFFICIENCY, Severity.MILD),
        (91, FindingKind.BORDERLINE_ABI, None),
        (99, FindingKind.BORDERLINE_ABI, None),
        (141, FindingKind.ABI_UNRELIABLE, None),
    ],
)
def test_abi_findings_at_each_band_boundary(ankle, kind, severity):
    (finding,) = abi_findings(ankle)
    assert (finding.kind, finding.severity) == (kind, severity)


@pytest.mark.parametrize("ankle", [100, 140])
def test_normal_abi_gives_no_finding(ankle):
    assert abi_findings(ankle) == []


def test_abi_finding_summaries():
    caveat = "; diabetes can give falsely normal or high values (calcified vessels)"
    assert abi_findings(95)[0].summary == "ABI 0.95 (left): borderline" + caveat
    assert abi_findings(145)[0].summary == (
        "ABI 1.45 (left): non-compressible vessels, unreliable; "
        "a toe-brachial index is needed" + caveat
    )
    assert abi_findings(40)[0].summary == "ABI 0.40 (left): severe arterial disease" + caveat


def test_abi_rounding_half_up_decides_the_band():
    (finding,) = abi_findings(181, 200)  # 0.905
    assert finding.kind is FindingKind.BORDERLINE_ABI
    assert finding.measurement("abi") == D("0.91")


def test_abi_is_skipped_without_a_brachial_pressure():
    circulation = Circulation(ankle_pressures=(AnklePressures(L, 60),))
    assert findings_for(AssessmentData(circulation=circulation)) == []


@pytest.mark.parametrize(
    ("grade", "scale", "kind"),
    [
        (0, PulseScale.ZERO_TO_FOUR, FindingKind.ARTERIAL_INSUFFICIENCY),
        (1, PulseScale.ZERO_TO_FOUR, FindingKind.DIMINISHED_PULSE),
        (2, PulseScale.ZERO_TO_FOUR, None),
        (4, PulseScale.ZERO_TO_FOUR, None),
        (0, PulseScale.ZERO_TO_THREE, FindingKind.ARTERIAL_INSUFFICIENCY),
        (1, PulseScale.ZERO_TO_THREE, FindingKind.DIMINISHED_PULSE),
        (3, PulseScale.ZERO_TO_THREE, None),
    ],
)
def test_pulse_findings_on_either_scale(grade, scale, kind):
    circulation = Circulation(pulses=(Pulse("dorsalis_pedis", R, grade, scale),))
    findings = findings_for(AssessmentData(circulation=circulation))
    assert [finding.kind for finding in findings] == ([kind] if kind else [])


def test_pulse_summary_names_the_scale():
    circulation = Circulation(pulses=(Pulse("posterior_tibial", L, 1, PulseScale.ZERO_TO_THREE),))
    (finding,) = findings_for(AssessmentData(circulation=circulation))
    assert finding.summary == (
        "Posterior tibial pulse diminished (left): grade 1 on the 0-3 scale (weak, thready)"
    )
    assert (finding.region, finding.subject) == (BodyRegion.ANKLE_FOOT, "posterior_tibial")


@pytest.mark.parametrize(("seconds", "delayed"), [("2.0", False), ("2", False), ("2.1", True)])
def test_capillary_refill_finding_only_when_above_two_seconds(seconds, delayed):
    circulation = Circulation(
        capillary_refill=(CapillaryRefill(D(seconds), BodyRegion.ANKLE_FOOT, R),)
    )
    assert bool(findings_for(AssessmentData(circulation=circulation))) is delayed


def test_capillary_refill_summary_notes_a_cold_limb():
    circulation = Circulation(
        capillary_refill=(CapillaryRefill(D("3.5"), BodyRegion.ANKLE_FOOT, R, warm=False),)
    )
    (finding,) = findings_for(AssessmentData(circulation=circulation))
    assert finding.summary == (
        "Capillary refill delayed (right): 3.5 s at the ankle and foot (above 2 s); "
        "room or limb was not warm"
    )
    assert finding.measurement("capillary_refill") == D("3.5")


def test_oedema_findings():
    circulation = Circulation(
        oedema=(
            Oedema(BodyRegion.LOWER_LEG, L, pitting=True, grade=2),
            Oedema(BodyRegion.ANKLE_FOOT, R, pitting=True, grade=0),
            Oedema(BodyRegion.LOWER_LEG, R, pitting=False),
        )
    )
    assert [
        finding.summary for finding in findings_for(AssessmentData(circulation=circulation))
    ] == [
        "Pitting oedema 2+ (left): lower leg, pit about 3-4 mm, rebound within about 10-15 s",
        "Non-pitting oedema (right): lower leg; suggests lymphoedema or myxoedema",
    ]


def test_skin_claudication_and_varicose_vein_findings():
    circulation = Circulation(
        skin=(
            Skin(BodyRegion.LOWER_LEG, R, SkinColour.PALLOR, SkinTemperature.COOL, True),
            Skin(BodyRegion.LOWER_LEG, L),
        ),
        claudication=(Claudication(R, 200, 400), Claudication(L)),
        varicose_veins=(VaricoseVeins(L, symptoms="aching, heaviness"),),
    )
    findings = findings_for(AssessmentData(circulation=circulation))
    assert [(finding.kind, finding.summary) for finding in findings] == [
        (
            FindingKind.CLAUDICATION,
            "Intermittent claudication (right): pain after 200 m, maximum 400 m",
        ),
        (FindingKind.CLAUDICATION, "Intermittent claudication (left)"),
        (
            FindingKind.SKIN_CHANGES,
            "Skin changes at the lower leg (right): pallor, cool, trophic changes",
        ),
        (FindingKind.VARICOSE_VEINS, "Varicose veins (left): lower leg, aching, heaviness"),
    ]


# Spasms and cramps ------------------------------------------------------------------------------


def test_one_trigger_finding_per_recorded_trigger_in_a_stable_order():
    pattern = SpasmPattern(
        BodyRegion.LOWER_LEG,
        L,
        muscle_group="calf",
        frequency=3,
        typical_duration_seconds=60,
        timing=(SpasmTiming.NOCTURNAL, SpasmTiming.AFTER_EXERCISE),
        severity_nprs=7,
        triggers={CrampTrigger.STRESS_ANXIETY: "", CrampTrigger.OVERUSE_FATIGUE: "new running"},
    )
    findings = findings_for(AssessmentData(spasms=(pattern,)))
    assert [(finding.kind, finding.trigger) for finding in findings] == [
        (FindingKind.NOCTURNAL_CRAMPS, None),
        (FindingKind.CRAMP_TRIGGER, CrampTrigger.OVERUSE_FATIGUE),
        (FindingKind.CRAMP_TRIGGER, CrampTrigger.STRESS_ANXIETY),
    ]
    assert findings[0].summary == (
        "Nocturnal calf cramps (left): 3 per week, about 60 s each, after exercise, NPRS 7/10"
    )
    assert findings[0].severity is Severity.SEVERE
    assert findings[1].summary == (
        "Nocturnal calf cramps (left); trigger: overuse and fatigue (new running)"
    )
    assert findings[2].summary == "Nocturnal calf cramps (left); trigger: stress and anxiety"
    assert {finding.region for finding in findings} == {BodyRegion.LOWER_LEG}


def test_daytime_cramps_and_spasm():
    patterns = (
        SpasmPattern(
            BodyRegion.THIGH,
            R,
            muscle_group="hamstrings",
            frequency=2,
            timing=(SpasmTiming.DURING_EXERCISE,),
        ),
        SpasmPattern(BodyRegion.NECK, R, SpasmType.SPASM, "upper_trapezius"),
        SpasmPattern(BodyRegion.ANKLE_FOOT, L),
    )
    findings = findings_for(AssessmentData(spasms=patterns))
    assert [(finding.kind, finding.summary) for finding in findings] == [
        (FindingKind.CRAMPS, "Hamstrings cramps (right): 2 per week, during exercise"),
        (FindingKind.MUSCLE_SPASM, "Upper trapezius spasm (right)"),
        (FindingKind.CRAMPS, "Ankle and foot cramps (left)"),
    ]


# Lifestyle --------------------------------------------------------------------------------------


def test_lifestyle_findings():
    lifestyle = Lifestyle(
        work_posture=WorkPosture.MOSTLY_STANDING,
        hours_standing_per_day=D("7.5"),
        activity_level=ActivityLevel.SEDENTARY,
        stress=Severity.MODERATE,
    )
    findings = findings_for(AssessmentData(lifestyle=lifestyle))
    assert [(finding.kind, finding.summary) for finding in findings] == [
        (FindingKind.PROLONGED_POSITION, "Prolonged standing at work (about 7.5 h a day)"),
        (FindingKind.LOW_ACTIVITY, "Sedentary activity level"),
        (FindingKind.STRESS, "Stress or anxiety (moderate)"),
    ]
    assert findings[2].severity is Severity.MODERATE


def test_lifestyle_without_a_concern_gives_no_finding():
    lifestyle = Lifestyle(
        work_posture=WorkPosture.MIXED,
        hours_sitting_per_day=D(4),
        activity_level=ActivityLevel.MODERATE,
        stress=Severity.ABSENT,
        fluid_intake_litres_per_day=D("1.5"),
    )
    assert findings_for(AssessmentData(lifestyle=lifestyle)) == []


# The whole assessment ---------------------------------------------------------------------------


def full_assessment() -> AssessmentData:
    return AssessmentData(
        subjective=Subjective(
            nprs_now=5, red_flags=(RedFlagScreen("fracture", RedFlagAnswer.YES),)
        ),
        lifestyle=Lifestyle(stress=Severity.MILD),
        spasms=(SpasmPattern(BodyRegion.LOWER_LEG, L, muscle_group="calf"),),
        circulation=Circulation(varicose_veins=(VaricoseVeins(R),)),
        special_tests=(SpecialTest("ely", L, True),),
        range_of_motion=(RangeOfMotion("hip_extension", L, 10),),
        strength=(Strength("gluteus_maximus", L, 4),),
        posture=(Posture(PostureDeviation.LUMBAR_HYPERLORDOSIS, Severity.MILD),),
    )


def test_findings_come_in_examination_order():
    assert [finding.kind for finding in findings_for(full_assessment())] == [
        FindingKind.RED_FLAG,
        FindingKind.PAIN,
        FindingKind.POSTURAL_DEVIATION,
        FindingKind.LOWER_CROSSED_SYNDROME,
        FindingKind.MUSCLE_WEAKNESS,
        FindingKind.REDUCED_RANGE_OF_MOTION,
        FindingKind.MUSCLE_TIGHTNESS,
        FindingKind.VARICOSE_VEINS,
        FindingKind.CRAMPS,
        FindingKind.STRESS,
    ]


def test_findings_are_stable_between_calls():
    assert findings_for(full_assessment()) == findings_for(full_assessment())


def test_an_empty_assessment_has_no_findings():
    assert findings_for(AssessmentData()) == []


def test_every_finding_names_a_section_and_is_screenable_by_kind_region_and_side():
    for finding in findings_for(full_assessment()):
        assert isinstance(finding.kind, FindingKind)
        assert isinstance(finding.region, BodyRegion)
        assert isinstance(finding.side, Side)
        assert finding.section
        assert finding.summary
