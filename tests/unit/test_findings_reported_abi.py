"""A reported ABI (from another clinician or a letter) is banded exactly like a computed one."""

from decimal import Decimal as D

import pytest

from practice.clinical.assessment_data import (
    AnklePressures,
    AssessmentData,
    Circulation,
    ReportedAbi,
)
from practice.clinical.findings import findings_for, leg_abis
from practice.clinical.vocabulary import FindingKind, Severity, Side

L, R = Side.LEFT, Side.RIGHT


def reported_findings(value: str, side: Side = L):
    circulation = Circulation(reported_abi=(ReportedAbi(side, D(value)),))
    return findings_for(AssessmentData(circulation=circulation))


@pytest.mark.parametrize(
    ("value", "kind", "severity"),
    [
        ("0.50", FindingKind.ARTERIAL_INSUFFICIENCY, Severity.SEVERE),
        ("0.51", FindingKind.ARTERIAL_INSUFFICIENCY, Severity.MODERATE),
        ("0.80", FindingKind.ARTERIAL_INSUFFICIENCY, Severity.MODERATE),
        ("0.81", FindingKind.ARTERIAL_INSUFFICIENCY, Severity.MILD),
        ("0.90", FindingKind.ARTERIAL_INSUFFICIENCY, Severity.MILD),
        ("0.905", FindingKind.BORDERLINE_ABI, None),  # rounded half up to 0.91 first (0.10)
        ("0.91", FindingKind.BORDERLINE_ABI, None),
        ("0.99", FindingKind.BORDERLINE_ABI, None),
        ("1.41", FindingKind.ABI_UNRELIABLE, None),
        ("2.00", FindingKind.ABI_UNRELIABLE, None),
    ],
)
def test_reported_abi_at_each_band_boundary(value, kind, severity):
    (finding,) = reported_findings(value)
    assert (finding.kind, finding.severity, finding.section) == (kind, severity, "0.10")


@pytest.mark.parametrize("value", ["1.00", "1.40"])
def test_normal_reported_abi_gives_no_finding(value):
    assert reported_findings(value) == []


@pytest.mark.parametrize("value", ["0", "0.3", "0.70", "0.905", "1.4", "1.41", "2"])
def test_reported_abi_gets_the_band_of_the_same_computed_abi(value):
    """Pressures of value x 200 over a brachial 200 give the same ABI by calculation."""
    ankle = int(D(value) * 200)
    computed = Circulation(
        brachial_left_mmhg=200, ankle_pressures=(AnklePressures(L, dorsalis_pedis_mmhg=ankle),)
    )
    reported = Circulation(reported_abi=(ReportedAbi(L, D(value)),))
    by_pressures = findings_for(AssessmentData(circulation=computed))
    by_report = findings_for(AssessmentData(circulation=reported))
    assert [(f.kind, f.severity) for f in by_report] == [(f.kind, f.severity) for f in by_pressures]
    assert [leg.abi for leg in leg_abis(reported)] == [leg.abi for leg in leg_abis(computed)]


def test_reported_abi_summary_says_it_was_reported():
    (finding,) = reported_findings("0.7", R)
    assert finding.summary.startswith("ABI 0.70 (right, reported): moderate arterial disease;")
    assert finding.measurement("abi") == D("0.70")
    assert finding.measurement("ankle_pressure") is None
    assert (finding.side, finding.region.value) == (R, "lower_leg")


def test_pressures_recorded_here_take_precedence_over_a_reported_abi_for_that_leg():
    circulation = Circulation(
        brachial_right_mmhg=140,
        ankle_pressures=(AnklePressures(R, dorsalis_pedis_mmhg=98),),
        reported_abi=(ReportedAbi(R, D("0.40")), ReportedAbi(L, D("0.85"))),
    )
    summaries = [f.summary for f in findings_for(AssessmentData(circulation=circulation))]
    assert [summary.split(";")[0] for summary in summaries] == [
        "ABI 0.70 (right): moderate arterial disease",
        "ABI 0.85 (left, reported): mild arterial disease",
    ]


def test_reported_abi_is_used_when_the_pressures_give_no_abi():
    """Ankle pressures without any brachial pressure cannot be computed; the report stands."""
    circulation = Circulation(
        ankle_pressures=(AnklePressures(L, dorsalis_pedis_mmhg=60),),
        reported_abi=(ReportedAbi(L, D("0.60")),),
    )
    (leg,) = leg_abis(circulation)
    assert (leg.side, leg.abi, leg.reported) == (L, D("0.60"), True)


def test_a_zero_brachial_pressure_gives_no_abi_instead_of_an_error():
    circulation = Circulation(
        brachial_left_mmhg=0, ankle_pressures=(AnklePressures(L, dorsalis_pedis_mmhg=60),)
    )
    assert findings_for(AssessmentData(circulation=circulation)) == []


@pytest.mark.parametrize("value", ["-0.01", "2.01", "2.5"])
def test_reported_abi_outside_zero_to_two_is_refused(value):
    with pytest.raises(ValueError, match=r"between 0\.00 and 2\.00"):
        ReportedAbi(L, D(value))


@pytest.mark.parametrize("side", [Side.BILATERAL, Side.NOT_APPLICABLE])
def test_reported_abi_is_for_one_leg(side):
    with pytest.raises(ValueError, match="left or the right leg"):
        ReportedAbi(side, D("0.9"))


def test_reported_abi_is_recorded_once_per_leg():
    with pytest.raises(ValueError, match="once per leg"):
        Circulation(reported_abi=(ReportedAbi(L, D("0.9")), ReportedAbi(L, D("0.8"))))
