"""The objective measures clinicians record (issue 11 point 4): Wells DVT score, limb girth,
oedema pit depth and rebound, posture measures, the FPI-6, Beighton items, end of range and grip.

Tables are transcribed from ``shared/clinical-reference.md`` (the section is named on each), not
read from the code's own tables.
"""

from decimal import Decimal as D

import pytest

from practice.clinical.assessment_data import (
    WELLS_CALF_LANDMARK,
    AssessmentData,
    BeightonItem,
    Circulation,
    EndFeel,
    FootPostureIndex,
    GripStrength,
    LimbGirth,
    MeasurementMethod,
    Oedema,
    OedemaExtent,
    Posture,
    RangeOfMotion,
    RedFlagAnswer,
    RedFlagScreen,
    RomInstrument,
    ScapularDistance,
    ScapularMeasure,
    SpecialTest,
    Subjective,
    WellsScore,
    WellsVersion,
)
from practice.clinical.comparison import compare_records
from practice.clinical.findings import (
    FootPostureBand,
    WellsBand,
    findings_for,
    foot_posture_band,
    oedema_grade_conflicts,
    wells_band,
)
from practice.clinical.reference import DEFAULT_REFERENCE
from practice.clinical.vocabulary import BodyRegion, FindingKind, PostureDeviation, Severity, Side
from practice.documents import ASSESSMENT_RECORD, converter

L, R, NA = Side.LEFT, Side.RIGHT, Side.NOT_APPLICABLE
TWO, THREE = WellsVersion.TWO_LEVEL, WellsVersion.THREE_LEVEL


def of_kind(record: AssessmentData, kind: FindingKind):
    return [finding for finding in findings_for(record) if finding.kind is kind]


# Wells DVT score (5.6) --------------------------------------------------------------------------

WELLS_POINTS_5_6 = {
    "active_cancer": 1,
    "paralysis_or_plaster": 1,
    "bedridden_or_surgery": 1,
    "deep_vein_tenderness": 1,
    "entire_leg_swollen": 1,
    "calf_swelling": 1,
    "pitting_oedema": 1,
    "collateral_veins": 1,
    "previous_dvt": 1,
    "alternative_diagnosis": -2,
}
"""5.6: each criterion +1, "alternative diagnosis at least as likely as DVT" −2."""


@pytest.mark.parametrize(("item", "points"), WELLS_POINTS_5_6.items())
def test_each_wells_item_counts_its_points_in_the_total(item, points):
    assert WellsScore(L, TWO, (item,), points).total == points
    with pytest.raises(ValueError, match="add up to"):
        WellsScore(L, TWO, (item,), points + 1)


def test_a_typed_wells_total_that_disagrees_with_the_items_is_refused_with_the_sum():
    with pytest.raises(ValueError, match="The Wells items add up to 0, not the 3 typed"):
        WellsScore(L, TWO, ("calf_swelling", "pitting_oedema", "alternative_diagnosis"), 3)


def test_previous_dvt_is_an_item_of_the_two_level_version_only():
    assert WellsScore(L, TWO, ("previous_dvt",), 1).total == 1
    with pytest.raises(ValueError, match="two-level version only"):
        WellsScore(L, THREE, ("previous_dvt",), 1)


def _wells(version, total):
    """A Wells score of ``total`` built from items (the total is always the items')."""
    items = ["alternative_diagnosis"] if total < 0 else []
    ones = [item for item, points in WELLS_POINTS_5_6.items() if points == 1]
    ones = [item for item in ones if version is TWO or item != "previous_dvt"]
    items += ones[: total + (2 if total < 0 else 0)]
    return WellsScore(L, version, tuple(items), total)


