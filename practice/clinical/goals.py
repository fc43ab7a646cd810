"""Measurable goals: what a plan's goals can target, and whether a goal is met.

``goal_measures(record)`` lists the measures of a finalised assessment a goal can name, each with
its current value, the direction of improvement and the range a target must lie in. A goal is
"measure comparator target by date", e.g. "Pain now (NPRS) ≤ 2 by 15 Jan 2027". At review, the
same code in the later assessment's measures gives the value ``goal_met`` compares.

Codes are stable strings stored with the goal; never change their shape:

===============================  ===================================  ========================
code                             measure                              section
===============================  ===================================  ========================
``nprs_now``, ``nprs_worst``     pain now / worst in the last 24 h    9
``rom:<movement>[:<side>]``      active range, degrees                4.1, 4.2
``force:<muscle>:<side>``        dynamometer force, N                 3.1, 3.2
``grade:<muscle>:<side>``        Oxford grade 0-5                     3.1
``abi:<side>``                   ankle-brachial index                 5.3, 0.10
``walk_onset:<side>``            walking distance to pain, m          5.5
``walk_max:<side>``              maximum walking distance, m          5.5
``cramps:<region>:<side>``       cramps a week (or a night)           6.1
``psfs_mean``                    PSFS, mean of the activities         9
``psfs_activity:<position>``     PSFS, one activity (1-5)             9
``visit_nprs``                   pain before treatment at a visit     9
===============================  ===================================  ========================

The last three are read from the outcome measures of the plan's episode, not from an assessment
(``practice.clinical.outcomes.outcome_goal_measures``): a PSFS activity is named by its position,
which a re-rating keeps (the form starts from the episode's activities).

A midline movement has no side part (``rom:thoracolumbar_flexion``). Ranges without a bound in
the reference use the assessment form's bounds, which only catch typing slips.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from practice.clinical.assessment_data import (
    NPRS_RANGE,
    OXFORD_RANGE,
    AssessmentData,
    FrequencyPeriod,
    SpasmType,
)
from practice.clinical.catalogues import JOINT_MOVEMENTS, MUSCLE_GROUPS
from practice.clinical.findings import AbiBand, abi_band, leg_abis
from practice.clinical.labels import in_sentence
from practice.clinical.reference import DEFAULT_REFERENCE, ReferenceValues, Verification
from practice.clinical.vocabulary import Side


class Better(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Comparator(StrEnum):
    AT_MOST = "<="
    AT_LEAST = ">="

    @property
    def symbol(self) -> str:
        return "≤" if self is Comparator.AT_MOST else "≥"


IMPROVING_COMPARATOR = {Better.LOWER: Comparator.AT_MOST, Better.HIGHER: Comparator.AT_LEAST}

MIN_DEGREES, MAX_DEGREES = Decimal(-90), Decimal(200)
"""As the assessment form: a quarter turn short of neutral zero (a knee lacking extension is
negative, 4.1) to beyond the largest normal of 4.2 (180°)."""
MAX_FORCE_NEWTONS = Decimal(2000)  # as the assessment form: above any hand-held dynamometer
MAX_WALKING_METRES = Decimal(10000)  # as the assessment form
MAX_CRAMPS = Decimal(100)  # as the assessment form's episode count


@dataclass(frozen=True)
class GoalMeasure:
    """One thing a goal can target.

    ``label`` is what the clinician picks from (with the reference normal where there is one);
    ``name`` is how the goal reads ("Knee flexion (left)"; the label when empty); ``now_text``
    how the current value reads where the record is finer than a target can be (an Oxford
    grade's modifier: "4-/5", where a goal targets 4 or 5). A target must
    lie from ``minimum`` to ``maximum`` inclusive. ``whole`` is True for scores and counts (NPRS,
    Oxford grade, cramps), whose targets are whole numbers.
    """

    code: str
    label: str
    unit: str
    current: Decimal | None
    better: Better
    minimum: Decimal
    maximum: Decimal
    name: str = ""
    whole: bool = False
    section: str = ""
    now_text: str = ""

    @property
    def goal_name(self) -> str:
        return self.name or self.label


_SIDE_WORDS = {Side.LEFT: "left", Side.RIGHT: "right", Side.BILATERAL: "both sides"}
_UNIT_SUFFIXES = {
    "degrees": "°",
    "N": " N",
    "m": " m",
    "grade": "/5",
    "points": "",
    "ratio": "",
    "per week": " per week",
    "per night": " per night",
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_FAMILIES = ("rom", "force", "grade", "abi", "walk_onset", "walk_max", "cramps", "psfs_activity")
_SINGLE_CODES = ("nprs_now", "nprs_worst", "psfs_mean", "visit_nprs")
OUTCOME_CODES = ("psfs_mean", "psfs_activity", "visit_nprs")
"""The codes (and family) whose values come from outcome measures, not an assessment."""


def _sided(text: str, side: Side, *more: str) -> str:
    qualifiers = [word for word in (_SIDE_WORDS.get(side, ""), *more) if word]
    return f"{text} ({', '.join(qualifiers)})" if qualifiers else text


def _code(*parts: str) -> str:
    return ":".join(part for part in parts if part and part != Side.NOT_APPLICABLE)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def goal_measures(
    record: AssessmentData, reference: ReferenceValues = DEFAULT_REFERENCE
) -> list[GoalMeasure]:
    """Pain always (current None when not scored); everything else as recorded, in record order:
    range of motion, force and Oxford grade per muscle and side, ABI per leg, claudication
    distances, cramp frequency."""
    return [
        *_pain(record),
        *_range_of_motion(record, reference),
        *_strength(record),
        *_abi(record, reference),
        *_walking(record),
        *_cramps(record),
    ]


def _pain(record: AssessmentData) -> list[GoalMeasure]:
    subjective = record.subjective
    low, high = Decimal(NPRS_RANGE.start), Decimal(NPRS_RANGE.stop - 1)
    return [
        GoalMeasure(
            code,
            label,
            "points",
            None if score is None else Decimal(score),
            Better.LOWER,
            low,
            high,
            whole=True,
            section="9",
        )
        for code, label, score in (
            ("nprs_now", "Pain now (NPRS)", subjective.nprs_now),
            ("nprs_worst", "Worst pain in the last 24 h (NPRS)", subjective.nprs_worst),
        )
    ]


def _range_of_motion(record: AssessmentData, reference: ReferenceValues) -> list[GoalMeasure]:
    measures = []
    for item in record.range_of_motion:
        name = _sided(_sentence(JOINT_MOVEMENTS[item.movement].label), item.side)
        normal = reference.rom_normals[item.movement]
        marks = "".join(f" [{m}]" for m in normal.marks if m is not Verification.VERIFIED)
        measures.append(
            GoalMeasure(
                _code("rom", item.movement, item.side),
                f"{name}, reference {normal.degrees}°{marks}",
                "degrees",
                Decimal(item.active_degrees),
                Better.HIGHER,
                MIN_DEGREES,
                MAX_DEGREES,
                name=name,
                section="4.2",
            )
        )
    return measures


def _strength(record: AssessmentData) -> list[GoalMeasure]:
    measures = []
    for item in record.strength:
        muscle = _sentence(MUSCLE_GROUPS[item.muscle_group].label)
        if item.force_newtons is not None:
            name = _sided(f"{muscle} force", item.side)
            measures.append(
                GoalMeasure(
                    _code("force", item.muscle_group, item.side),
                    name,
                    "N",
                    item.force_newtons,
                    Better.HIGHER,
                    Decimal(0),
                    MAX_FORCE_NEWTONS,
                    section="3.2",
                )
            )
        measures.append(
            GoalMeasure(
                _code("grade", item.muscle_group, item.side),
                _sided(f"{muscle} Oxford grade", item.side),
                "grade",
                Decimal(item.grade),
                Better.HIGHER,
                Decimal(OXFORD_RANGE.start),
                Decimal(OXFORD_RANGE.stop - 1),
                whole=True,
                now_text=item.grade_text,
                section="3.1",
            )
        )
    return measures


def _abi(record: AssessmentData, reference: ReferenceValues) -> list[GoalMeasure]:
    """Legs whose ABI is non-compressible are left out: the value is unreliable (5.3) and no
    target on it could be judged. The range stops where that band starts."""
    measures = []
    for leg in leg_abis(record.circulation):
        if abi_band(leg.abi, reference) is AbiBand.NON_COMPRESSIBLE:
            continue
        name = _sided("ABI", leg.side)
        measures.append(
            GoalMeasure(
                _code("abi", leg.side),
                _sided(
                    "ABI",
                    leg.side,
                    "reported" if leg.reported else "",
                    f"normal {reference.abi_normal_from}-{reference.abi_non_compressible_above}",
                ),
                "ratio",
                leg.abi,
                Better.HIGHER,
                Decimal(0),
                reference.abi_non_compressible_above,
                name=name,
                section="0.10",
            )
        )
    return measures


def _walking(record: AssessmentData) -> list[GoalMeasure]:
    """Both distances for each leg with claudication recorded (the first entry per side), the
    one not measured with no current value: it can still be measured at review (5.5)."""
    measures: dict[str, GoalMeasure] = {}
    for item in record.circulation.claudication:
        for family, text, value in (
            ("walk_onset", "Walking distance before pain", item.onset_distance_m),
            ("walk_max", "Maximum walking distance", item.maximum_distance_m),
        ):
            code = _code(family, item.side)
            measures.setdefault(
                code,
                GoalMeasure(
                    code,
                    _sided(text, item.side),
                    "m",
                    None if value is None else Decimal(value),
                    Better.HIGHER,
                    Decimal(0),
                    MAX_WALKING_METRES,
                    section="5.5",
                ),
            )
    return list(measures.values())


def _cramps(record: AssessmentData) -> list[GoalMeasure]:
    """Cramp frequency per region and side (the first pattern recorded there); spasm patterns
    are not counted in episodes and are left out. The cramp diary is the outcome measure (6.1)."""
    measures: dict[str, GoalMeasure] = {}
    for pattern in record.spasms:
        if pattern.type is not SpasmType.CRAMP:
            continue
        where = (
            MUSCLE_GROUPS[pattern.muscle_group].label
            if pattern.muscle_group
            else in_sentence(pattern.region)
        )
        head = f"Nocturnal {where} cramps" if pattern.nocturnal else f"{_sentence(where)} cramps"
        unit = "per night" if pattern.frequency_period is FrequencyPeriod.PER_NIGHT else "per week"
        code = _code("cramps", pattern.region, pattern.side)
        name = _sided(head, pattern.side)
        measures.setdefault(
            code,
            GoalMeasure(
                code,
                f"{name}, {unit}",
                unit,
                None if pattern.frequency is None else Decimal(pattern.frequency),
                Better.LOWER,
                Decimal(0),
                MAX_CRAMPS,
                name=name,
                whole=True,
                section="6.1",
            ),
        )
    return list(measures.values())


# Checking and reading goals ---------------------------------------------------------------------


def format_value(value: Decimal, unit: str) -> str:
    """A target as a goal shows it: no trailing zeros, a true minus sign, the unit's symbol.
    An ABI keeps its two decimals (0.10)."""
    if unit == "ratio":
        return f"{value.quantize(Decimal('0.01')):f}"
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace("-", "−") + _UNIT_SUFFIXES.get(unit, f" {unit}")


def goal_problems(measure: GoalMeasure, comparator: str, target: Decimal) -> list[str]:
    """What is wrong with a goal: a comparator that does not point the way of improvement, a
    target outside the measure's range, or a fraction where only whole numbers exist."""
    problems = []
    try:
        chosen = Comparator(comparator)
    except ValueError:
        problems.append("Choose ≤ (at most) or ≥ (at least).")
    else:
        improving = IMPROVING_COMPARATOR[measure.better]
        if chosen is not improving:
            way = "down" if measure.better is Better.LOWER else "up"
            problems.append(
                f"{measure.goal_name} improves as it goes {way}: "
                f"the goal must be {improving.symbol} a target."
            )
    if not target.is_finite():
        problems.append("The target must be a number.")
        return problems
    if not measure.minimum <= target <= measure.maximum:
        problems.append(
            f"The target must be between {format_value(measure.minimum, measure.unit)} and "
            f"{format_value(measure.maximum, measure.unit)}."
        )
    if measure.whole and target != target.to_integral_value():
        problems.append("The target must be a whole number.")
    return problems


def _comparator(comparator: str) -> Comparator:
    try:
        return Comparator(comparator)
    except ValueError:
        raise ValueError(f"Unknown comparator {comparator!r}; use '<=' or '>='") from None


def goal_met(
    measure_code: str, comparator: str, target: Decimal, value: Decimal | None
) -> bool | None:
    """Whether a value meets the goal, inclusive of the target; None when it was not measured.

    ``value`` is the ``current`` of the measure with the same code in a later assessment, or in
    the latest outcome measures for the outcome codes.
    """
    family = measure_code.split(":", 1)[0]
    if family not in _FAMILIES and measure_code not in _SINGLE_CODES:
        raise ValueError(f"Unknown goal measure {measure_code!r}")
    chosen = _comparator(comparator)
    if value is None:
        return None
    return value <= target if chosen is Comparator.AT_MOST else value >= target


def goal_text(measure: GoalMeasure, comparator: str, target: Decimal, target_date: date) -> str:
    """E.g. "Pain now (NPRS) ≤ 2 by 15 Jan 2027", "Knee flexion (left) ≥ 120° by 3 Mar 2027"."""
    symbol = _comparator(comparator).symbol
    when = f"{target_date.day} {_MONTHS[target_date.month - 1]} {target_date.year}"
    return f"{measure.goal_name} {symbol} {format_value(target, measure.unit)} by {when}"
