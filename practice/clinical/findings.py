"""What an assessment shows: findings derived from the raw record with the reference table.

Every finding names the section of ``shared/clinical-reference.md`` its rule or threshold comes
from. Findings are shown to clinicians as reference, never as a diagnosis.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Protocol, TypeVar

from practice.clinical.assessment_data import (
    BEIGHTON_MANOEUVRES,
    WELLS_CALF_LANDMARK,
    ActivityLevel,
    AssessmentData,
    BeightonItem,
    CapillaryRefill,
    Circulation,
    Claudication,
    CrampCondition,
    EndFeel,
    FootPostureIndex,
    GripStrength,
    Lifestyle,
    LimbGirth,
    Medication,
    MedicationClass,
    Oedema,
    Posture,
    Pulse,
    RangeOfMotion,
    RedFlagAnswer,
    RedFlagScreen,
    ScapularDistance,
    ScapularMeasure,
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
    WellsScore,
    WellsVersion,
    WorkPosture,
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
    JointMovement,
    MuscleGroup,
)
from practice.clinical.labels import in_sentence
from practice.clinical.reference import (
    DEFAULT_REFERENCE,
    OEDEMA_GRADES,
    PULSE_SCALES,
    ReferenceValues,
    RomNormal,
    Verification,
)
from practice.clinical.vocabulary import (
    BodyRegion,
    CrampTrigger,
    FindingKind,
    PostureDeviation,
    Severity,
    Side,
)

Number = Decimal | int | float


@dataclass(frozen=True)
class Measurement:
    name: str
    value: Decimal
    unit: str


@dataclass(frozen=True)
class Finding:
    """One finding. ``subject`` is the stable code of what it is about (muscle group, joint
    movement, red flag, posture deviation, pulse site, crossed syndrome), when there is one."""

    kind: FindingKind
    region: BodyRegion
    side: Side
    summary: str
    section: str
    severity: Severity | None = None
    trigger: CrampTrigger | None = None
    subject: str | None = None
    measurements: tuple[Measurement, ...] = ()
    end_feel: EndFeel | None = None  # of a reduced range: stretching or mobility (7.1, 7.12)

    def measurement(self, name: str) -> Decimal | None:
        return next((item.value for item in self.measurements if item.name == name), None)


class AbiBand(StrEnum):
    NON_COMPRESSIBLE = "non_compressible"
    NORMAL = "normal"
    BORDERLINE = "borderline"
    MILD_PAD = "mild_pad"
    MODERATE_PAD = "moderate_pad"
    SEVERE_PAD = "severe_pad"


class CapillaryRefillBand(StrEnum):
    NORMAL = "normal"
    DELAYED = "delayed"


# Calculations ---------------------------------------------------------------------------------


def _decimal(value: Number) -> Decimal:
    """A float is taken as written (0.905, not its binary neighbour 0.90499...)."""
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


class Comparison(StrEnum):
    """How a value is compared with a threshold; the value is the words a finding uses."""

    BELOW = "below"
    AT_OR_ABOVE = "at or above"
    ABOVE = "above"
    AT_OR_BELOW = "at or below"


_OPERATORS = {
    Comparison.BELOW: operator.lt,
    Comparison.AT_OR_ABOVE: operator.ge,
    Comparison.ABOVE: operator.gt,
    Comparison.AT_OR_BELOW: operator.le,
}
_NEGATED = {
    Comparison.BELOW: Comparison.AT_OR_ABOVE,
    Comparison.AT_OR_ABOVE: Comparison.BELOW,
    Comparison.ABOVE: Comparison.AT_OR_BELOW,
    Comparison.AT_OR_BELOW: Comparison.ABOVE,
}


@dataclass(frozen=True)
class CutOff:
    """One threshold with the comparison that applies it. The same object decides a rule and
    words its evidence, so "22° (below 18°)" cannot be written."""

    threshold: Decimal
    comparison: Comparison
    unit: str = ""

    def met(self, value: Number) -> bool:
        return _OPERATORS[self.comparison](_decimal(value), self.threshold)

    def describe(self, value: Number) -> str:
        """Where ``value`` lies: "below 18°" when the rule is met, "at or above 18°" when not."""
        comparison = self.comparison if self.met(value) else _NEGATED[self.comparison]
        return f"{comparison} {_number(self.threshold, 2)}{self.unit}"


def cut_off(reference: ReferenceValues, name: str, unit: str = "") -> CutOff:
    """The threshold ``name`` of the reference, compared as its name says (0.14): ``*_above*``
    strictly above, ``*_below*`` strictly below, ``*_at_or_below*`` and ``*_from`` inclusive."""
    words = name.split("_")
    if "at_or_below" in name:
        comparison = Comparison.AT_OR_BELOW
    elif "above" in words:
        comparison = Comparison.ABOVE
    elif "below" in words:
        comparison = Comparison.BELOW
    elif "from" in words:
        comparison = Comparison.AT_OR_ABOVE
    else:
        raise ValueError(f"Reference value {name!r} does not name its comparison")
    return CutOff(_decimal(getattr(reference, name)), comparison, unit)


def round_half_up(value: Number, places: int = 2) -> Decimal:
    return _decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def asymmetry_percent(left: Number, right: Number) -> Decimal:
    """(stronger − weaker) / stronger × 100, from measured quantities only (3.2, 0.9)."""
    left, right = _decimal(left), _decimal(right)
    if left < 0 or right < 0:
        raise ValueError("Asymmetry needs measurements of zero or more")
    stronger, weaker = max(left, right), min(left, right)
    if stronger == 0:
        return Decimal(0)
    return (stronger - weaker) / stronger * 100


def asymmetry_flagged(percent: Decimal, reference: ReferenceValues = DEFAULT_REFERENCE) -> bool:
    """Above the threshold flags; exactly the threshold does not (0.9)."""
    return cut_off(reference, "asymmetry_flag_above_percent").met(percent)


def limb_symmetry_index(involved: Number, uninvolved: Number) -> Decimal:
    """Involved ÷ uninvolved × 100 (3.2)."""
    if uninvolved <= 0:
        raise ValueError("The uninvolved side must be above zero")
    return _decimal(involved) / _decimal(uninvolved) * 100


def percent_of_normal(measured: Number, normal: Number) -> Decimal:
    if normal <= 0:
        raise ValueError("A percentage of normal needs a normal value above zero")
    return _decimal(measured) / _decimal(normal) * 100


def ankle_brachial_index(ankle_mmhg: Iterable[Number], brachial_mmhg: Iterable[Number]) -> Decimal:
    """The higher ankle pressure over the higher brachial pressure, rounded half up (0.10)."""
    ankle, brachial = [_decimal(v) for v in ankle_mmhg], [_decimal(v) for v in brachial_mmhg]
    if not ankle or not brachial:
        raise ValueError("The ABI needs at least one ankle and one brachial pressure")
    if max(brachial) <= 0:
        raise ValueError("The brachial pressure must be above zero")
    return round_half_up(max(ankle) / max(brachial))


def abi_band(abi: Number, reference: ReferenceValues = DEFAULT_REFERENCE) -> AbiBand:
    """Band an ABI (0.10); the value is rounded half up to two decimals first."""
    abi = round_half_up(abi)
    if abi > reference.abi_non_compressible_above:
        return AbiBand.NON_COMPRESSIBLE
    if abi >= reference.abi_normal_from:
        return AbiBand.NORMAL
    if abi >= reference.abi_borderline_from:
        return AbiBand.BORDERLINE
    if abi >= reference.abi_mild_pad_from:
        return AbiBand.MILD_PAD
    if abi >= reference.abi_moderate_pad_from:
        return AbiBand.MODERATE_PAD
    return AbiBand.SEVERE_PAD


def capillary_refill_band(
    seconds: Number, reference: ReferenceValues = DEFAULT_REFERENCE
) -> CapillaryRefillBand:
    """Above the threshold is delayed; exactly the threshold is not (0.11)."""
    if cut_off(reference, "capillary_refill_delayed_above_seconds").met(seconds):
        return CapillaryRefillBand.DELAYED
    return CapillaryRefillBand.NORMAL


def nprs_severity(score: int, reference: ReferenceValues = DEFAULT_REFERENCE) -> Severity:
    """Physiotherapy Canada bands (9): 0 none, 1-3 mild, 4-6 moderate, 7-10 severe."""
    if not 0 <= score <= 10:
        raise ValueError(f"NPRS must be 0-10, not {score!r}")
    if score >= reference.nprs_severe_from:
        return Severity.SEVERE
    if score >= reference.nprs_moderate_from:
        return Severity.MODERATE
    if score >= reference.nprs_mild_from:
        return Severity.MILD
    return Severity.ABSENT


def oxford_indicates_weakness(grade: int, reference: ReferenceValues = DEFAULT_REFERENCE) -> bool:
    """MMT ≤ 4/5 indicates strengthening (7.11); a "+" or "−" modifier does not change the grade."""
    return cut_off(reference, "oxford_weakness_at_or_below_grade").met(grade)


def oxford_grades_differ(
    left_grade: int, right_grade: int, reference: ReferenceValues = DEFAULT_REFERENCE
) -> bool:
    """Whole grades differing by one or more (0.9); modifiers are finer than a grade."""
    return abs(left_grade - right_grade) >= reference.oxford_grade_asymmetry_min_difference


# Wording ----------------------------------------------------------------------------------------

_SIDE_WORDS = {Side.LEFT: "left", Side.RIGHT: "right", Side.BILATERAL: "both sides"}
_OPPOSITE = {Side.LEFT: Side.RIGHT, Side.RIGHT: Side.LEFT}
_UNIT_SYMBOLS = {"degrees": "°", "cm": " cm"}
_TRIGGER_WORDS = {
    CrampTrigger.DEHYDRATION: "dehydration",
    CrampTrigger.OVERUSE_FATIGUE: "overuse and fatigue",
    CrampTrigger.POOR_CIRCULATION: "poor circulation",
    CrampTrigger.MINERAL_DEFICIENCY: "mineral deficiency",
    CrampTrigger.STRESS_ANXIETY: "stress and anxiety",
}
_TIMING_WORDS = {
    SpasmTiming.AT_REST: "at rest",
    SpasmTiming.DURING_EXERCISE: "during exercise",
    SpasmTiming.AFTER_EXERCISE: "after exercise",
    SpasmTiming.PROLONGED_POSITION: "with a prolonged position",
}


def _number(value: Number, places: int = 1) -> str:
    text = f"{round_half_up(value, places):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace("-", "−")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _with_qualifiers(text: str, *qualifiers: str) -> str:
    present = [qualifier for qualifier in qualifiers if qualifier]
    return f"{text} ({', '.join(present)})" if present else text


def _with_side(text: str, side: Side) -> str:
    return _with_qualifiers(text, _SIDE_WORDS.get(side, ""))


_VERIFICATION_WORDS = {
    Verification.UNVERIFIED: "not confirmed against a source",
    Verification.DISPUTED: "sources disagree",
}


def verification_note(normal: RomNormal) -> str:
    """The reference's [U] and [D] marks of a normal value in words, for clinicians."""
    return "; ".join(
        _VERIFICATION_WORDS[mark] for mark in normal.marks if mark in _VERIFICATION_WORDS
    )