@pytest.mark.parametrize(
    ("version", "total", "band"),
    [
        # 5.6 two-level: >= 2 likely, < 2 unlikely (0.14: the boundary itself).
        (TWO, 2, WellsBand.LIKELY),
        (TWO, 1, WellsBand.UNLIKELY),
        (TWO, 5, WellsBand.LIKELY),
        (TWO, -2, WellsBand.UNLIKELY),
        # Three-level: >= 3 high, 1-2 moderate, <= 0 low.
        (THREE, 3, WellsBand.HIGH),
        (THREE, 2, WellsBand.MODERATE),
        (THREE, 1, WellsBand.MODERATE),
        (THREE, 0, WellsBand.LOW),
        (THREE, -1, WellsBand.LOW),
    ],
)
def test_wells_bands_follow_the_version(version, total, band):
    assert wells_band(_wells(version, total), DEFAULT_REFERENCE)[0] is band


DVT_YES = RedFlagScreen("dvt", RedFlagAnswer.YES, side=L)


def test_a_likely_wells_result_prompts_the_dvt_red_flag_without_setting_it():
    record = AssessmentData(circulation=Circulation(wells=_wells(TWO, 3)))
    (finding,) = of_kind(record, FindingKind.RED_FLAG)
    assert (finding.subject, finding.side, finding.section) == ("dvt", L, "5.6")
    assert finding.summary.startswith("Wells DVT score 3 (left): DVT likely (two-level,")
    assert "answer the DVT red flag in the subjective section and act on it" in finding.summary
    assert record.subjective.red_flags == ()  # the record is not changed by reading it


def test_a_high_wells_result_with_the_red_flag_answered_says_to_act_on_it():
    record = AssessmentData(
        subjective=Subjective(red_flags=(DVT_YES,)),
        circulation=Circulation(wells=_wells(THREE, 4)),
    )
    wells = [f for f in of_kind(record, FindingKind.RED_FLAG) if "Wells" in f.summary]
    assert [f.summary.split("; ", 1)[1] for f in wells] == [
        "the DVT red flag is answered yes: act on it"
    ]


def test_an_unlikely_wells_result_never_clears_a_recorded_suspicion():
    record = AssessmentData(
        subjective=Subjective(red_flags=(DVT_YES,)),
        circulation=Circulation(wells=_wells(TWO, 0)),
    )
    (finding,) = [f for f in of_kind(record, FindingKind.RED_FLAG) if "Wells" in f.summary]
    assert finding.section == "0.5"
    assert "does not clear the DVT suspicion" in finding.summary
    assert "below 2" in finding.summary


def test_an_unlikely_wells_result_without_a_suspicion_is_no_finding():
    record = AssessmentData(circulation=Circulation(wells=_wells(TWO, 1)))
    assert of_kind(record, FindingKind.RED_FLAG) == []


# Limb girth (5.4, 5.6) ----------------------------------------------------------------------------


@pytest.mark.parametrize("cm", [D(0), D("-1")])
def test_a_girth_of_zero_or_less_is_refused(cm):
    with pytest.raises(ValueError, match="above 0 cm"):
        LimbGirth(WELLS_CALF_LANDMARK, L, cm)


def _girths(left, right, landmark=WELLS_CALF_LANDMARK):
    return Circulation(girths=(LimbGirth(landmark, L, D(left)), LimbGirth(landmark, R, D(right))))


@pytest.mark.parametrize(
    ("left", "right", "side"),
    [
        ("38.1", "35", L),  # 5.6: calf swelling > 3 cm compared with the other side
        ("35", "38.5", R),
        ("38", "35", None),  # exactly 3 cm is not more than 3 cm
        ("36", "35", None),
    ],
)
def test_calf_swelling_beyond_3_cm_at_the_wells_landmark_is_swelling_of_that_calf(
    left, right, side
):
    findings = of_kind(AssessmentData(circulation=_girths(left, right)), FindingKind.OEDEMA)
    assert [finding.side for finding in findings] == ([side] if side else [])
    if side:
        assert "consider it in the Wells score" in findings[0].summary
        assert "above 3 cm" in findings[0].summary


def test_a_girth_difference_at_another_landmark_has_no_threshold():
    record = AssessmentData(circulation=_girths("45", "40", "mid-thigh"))
    assert of_kind(record, FindingKind.OEDEMA) == []


