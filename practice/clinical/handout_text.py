"""Patient-facing wording for handouts: dosage lines and goals in plain words (8.3, 8.4).

Short sentences and short words, so the whole handout reads at grade 7 or lower: "Hold for 30
seconds. Do this 3 times. Do it 2 times a day, 7 days a week."
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Protocol, TypedDict

from practice.clinical.dosage import ExerciseLoad, LoadKind
from practice.clinical.exercise_text import render
from practice.clinical.goals import format_value
from practice.clinical.labels import label
from practice.clinical.vocabulary import ExerciseSide

SIDE_WORDS = {
    "left": "Use your left side.",
    "right": "Use your right side.",
    "both": "Do both sides.",
    "alternate": "Swap sides each time.",
}


def _count(value: int, one: str, many: str) -> str:
    return f"{value} {one if value == 1 else many}"


def _number_text(value: float | int | Decimal) -> str:
    return _number(Decimal(str(value)))


def load_sentence(load: ExerciseLoad | None) -> str | None:
    """The load as the patient reads it (8.1); None when there is none or none is set yet."""
    if load is None or not load.is_set:
        return None
    if load.kind is LoadKind.BAND:
        return f"Use the {load.band} band."
    if load.kind is LoadKind.KILOGRAMS:
        return f"Hold a {_number_text(load.amount)} kg weight."
    return f"Work at an effort of {_number_text(load.amount)} out of 10 (10 is your hardest)."


def dosage_sentences(dosage: Mapping[str, Any]) -> list[str]:
    """The dosage of a home exercise as short sentences, in the order a patient follows it."""
    sentences = []
    if load := load_sentence(dosage.get("load")):
        sentences.append(load)
    if dosage.get("hold_seconds"):
        sentences.append(f"Hold for {_count(dosage['hold_seconds'], 'second', 'seconds')}.")
    if dosage.get("duration_minutes"):
        sentences.append(
            f"Keep going for {_count(dosage['duration_minutes'], 'minute', 'minutes')}."
        )
    reps, sets = dosage.get("reps"), dosage.get("sets")
    if reps:
        sentences.append(f"Do this {_count(reps, 'time', 'times')}.")
    if sets and sets > 1:
        rest = dosage.get("rest_seconds")
        pause = f", with a {rest} second rest between them" if rest else ""
        sentences.append(f"Do {sets} sets{pause}.")
    elif dosage.get("rest_seconds") and (reps or 0) > 1:
        sentences.append(f"Rest for {dosage['rest_seconds']} seconds each time.")
    per_day, per_week = dosage.get("times_per_day"), dosage.get("days_per_week")
    if per_day or per_week:
        how_often = []
        if per_day:
            how_often.append("once a day" if per_day == 1 else f"{per_day} times a day")
        if per_week:
            how_often.append("every day" if per_week == 7 else f"{per_week} days a week")
        sentences.append(f"Do it {', '.join(how_often)}.")
    if dosage.get("programme_weeks"):
        sentences.append(f"Keep this up for {_count(dosage['programme_weeks'], 'week', 'weeks')}.")
    side = SIDE_WORDS.get(str(dosage.get("side") or ""))
    if side:
        sentences.append(side)
    return sentences


class ExerciseTexts(Protocol):
    """The patient texts of a catalogue exercise (``documents.ExerciseDetails``), as written."""

    steps: tuple[str, ...]
    feel: str
    cautions: tuple[str, ...]
    easier: str
    harder: str


class CardTexts(TypedDict):
    steps: tuple[str, ...]
    dosage: tuple[str, ...]
    feel: str
    cautions: tuple[str, ...]
    easier: str
    harder: str


def card_texts(exercise: ExerciseTexts, dosage: Mapping[str, Any]) -> CardTexts:
    """What an exercise card prints for a plan item: the exercise's texts with the side of its
    dosage filled in, and the dosage line, the one place that gives numbers."""
    side = dosage.get("side") or ExerciseSide.NOT_APPLICABLE
    return CardTexts(
        steps=tuple(render(step, side) for step in exercise.steps),
        dosage=tuple(dosage_sentences(dosage)),
        feel=render(exercise.feel, side),
        cautions=tuple(render(caution, side) for caution in exercise.cautions),
        easier=render(exercise.easier, side),
        harder=render(exercise.harder, side),
    )


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


# The period a count is taken over, from the goal's unit (goals.py: cramps per week or per night).
PERIOD_WORDS = {"per week": "a week", "per night": "a night"}


def goal_sentence(
    measure: str, name: str, comparator: str, target: Decimal, by: date, unit: str = ""
) -> str:
    """A plan goal as the patient reads it, with its number, unit and, for a count, the period
    ("Pain: 2 out of 10 or less by 6 January 2027.")."""
    when = f"by {by.day} {by:%B %Y}"
    less = comparator == "<="
    bound = "or less" if less else "or more"
    kind, *parts = measure.split(":")
    side = parts.pop() if parts and parts[-1] in ("left", "right", "bilateral") else ""
    subject = label(parts[0]).lower() if parts else ""
    on_side = f" ({side} side)" if side in ("left", "right") else ""
    leg = f"your {side} leg" if side in ("left", "right") else "your legs"
    number = _number(target)
    if kind in ("nprs_now", "nprs_worst"):
        which = "Pain at its worst" if kind == "nprs_worst" else "Pain"
        return f"{which}: {number} out of 10 {bound} {when}."
    if kind == "rom":
        return f"Move further: {subject}{on_side} to {number} degrees {bound} {when}."
    if kind == "force":
        return (
            f"Build strength in your {subject}{on_side}: {number} newtons {bound} "
            f"on our strength test {when}."
        )
    if kind == "grade":
        return (
            f"Build strength in your {subject}{on_side}: grade {number} out of 5 {bound} "
            f"on our strength test {when}."
        )
    if kind == "walk_onset":
        return f"Walk {number} metres {bound} before pain starts in {leg} {when}."
    if kind == "walk_max":
        return f"Walk {number} metres {bound} in one go {when}."
    if kind == "cramps":
        fewer = "or fewer" if less else "or more"
        return f"Fewer cramps: {number} {fewer} {PERIOD_WORDS[unit]} {when}."
    if kind == "abi":
        return (
            f"Better blood flow in {leg}: a blood pressure score (ABI) of "
            f"{format_value(target, 'ratio')} {bound} {when}."
        )
    return f"{name}: {'at most' if less else 'at least'} {number} {when}."