class _Sided(Protocol):
    @property
    def side(self) -> Side: ...


_Record = TypeVar("_Record", bound=_Sided)


def _by_side(
    records: Iterable[_Record], code: Callable[[_Record], str]
) -> dict[str, dict[Side, _Record]]:
    grouped: dict[str, dict[Side, _Record]] = {}
    for record in records:
        grouped.setdefault(code(record), {})[record.side] = record
    return grouped


# Subjective -------------------------------------------------------------------------------------


def _red_flag_findings(screens: Sequence[RedFlagScreen]) -> list[Finding]:
    """Each positive red flag (1.2) or raised cramp referral rule (6.2), where it was recorded,
    with its action and its medical clearance when recorded (0.5)."""
    findings = []
    for screen in screens:
        if screen.answer is not RedFlagAnswer.YES:
            continue
        flag = RED_FLAGS[screen.code]
        head = "Cramp referral" if flag.section == "6.2" else "Red flag"
        where = "" if screen.region in (None, BodyRegion.WHOLE_BODY) else in_sentence(screen.region)
        parts = [
            _with_qualifiers(f"{head}: {flag.label}", where, _SIDE_WORDS.get(screen.side, "")),
            screen.detail,
        ]
        if screen.action_recorded:
            parts.append(f"action: {screen.action_taken}")
            if screen.referral_to:
                parts.append(
                    _with_qualifiers(f"referred to {screen.referral_to}", screen.urgency or "")
                )
        else:
            parts.append(f"no action recorded yet ({flag.referral})")
        if screen.cleared:
            parts.append(
                _with_qualifiers(
                    f"medically cleared by {screen.cleared_by} on {screen.cleared_on:%d %b %Y}",
                    screen.clearance_note,
                )
            )
        findings.append(
            Finding(
                FindingKind.RED_FLAG,
                screen.region or flag.region,
                screen.side,
                "; ".join(part for part in parts if part),
                flag.section,
                subject=screen.code,
            )
        )
    return findings


def weight_loss_percent(weight_kg: Number, lost_kg: Number) -> Decimal:
    """The weight lost as a percentage of the weight before the loss (1.2: "% body weight"),
    unrounded: the threshold is applied to it exactly (0.14) and only the words round it."""
    before = _decimal(weight_kg) + _decimal(lost_kg)
    return _decimal(lost_kg) / before * 100


def _warning_sign_findings(subjective: Subjective, reference: ReferenceValues) -> list[Finding]:
    """The subjective warning signs that are red-flag features to reason with (1.1, 1.2), never
    a diagnosis: night pain unrelieved by any position, and weight loss past the configurable
    threshold (one teaching source: > 10 % of body weight in 6 months [U][D]). They carry no
    red-flag subject: the clinician answers the red-flag screen."""
    findings = []
    if subjective.night_pain_unrelieved:
        findings.append(
            Finding(
                FindingKind.RED_FLAG,
                BodyRegion.WHOLE_BODY,
                Side.NOT_APPLICABLE,
                "Night pain unrelieved by any position: a warning sign, and a feature of possible "
                "malignancy to consider in the red-flag screen",
                "1.1",
            )
        )
    weight, lost, months = (
        subjective.weight_kg,
        subjective.weight_loss_kg,
        subjective.weight_loss_months,
    )
    if weight is None or lost is None or months is None:
        return findings
    percent = weight_loss_percent(weight, lost)
    limit = reference.weight_loss_flag_above_percent
    window = reference.weight_loss_within_months
    if percent > limit and months <= window:
        findings.append(
            Finding(
                FindingKind.RED_FLAG,
                BodyRegion.WHOLE_BODY,
                Side.NOT_APPLICABLE,
                f"Weight loss {_number(lost)} kg in {months} month{'s' if months != 1 else ''} "
                f"({_number(percent)} % of body weight, above {_number(limit)} % in {window} "
                "months): if unexplained, a feature of possible malignancy to consider in the "
                "red-flag screen",
                "1.2",
                measurements=(Measurement("weight_loss_percent", round_half_up(percent, 1), "%"),),
            )
        )
    return findings


_PAIN_SCORES = (
    ("now", "{score}/10 now", ""),
    ("best", "best {score}/10", ""),
    ("worst", "worst {score}/10", " in the last 24 h"),
)
"""How each NPRS score of the subjective record is written: its band (9) follows the score."""


def _pain_band(score: int, reference: ReferenceValues) -> str:
    band = nprs_severity(score, reference)
    return "no pain" if band is Severity.ABSENT else band  # 9: "0 (no pain)"


def _pain_findings(subjective: Subjective, reference: ReferenceValues) -> list[Finding]:
    """Every score is banded with the same table (9); the finding's severity is the band of the
    current score, the one treatment changes."""
    scores = {name: getattr(subjective, f"nprs_{name}") for name, _, _ in _PAIN_SCORES}
    unratable = subjective.nprs_unratable_reason.strip()
    if unratable:
        return _at_pain_sites(
            subjective,
            "Pain not rated: the patient cannot rate pain on the NPRS reliably "
            f"({unratable}); a patient who cannot report discomfort is not given electrotherapy",
            None,
            (),
            "0.3",
        )
    if not any(scores.values()):
        return []  # no pain at all, or no score: nothing to find
    now = scores["now"]
    severity = None if now is None else nprs_severity(now, reference)
    recorded = [
        _with_qualifiers(text.format(score=score), _pain_band(score, reference)) + period
        for name, text, period in _PAIN_SCORES
        if (score := scores[name]) is not None
    ]
    text = f"Pain {', '.join(recorded)}"
    measurements = tuple(
        Measurement(f"nprs_{name}", Decimal(score), "points")
        for name, score in scores.items()
        if score is not None
    )
    return _at_pain_sites(subjective, text, severity, measurements, "9")


