"""Every threshold rule of the findings at its boundary, transcribed from the reference.

0.14: an inequality is implemented exactly as written and the boundary value itself is tested.
Each rule is tried just inside, at and just outside its threshold; where the evidence states the
threshold, the comparison word must be the one that was applied to the number shown.
"""

import operator
import re
from collections.abc import Callable
from decimal import Decimal

import pytest

from practice.clinical.assessment_data import (
    AnklePressures,
    AssessmentData,
    CapillaryRefill,
    Circulation,
    RangeOfMotion,
    SpecialTest,
    Strength,
    Subjective,
)
from practice.clinical.findings import Comparison, Finding, cut_off, findings_for
from practice.clinical.reference import DEFAULT_REFERENCE
from practice.clinical.vocabulary import BodyRegion, FindingKind, Side

D = Decimal
L, R, NA = Side.LEFT, Side.RIGHT, Side.NOT_APPLICABLE
TIGHT = FindingKind.MUSCLE_TIGHTNESS


def special(*tests: SpecialTest) -> AssessmentData:
    return AssessmentData(special_tests=tests)


def ankle_pair(straight: str, bent: str) -> AssessmentData:
    return special(
        SpecialTest("ankle_dorsiflexion_knee_straight", L, measured_value=D(straight)),
        SpecialTest("ankle_dorsiflexion_knee_bent", L, measured_value=D(bent)),
    )


def capillary(seconds: str) -> AssessmentData:
    refill = CapillaryRefill(D(seconds), BodyRegion.ANKLE_FOOT, R)
    return AssessmentData(circulation=Circulation(capillary_refill=(refill,)))


def forces(left: str, right: str) -> AssessmentData:
    return AssessmentData(
        strength=(
            Strength("gluteus_medius", L, 5, force_newtons=D(left)),
            Strength("gluteus_medius", R, 5, force_newtons=D(right)),
        )
    )