def test_a_calf_swelling_counted_in_the_wells_score_says_so():
    circulation = _girths("39", "35")
    circulation = Circulation(
        girths=circulation.girths, wells=WellsScore(L, TWO, ("calf_swelling",), 1)
    )
    (finding,) = of_kind(AssessmentData(circulation=circulation), FindingKind.OEDEMA)
    assert finding.summary.endswith("counted in the Wells score")


def test_a_landmark_is_recorded_once_per_side():
    girth = LimbGirth(WELLS_CALF_LANDMARK, L, D(35))
    with pytest.raises(ValueError, match="once per landmark and side"):
        Circulation(girths=(girth, LimbGirth(WELLS_CALF_LANDMARK.upper(), L, D(36))))


# Oedema pit depth and rebound (5.4) -------------------------------------------------------------

PITTING_5_4 = {
    # grade: (approximate pit depths in mm, rebound seconds) as the 5.4 table gives them
    1: ((D(2),), (D(1),)),  # ~2 mm, almost immediate
    2: ((D(3), D(4)), (D(10), D(15))),  # ~3-4 mm, within ~10-15 s
    3: ((D(5), D(6)), (D(16), D(60))),  # ~5-6 mm, ~15-60 s
    4: ((D(8), D(12)), (D(61), D(300))),  # ~8 mm or more, > 60 s, may take minutes
}


@pytest.mark.parametrize("grade", PITTING_5_4)
def test_the_tabled_depths_and_rebounds_fit_their_grade_and_no_other(grade):
    depths, rebounds = PITTING_5_4[grade]
    for depth in depths:
        fits = oedema_grade_conflicts(
            Oedema(BodyRegion.ANKLE_FOOT, L, True, grade, pit_depth_mm=depth), DEFAULT_REFERENCE
        )
        assert fits == [], (grade, depth)
        for other in set(PITTING_5_4) - {grade}:
            conflicts = oedema_grade_conflicts(
                Oedema(BodyRegion.ANKLE_FOOT, L, True, other, pit_depth_mm=depth),
                DEFAULT_REFERENCE,
            )
            assert len(conflicts) == 1, (other, depth)
            assert "correct the grade or the pit depth" in conflicts[0]
    for rebound in rebounds:
        record = Oedema(BodyRegion.ANKLE_FOOT, L, True, grade, rebound_seconds=rebound)
        assert oedema_grade_conflicts(record, DEFAULT_REFERENCE) == [], (grade, rebound)


@pytest.mark.parametrize(
    ("depth", "grade"),
    # The limits are the midpoints between the tabled depths (~2 | ~3-4 | ~5-6 | ~8 mm), each
    # belonging to the shallower grade (0.14: the boundary itself is tested).
    [("2.5", 1), ("2.6", 2), ("4.5", 2), ("4.6", 3), ("7", 3), ("7.1", 4)],
)
def test_a_depth_between_the_tabled_ones_belongs_to_the_nearest_grade(depth, grade):
    for recorded in range(1, 5):
        oedema = Oedema(BodyRegion.ANKLE_FOOT, L, True, recorded, pit_depth_mm=D(depth))
        assert (oedema_grade_conflicts(oedema, DEFAULT_REFERENCE) == []) is (recorded == grade)


def test_rebound_does_not_tell_1_plus_from_2_plus_but_tells_them_from_3_plus():
    for grade in (1, 2):
        quick = Oedema(BodyRegion.ANKLE_FOOT, L, True, grade, rebound_seconds=D(12))
        assert oedema_grade_conflicts(quick, DEFAULT_REFERENCE) == []
        slow = Oedema(BodyRegion.ANKLE_FOOT, L, True, grade, rebound_seconds=D(30))
        (message,) = oedema_grade_conflicts(slow, DEFAULT_REFERENCE)
        assert message.startswith("A rebound of 30 s fits grade 3+, not")