def _at_pain_sites(
    subjective: Subjective,
    text: str,
    severity: Severity | None,
    measurements: tuple[Measurement, ...],
    section: str,
) -> list[Finding]:
    """One pain finding per pain site, or one for the whole body when no site is recorded."""
    sites = subjective.pain_sites
    if not sites:
        return [
            Finding(
                FindingKind.PAIN,
                BodyRegion.WHOLE_BODY,
                Side.NOT_APPLICABLE,
                text,
                section,
                severity=severity,
                measurements=measurements,
            )
        ]
    return [
        Finding(
            FindingKind.PAIN,
            site.region,
            site.side,
            f"{text}: {_with_side(in_sentence(site.region), site.side)}",
            section,
            severity=severity,
            measurements=measurements,
        )
        for site in sites
    ]


# Posture and crossed syndromes -----------------------------------------------------------------


_POSTURE_CUT_OFFS: Mapping[PostureDeviation, str] = {
    PostureDeviation.THORACIC_KYPHOSIS: "thoracic_kyphosis_increased_above_degrees",
    PostureDeviation.GENU_VALGUM: "genu_valgum_intermalleolar_above_cm",
    PostureDeviation.GENU_RECURVATUM: "genu_recurvatum_above_degrees",
    PostureDeviation.SCOLIOSIS: "scoliometer_recheck_from_degrees",
}
"""Measured posture values with a threshold in 2.2; the others (genu varum, lateral pelvic tilt,
the acromion-to-table distance) have none verified and are recorded only."""
_POSTURE_UNITS = {"degrees": "°", "cm": " cm", "mm": " mm"}
_POSTURE_MEANINGS = {
    # 2.2: what a value on either side of the cut-off means, when the reference says it.
    PostureDeviation.SCOLIOSIS: ("radiograph or recheck suggested", "usually no action"),
    PostureDeviation.GENU_VALGUM: ("physiological in young children", ""),
}


def _posture_cut_off(posture: Posture, reference: ReferenceValues) -> CutOff | None:
    name = _POSTURE_CUT_OFFS.get(posture.deviation)
    if name is None or posture.measure is None:
        return None
    return cut_off(reference, name, _POSTURE_UNITS[posture.measure.unit])


def _posture_evidence(posture: Posture, reference: ReferenceValues) -> str:
    """The measured value with its method and where it lies against the cut-off (2.2, 2.3),
    and the Adams forward-bend result of a scoliosis."""
    parts = []
    measure = posture.measure
    if measure is not None and posture.measured_value is not None:
        value = posture.measured_value
        text = f"{measure.name} {_number(value)}{_POSTURE_UNITS[measure.unit]}"
        if posture.method is not None:
            text += f" by {posture.method.replace('_', ' ')}"
        cut = _posture_cut_off(posture, reference)
        if cut is not None:
            met, unmet = _POSTURE_MEANINGS.get(posture.deviation, ("", ""))
            meaning = met if cut.met(value) else unmet
            text += f" ({', '.join(filter(None, (cut.describe(value), meaning)))})"
        parts.append(text)
    if posture.rib_hump is True:
        parts.append("rib hump on forward bending: structural curve")
    elif posture.rib_hump is False:
        parts.append("no rib hump on forward bending (a curve that goes suggests postural)")
    return "; ".join(parts)


_SCAPULAR_WORDS = {
    ScapularMeasure.SCAPULA_TO_SPINE: "scapula to spine",
    ScapularMeasure.ACROMION_TO_TABLE: "acromion to table, supine",
}


def _scapular_evidence(distances: Sequence[ScapularDistance]) -> str:
    """The measured protraction per side (2.1, 2.2); no threshold is verified, so no verdict."""
    by_measure: dict[ScapularMeasure, list[str]] = {}
    for item in distances:
        by_measure.setdefault(item.measure, []).append(f"{item.side} {_number(item.cm)} cm")
    return "; ".join(
        f"{_SCAPULAR_WORDS[measure]} {', '.join(sides)}" for measure, sides in by_measure.items()
    )


def _posture_findings(
    postures: Sequence[Posture],
    reference: ReferenceValues,
    scapular: Sequence[ScapularDistance] = (),
) -> list[Finding]:
    """A deviation graded present; or one left at absent whose measured value meets its cut-off
    (2.2), which the finding says was measured, not graded. Rounded shoulders carry the
    measured scapular distances."""
    findings = []
    for posture in postures:
        cut = _posture_cut_off(posture, reference)
        measured_over = (
            cut is not None
            and posture.measured_value is not None
            and cut.met(posture.measured_value)
        )
        if not posture.present and not measured_over:
            continue
        info = POSTURE_DEVIATIONS[posture.deviation]
        grading = posture.severity if posture.present else "measured, not graded"
        text = _with_qualifiers(
            _sentence(info.label), _SIDE_WORDS.get(posture.side, ""), grading or ""
        )
        evidence = [_posture_evidence(posture, reference), posture.note]
        if posture.deviation is PostureDeviation.ROUNDED_SHOULDERS:
            evidence.insert(1, _scapular_evidence(scapular))
        details = "; ".join(filter(None, evidence))
        measurements = ()
        if posture.measured_value is not None and posture.measure is not None:
            measurements = (
                Measurement(posture.deviation.value, posture.measured_value, posture.measure.unit),
            )
        findings.append(
            Finding(
                FindingKind.POSTURAL_DEVIATION,
                posture.region or info.region,
                posture.side,
                f"{text}: {details}" if details else text,
                "2.2",
                severity=posture.severity if posture.present else None,
                subject=posture.deviation,
                measurements=measurements,
            )
        )
    return findings


class FootPostureBand(StrEnum):
    """The FPI-6 bands of 2.2."""

    HIGHLY_SUPINATED = "highly supinated"
    SUPINATED = "supinated"
    NORMAL = "normal"
    PRONATED = "pronated"
    HIGHLY_PRONATED = "highly pronated"


_FPI_BANDS = (
    # Checked in this order: the first cut-off met gives the band (2.2).
    ("fpi_highly_pronated_from", FootPostureBand.HIGHLY_PRONATED),
    ("fpi_pronated_from", FootPostureBand.PRONATED),
    ("fpi_highly_supinated_at_or_below", FootPostureBand.HIGHLY_SUPINATED),
    ("fpi_supinated_at_or_below", FootPostureBand.SUPINATED),
)


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else _number(value)


def foot_posture_band(
    total: int, reference: ReferenceValues = DEFAULT_REFERENCE
) -> tuple[FootPostureBand, CutOff | None]:
    """The band of an FPI-6 total (2.2) and the cut-off that put it there (None: normal)."""
    for name, band in _FPI_BANDS:
        cut = cut_off(reference, name)
        if cut.met(total):
            return band, cut
    return FootPostureBand.NORMAL, None


def _foot_posture_findings(
    feet: Sequence[FootPostureIndex], reference: ReferenceValues
) -> list[Finding]:
    findings = []
    for foot in feet:
        band, cut = foot_posture_band(foot.total, reference)
        if cut is None:
            continue
        pronated = band in (FootPostureBand.PRONATED, FootPostureBand.HIGHLY_PRONATED)
        threshold = _signed(int(cut.threshold))
        findings.append(
            Finding(
                FindingKind.POSTURAL_DEVIATION,
                BodyRegion.ANKLE_FOOT,
                foot.side,
                f"{_with_side(f'Foot Posture Index {_signed(foot.total)}', foot.side)}: "
                f"{band} ({cut.comparison} {threshold} on the FPI-6)",
                "2.2",
                subject=PostureDeviation.FOOT_PRONATION
                if pronated
                else PostureDeviation.FOOT_SUPINATION,
                measurements=(Measurement("foot_posture_index", Decimal(foot.total), "points"),),
            )
        )
    return findings


_SYNDROME_FINDINGS = {
    CrossedSyndrome.UPPER: (FindingKind.UPPER_CROSSED_SYNDROME, BodyRegion.NECK, "Upper"),
    CrossedSyndrome.LOWER: (FindingKind.LOWER_CROSSED_SYNDROME, BodyRegion.PELVIS, "Lower"),
}