# (rule, section, builder, kind, value, fires, words the evidence must contain or None)
# The numbers are the reference's: SLR "around 80°" (4.3), AKE "within ~20°" (4.3), ankle
# dorsiflexion "< 18°" (4.3), Thomas "knee bends to roughly 80-90°" (4.3), capillary refill above
# 2 s (0.11), Beighton ">= 4" (4.3, the lower of the two), asymmetry above 10 % (0.9), ROM below
# the 4.2 normal, Oxford "MMT <= 4/5" (7.11) and grades differing by one or more (0.9).
THRESHOLD_RULES: list[tuple[str, Callable[[str], AssessmentData], FindingKind, str, bool, str]] = [
    (
        "straight leg raise below 80°",
        lambda v: special(SpecialTest("straight_leg_raise", L, measured_value=D(v))),
        TIGHT,
        *row,
    )
    for row in (
        ("79", True, "straight leg raise 79° (below 80°)"),
        ("80", False, ""),
        ("81", False, ""),
    )
]
THRESHOLD_RULES += [
    (
        "active knee extension above 20°",
        lambda v: special(SpecialTest("active_knee_extension", R, measured_value=D(v))),
        TIGHT,
        *row,
    )
    for row in (
        ("21", True, "active knee extension 21° (above 20°)"),
        ("20", False, ""),
        ("19", False, ""),
    )
]
THRESHOLD_RULES += [
    ("ankle dorsiflexion knee straight below 18°", lambda v: ankle_pair(v, "10"), TIGHT, *row)
    for row in (
        ("17", True, "Tight soleus (left): ankle dorsiflexion, knee straight 17° (below 18°)"),
        ("18", True, "Tight calf (left): ankle dorsiflexion, knee straight 18° (at or above 18°)"),
        ("19", True, "ankle dorsiflexion, knee straight 19° (at or above 18°)"),
    )
]
THRESHOLD_RULES += [
    ("ankle dorsiflexion knee bent below 18°", lambda v: ankle_pair("10", v), TIGHT, *row)
    for row in (
        ("17", True, "Tight soleus (left): ankle dorsiflexion, knee straight 10° (below 18°); "
         "ankle dorsiflexion, knee bent 17° (below 18°)"),
        ("18", True, "Tight gastrocnemius (left): ankle dorsiflexion, knee straight 10° "
         "(below 18°); ankle dorsiflexion, knee bent 18° (at or above 18°)"),
        ("22", True, "ankle dorsiflexion, knee bent 22° (at or above 18°)"),
    )
]  # fmt: skip
THRESHOLD_RULES += [
    (
        "Thomas test knee angle below 80°",
        lambda v: special(
            SpecialTest("thomas", R, measured_value=D(v), component="rectus_femoris")
        ),
        TIGHT,
        *row,
    )
    for row in (
        ("79", True, "Tight rectus femoris (right): Thomas test knee angle 79° (below 80°)"),
        ("80", False, ""),
        ("81", False, ""),
    )
]
THRESHOLD_RULES += [
    ("capillary refill above 2 s", capillary, FindingKind.DELAYED_CAPILLARY_REFILL, *row)
    for row in (
        ("2.1", True, "2.1 s at the ankle and foot (above 2 s)"),
        ("2", False, ""),
        ("1.9", False, ""),
    )
]
THRESHOLD_RULES += [
    (
        "Beighton score from 4/9",
        lambda v: special(SpecialTest("beighton", NA, measured_value=D(v))),
        FindingKind.HYPERMOBILITY,
        *row,
    )
    for row in (
        ("5", True, "Beighton score 5/9: possible generalised hypermobility (at or above 4/9;"),
        ("4", True, "Beighton score 4/9: possible generalised hypermobility (at or above 4/9;"),
        ("3", False, ""),
    )
]
THRESHOLD_RULES += [
    (
        "force asymmetry above 10 %",
        lambda v: forces("100", v),
        FindingKind.STRENGTH_ASYMMETRY,
        *row,
    )
    for row in (
        ("89.9", True, "force 10.1 % lower on the right"),
        ("90", False, ""),
        ("90.1", False, ""),
    )
]
THRESHOLD_RULES += [
    (
        "range of motion below the 4.2 normal",
        lambda v: AssessmentData(range_of_motion=(RangeOfMotion("hip_flexion", L, int(v)),)),
        FindingKind.REDUCED_RANGE_OF_MOTION,
        *row,
    )
    for row in (
        ("119", True, "active 119° against reference 120°"),
        ("120", False, ""),
        ("121", False, ""),
    )
]
THRESHOLD_RULES += [
    (
        "Oxford grade 4/5 or below is weak",
        lambda v: AssessmentData(strength=(Strength("quadriceps", R, int(v)),)),
        FindingKind.MUSCLE_WEAKNESS,
        *row,
    )
    for row in (
        ("3", True, "Weak quadriceps (right): 3/5"),
        ("4", True, "Weak quadriceps (right): 4/5"),
        ("5", False, ""),
    )
]
THRESHOLD_RULES += [
    (
        "Oxford grades differing by one or more",
        lambda v: AssessmentData(
            strength=(Strength("quadriceps", L, 5), Strength("quadriceps", R, int(v)))
        ),
        FindingKind.STRENGTH_GRADE_ASYMMETRY,
        *row,
    )
    for row in (
        ("3", True, "right 3/5 against 5/5 left"),
        ("4", True, "right 4/5 against 5/5 left"),
        ("5", False, ""),
    )
]


@pytest.mark.parametrize(
    ("rule", "build", "kind", "value", "fires", "words"),
    THRESHOLD_RULES,
    ids=[f"{rule}: {value}" for rule, _, _, value, _, _ in THRESHOLD_RULES],
)
def test_each_threshold_rule_at_its_boundary(rule, build, kind, value, fires, words):
    found = [finding for finding in findings_for(build(value)) if finding.kind is kind]
    assert bool(found) is fires, [finding.summary for finding in found]
    if words:
        assert any(words in finding.summary for finding in found), [f.summary for f in found]


