"""The test that cannot lie: every catalogue exercise, on every side it may be prescribed on and
with several dosages, printed through the real handout content, says no side, time, count,
frequency or load that its dosage does not.

One issued plan holds every shipped exercise; each round gives every item a side and a dosage
(only the fields its steps can express, as the plan form allows) and builds the handout.
"""

from __future__ import annotations

import dataclasses
import itertools
import re

import pytest

from practice.clinical.dosage import (
    SIDED_CHOICES,
    BandColour,
    ExerciseDosage,
    ExerciseLoad,
    LoadKind,
    inexpressible,
    side_choices,
)
from practice.clinical.exercise_text import disagreements
from practice.clinical.vocabulary import ExerciseSide
from practice.extensions import db
from practice.handouts import services as handout_services
from practice.models import TreatmentPlan
from practice.seed import load_seed_catalogue
from tests.conftest import inside_one_transaction
from tests.factories import make_plan, make_user

KEYS = tuple(exercise.key for exercise in load_seed_catalogue().exercises)

# Each variant changes every number an exercise has to something no text could guess.
VARIANTS = {
    "seed default": {},
    "longer and more": {
        "hold_seconds": 45,
        "reps": 7,
        "sets": 3,
        "rest_seconds": 20,
        "times_per_day": 2,
        "days_per_week": 5,
        "duration_minutes": 25,
        "programme_weeks": 8,
        "load": {
            LoadKind.BAND: ExerciseLoad(LoadKind.BAND, band=BandColour.GREEN),
            LoadKind.KILOGRAMS: ExerciseLoad(LoadKind.KILOGRAMS, amount=3),
            LoadKind.EFFORT: ExerciseLoad(LoadKind.EFFORT, amount=6),
        },
    },
    "shorter and fewer": {
        "hold_seconds": 12,
        "reps": 15,
        "sets": 1,
        "rest_seconds": 0,
        "times_per_day": 1,
        "days_per_week": 7,
        "duration_minutes": 12,
        "programme_weeks": None,
        "load": {
            LoadKind.BAND: ExerciseLoad(LoadKind.BAND, band=BandColour.YELLOW),
            LoadKind.KILOGRAMS: ExerciseLoad(LoadKind.KILOGRAMS, amount=0.5),
            LoadKind.EFFORT: ExerciseLoad(LoadKind.EFFORT, amount=3),
        },
    },
    "odd numbers": {
        "hold_seconds": 60,
        "reps": 1,
        "sets": 4,
        "rest_seconds": 90,
        "times_per_day": 6,
        "days_per_week": 3,
        "duration_minutes": 40,
        "programme_weeks": 12,
    },
}
ROUNDS = list(itertools.product(VARIANTS, range(len(SIDED_CHOICES))))


def _dosage(declared: ExerciseDosage, variant: str, side_index: int) -> ExerciseDosage:
    """The variant's numbers where the exercise has that field, and its n-th side choice."""
    changes = {}
    for name, value in VARIANTS[variant].items():
        if name == "load":
            if declared.load:
                changes["load"] = value[declared.load.kind]
        elif declared[name] is not None:
            changes[name] = value
    sides = side_choices(declared)
    dosage = dataclasses.replace(declared, **changes, side=sides[side_index % len(sides)])
    assert inexpressible(declared, dosage) == {}  # a dosage the plan form would accept
    return dosage


def _printed(card) -> list[str]:
    return [*card.steps, *card.dosage, card.feel, *card.cautions, card.easier, card.harder]


@pytest.fixture(scope="module")
def plan_id(_session_app):
    """An issued plan with every shipped exercise, made once for the module, in a transaction
    that is rolled back after it; each test only changes objects in memory."""
    with inside_one_transaction(_session_app), _session_app.app_context():
        yield make_plan(make_user(), exercises=KEYS).id


@pytest.fixture(autouse=True)
def _forget_changes(plan_id):
    yield
    db.session.rollback()