def _crossed_syndrome_findings(
    postures: Sequence[Posture], muscle_findings: Sequence[Finding]
) -> list[Finding]:
    """Janda's pattern (2.4), recognised conservatively: at least one of the syndrome's core
    tight muscles with a positive length test, at least one of its core weak muscles at Oxford
    grade 4 or below, and at least one of its associated postures present. Muscles 2.4 only
    "sometimes" adds (TFL, quadratus lumborum, piriformis, scalenes) do not count."""
    tight = {item.subject for item in muscle_findings if item.kind is FindingKind.MUSCLE_TIGHTNESS}
    weak = {item.subject for item in muscle_findings if item.kind is FindingKind.MUSCLE_WEAKNESS}
    findings = []
    for syndrome, (kind, region, name) in _SYNDROME_FINDINGS.items():
        core = [group for group in MUSCLE_GROUPS.values() if group.syndrome is syndrome]
        tight_core = [
            g.label for g in core if g.tendency is JandaTendency.TIGHT and g.code in tight
        ]
        weak_core = [g.label for g in core if g.tendency is JandaTendency.WEAK and g.code in weak]
        seen_postures = dict.fromkeys(
            POSTURE_DEVIATIONS[posture.deviation].label
            for posture in postures
            if posture.present and POSTURE_DEVIATIONS[posture.deviation].syndrome is syndrome
        )
        if tight_core and weak_core and seen_postures:
            findings.append(
                Finding(
                    kind,
                    region,
                    Side.NOT_APPLICABLE,
                    f"{name} crossed syndrome pattern: tight {', '.join(tight_core)}; "
                    f"weak {', '.join(weak_core)}; {', '.join(seen_postures)}",
                    "2.4",
                    subject=syndrome,
                )
            )
    return findings


# Strength ---------------------------------------------------------------------------------------


def _strength_findings(records: Sequence[Strength], reference: ReferenceValues) -> list[Finding]:
    findings = []
    for code, by_side in _by_side(records, lambda record: record.muscle_group).items():
        group = MUSCLE_GROUPS[code]
        findings.extend(
            Finding(
                FindingKind.MUSCLE_WEAKNESS,
                group.region,
                record.side,
                f"{_with_side(f'Weak {group.label}', record.side)}: {record.grade_text}",
                "7.11",
                subject=code,
                measurements=(Measurement("oxford_grade", Decimal(record.grade), "grade"),),
            )
            for record in by_side.values()
            if oxford_indicates_weakness(record.grade, reference)
        )
        left, right = by_side.get(Side.LEFT), by_side.get(Side.RIGHT)
        if left and right:
            findings.extend(_grade_asymmetry(group, left, right, reference))
            findings.extend(_force_asymmetry(group, left, right, reference))
    return findings


def _grade_asymmetry(
    group: MuscleGroup, left: Strength, right: Strength, reference: ReferenceValues
) -> list[Finding]:
    if not oxford_grades_differ(left.grade, right.grade, reference):
        return []
    weaker, stronger = (left, right) if left.grade < right.grade else (right, left)
    return [
        Finding(
            FindingKind.STRENGTH_GRADE_ASYMMETRY,
            group.region,
            weaker.side,
            f"{_sentence(group.label)} {weaker.side} {weaker.grade_text} "
            f"against {stronger.grade_text} {stronger.side}",
            "0.9",
            subject=group.code,
            measurements=(
                Measurement("oxford_grade_left", Decimal(left.grade), "grade"),
                Measurement("oxford_grade_right", Decimal(right.grade), "grade"),
            ),
        )
    ]


def _force_asymmetry(
    group: MuscleGroup, left: Strength, right: Strength, reference: ReferenceValues
) -> list[Finding]:
    left_force, right_force = left.force_newtons, right.force_newtons
    if left_force is None or right_force is None:
        return []
    percent = asymmetry_percent(left_force, right_force)
    if not asymmetry_flagged(percent, reference):
        return []
    weaker_side, weaker, stronger = (
        (Side.LEFT, left_force, right_force)
        if left_force < right_force
        else (Side.RIGHT, right_force, left_force)
    )
    tested = JOINT_MOVEMENTS[group.tested_movement].label if group.tested_movement else group.label
    return [
        Finding(
            FindingKind.STRENGTH_ASYMMETRY,
            group.region,
            weaker_side,
            f"{_sentence(tested)} force {_number(percent)} % lower on the {weaker_side}",
            "0.9",
            subject=group.code,
            measurements=(
                Measurement("force_left", left_force, "N"),
                Measurement("force_right", right_force, "N"),
                Measurement("asymmetry", percent, "%"),
                Measurement("limb_symmetry_index", limb_symmetry_index(weaker, stronger), "%"),
            ),
        )
    ]


def _grip_findings(records: Sequence[GripStrength], reference: ReferenceValues) -> list[Finding]:
    """Grip force asymmetry from the kg measured on each hand (3.1, 0.9)."""
    by_side = {record.side: record.kg for record in records}
    left, right = by_side.get(Side.LEFT), by_side.get(Side.RIGHT)
    if left is None or right is None:
        return []
    percent = asymmetry_percent(left, right)
    cut = cut_off(reference, "asymmetry_flag_above_percent", " %")
    if not cut.met(percent):
        return []
    weaker_side, weaker, stronger = (
        (Side.LEFT, left, right) if left < right else (Side.RIGHT, right, left)
    )
    return [
        Finding(
            FindingKind.STRENGTH_ASYMMETRY,
            BodyRegion.WRIST_HAND,
            weaker_side,
            f"Grip strength {_number(percent)} % lower on the {weaker_side}: "
            f"{_number(weaker)} kg against {_number(stronger)} kg ({cut.describe(percent)})",
            "0.9",
            subject="grip",
            measurements=(
                Measurement("grip_left", left, "kg"),
                Measurement("grip_right", right, "kg"),
                Measurement("asymmetry", percent, "%"),
                Measurement("limb_symmetry_index", limb_symmetry_index(weaker, stronger), "%"),
            ),
        )
    ]


# Range of motion --------------------------------------------------------------------------------


def _range_of_motion_findings(
    records: Sequence[RangeOfMotion], reference: ReferenceValues
) -> list[Finding]:
    findings = []
    for code, by_side in _by_side(records, lambda record: record.movement).items():
        for record in by_side.values():
            other_side = _OPPOSITE.get(record.side)
            other = by_side.get(other_side) if other_side else None
            finding = _range_of_motion_finding(
                JOINT_MOVEMENTS[code], reference.rom_normals[code], record, other, reference
            )
            if finding:
                findings.append(finding)
    return findings


def _range_of_motion_finding(
    movement: JointMovement,
    normal: RomNormal,
    record: RangeOfMotion,
    other: RangeOfMotion | None,
    reference: ReferenceValues,
) -> Finding | None:
    """Reduced against the 4.2 normal (as a percentage of it), or against the other side when
    that asymmetry is above the threshold (0.9). A normal of 0° has no percentage."""
    active = record.active_degrees
    measurements = [
        Measurement("active", Decimal(active), "degrees"),
        Measurement("normal", Decimal(normal.degrees), "degrees"),
    ]
    if record.passive_degrees is not None:
        measurements.append(Measurement("passive", Decimal(record.passive_degrees), "degrees"))
    percent = None
    if normal.degrees > 0:
        percent = percent_of_normal(active, normal.degrees)
        measurements.append(Measurement("percent_of_normal", percent, "%"))
        below_normal = cut_off(reference, "rom_reduced_below_percent_of_normal").met(percent)
    else:
        below_normal = active < normal.degrees
    asymmetry = None
    if other is not None and 0 <= active < other.active_degrees:
        asymmetry = asymmetry_percent(active, other.active_degrees)
        measurements.append(Measurement("asymmetry", asymmetry, "%"))
        if not asymmetry_flagged(asymmetry, reference):
            asymmetry = None
    if not below_normal and asymmetry is None:
        return None

    head = _sentence(movement.label)
    if below_normal:
        head += f" {_number(percent)} % of normal" if percent is not None else " below normal"
    elif other is not None and asymmetry is not None:
        head += f" {_number(asymmetry)} % less than the {other.side} side"
    passive = "" if record.passive_degrees is None else f", passive {record.passive_degrees}°"
    summary = (
        f"{_with_side(head, record.side)}: active {_number(active)}°{passive} "
        f"{_with_qualifiers(f'against reference {normal.degrees}°', verification_note(normal))}"
    )
    if other is not None and asymmetry is not None:
        summary += (
            f"; {_number(asymmetry)} % less than the {other.side} side ({other.active_degrees}°)"
            if below_normal
            else f"; {other.side} {other.active_degrees}°"
        )
    if end_of_range := _end_of_range(record):
        summary += f"; {end_of_range}"
    return Finding(
        FindingKind.REDUCED_RANGE_OF_MOTION,
        movement.region,
        record.side,
        summary,
        "4.2" if below_normal else "0.9",
        subject=movement.code,
        measurements=tuple(measurements),
        end_feel=record.end_feel,
    )


