"""What changed between two assessments of the same patient: pain, ROM, strength, circulation."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from practice.clinical.assessment_data import AssessmentData, Circulation
from practice.clinical.findings import ankle_brachial_index, percent_of_normal, round_half_up
from practice.clinical.labels import label
from practice.clinical.reference import ReferenceValues
from practice.clinical.vocabulary import Side

Value = int | Decimal | None


class Better(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


@dataclass(frozen=True)
class Change:
    group: str
    measure: str
    before: Value
    after: Value
    unit: str
    better: Better
    percent_of_normal_after: Decimal | None = None  # for range of motion, to chart against 100 %
    percent_of_normal_before: Decimal | None = None

    @property
    def difference(self) -> Value:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def direction(self) -> str:
        """'better', 'worse', 'same' or 'new'/'not re-measured' when one side is missing."""
        if self.before is None:
            return "new"
        if self.after is None:
            return "not re-measured"
        if self.after == self.before:
            return "same"
        improved = (self.after > self.before) == (self.better is Better.HIGHER)
        return "better" if improved else "worse"


def compare_records(
    before: AssessmentData, after: AssessmentData, reference: ReferenceValues
) -> list[Change]:
    return [
        *_pain(before, after),
        *_range_of_motion(before, after, reference),
        *_strength(before, after),
        *_circulation(before.circulation, after.circulation),
    ]


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
    old = {(item.movement, item.side): item.active_degrees for item in before.range_of_motion}
    new = {(item.movement, item.side): item.active_degrees for item in after.range_of_motion}
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


def _strength(before: AssessmentData, after: AssessmentData) -> list[Change]:
    changes = []
    old = {(item.muscle_group, item.side): item for item in before.strength}
    new = {(item.muscle_group, item.side): item for item in after.strength}
    for muscle, side in _ordered_keys(old, new):
        was, now = old.get((muscle, side)), new.get((muscle, side))
        changes.append(
            Change(
                "Strength (Oxford grade)",
                _sided(label(muscle), side),
                was.grade if was else None,
                now.grade if now else None,
                "/5",
                Better.HIGHER,
            )
        )
        if (was and was.force_newtons is not None) or (now and now.force_newtons is not None):
            changes.append(
                Change(
                    "Strength (force)",
                    _sided(label(muscle), side),
                    was.force_newtons if was else None,
                    now.force_newtons if now else None,
                    " N",
                    Better.HIGHER,
                )
            )
    return changes


def _circulation(before: Circulation, after: Circulation) -> list[Change]:
    changes = []
    old_abi, new_abi = _abi_by_side(before), _abi_by_side(after)
    for side in _ordered_keys(old_abi, new_abi):
        # Higher is better only up to the normal band; the findings list shows the band itself.
        changes.append(
            Change(
                "Circulation",
                _sided("ABI", side),
                old_abi.get(side),
                new_abi.get(side),
                "",
                Better.HIGHER,
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


def _abi_by_side(circulation: Circulation) -> dict[Side, Decimal]:
    brachial = circulation.brachial_readings
    return {
        ankle.side: ankle_brachial_index(ankle.readings, brachial)
        for ankle in circulation.ankle_pressures
        if ankle.readings and brachial and max(brachial) > 0
    }


def _ordered_keys(*mappings: dict) -> list:
    keys: list = []
    for mapping in mappings:
        keys += [key for key in mapping if key not in keys]
    return keys


def _sided(measure: str, side: Side) -> str:
    return measure if side is Side.NOT_APPLICABLE else f"{measure} ({side.value})"