def test_grade_0_has_no_pit_and_non_pitting_oedema_has_no_depth():
    record = Oedema(BodyRegion.ANKLE_FOOT, L, True, 0, pit_depth_mm=D(2))
    (message,) = oedema_grade_conflicts(record, DEFAULT_REFERENCE)
    assert message.startswith("Grade 0 means no pit")
    with pytest.raises(ValueError, match="Only pitting oedema has a pit depth"):
        Oedema(BodyRegion.ANKLE_FOOT, L, False, rebound_seconds=D(3))


def test_the_oedema_finding_carries_the_measured_depth_rebound_and_extent():
    oedema = Oedema(BodyRegion.ANKLE_FOOT, Side.BILATERAL, True, 2, D(3), D(12), OedemaExtent.CALF)
    (finding,) = of_kind(
        AssessmentData(circulation=Circulation(oedema=(oedema,))), FindingKind.OEDEMA
    )
    assert finding.summary == (
        "Pitting oedema 2+ (both sides): ankle and foot, pit about 3-4 mm, rebound within about "
        "10-15 s; measured pit 3 mm, rebound 12 s; extent: calf"
    )
    assert finding.measurement("pit_depth") == D(3)


# Posture measures (2.2) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deviation", "value", "flagged", "words"),
    [
        # 2.2 hyperkyphosis "usually > 40-50°" [D]: the clinic default is above 40°.
        (PostureDeviation.THORACIC_KYPHOSIS, "40", False, ""),
        (PostureDeviation.THORACIC_KYPHOSIS, "41", True, "kyphosis angle 41° (above 40°)"),
        # Genu valgum: intermalleolar distance > 8 cm pathological (StatPearls) [V].
        (PostureDeviation.GENU_VALGUM, "8", False, ""),
        (PostureDeviation.GENU_VALGUM, "8.5", True, "intermalleolar distance 8.5 cm (above 8"),
        # Recurvatum > 5° or > 10° [D]; Beighton uses > 10°.
        (PostureDeviation.GENU_RECURVATUM, "10", False, ""),
        (PostureDeviation.GENU_RECURVATUM, "11", True, "knee hyperextension 11° (above 10°)"),
        # Scoliometer ATR < 5° usually no action; 5-9° radiograph or recheck.
        (PostureDeviation.SCOLIOSIS, "4", False, ""),
        (PostureDeviation.SCOLIOSIS, "5", True, "(at or above 5°, radiograph or recheck"),
        # Genu varum: no threshold verified; pelvic tilt: none given.
        (PostureDeviation.GENU_VARUM, "12", False, ""),
        (PostureDeviation.LATERAL_PELVIC_TILT, "15", False, ""),
    ],
)
def test_a_measured_posture_value_left_ungraded_is_judged_by_its_cut_off(
    deviation, value, flagged, words
):
    posture = Posture(deviation, Severity.ABSENT, measured_value=D(value))
    findings = of_kind(AssessmentData(posture=(posture,)), FindingKind.POSTURAL_DEVIATION)
    assert bool(findings) is flagged
    if flagged:
        assert "(measured, not graded)" in findings[0].summary
        assert words in findings[0].summary
        assert findings[0].severity is None


def test_a_graded_deviation_states_where_its_value_lies_and_the_rib_hump():
    posture = Posture(
        PostureDeviation.SCOLIOSIS,
        Severity.MILD,
        measured_value=D(4),
        method=MeasurementMethod.SCOLIOMETER,
        rib_hump=True,
    )
    (finding,) = of_kind(AssessmentData(posture=(posture,)), FindingKind.POSTURAL_DEVIATION)
    assert finding.summary == (
        "Scoliosis (mild): angle of trunk rotation 4° by scoliometer (below 5°, usually no "
        "action); rib hump on forward bending: structural curve"
    )
    assert finding.measurement("scoliosis") == D(4)


def test_the_posture_cut_offs_are_the_clinics():
    reference = DEFAULT_REFERENCE.with_overrides({"thoracic_kyphosis_increased_above_degrees": 50})
    posture = Posture(PostureDeviation.THORACIC_KYPHOSIS, Severity.ABSENT, measured_value=D(45))
    assert findings_for(AssessmentData(posture=(posture,))) != []
    assert findings_for(AssessmentData(posture=(posture,)), reference) == []