END_FEEL_WORDS = {
    EndFeel.SOFT_TISSUE: "soft-tissue end-feel",
    EndFeel.CAPSULAR: "joint/capsular end-feel",
    EndFeel.BONY: "bony end-feel",
    EndFeel.EMPTY: "empty end-feel",
}


def _end_of_range(record: RangeOfMotion) -> str:
    """The end-feel and the symptom response at end of range (4.1, 1.3), and the instrument."""
    words = [
        END_FEEL_WORDS[record.end_feel] if record.end_feel else "",
        {True: "pain at end of range", False: "no pain at end of range"}.get(
            record.pain_at_end_of_range, ""
        ),
        {True: "reproduces the complaint", False: "does not reproduce the complaint"}.get(
            record.reproduces_complaint, ""
        ),
        f"by {record.instrument.replace('_', ' ')}" if record.instrument else "",
    ]
    return ", ".join(word for word in words if word)


# Muscle length, neural sensitivity and hypermobility (4.3) --------------------------------------

_CUT_OFFS: Mapping[str, tuple[str, str]] = {
    "straight_leg_raise": ("straight_leg_raise_tight_below_degrees", ""),
    "active_knee_extension": ("active_knee_extension_tight_above_degrees", ""),
    "ankle_dorsiflexion_knee_straight": ("ankle_dorsiflexion_short_below_degrees", ""),
    "ankle_dorsiflexion_knee_bent": ("ankle_dorsiflexion_short_below_degrees", ""),
    "thomas_rectus_femoris": ("thomas_knee_flexion_tight_below_degrees", "knee angle"),
}
"""Tests (or parts of a test, by measurement name) with a numeric cut-off in 4.3: the reference
value that decides them, and what the value measures when the test's name does not say it. The
others are positive only as the clinician records them."""


def _measurement_name(test: SpecialTest) -> str:
    return "_".join(filter(None, (test.test, test.component)))


def _test_cut_off(test: SpecialTest, reference: ReferenceValues) -> CutOff | None:
    name = _measurement_name(test)
    if name not in _CUT_OFFS:
        return None
    unit = _UNIT_SYMBOLS.get(SPECIAL_TESTS[test.test].unit or "", "")
    return cut_off(reference, _CUT_OFFS[name][0], unit)


_ANKLE_TESTS = ("ankle_dorsiflexion_knee_straight", "ankle_dorsiflexion_knee_bent")


def _is_positive(test: SpecialTest, reference: ReferenceValues) -> bool:
    """The clinician's recorded result wins; otherwise the measured value against the cut-off."""
    if test.positive is not None:
        return test.positive
    cut = _test_cut_off(test, reference)
    return cut is not None and test.measured_value is not None and cut.met(test.measured_value)


def _evidence(test: SpecialTest, reference: ReferenceValues) -> str:
    """The test and its value; a value decided by its cut-off says on which side of it it lies
    (a test in the evidence need not be positive: the ankle pair shows both positions)."""
    definition = SPECIAL_TESTS[test.test]
    text = definition.label
    if test.measured_value is not None:
        measured = _CUT_OFFS.get(_measurement_name(test), ("", ""))[1]
        text = " ".join(filter(None, (text, measured, _number(test.measured_value))))
        text += _UNIT_SYMBOLS.get(definition.unit or "", "")
    if test.positive is not None:
        return f"{text} {'positive' if test.positive else 'negative'}"
    cut = _test_cut_off(test, reference)
    if cut is not None and test.measured_value is not None:
        return f"{text} ({cut.describe(test.measured_value)})"
    return text


def _measurements(tests: Iterable[SpecialTest]) -> tuple[Measurement, ...]:
    return tuple(
        Measurement(
            _measurement_name(test),
            test.measured_value,
            SPECIAL_TESTS[test.test].unit or "",
        )
        for test in tests
        if test.measured_value is not None
    )


def _muscle_of(test: SpecialTest) -> str | None:
    definition = SPECIAL_TESTS[test.test]
    if test.component is not None:
        return definition.components[test.component]
    return test.muscle_group or definition.muscle_group


def _ankle_muscle(pair: Mapping[str, SpecialTest], reference: ReferenceValues) -> str | None:
    """< 18° with knee straight and bent: soleus; knee straight only: gastrocnemius (4.3).
    Any other shortness (one position not recorded) is put down to the calf as a whole."""
    straight, bent = (
        _is_positive(pair[code], reference) if code in pair else None for code in _ANKLE_TESTS
    )
    if straight and bent:
        return "soleus"
    if straight and bent is False:
        return "gastrocnemius"
    if straight or bent:
        return "calf"
    return None


def _special_test_findings(
    tests: Sequence[SpecialTest], reference: ReferenceValues
) -> list[Finding]:
    """Tightness per muscle and side (evidence of several tests merged), then neural
    sensitivity and hypermobility."""
    tight: dict[tuple[str, Side], list[SpecialTest]] = {}
    others = []
    ankle_pairs: dict[Side, dict[str, SpecialTest]] = {}
    for test in tests:
        if test.test == "beighton":
            if _hypermobile(test, reference):
                others.append(_hypermobility(test, reference))
        elif test.radicular_pain_reproduced:
            others.append(_neural_sensitivity(test))
        elif test.test in _ANKLE_TESTS:
            ankle_pairs.setdefault(test.side, {})[test.test] = test
        elif _is_positive(test, reference) and (muscle := _muscle_of(test)):
            tight.setdefault((muscle, test.side), []).append(test)
    for side, pair in ankle_pairs.items():
        if muscle := _ankle_muscle(pair, reference):
            tight.setdefault((muscle, side), []).extend(pair.values())
    tightness = [
        Finding(
            FindingKind.MUSCLE_TIGHTNESS,
            MUSCLE_GROUPS[muscle].region,
            side,
            f"{_with_side(f'Tight {MUSCLE_GROUPS[muscle].label}', side)}: "
            + "; ".join(_evidence(test, reference) for test in evidence),
            "4.3",
            subject=muscle,
            measurements=_measurements(evidence),
        )
        for (muscle, side), evidence in tight.items()
    ]
    return tightness + others


def _beighton_cut_off(reference: ReferenceValues) -> CutOff:
    return cut_off(reference, "beighton_hypermobile_from", "/9")


def _hypermobile(test: SpecialTest, reference: ReferenceValues) -> bool:
    if test.positive is not None:
        return test.positive
    return test.measured_value is not None and _beighton_cut_off(reference).met(test.measured_value)


def _neural_sensitivity(test: SpecialTest) -> Finding:
    angle = "" if test.measured_value is None else f" at {_number(test.measured_value)}°"
    return Finding(
        FindingKind.NEURAL_SENSITIVITY,
        BodyRegion.THIGH,
        test.side,
        f"{_with_side('Straight leg raise reproduces leg pain', test.side)}{angle}: "
        "neural sensitivity rather than hamstring tightness",
        "4.3",
        subject=test.test,
        measurements=_measurements([test]),
    )


def _hypermobility(test: SpecialTest, reference: ReferenceValues) -> Finding:
    """A score the clinician recorded as positive may lie below the cut-off; the text says so."""
    value = test.measured_value
    cut = _beighton_cut_off(reference)
    score = "positive" if value is None else f"{_number(value)}/9"
    where = (
        f"cut-off {_number(cut.threshold)}/9"
        if value is None
        else f"{cut.describe(value)}{'' if test.positive is None else ', recorded positive'}"
    )
    items = ""
    if test.beighton_items is not None:
        items = "; items: " + (
            "; ".join(
                BEIGHTON_MANOEUVRES[item] for item in BeightonItem if item in test.beighton_items
            )
            or "none"
        )
    return Finding(
        FindingKind.HYPERMOBILITY,
        BodyRegion.WHOLE_BODY,
        Side.NOT_APPLICABLE,
        f"Beighton score {score}: possible generalised hypermobility "
        f"({where}; not diagnostic alone){items}",
        "4.3",
        subject=test.test,
        measurements=_measurements([test]),
    )


# Circulation ------------------------------------------------------------------------------------

_PAD_SEVERITY = {
    AbiBand.MILD_PAD: Severity.MILD,
    AbiBand.MODERATE_PAD: Severity.MODERATE,
    AbiBand.SEVERE_PAD: Severity.SEVERE,
}


