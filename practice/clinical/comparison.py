"""What changed between two assessments of the same patient, measure by measure, and how the
goals set after the earlier one stand at the later one."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from practice.clinical.assessment_data import (
    POSTURE_MEASURES,
    AssessmentData,
    Circulation,
    OxfordModifier,
    Posture,
    RangeOfMotion,
    SpecialTest,
    Strength,
    Subjective,
)
from practice.clinical.catalogues import SPECIAL_TESTS
from practice.clinical.findings import (
    END_FEEL_WORDS,
    leg_abis,
    percent_of_normal,
    round_half_up,
)
from practice.clinical.goals import Better, goal_measures, goal_met
from practice.clinical.labels import label
from practice.clinical.reference import ReferenceValues
from practice.clinical.vocabulary import PostureDeviation, Severity, Side


@dataclass(frozen=True)
class Level:
    """A value on an ordered scale that is not a number: an Oxford grade with its modifier, a
    posture severity, a test result. Ordered by ``rank``, shown as ``text``; ``rank`` is None
    where the value has no place on the scale (a deviation seen but not graded)."""

    text: str
    rank: int | None

    def __str__(self) -> str:
        return self.text


Value = int | Decimal | Level | None


@dataclass(frozen=True)
class Change:
    """One measure at both assessments. ``better`` is None where the reference gives no
    direction of improvement: the change is shown, not judged."""

    group: str
    measure: str
    before: Value
    after: Value
    unit: str
    better: Better | None
    percent_of_normal_after: Decimal | None = None  # for range of motion, to chart against 100 %
    percent_of_normal_before: Decimal | None = None
    note: str = ""

    @property
    def difference(self) -> int | Decimal | None:
        """After minus before for numbers; None for levels, whose steps are not quantities."""
        if isinstance(self.before, Level | None) or isinstance(self.after, Level | None):
            return None
        return self.after - self.before

    @property
    def direction(self) -> str:
        """'better', 'worse', 'same', 'changed' (not judged), or 'new'/'not re-measured'."""
        if self.before is None:
            return "new"
        if self.after is None:
            return "not re-measured"
        if self.after == self.before:
            return "same"
        old, new = _rank(self.before), _rank(self.after)
        if self.better is None or old is None or new is None:
            return "changed"
        return "better" if (new > old) == (self.better is Better.HIGHER) else "worse"


def _rank(value: int | Decimal | Level) -> int | Decimal | None:
    return value.rank if isinstance(value, Level) else value


def compare_records(
    before: AssessmentData, after: AssessmentData, reference: ReferenceValues
) -> list[Change]:
    return [
        *_pain(before, after),
        *_subjective_measures(before.subjective, after.subjective),
        *_range_of_motion(before, after, reference),
        *_special_tests(before, after),
        *_strength(before, after),
        *_posture(before, after),
        *_objective_measures(before, after),
        *_circulation(before.circulation, after.circulation),
        *_circulation_measures(before.circulation, after.circulation),
        *_goal_families(before, after, reference),
        *_cramp_episodes(before, after),
    ]


_YES_NO = {True: Level("yes", 1), False: Level("no", 0)}


def _subjective_measures(before: Subjective, after: Subjective) -> list[Change]:
    """Temperature, weight and weight loss, night pain, whether pain could be rated, and the
    medications (1.1, 1.2): shown, and judged only where lower is plainly better."""
    group = "Subjective"
    changes = [
        Change(group, measure, old, new, unit, better)
        for measure, old, new, unit, better in (
            ("Temperature", before.temperature_celsius, after.temperature_celsius, " °C", None),
            ("Weight", before.weight_kg, after.weight_kg, " kg", None),
            ("Recent weight loss", before.weight_loss_kg, after.weight_loss_kg, " kg", None),
            (
                "Night pain unrelieved by any position",
                _YES_NO.get(before.night_pain_unrelieved),
                _YES_NO.get(after.night_pain_unrelieved),
                "",
                Better.LOWER,
            ),
            (
                "Pain could not be rated reliably",
                Level("yes", 1) if before.nprs_unratable_reason.strip() else None,
                Level("yes", 1) if after.nprs_unratable_reason.strip() else None,
                "",
                None,
            ),
        )
        if old is not None or new is not None
    ]
    old_drugs = {item.name.casefold(): item for item in before.medications}
    new_drugs = {item.name.casefold(): item for item in after.medications}
    for name in _ordered_keys(old_drugs, new_drugs):
        was, now = old_drugs.get(name), new_drugs.get(name)
        changes.append(
            Change(
                "Medications",
                (now or was).name,
                Level(label(was.medication_class).lower(), None) if was else None,
                Level(label(now.medication_class).lower(), None) if now else None,
                "",
                None,
                note="started" if was is None else "stopped" if now is None else "",
            )
        )
    return changes


def _cramp_episodes(before: AssessmentData, after: AssessmentData) -> list[Change]:
    """The episode facts of 6.1 per cramp or spasm (region, side and type): the longest
    episode and residual soreness (lower is better), whether it eased (yes is better) and
    sleep disruption (no is better)."""

    def by_key(record: AssessmentData) -> dict:
        return {(item.region, item.side, item.type): item for item in record.spasms}

    old, new = by_key(before), by_key(after)
    changes = []
    for key in _ordered_keys(old, new):
        was, now = old.get(key), new.get(key)
        region, side, kind = key
        where = _sided(f"{label(region)} {kind}s", side)
        for measure, value, unit, better in (
            ("longest episode", lambda item: item.longest_duration_seconds, " s", Better.LOWER),
            ("soreness afterwards", lambda item: item.residual_soreness_hours, " h", Better.LOWER),
            (
                "eased with stretching or exercise",
                lambda item: _YES_NO.get(item.eased_by_stretching),
                "",
                Better.HIGHER,
            ),
            ("disturb sleep", lambda item: _YES_NO.get(item.sleep_disrupted), "", Better.LOWER),
        ):
            earlier = value(was) if was else None
            later = value(now) if now else None
            if earlier is not None or later is not None:
                changes.append(
                    Change("Cramp episodes", f"{where}: {measure}", earlier, later, unit, better)
                )
    return changes


def _pain(before: AssessmentData, after: AssessmentData) -> list[Change]:
    changes = []
    for name, measure in (
        ("nprs_now", "Pain now"),
        ("nprs_best", "Pain at best"),
        ("nprs_worst", "Pain at worst"),
    ):
        old, new = getattr(before.subjective, name), getattr(after.subjective, name)
        if old is not None or new is not None:
            changes.append(Change("Pain (NPRS)", measure, old, new, "/10", Better.LOWER))
    return changes


def _range_of_motion(
    before: AssessmentData, after: AssessmentData, reference: ReferenceValues
) -> list[Change]:
    old = {
        (item.movement, side): item.active_degrees
        for item in before.range_of_motion
        for side in _sides(item.side)
    }
    new = {
        (item.movement, side): item.active_degrees
        for item in after.range_of_motion
        for side in _sides(item.side)
    }
    changes = []
    for movement, side in _ordered_keys(old, new):
        normal = reference.rom_normals.get(movement)
        usable = normal is not None and normal.degrees > 0

        def percent(value: int | None, normal=normal, usable=usable) -> Decimal | None:
            if value is None or not usable:
                return None
            return round_half_up(percent_of_normal(value, normal.degrees), 0)

        old_value, new_value = old.get((movement, side)), new.get((movement, side))
        changes.append(
            Change(
                "Range of motion (active)",
                _sided(label(movement), side),
                old_value,
                new_value,
                "°",
                Better.HIGHER,
                percent_of_normal_after=percent(new_value),
                percent_of_normal_before=percent(old_value),
            )
        )
    return changes


MEASURED_VALUE_BETTER: Mapping[str, Better] = {
    "straight_leg_raise": Better.HIGHER,  # 4.3: hamstring length norms around 80°
    "sit_and_reach": Better.HIGHER,  # 4.3: the bands rise with the reach past the toes
    "ankle_dorsiflexion_knee_straight": Better.HIGHER,  # 4.3: below 18° is short
    "ankle_dorsiflexion_knee_bent": Better.HIGHER,  # 4.3: below 18° is short
}
"""The tests of 4.3 whose measured value has a direction of improvement. The others are not
judged: the active knee extension is recorded short of full extension or as the popliteal angle,
the Thomas test as a hip or a knee angle, the Beighton score measures laxity, not progress."""

UNIT_SUFFIXES = {"degrees": "°", "cm": " cm", "points": "/9"}  # 4.3; the Beighton score of 9
RESULTS = {True: Level("Positive", 1), False: Level("Negative", 0)}
"""A positive test of 4.3 shows tightness, neural sensitivity or laxity: negative is better."""


def _special_tests(before: AssessmentData, after: AssessmentData) -> list[Change]:
    def by_key(items: tuple[SpecialTest, ...]) -> dict[tuple, SpecialTest]:
        return {
            (item.test, item.component, item.muscle_group, side): item
            for item in items
            for side in _sides(item.side)
        }

    old, new = by_key(before.special_tests), by_key(after.special_tests)
    changes = []
    for test, component, muscle_group, side in _ordered_keys(old, new):
        was = old.get((test, component, muscle_group, side))
        now = new.get((test, component, muscle_group, side))
        parts = [label(test)] + [label(part).lower() for part in (component, muscle_group) if part]
        name = _sided(", ".join(parts), side)
        results = [RESULTS.get(item.positive) if item else None for item in (was, now)]
        if any(results):
            changes.append(Change("Flexibility tests", name, *results, "", Better.LOWER))
        values = [item.measured_value if item else None for item in (was, now)]
        if any(value is not None for value in values):
            unit = UNIT_SUFFIXES.get(SPECIAL_TESTS[test].unit or "", "")
            better = MEASURED_VALUE_BETTER.get(test)
            changes.append(Change("Flexibility tests", f"{name}, measured", *values, unit, better))
    return changes


_MODIFIER_STEPS = {OxfordModifier.MINUS: -1, OxfordModifier.NONE: 0, OxfordModifier.PLUS: 1}


def oxford_level(item: Strength) -> Level:
    """The grade with its modifier (3.1), ranked so that 4− < 4 < 4+ < 5−."""
    return Level(item.grade_text, item.grade * 3 + _MODIFIER_STEPS[item.modifier])


def _strength(before: AssessmentData, after: AssessmentData) -> list[Change]:
    """Every grade, then every force: the table shows each group once."""
    grades, forces = [], []
    old = {
        (item.muscle_group, side): item for item in before.strength for side in _sides(item.side)
    }
    new = {(item.muscle_group, side): item for item in after.strength for side in _sides(item.side)}
    for muscle, side in _ordered_keys(old, new):
        was, now = old.get((muscle, side)), new.get((muscle, side))
        measure = _sided(label(muscle), side)
        grades.append(
            Change(
                "Strength (Oxford grade)",
                measure,
                oxford_level(was) if was else None,
                oxford_level(now) if now else None,
                "",
                Better.HIGHER,
            )
        )
        old_force, new_force = (item.force_newtons if item else None for item in (was, now))
        if old_force is not None or new_force is not None:
            forces.append(
                Change("Strength (force)", measure, old_force, new_force, " N", Better.HIGHER)
            )
    return grades + forces


_SEVERITY_RANKS = {severity: rank for rank, severity in enumerate(Severity)}  # absent first


def _posture_level(item: Posture) -> Level:
    if item.severity is None:
        return Level("Present, not graded", None)
    return Level(label(item.severity), _SEVERITY_RANKS[item.severity])


def _posture(before: AssessmentData, after: AssessmentData) -> list[Change]:
    old = {(item.deviation, item.side): _posture_level(item) for item in before.posture}
    new = {(item.deviation, item.side): _posture_level(item) for item in after.posture}
    return [
        Change(
            "Posture",
            _sided(label(deviation), side),
            old.get((deviation, side)),
            new.get((deviation, side)),
            "",
            Better.LOWER,
        )
        for deviation, side in _ordered_keys(old, new)
    ]


def _circulation(before: Circulation, after: Circulation) -> list[Change]:
    changes = []
    old_abi = {leg.side: leg for leg in leg_abis(before)}
    new_abi = {leg.side: leg for leg in leg_abis(after)}
    for side in _ordered_keys(old_abi, new_abi):
        was, now = old_abi.get(side), new_abi.get(side)
        reported = [
            when for when, leg in (("earlier", was), ("later", now)) if leg and leg.reported
        ]
        # Higher is better only up to the normal band; the findings list shows the band itself.
        changes.append(
            Change(
                "Circulation",
                _sided("ABI", side),
                was.abi if was else None,
                now.abi if now else None,
                "",
                Better.HIGHER,
                note=f"{' and '.join(reported)} value reported, not measured here"
                if reported
                else "",
            )
        )
    old_crt = {(item.region, item.side): item.seconds for item in before.capillary_refill}
    new_crt = {(item.region, item.side): item.seconds for item in after.capillary_refill}
    for region, side in _ordered_keys(old_crt, new_crt):
        changes.append(
            Change(
                "Circulation",
                _sided(f"Capillary refill, {label(region).lower()}", side),
                old_crt.get((region, side)),
                new_crt.get((region, side)),
                " s",
                Better.LOWER,
            )
        )
    return changes


# The objective measures of 2.2, 3.1, 4.1, 5.4 and 5.6 -----------------------------------------

POSTURE_VALUE_BETTER: Mapping[PostureDeviation, Better] = {
    PostureDeviation.GENU_VALGUM: Better.LOWER,  # 2.2: above 8 cm pathological
    PostureDeviation.GENU_RECURVATUM: Better.LOWER,  # 2.2: above 5° or 10°
    PostureDeviation.SCOLIOSIS: Better.LOWER,  # 2.2: ATR below 5° usually no action
}
"""Posture values whose reference threshold lies on one side only. The others are not judged:
a kyphosis has a normal range (2.2: roughly 20-40/45°), and the intercondylar distance, the
pelvic tilt difference and the scapular distances have no verified threshold."""
_UNIT_SUFFIXES = {"degrees": "°", "cm": " cm", "mm": " mm"}


def _changes(
    group: str,
    old: Mapping,
    new: Mapping,
    measure: Callable[[Any], str],
    unit: str | Callable[[Any], str],
    better: Better | Callable[[Any], Better | None] | None = None,
    note: str = "",
) -> list[Change]:
    """A change per key of either mapping, in first-seen order; ``measure`` names a key,
    ``better`` gives its direction (a Better, or a function of the key)."""
    return [
        Change(
            group,
            measure(key),
            old.get(key),
            new.get(key),
            unit(key) if callable(unit) else unit,
            better(key) if callable(better) else better,
            note=note,
        )
        for key in _ordered_keys(old, new)
    ]


def _objective_measures(before: AssessmentData, after: AssessmentData) -> list[Change]:
    def posture_values(record: AssessmentData) -> dict:
        return {
            (item.deviation, item.side): item.measured_value
            for item in record.posture
            if item.measured_value is not None
        }

    def named(key) -> str:
        deviation, side = key
        return _sided(f"{label(deviation)}: {POSTURE_MEASURES[deviation].name}", side)

    def rib_hump(record: AssessmentData) -> dict:
        return {
            item.side: Level("Rib hump" if item.rib_hump else "No rib hump", None)
            for item in record.posture
            if item.rib_hump is not None
        }

    feet = [{foot.side: foot.total for foot in record.foot_posture} for record in (before, after)]
    scapular = [
        {(item.measure, item.side): item.cm for item in record.scapular_distances}
        for record in (before, after)
    ]
    grip = [{item.side: item.kg for item in record.grip_strength} for record in (before, after)]
    return [
        *_changes(
            "Posture (measured)",
            posture_values(before),
            posture_values(after),
            named,
            lambda key: _UNIT_SUFFIXES[POSTURE_MEASURES[key[0]].unit],
            lambda key: POSTURE_VALUE_BETTER.get(key[0]),
        ),
        *_changes(
            "Posture (measured)",
            rib_hump(before),
            rib_hump(after),
            lambda side: _sided("Scoliosis: Adams forward bend", side),
            "",
        ),
        *_changes(
            "Posture (measured)",
            *feet,
            lambda side: _sided("Foot Posture Index (FPI-6)", side),
            "",
            note="0 to +5 is normal, either side of it is not: not judged",
        ),
        *_changes(
            "Posture (measured)",
            *scapular,
            lambda key: _sided(f"Scapular distance, {label(key[0]).lower()}", key[1]),
            " cm",
        ),
        *_changes(
            "Strength (grip)", *grip, lambda side: _sided("Grip", side), " kg", Better.HIGHER
        ),
        *_end_of_range(before, after),
    ]


def _end_of_range_level(item: RangeOfMotion) -> Level | None:
    words = [
        END_FEEL_WORDS[item.end_feel] if item.end_feel else "",
        "pain" if item.pain_at_end_of_range else "",
        "reproduces complaint" if item.reproduces_complaint else "",
    ]
    if (item.end_feel, item.pain_at_end_of_range, item.reproduces_complaint) == (None,) * 3:
        return None
    return Level(", ".join(word for word in words if word) or "no symptoms", None)


def _end_of_range(before: AssessmentData, after: AssessmentData) -> list[Change]:
    """End-feel and symptoms at end of range (4.1): shown side by side, not judged."""

    def levels(record: AssessmentData) -> dict:
        return {
            (item.movement, side): level
            for item in record.range_of_motion
            for side in _sides(item.side)
            if (level := _end_of_range_level(item)) is not None
        }

    return _changes(
        "Range of motion (end of range)",
        levels(before),
        levels(after),
        lambda key: _sided(label(key[0]), key[1]),
        "",
    )


def _circulation_measures(before: Circulation, after: Circulation) -> list[Change]:
    """Oedema pit depth and rebound (5.4: lower is less oedema), girths per landmark and the
    Wells total (5.6), the last two not judged: a girth also grows with muscle, and the Wells
    score estimates a probability, it does not measure progress."""

    def oedema(record: Circulation, name: str) -> dict:
        return {
            (item.region, item.side): getattr(item, name)
            for item in record.oedema
            if getattr(item, name) is not None
        }

    def where(what: str):
        return lambda key: _sided(f"{what}, {label(key[0]).lower()}", key[1])

    def girths(record: Circulation) -> dict:
        return {(item.landmark.strip(), item.side): item.cm for item in record.girths}

    def wells(record: Circulation) -> dict:
        return {} if record.wells is None else {record.wells.side: record.wells.total}

    return [
        *_changes(
            "Circulation",
            oedema(before, "pit_depth_mm"),
            oedema(after, "pit_depth_mm"),
            where("Oedema pit depth"),
            " mm",
            Better.LOWER,
        ),
        *_changes(
            "Circulation",
            oedema(before, "rebound_seconds"),
            oedema(after, "rebound_seconds"),
            where("Oedema rebound"),
            " s",
            Better.LOWER,
        ),
        *_changes(
            "Circulation",
            girths(before),
            girths(after),
            lambda key: _sided(f"Girth, {key[0]}", key[1]),
            " cm",
            note="not judged: a girth also grows with muscle",
        ),
        *_changes(
            "Circulation",
            wells(before),
            wells(after),
            lambda side: _sided("Wells DVT score", side),
            "",
            note="a probability, not a measure of progress: not judged",
        ),
    ]


GOAL_FAMILIES = {"walk_onset": "Walking (claudication)", "walk_max": "Walking (claudication)"}
GOAL_FAMILIES |= {"cramps": "Cramps"}
"""Measures compared as the goals measure them (``goals.goal_measures``), so that a goal and the
comparison read the same value: claudication distances per leg (5.5), cramps per region and side
(6.1). A cramp count per night and one per week are different measures, never subtracted."""
_UNITS = {"m": " m", "per week": " a week", "per night": " a night"}


def _goal_families(
    before: AssessmentData, after: AssessmentData, reference: ReferenceValues
) -> list[Change]:
    def measures(record: AssessmentData) -> dict:
        return {
            (measure.code, measure.unit): measure
            for measure in goal_measures(record, reference)
            if measure.code.split(":", 1)[0] in GOAL_FAMILIES and measure.current is not None
        }

    old, new = measures(before), measures(after)
    changes = []
    for code, unit in _ordered_keys(old, new):
        was, now = old.get((code, unit)), new.get((code, unit))
        shown = now or was
        changes.append(
            Change(
                GOAL_FAMILIES[code.split(":", 1)[0]],
                shown.goal_name,
                was.current if was else None,
                now.current if now else None,
                _UNITS[unit],
                shown.better,
            )
        )
    return changes


# Goals ---------------------------------------------------------------------------------------


class Goal(Protocol):
    """A plan goal as stored: the goal-measure code, comparator, target and starting value."""

    measure: str
    comparator: str
    target: Decimal
    baseline: Decimal | None


@dataclass(frozen=True)
class GoalAtReview:
    goal: Goal
    value: Decimal | None  # None when the later assessment did not measure it
    met: bool | None


def goals_at(
    goals: Iterable[Goal], record: AssessmentData, reference: ReferenceValues
) -> list[GoalAtReview]:
    """Each goal against ``record``: the measure of the same code gives the value (goals)."""
    values = {measure.code: measure.current for measure in goal_measures(record, reference)}
    return [
        GoalAtReview(
            goal,
            values.get(goal.measure),
            goal_met(goal.measure, goal.comparator, goal.target, values.get(goal.measure)),
        )
        for goal in goals
    ]


def _sides(side: Side) -> tuple[Side, ...]:
    """A bilateral entry counts for each side, as the assessment form shows and saves it."""
    return (Side.LEFT, Side.RIGHT) if side is Side.BILATERAL else (side,)


def _ordered_keys(*mappings: Mapping) -> list:
    keys: list = []
    for mapping in mappings:
        keys += [key for key in mapping if key not in keys]
    return keys


def _sided(measure: str, side: Side) -> str:
    return measure if side is Side.NOT_APPLICABLE else f"{measure} ({side.value})"