_STATED = re.compile(
    r"(−?[\d.]+)(°| s|/9) \((below|at or above|above|at or below) ([\d.]+)(°| s|/9)[;)]"
)
_APPLIED = {
    "below": operator.lt,
    "at or above": operator.ge,
    "above": operator.gt,
    "at or below": operator.le,
}


def stated_comparisons(findings: list[Finding]) -> list[tuple[str, Decimal, str, Decimal]]:
    """Every "<value><unit> (<comparison> <threshold><unit>" a finding states."""
    return [
        (match[0], D(match[1].replace("−", "-")), match[3], D(match[4]))
        for finding in findings
        for match in _STATED.finditer(finding.summary)
    ]


def test_every_stated_comparison_is_true_of_the_number_it_follows():
    """Over the whole table, a finding never says "22° (below 18°)"."""
    checked = 0
    for _, build, _, value, _, _ in THRESHOLD_RULES:
        for text, number, comparison, threshold in stated_comparisons(findings_for(build(value))):
            assert _APPLIED[comparison](number, threshold), text
            checked += 1
    assert checked >= 14  # the table does produce evidence that states its threshold


@pytest.mark.parametrize(
    ("name", "comparison"),
    [
        ("asymmetry_flag_above_percent", Comparison.ABOVE),  # 0.9 "above 10 %"
        ("oxford_weakness_at_or_below_grade", Comparison.AT_OR_BELOW),  # 7.11 "MMT <= 4/5"
        ("abi_non_compressible_above", Comparison.ABOVE),  # 0.10 "above 1.40"
        ("abi_normal_from", Comparison.AT_OR_ABOVE),  # 0.10 "1.00 to 1.40 normal"
        ("capillary_refill_delayed_above_seconds", Comparison.ABOVE),  # 0.11 "above 2 s"
        ("nprs_severe_from", Comparison.AT_OR_ABOVE),  # 9 "7-10 severe"
        ("beighton_hypermobile_from", Comparison.AT_OR_ABOVE),  # 4.3 ">= 4"
        ("straight_leg_raise_tight_below_degrees", Comparison.BELOW),
        ("active_knee_extension_tight_above_degrees", Comparison.ABOVE),
        ("ankle_dorsiflexion_short_below_degrees", Comparison.BELOW),  # 4.3 "< 18°"
        ("thomas_knee_flexion_tight_below_degrees", Comparison.BELOW),
        ("rom_reduced_below_percent_of_normal", Comparison.BELOW),
    ],
)
def test_a_threshold_is_compared_as_its_name_says(name, comparison):
    assert cut_off(DEFAULT_REFERENCE, name).comparison is comparison


def test_a_value_that_names_no_comparison_is_refused():
    with pytest.raises(ValueError, match="does not name its comparison"):
        cut_off(DEFAULT_REFERENCE, "oxford_grade_asymmetry_min_difference")


def test_the_thomas_knee_angle_cut_off_is_80_degrees_and_configurable():
    """4.3: "knee bends to roughly 80-90°" is normal; a knee that flexes less is rectus femoris."""
    assert DEFAULT_REFERENCE.thomas_knee_flexion_tight_below_degrees == 80
    assert DEFAULT_REFERENCE.section_of("thomas_knee_flexion_tight_below_degrees") == "4.3"
    reference = DEFAULT_REFERENCE.with_overrides({"thomas_knee_flexion_tight_below_degrees": 90})
    record = special(SpecialTest("thomas", L, measured_value=D(85), component="rectus_femoris"))
    (finding,) = findings_for(record, reference)
    assert finding.summary == "Tight rectus femoris (left): Thomas test knee angle 85° (below 90°)"
    assert finding.measurement("thomas_rectus_femoris") == D(85)