def _circulation_findings(circulation: Circulation, reference: ReferenceValues) -> list[Finding]:
    return [
        *_abi_findings(circulation, reference),
        *(finding for pulse in circulation.pulses if (finding := _pulse_finding(pulse))),
        *(
            finding
            for refill in circulation.capillary_refill
            if (finding := _capillary_refill_finding(refill, reference))
        ),
        *(_claudication_finding(item) for item in circulation.claudication),
        *(finding for item in circulation.oedema if (finding := _oedema_finding(item))),
        *(finding for item in circulation.skin if (finding := _skin_finding(item))),
        *(_varicose_veins_finding(item) for item in circulation.varicose_veins),
        *_girth_findings(circulation, reference),
    ]


@dataclass(frozen=True)
class LegAbi:
    """One leg's ABI: computed from the Doppler pressures (0.10), or a reported value used when
    the pressures recorded here do not give one for that leg. Pressures are those used."""

    side: Side
    abi: Decimal
    reported: bool = False
    ankle_mmhg: int | None = None
    brachial_mmhg: int | None = None


def leg_abis(circulation: Circulation) -> list[LegAbi]:
    """Computed ABIs in the order the ankles were recorded, then reported ones for other legs."""
    brachial = circulation.brachial_readings
    legs: dict[Side, LegAbi] = {}
    for ankle in circulation.ankle_pressures:
        if ankle.readings and brachial and max(brachial) > 0:
            legs[ankle.side] = LegAbi(
                ankle.side,
                ankle_brachial_index(ankle.readings, brachial),
                ankle_mmhg=max(ankle.readings),
                brachial_mmhg=max(brachial),
            )
    for reported in circulation.reported_abi:
        legs.setdefault(reported.side, LegAbi(reported.side, round_half_up(reported.value), True))
    return list(legs.values())


_ABI_MEANINGS = {
    AbiBand.NON_COMPRESSIBLE: (
        "non-compressible vessels, unreliable; a toe-brachial index is needed"
    ),
    AbiBand.NORMAL: "normal",
    AbiBand.BORDERLINE: "borderline",
    **{band: f"{severity} arterial disease" for band, severity in _PAD_SEVERITY.items()},
}
_ABI_KINDS = {
    AbiBand.NON_COMPRESSIBLE: FindingKind.ABI_UNRELIABLE,
    AbiBand.BORDERLINE: FindingKind.BORDERLINE_ABI,
    **dict.fromkeys(_PAD_SEVERITY, FindingKind.ARTERIAL_INSUFFICIENCY),
}


def abi_meaning(band: AbiBand) -> str:
    """The words a finding uses for an ABI band (0.10, 5.3)."""
    return _ABI_MEANINGS[band]


ABI_CAVEAT = "diabetes can give falsely normal or high values (calcified vessels)"
"""5.3: "Diabetes can give falsely normal/high values" [V], and the table's "> 1.40
non-compressible (calcified) vessels". Every ABI finding carries it, since a value in any band
may read higher than the arteries are."""


def _abi_findings(circulation: Circulation, reference: ReferenceValues) -> list[Finding]:
    findings = []
    for leg in leg_abis(circulation):
        band = abi_band(leg.abi, reference)
        if band is AbiBand.NORMAL:
            continue
        head = _with_qualifiers(
            f"ABI {leg.abi:f}", _SIDE_WORDS.get(leg.side, ""), "reported" if leg.reported else ""
        )
        pressures = (
            ()
            if leg.reported
            else (
                Measurement("ankle_pressure", Decimal(leg.ankle_mmhg), "mmHg"),
                Measurement("brachial_pressure", Decimal(leg.brachial_mmhg), "mmHg"),
            )
        )
        findings.append(
            Finding(
                _ABI_KINDS[band],
                BodyRegion.LOWER_LEG,
                leg.side,
                f"{head}: {abi_meaning(band)}; {ABI_CAVEAT}",
                "0.10",
                severity=_PAD_SEVERITY.get(band),
                measurements=(Measurement("abi", leg.abi, "ratio"), *pressures),
            )
        )
    return findings


def _pulse_finding(pulse: Pulse) -> Finding | None:
    scale = PULSE_SCALES[pulse.scale]
    site = PULSE_SITES[pulse.site]
    if pulse.grade in scale.absent_grades:
        kind, text = FindingKind.ARTERIAL_INSUFFICIENCY, "absent"
    elif pulse.grade in scale.diminished_grades:
        kind, text = FindingKind.DIMINISHED_PULSE, "diminished"
    else:
        return None
    return Finding(
        kind,
        site.region,
        pulse.side,
        f"{_with_side(f'{_sentence(site.label)} pulse {text}', pulse.side)}: "
        f"grade {pulse.grade} on the {pulse.scale} scale ({scale.legend[pulse.grade]})",
        "5.1",
        subject=pulse.site,
        measurements=(Measurement("pulse_grade", Decimal(pulse.grade), f"grade ({pulse.scale})"),),
    )


def _capillary_refill_finding(
    refill: CapillaryRefill, reference: ReferenceValues
) -> Finding | None:
    if capillary_refill_band(refill.seconds, reference) is CapillaryRefillBand.NORMAL:
        return None
    cold = "; room or limb was not warm" if refill.warm is False else ""
    cut = cut_off(reference, "capillary_refill_delayed_above_seconds", " s")
    return Finding(
        FindingKind.DELAYED_CAPILLARY_REFILL,
        refill.region,
        refill.side,
        f"{_with_side('Capillary refill delayed', refill.side)}: {_number(refill.seconds)} s "
        f"at the {in_sentence(refill.region)} ({cut.describe(refill.seconds)}){cold}",
        "0.11",
        measurements=(Measurement("capillary_refill", refill.seconds, "s"),),
    )


def _claudication_finding(claudication: Claudication) -> Finding:
    distances = ", ".join(
        text
        for text in (
            None
            if claudication.onset_distance_m is None
            else f"pain after {claudication.onset_distance_m} m",
            None
            if claudication.maximum_distance_m is None
            else f"maximum {claudication.maximum_distance_m} m",
        )
        if text
    )
    text = _with_side("Intermittent claudication", claudication.side)
    return Finding(
        FindingKind.CLAUDICATION,
        claudication.region,
        claudication.side,
        f"{text}: {distances}" if distances else text,
        "5.5",
        measurements=tuple(
            Measurement(name, Decimal(value), "m")
            for name, value in (
                ("onset_distance", claudication.onset_distance_m),
                ("maximum_distance", claudication.maximum_distance_m),
            )
            if value is not None
        ),
    )


def _oedema_finding(oedema: Oedema) -> Finding | None:
    where = in_sentence(oedema.region)
    if not oedema.pitting:
        summary = f"{where}; suggests lymphoedema or myxoedema"
        head = "Non-pitting oedema"
    elif oedema.grade is None:
        head, summary = "Pitting oedema", where
    elif oedema.grade == 0:
        return None
    else:
        grade = OEDEMA_GRADES[oedema.grade]
        head = f"Pitting oedema {grade.label}"
        summary = f"{where}, pit {grade.pit_depth}, rebound {grade.rebound}"
    measured = [
        (name, value, unit)
        for name, value, unit in (
            ("pit_depth", oedema.pit_depth_mm, "mm"),
            ("rebound", oedema.rebound_seconds, "s"),
        )
        if value is not None
    ]
    if measured:
        words = {"pit_depth": "pit", "rebound": "rebound"}
        summary += "; measured " + ", ".join(
            f"{words[name]} {_number(value)} {unit}" for name, value, unit in measured
        )
    if oedema.extent is not None:
        summary += f"; extent: {oedema.extent.replace('_', ' ')}"
    grade_measurement = (
        ()
        if oedema.grade is None
        else (Measurement("oedema_grade", Decimal(oedema.grade), "grade"),)
    )
    return Finding(
        FindingKind.OEDEMA,
        oedema.region,
        oedema.side,
        f"{_with_side(head, oedema.side)}: {summary}",
        "5.4",
        measurements=grade_measurement
        + tuple(Measurement(name, value, unit) for name, value, unit in measured),
    )


def _grades_for_pit(depth: Decimal, reference: ReferenceValues) -> frozenset[int]:
    """The pitting grade whose tabled depth is nearest (5.4; limits in the reference)."""
    if depth == 0:
        return frozenset({0})
    limits = ("oedema_grade_2_pit_above_mm", "oedema_grade_3_pit_above_mm")
    limits += ("oedema_grade_4_pit_above_mm",)
    return frozenset({1 + sum(cut_off(reference, name).met(depth) for name in limits)})