def _content(plan_id, variant: str, side_index: int):
    version = db.session.get(TreatmentPlan, plan_id).current
    entries = [entry for entry in version.items if entry.catalogue_item.is_exercise]
    with db.session.no_autoflush:  # the issued version is only read, never written
        for entry in entries:
            entry.dosage = _dosage(entry.catalogue_item.dosage, variant, side_index)
        content = handout_services.home_exercise_content(version, therapist=None)
    return entries, content


@pytest.mark.parametrize(("variant", "side_index"), ROUNDS)
def test_no_printed_text_disagrees_with_its_dosage(plan_id, variant, side_index):
    entries, content = _content(plan_id, variant, side_index)
    assert len(content.exercises) == len(KEYS)
    wrong = {
        (entry.catalogue_item.key, entry.dosage.side.value, text): [
            claim.words for claim in disagreements(text, entry.dosage)
        ]
        for entry, card in zip(entries, content.exercises, strict=True)
        for text in _printed(card)
        if disagreements(text, entry.dosage)
    }
    assert wrong == {}


@pytest.mark.parametrize("side", [ExerciseSide.LEFT, ExerciseSide.RIGHT])
def test_a_one_sided_card_names_its_side_and_never_the_other(plan_id, side):
    entries, content = _content(plan_id, "seed default", SIDED_CHOICES.index(side))
    other = "right" if side is ExerciseSide.LEFT else "left"
    named = 0
    for entry, card in zip(entries, content.exercises, strict=True):
        text = " ".join(_printed(card)).lower()
        if entry.dosage.side is side:
            assert f"use your {side.value} side." in text, entry.catalogue_item.key
            named += f"your {side.value} " in " ".join(card.steps).lower()
        assert not re.search(rf"\b{other}\b", text), entry.catalogue_item.key
    assert named >= 20  # the steps of most sided exercises say the side, from the plan


def test_the_dosage_line_carries_every_number_of_the_dosage(plan_id):
    entries, content = _content(plan_id, "longer and more", 0)
    for entry, card in zip(entries, content.exercises, strict=True):
        line = " ".join(card.dosage)
        for name in ("hold_seconds", "reps", "sets", "times_per_day", "days_per_week"):
            if entry.dosage[name] is not None:
                assert str(entry.dosage[name]) in line, (entry.catalogue_item.key, name)
        if entry.dosage.load:
            loads = {"band": "green band", "kilograms": "3 kg", "effort": "effort of 6"}
            assert loads[entry.dosage.load.kind] in line, entry.catalogue_item.key


@pytest.mark.parametrize(
    ("step", "caught"),
    [
        ("Put your right foot on the step.", "right"),
        ("Hold for 30 seconds, then relax.", "30 seconds"),
        ("Do it three times.", "three times"),
        ("Do this twice a day.", "twice a day"),
        ("Then do the other leg.", "Then do the other leg"),
        ("Use the red band.", "red band"),
    ],
)
def test_a_catalogue_text_that_hard_codes_is_caught_on_the_handout(plan_id, step, caught):
    """The check reads the card itself: a text that states its own side or number fails it."""
    version = db.session.get(TreatmentPlan, plan_id).current
    entry = next(e for e in version.items if e.catalogue_item.key == "band-row")
    with db.session.no_autoflush:
        details = entry.catalogue_item.details
        entry.catalogue_item.details = dataclasses.replace(details, steps=(*details.steps, step))
        entry.dosage = dataclasses.replace(
            entry.catalogue_item.dosage,
            hold_seconds=None,
            reps=12,
            times_per_day=1,
            load=ExerciseLoad(LoadKind.BAND, band=BandColour.BLUE),
        )
        content = handout_services.home_exercise_content(version, therapist=None)
    card = next(card for card in content.exercises if card.name == entry.catalogue_item.name)
    found = [claim.words for text in _printed(card) for claim in disagreements(text, entry.dosage)]
    assert found == [caught]