def test_a_recorded_thomas_result_wins_over_the_knee_angle():
    record = special(
        SpecialTest("thomas", L, False, D(60), component="rectus_femoris"),
        SpecialTest("thomas", R, True, D(85), component="rectus_femoris"),
    )
    assert [f.summary for f in findings_for(record)] == [
        "Tight rectus femoris (right): Thomas test knee angle 85° positive"
    ]


def test_the_other_thomas_parts_have_no_numeric_cut_off():
    """4.3 gives a figure for the knee only; the thigh and abduction parts are as recorded."""
    record = special(
        SpecialTest("thomas", L, measured_value=D(30), component="iliopsoas"),
        SpecialTest("thomas", L, measured_value=D(30), component="tensor_fasciae_latae"),
    )
    assert findings_for(record) == []


def test_a_beighton_score_recorded_positive_below_the_cut_off_says_both():
    (finding,) = findings_for(special(SpecialTest("beighton", NA, True, D(3))))
    assert finding.summary == (
        "Beighton score 3/9: possible generalised hypermobility "
        "(below 4/9, recorded positive; not diagnostic alone)"
    )


# Pain bands (9) --------------------------------------------------------------------------------

NPRS_BANDS = [(0, "no pain"), (1, "mild"), (3, "mild"), (4, "moderate"), (6, "moderate")]
NPRS_BANDS += [(7, "severe"), (10, "severe")]
"""Physiotherapy Canada bands (9): 1-3 mild, 4-6 moderate, 7-10 severe; 0 is no pain."""


@pytest.mark.parametrize(("score", "band"), NPRS_BANDS)
def test_current_best_and_worst_pain_are_each_banded(score, band):
    other = 5 if score != 5 else 6
    cases = [
        (Subjective(nprs_now=score, nprs_worst=other), f"{score}/10 now ({band})"),
        (Subjective(nprs_best=score, nprs_worst=other), f"best {score}/10 ({band})"),
        (Subjective(nprs_worst=score, nprs_now=other), f"worst {score}/10 ({band}) in the last"),
    ]
    for subjective, words in cases:
        (finding,) = findings_for(AssessmentData(subjective=subjective))
        assert words in finding.summary, finding.summary


def test_pain_severity_stays_the_band_of_the_current_score():
    (finding,) = findings_for(AssessmentData(subjective=Subjective(nprs_now=2, nprs_worst=9)))
    assert finding.summary == "Pain 2/10 now (mild), worst 9/10 (severe) in the last 24 h"
    assert finding.severity.value == "mild"


def test_pain_bands_follow_a_configured_table():
    reference = DEFAULT_REFERENCE.with_overrides({"nprs_moderate_from": 6, "nprs_severe_from": 8})
    subjective = Subjective(nprs_now=5, nprs_best=1, nprs_worst=7)
    (finding,) = findings_for(AssessmentData(subjective=subjective), reference)
    assert (
        finding.summary
        == "Pain 5/10 now (mild), best 1/10 (mild), worst 7/10 (moderate) in the last 24 h"
    )


# ABI caveat (5.3) ------------------------------------------------------------------------------


@pytest.mark.parametrize("ankle", [40, 60, 85, 95, 145])
def test_every_abi_finding_carries_the_diabetes_and_calcification_caveat(ankle):
    """5.3: "Diabetes can give falsely normal/high values" [V]; "> 1.40 non-compressible
    (calcified) vessels"."""
    circulation = Circulation(
        brachial_left_mmhg=100, ankle_pressures=(AnklePressures(L, dorsalis_pedis_mmhg=ankle),)
    )
    (finding,) = findings_for(AssessmentData(circulation=circulation))
    assert finding.summary.endswith(
        "; diabetes can give falsely normal or high values (calcified vessels)"
    )
    assert finding.section == "0.10"