def test_a_value_only_where_the_reference_measures_and_a_rib_hump_only_on_scoliosis():
    with pytest.raises(ValueError, match="no measured value"):
        Posture(PostureDeviation.FLAT_BACK, Severity.MILD, measured_value=D(3))
    with pytest.raises(ValueError, match="scoliosis row"):
        Posture(PostureDeviation.THORACIC_KYPHOSIS, Severity.MILD, rib_hump=True)


def test_rounded_shoulders_show_the_scapular_distances_without_a_verdict():
    record = AssessmentData(
        posture=(Posture(PostureDeviation.ROUNDED_SHOULDERS, Severity.MODERATE, Side.BILATERAL),),
        scapular_distances=(
            ScapularDistance(ScapularMeasure.ACROMION_TO_TABLE, L, D("6.5")),
            ScapularDistance(ScapularMeasure.ACROMION_TO_TABLE, R, D(8)),
        ),
    )
    (finding,) = of_kind(record, FindingKind.POSTURAL_DEVIATION)
    assert finding.summary == (
        "Rounded shoulders (both sides, moderate): "
        "acromion to table, supine left 6.5 cm, right 8 cm"
    )
    with pytest.raises(ValueError, match="above 0 cm"):
        ScapularDistance(ScapularMeasure.SCAPULA_TO_SPINE, L, D(0))


# Foot Posture Index (2.2) -----------------------------------------------------------------------

FPI_BANDS_2_2 = [
    (range(0, 6), FootPostureBand.NORMAL),  # 0 to +5 normal
    (range(6, 10), FootPostureBand.PRONATED),  # +6 to +9
    (range(10, 13), FootPostureBand.HIGHLY_PRONATED),  # +10 to +12
    (range(-4, 0), FootPostureBand.SUPINATED),  # -1 to -4
    (range(-12, -4), FootPostureBand.HIGHLY_SUPINATED),  # -5 to -12
]


@pytest.mark.parametrize("total", range(-12, 13))
def test_every_fpi_total_falls_in_its_2_2_band(total):
    (expected,) = [band for totals, band in FPI_BANDS_2_2 if total in totals]
    assert foot_posture_band(total, DEFAULT_REFERENCE)[0] is expected


def test_the_fpi_total_is_of_six_criteria_each_minus_2_to_plus_2():
    assert FootPostureIndex(L, (2, 2, 2, 2, 2, -1)).total == 9
    with pytest.raises(ValueError, match="6 criteria"):
        FootPostureIndex(L, (1, 1, 1, 1, 1))
    with pytest.raises(ValueError, match="scored −2 to \\+2, not 3"):
        FootPostureIndex(L, (3, 0, 0, 0, 0, 0))


def test_a_pronated_foot_is_a_posture_finding_of_that_foot():
    record = AssessmentData(
        foot_posture=(FootPostureIndex(L, (2, 2, 2, 2, 2, 0)), FootPostureIndex(R, (0,) * 6))
    )
    (finding,) = of_kind(record, FindingKind.POSTURAL_DEVIATION)
    assert (finding.side, finding.region, finding.subject) == (
        L,
        BodyRegion.ANKLE_FOOT,
        PostureDeviation.FOOT_PRONATION,
    )
    assert finding.summary == (
        "Foot Posture Index +10 (left): highly pronated (at or above +10 on the FPI-6)"
    )


# Beighton items (4.3) ---------------------------------------------------------------------------


def test_the_beighton_score_is_the_number_of_its_items_and_a_typed_score_must_agree():
    items = (BeightonItem.THUMB_LEFT, BeightonItem.THUMB_RIGHT, BeightonItem.PALMS_FLAT)
    assert SpecialTest("beighton", NA, beighton_items=items).measured_value == 3
    assert SpecialTest("beighton", NA, beighton_items=()).measured_value == 0
    with pytest.raises(ValueError, match="add up to 3/9, not the 4 typed"):
        SpecialTest("beighton", NA, measured_value=D(4), beighton_items=items)
    assert len(BeightonItem) == 9  # 5 manoeuvres, 9 points (4.3)