def _grades_for_rebound(seconds: Decimal, reference: ReferenceValues) -> frozenset[int]:
    """1+ and 2+ share a rebound of up to 15 s (1+ is "almost immediate", no number); above 15 s
    is 3+, above 60 s 4+ (5.4)."""
    if cut_off(reference, "oedema_grade_4_rebound_above_seconds").met(seconds):
        return frozenset({4})
    if cut_off(reference, "oedema_grade_3_rebound_above_seconds").met(seconds):
        return frozenset({3})
    return frozenset({1, 2})


def oedema_grade_conflicts(oedema: Oedema, reference: ReferenceValues) -> list[str]:
    """Messages for a measured pit depth or rebound time that does not fit the recorded grade
    (5.4); an ungraded pitting oedema takes any value."""
    if oedema.grade is None:
        return []
    grade = OEDEMA_GRADES[oedema.grade]
    problems = []
    checks = (
        ("pit depth", oedema.pit_depth_mm, "mm", _grades_for_pit, "pit_depth"),
        ("rebound", oedema.rebound_seconds, "s", _grades_for_rebound, "rebound"),
    )
    for what, value, unit, grades_for, attribute in checks:
        if value is None:
            continue
        grades = grades_for(value, reference)
        if oedema.grade in grades:
            continue
        if oedema.grade == 0:
            problems.append(
                f"Grade 0 means no pit, but a {what} of {_number(value)} {unit} was measured; "
                f"correct the grade or the {what}."
            )
            continue
        fits = " or ".join(OEDEMA_GRADES[g].label for g in sorted(grades))
        problems.append(
            f"A {what} of {_number(value)} {unit} fits grade {fits}, not {grade.label} "
            f"({grade.label}: {getattr(grade, attribute)}); correct the grade or the {what}."
        )
    return problems


@dataclass(frozen=True)
class GirthDifference:
    """Left and right girths at one landmark (5.4); ``larger`` is None when they are equal."""

    landmark: str
    left_cm: Decimal
    right_cm: Decimal

    @property
    def difference_cm(self) -> Decimal:
        return abs(self.left_cm - self.right_cm)

    @property
    def larger(self) -> Side | None:
        if self.left_cm == self.right_cm:
            return None
        return Side.LEFT if self.left_cm > self.right_cm else Side.RIGHT


def girth_differences(circulation: Circulation) -> list[GirthDifference]:
    """Each landmark measured on both sides, in record order (landmarks match ignoring case)."""
    sides: dict[str, dict[Side, LimbGirth]] = {}
    for girth in circulation.girths:
        sides.setdefault(girth.landmark.strip().lower(), {})[girth.side] = girth
    return [
        GirthDifference(pair[Side.LEFT].landmark, pair[Side.LEFT].cm, pair[Side.RIGHT].cm)
        for pair in sides.values()
        if Side.LEFT in pair and Side.RIGHT in pair
    ]


def calf_swelling(
    circulation: Circulation, reference: ReferenceValues = DEFAULT_REFERENCE
) -> GirthDifference | None:
    """The girths at the Wells landmark when they differ by more than 3 cm (5.6), else None."""
    cut = cut_off(reference, "wells_calf_swelling_above_cm")
    return next(
        (
            item
            for item in girth_differences(circulation)
            if item.landmark.strip().lower() == WELLS_CALF_LANDMARK.lower()
            and cut.met(item.difference_cm)
        ),
        None,
    )


def _girth_findings(circulation: Circulation, reference: ReferenceValues) -> list[Finding]:
    """Calf swelling beyond the Wells cut-off (5.6) is swelling of that calf; other landmarks have
    no threshold in the reference and are compared between assessments only."""
    swelling = calf_swelling(circulation, reference)
    if swelling is None or swelling.larger is None:
        return []
    cut = cut_off(reference, "wells_calf_swelling_above_cm", " cm")
    wells = circulation.wells
    suggestion = (
        "counted in the Wells score"
        if wells is not None and "calf_swelling" in wells.items
        else "a Wells criterion (calf swelling): consider it in the Wells score"
    )
    return [
        Finding(
            FindingKind.OEDEMA,
            BodyRegion.LOWER_LEG,
            swelling.larger,
            f"Calf girth {_number(swelling.difference_cm)} cm larger on the {swelling.larger} "
            f"({cut.describe(swelling.difference_cm)}), measured {WELLS_CALF_LANDMARK}: left "
            f"{_number(swelling.left_cm)} cm, right {_number(swelling.right_cm)} cm; {suggestion}",
            "5.6",
            measurements=(
                Measurement("girth_left", swelling.left_cm, "cm"),
                Measurement("girth_right", swelling.right_cm, "cm"),
            ),
        )
    ]


class WellsBand(StrEnum):
    LIKELY = "DVT likely"
    UNLIKELY = "DVT unlikely"
    HIGH = "high probability"
    MODERATE = "moderate probability"
    LOW = "low probability"


WELLS_PROMPTS = frozenset({WellsBand.LIKELY, WellsBand.HIGH, WellsBand.MODERATE})
"""Results that prompt the DVT red flag: physiotherapists do not rule DVT in or out, and any
suspicion means stopping treatment of the limb and a same-day medical assessment (5.6)."""


def wells_band(
    score: WellsScore, reference: ReferenceValues = DEFAULT_REFERENCE
) -> tuple[WellsBand, CutOff]:
    """The band of a Wells total in its version (5.6), with the cut-off that decided it."""
    if score.version is WellsVersion.TWO_LEVEL:
        cut = cut_off(reference, "wells_two_level_likely_from")
        return (WellsBand.LIKELY if cut.met(score.total) else WellsBand.UNLIKELY), cut
    high = cut_off(reference, "wells_three_level_high_from")
    if high.met(score.total):
        return WellsBand.HIGH, high
    moderate = cut_off(reference, "wells_three_level_moderate_from")
    return (WellsBand.MODERATE if moderate.met(score.total) else WellsBand.LOW), moderate


_WELLS_VERSION_WORDS = {
    WellsVersion.TWO_LEVEL: "two-level",
    WellsVersion.THREE_LEVEL: "three-level, original",
}
DVT_RED_FLAG = "dvt"


def _wells_findings(
    circulation: Circulation, red_flags: Sequence[RedFlagScreen], reference: ReferenceValues
) -> list[Finding]:
    """A likely, high or moderate Wells result prompts the DVT red flag; the flag itself is the
    clinician's to answer and act on, so it is never set from the score. A low or unlikely result
    never clears a suspicion recorded in the red flag (0.5), and says so; with no suspicion
    recorded it is no finding."""
    score = circulation.wells
    if score is None:
        return []
    band, cut = wells_band(score, reference)
    answered = next(
        (s for s in red_flags if s.code == DVT_RED_FLAG and s.answer is RedFlagAnswer.YES), None
    )
    if band in WELLS_PROMPTS:
        then = (
            "the DVT red flag is answered yes: act on it"
            if answered
            else "answer the DVT red flag in the subjective section and act on it: same-day "
            "medical assessment, stop local treatment of the limb"
        )
    elif answered:
        then = "this does not clear the DVT suspicion recorded in the red flag; only a recorded "
        then += "medical clearance does"
    else:
        return []
    head = _with_side(f"Wells DVT score {_number(score.total)}", score.side)
    return [
        Finding(
            FindingKind.RED_FLAG,
            BodyRegion.LOWER_LEG,
            score.side,
            f"{head}: {band} ({_WELLS_VERSION_WORDS[score.version]}, "
            f"{cut.describe(score.total)}); {then}",
            "5.6" if band in WELLS_PROMPTS else "0.5",
            subject=DVT_RED_FLAG,
            measurements=(Measurement("wells_total", Decimal(score.total), "points"),),
        )
    ]


def dvt_findings(
    assessment: AssessmentData, reference: ReferenceValues = DEFAULT_REFERENCE
) -> list[Finding]:
    """The findings of the Wells score and the calf girths (5.6, 0.5), for the circulation page
    to say what the DVT red flag needs."""
    circulation = assessment.circulation
    return [
        *_wells_findings(circulation, assessment.subjective.red_flags, reference),
        *_girth_findings(circulation, reference),
    ]