def test_a_hypermobile_beighton_score_lists_its_items():
    items = (
        BeightonItem.LITTLE_FINGER_LEFT,
        BeightonItem.LITTLE_FINGER_RIGHT,
        BeightonItem.KNEE_LEFT,
        BeightonItem.PALMS_FLAT,
    )
    (finding,) = of_kind(
        AssessmentData(special_tests=(SpecialTest("beighton", NA, beighton_items=items),)),
        FindingKind.HYPERMOBILITY,
    )
    assert finding.summary.startswith("Beighton score 4/9: possible generalised hypermobility")
    assert finding.summary.endswith(
        "items: little finger passive dorsiflexion beyond 90°, left; little finger passive "
        "dorsiflexion beyond 90°, right; knee hyperextension beyond 10°, left; palms flat on the "
        "floor with knees straight"
    )


# End of range (4.1) and grip (3.1) --------------------------------------------------------------


def test_a_reduced_range_carries_its_end_feel_for_the_proposals():
    record = AssessmentData(
        range_of_motion=(
            RangeOfMotion(
                "knee_flexion",
                L,
                100,
                110,
                end_feel=EndFeel.CAPSULAR,
                pain_at_end_of_range=True,
                reproduces_complaint=False,
                instrument=RomInstrument.GONIOMETER,
            ),
        )
    )
    (finding,) = of_kind(record, FindingKind.REDUCED_RANGE_OF_MOTION)
    assert finding.end_feel is EndFeel.CAPSULAR
    assert finding.summary.endswith(
        "; joint/capsular end-feel, pain at end of range, does not reproduce the complaint, "
        "by goniometer"
    )


@pytest.mark.parametrize(
    ("left", "right", "flagged"),
    [
        ("30", "27", False),  # exactly 10 % is not above 10 % (0.9)
        ("30", "26.9", True),
        ("24", "30", True),
    ],
)
def test_grip_asymmetry_is_computed_from_kg_and_flagged_above_10_percent(left, right, flagged):
    record = AssessmentData(grip_strength=(GripStrength(L, D(left)), GripStrength(R, D(right))))
    findings = of_kind(record, FindingKind.STRENGTH_ASYMMETRY)
    assert bool(findings) is flagged
    if flagged:
        weaker = L if D(left) < D(right) else R
        assert findings[0].side is weaker
        assert findings[0].measurement("grip_left") == D(left)
        assert "(above 10 %)" in findings[0].summary


def test_one_hand_alone_gives_no_asymmetry():
    record = AssessmentData(grip_strength=(GripStrength(L, D(20)),))
    assert of_kind(record, FindingKind.STRENGTH_ASYMMETRY) == []


# Comparison and the stored record ----------------------------------------------------------------

BEFORE = AssessmentData(
    posture=(Posture(PostureDeviation.SCOLIOSIS, Severity.MILD, measured_value=D(7)),),
    foot_posture=(FootPostureIndex(L, (2, 1, 1, 2, 1, 1)),),
    grip_strength=(GripStrength(L, D(22)),),
    range_of_motion=(RangeOfMotion("knee_flexion", L, 100, end_feel=EndFeel.CAPSULAR),),
    circulation=Circulation(
        oedema=(Oedema(BodyRegion.ANKLE_FOOT, L, True, 3, pit_depth_mm=D(5)),),
        girths=(LimbGirth(WELLS_CALF_LANDMARK, L, D(38)),),
        wells=WellsScore(L, TWO, ("calf_swelling", "pitting_oedema"), 2),
    ),
)
AFTER = AssessmentData(
    posture=(Posture(PostureDeviation.SCOLIOSIS, Severity.MILD, measured_value=D(5)),),
    foot_posture=(FootPostureIndex(L, (1, 1, 1, 1, 1, 1)),),
    grip_strength=(GripStrength(L, D(26)),),
    range_of_motion=(RangeOfMotion("knee_flexion", L, 120, end_feel=EndFeel.SOFT_TISSUE),),
    circulation=Circulation(
        oedema=(Oedema(BodyRegion.ANKLE_FOOT, L, True, 1, pit_depth_mm=D(2)),),
        girths=(LimbGirth(WELLS_CALF_LANDMARK, L, D(36)),),
        wells=WellsScore(L, TWO, (), 0),
    ),
)


def test_the_comparison_shows_each_new_measure_judged_only_where_the_reference_gives_a_direction():
    changes = {
        (change.group, change.measure): (change.before, change.after, change.direction)
        for change in compare_records(BEFORE, AFTER, DEFAULT_REFERENCE)
    }
    posture, circulation = "Posture (measured)", "Circulation"
    assert changes[posture, "Scoliosis: angle of trunk rotation"] == (D(7), D(5), "better")
    assert changes[posture, "Foot Posture Index (FPI-6) (left)"] == (8, 6, "changed")
    assert changes["Strength (grip)", "Grip (left)"] == (D(22), D(26), "better")
    pit = changes[circulation, "Oedema pit depth, ankle and foot (left)"]
    assert pit == (D(5), D(2), "better")
    girth = changes[circulation, f"Girth, {WELLS_CALF_LANDMARK} (left)"]
    assert girth == (D(38), D(36), "changed")
    assert changes[circulation, "Wells DVT score (left)"] == (2, 0, "changed")
    before, after, direction = changes["Range of motion (end of range)", "Knee flexion (left)"]
    assert (str(before), str(after), direction) == (
        "joint/capsular end-feel",
        "soft-tissue end-feel",
        "changed",
    )


def test_every_new_measure_survives_the_stored_record():
    record = AssessmentData(
        posture=(
            Posture(
                PostureDeviation.SCOLIOSIS,
                Severity.MILD,
                measured_value=D("6.5"),
                method=MeasurementMethod.SCOLIOMETER,
                rib_hump=False,
            ),
        ),
        foot_posture=BEFORE.foot_posture,
        scapular_distances=(ScapularDistance(ScapularMeasure.SCAPULA_TO_SPINE, R, D("8.5")),),
        grip_strength=(GripStrength(R, D("31.5")),),
        range_of_motion=(
            RangeOfMotion("knee_flexion", L, 100, None, EndFeel.BONY, False, True, None),
        ),
        special_tests=(SpecialTest("beighton", NA, beighton_items=(BeightonItem.ELBOW_LEFT,)),),
        circulation=Circulation(
            oedema=(Oedema(BodyRegion.LOWER_LEG, L, True, 2, D(3), D(10), OedemaExtent.WHOLE_LEG),),
            girths=(LimbGirth("mid-thigh", L, D("50.2"), BodyRegion.THIGH),),
            wells=WellsScore(R, THREE, ("active_cancer", "alternative_diagnosis"), -1),
        ),
    )
    assert ASSESSMENT_RECORD.decode(ASSESSMENT_RECORD.encode(record)) == record


def test_a_record_without_the_new_measures_reads_them_as_not_recorded():
    stored = ASSESSMENT_RECORD.encode(AssessmentData())
    for name in ("grip_strength", "foot_posture", "scapular_distances"):
        del stored[name]
    for name in ("girths", "wells"):
        del stored["circulation"][name]
    decoded = ASSESSMENT_RECORD.decode(stored)
    assert (decoded.grip_strength, decoded.foot_posture, decoded.circulation.wells) == (
        (),
        (),
        None,
    )


def test_the_exported_finding_carries_the_end_feel():
    """The patient export writes findings with the documents' converter (``exported_findings``)."""
    record = AssessmentData(
        range_of_motion=(RangeOfMotion("knee_flexion", L, 90, end_feel=EndFeel.SOFT_TISSUE),)
    )
    (finding,) = of_kind(record, FindingKind.REDUCED_RANGE_OF_MOTION)
    assert converter.unstructure(finding)["end_feel"] == "soft_tissue"