def _skin_finding(skin: Skin) -> Finding | None:
    changes = [
        "" if skin.colour is SkinColour.NORMAL else skin.colour.replace("_", " "),
        "" if skin.temperature is SkinTemperature.NORMAL else skin.temperature,
        "trophic changes" if skin.trophic_changes else "",
    ]
    if not any(changes):
        return None
    text = _with_side(f"Skin changes at the {in_sentence(skin.region)}", skin.side)
    details = ", ".join(change for change in [*changes, skin.note] if change)
    return Finding(FindingKind.SKIN_CHANGES, skin.region, skin.side, f"{text}: {details}", "5.5")


def _varicose_veins_finding(veins: VaricoseVeins) -> Finding:
    text = _with_side("Varicose veins", veins.side)
    details = ", ".join(filter(None, (in_sentence(veins.region), veins.symptoms)))
    return Finding(
        FindingKind.VARICOSE_VEINS, veins.region, veins.side, f"{text}: {details}", "5.5"
    )


# Spasms and cramps (6.1, 6.3) -------------------------------------------------------------------


CRAMP_MEDICATIONS = frozenset({MedicationClass.DIURETIC, MedicationClass.STATIN})
"""Medication classes 6.1 flags as associated with cramps ("flag diuretics, statins")."""

_CONDITION_WORDS = {
    CrampCondition.PREGNANCY_LATER_STAGES: "pregnancy (later stages)",
    CrampCondition.VASCULAR_DISEASE: "vascular disease or PAD",
    CrampCondition.LUMBAR_CANAL_STENOSIS: "lumbar canal stenosis",
    CrampCondition.LIVER_DISEASE: "cirrhosis or liver disease",
    CrampCondition.HAEMODIALYSIS: "haemodialysis",
    CrampCondition.NEUROPATHY: "neuropathy",
    CrampCondition.DIABETES: "diabetes",
    CrampCondition.THYROID_DISEASE: "thyroid disease",
}
_EASED_WORDS = {
    True: "eased with stretching or exercise",
    False: "did not ease with stretching or exercise",
}


def _seconds_text(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def _episode_details(pattern: SpasmPattern, medications: Sequence[Medication]) -> list[str]:
    """What 6.1 asks to record beyond frequency and timing: the longest episode and whether it
    eased, after-effects, associated conditions, and (for cramps) medications associated with
    cramps."""
    longest = pattern.longest_duration_seconds
    cramp_medications = [
        f"{item.name} ({item.medication_class})"
        for item in medications
        if item.medication_class in CRAMP_MEDICATIONS
    ]
    return [
        "" if longest is None else f"longest {_seconds_text(longest)}",
        _EASED_WORDS.get(pattern.eased_by_stretching, ""),
        ""
        if pattern.residual_soreness_hours is None
        else f"sore for up to {pattern.residual_soreness_hours} h after",
        "disturbs sleep" if pattern.sleep_disrupted else "",
        "associated: " + ", ".join(_CONDITION_WORDS[item] for item in pattern.conditions)
        if pattern.conditions
        else "",
        "on medication associated with cramps: " + ", ".join(cramp_medications)
        if cramp_medications and pattern.type is SpasmType.CRAMP
        else "",
    ]


def _spasm_findings(
    patterns: Sequence[SpasmPattern],
    reference: ReferenceValues,
    medications: Sequence[Medication] = (),
) -> list[Finding]:
    findings = []
    for pattern in patterns:
        where = (
            MUSCLE_GROUPS[pattern.muscle_group].label
            if pattern.muscle_group
            else in_sentence(pattern.region)
        )
        if pattern.type is SpasmType.SPASM:
            kind, head, section = FindingKind.MUSCLE_SPASM, f"{_sentence(where)} spasm", "7.3"
        elif pattern.nocturnal:
            kind, head, section = FindingKind.NOCTURNAL_CRAMPS, f"Nocturnal {where} cramps", "6.1"
        else:
            kind, head, section = FindingKind.CRAMPS, f"{_sentence(where)} cramps", "6.1"
        head = _with_side(head, pattern.side)
        period = pattern.frequency_period.replace("_", " ")
        details = [
            "" if pattern.frequency is None else f"{pattern.frequency} {period}",
            ""
            if pattern.typical_duration_seconds is None
            else f"about {pattern.typical_duration_seconds} s each",
            *(_TIMING_WORDS.get(timing, "") for timing in pattern.timing),
            "" if pattern.severity_nprs is None else f"NPRS {pattern.severity_nprs}/10",
            *_episode_details(pattern, medications),
        ]
        detail_text = ", ".join(detail for detail in details if detail)
        findings.append(
            Finding(
                kind,
                pattern.region,
                pattern.side,
                f"{head}: {detail_text}" if detail_text else head,
                section,
                severity=None
                if pattern.severity_nprs is None
                else nprs_severity(pattern.severity_nprs, reference),
                subject=pattern.muscle_group,
            )
        )
        findings.extend(
            Finding(
                FindingKind.CRAMP_TRIGGER,
                pattern.region,
                pattern.side,
                f"{head}; trigger: {_TRIGGER_WORDS[trigger]}"
                + (f" ({pattern.triggers[trigger]})" if pattern.triggers[trigger] else ""),
                "6.3",
                trigger=trigger,
                subject=pattern.muscle_group,
            )
            for trigger in CrampTrigger
            if trigger in pattern.triggers
        )
    return findings


# Lifestyle --------------------------------------------------------------------------------------

_PROLONGED_POSITIONS = {
    WorkPosture.MOSTLY_SITTING: ("sitting", "hours_sitting_per_day"),
    WorkPosture.MOSTLY_STANDING: ("standing", "hours_standing_per_day"),
}


def _lifestyle_findings(lifestyle: Lifestyle) -> list[Finding]:
    findings = []
    if lifestyle.work_posture in _PROLONGED_POSITIONS:
        position, hours_field = _PROLONGED_POSITIONS[lifestyle.work_posture]
        hours = getattr(lifestyle, hours_field)
        findings.append(
            Finding(
                FindingKind.PROLONGED_POSITION,
                BodyRegion.WHOLE_BODY,
                Side.NOT_APPLICABLE,
                _with_qualifiers(
                    f"Prolonged {position} at work",
                    "" if hours is None else f"about {_number(hours)} h a day",
                ),
                "6.3",
                subject=position,  # "sitting" or "standing": a desk break answers sitting only
                measurements=()
                if hours is None
                else (Measurement(hours_field.removesuffix("_per_day"), hours, "h/day"),),
            )
        )
    if lifestyle.activity_level is ActivityLevel.SEDENTARY:
        findings.append(
            Finding(
                FindingKind.LOW_ACTIVITY,
                BodyRegion.WHOLE_BODY,
                Side.NOT_APPLICABLE,
                "Sedentary activity level",
                "7.13",
            )
        )
    if lifestyle.stress not in (None, Severity.ABSENT):
        findings.append(
            Finding(
                FindingKind.STRESS,
                BodyRegion.WHOLE_BODY,
                Side.NOT_APPLICABLE,
                f"Stress or anxiety ({lifestyle.stress})",
                "7.14",
                severity=lifestyle.stress,
            )
        )
    return findings


# All findings -----------------------------------------------------------------------------------


def findings_for(
    assessment: AssessmentData, reference: ReferenceValues = DEFAULT_REFERENCE
) -> list[Finding]:
    """Every finding of an assessment in examination order: red flags first (with the cramp
    referral rules of 6.2), then pain and the subjective warning signs (1.1, 1.2), posture
    and the crossed syndromes it supports, strength, range of motion, muscle length, circulation,
    spasms and cramps with their triggers, and lifestyle. Within a section, record order."""
    strength = _strength_findings(assessment.strength, reference)
    special_tests = _special_test_findings(assessment.special_tests, reference)
    return [
        *_red_flag_findings(assessment.subjective.red_flags),
        *_wells_findings(assessment.circulation, assessment.subjective.red_flags, reference),
        *_pain_findings(assessment.subjective, reference),
        *_warning_sign_findings(assessment.subjective, reference),
        *_posture_findings(assessment.posture, reference, assessment.scapular_distances),
        *_foot_posture_findings(assessment.foot_posture, reference),
        *_crossed_syndrome_findings(assessment.posture, strength + special_tests),
        *strength,
        *_grip_findings(assessment.grip_strength, reference),
        *_range_of_motion_findings(assessment.range_of_motion, reference),
        *special_tests,
        *_circulation_findings(assessment.circulation, reference),
        *_spasm_findings(assessment.spasms, reference, assessment.subjective.medications),
        *_lifestyle_findings(assessment.lifestyle),
    ]
