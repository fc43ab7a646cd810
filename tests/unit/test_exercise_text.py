"""Placeholders in exercise text, and the detector of sides, times, counts and loads a text
states of its own."""

from __future__ import annotations

import copy
import re

import pytest
import textstat

from practice.clinical.dosage import BandColour, ExerciseDosage, ExerciseLoad, LoadKind
from practice.clinical.exercise_text import (
    ClaimKind,
    TextError,
    claims,
    disagreements,
    placeholder_problems,
    render,
    template_problems,
)
from practice.clinical.handout_text import dosage_sentences
from practice.clinical.readability import TARGET_GRADE
from practice.clinical.vocabulary import ExerciseSide
from practice.seed import EXERCISES_FILE, catalogue_from_documents, load_seed_catalogue
from tests.unit.test_seed_catalogue import seed_documents

S = ExerciseSide
TEMPLATE = "{Working} foot goes up. Keep {other} foot down and tip toward {same} side."


@pytest.mark.parametrize(
    ("side", "expected"),
    [
        (
            S.LEFT,
            "Your left foot goes up. Keep your other foot down and tip toward your left side.",
        ),
        (
            S.RIGHT,
            "Your right foot goes up. Keep your other foot down and tip toward your right side.",
        ),
        (S.BOTH, "One foot goes up. Keep the other foot down and tip toward the same side."),
        (S.ALTERNATE, "One foot goes up. Keep the other foot down and tip toward the same side."),
        (
            S.NOT_APPLICABLE,
            "One foot goes up. Keep the other foot down and tip toward the same side.",
        ),
    ],
)
def test_each_placeholder_reads_as_plain_english_for_every_side(side, expected):
    assert render(TEMPLATE, side) == expected


def test_text_without_placeholders_is_printed_as_written():
    assert render("Stand tall.", S.LEFT) == "Stand tall."


@pytest.mark.parametrize("text", ["Put {left} foot up.", "Put {WORKING} foot up.", "Put {} up."])
def test_an_unknown_placeholder_is_an_error(text):
    with pytest.raises(TextError, match="Unknown placeholder"):
        render(text, S.LEFT)
    assert placeholder_problems(text, sided=True)


@pytest.mark.parametrize("text", ["Put {working foot up.", "Put working} foot up."])
def test_a_stray_brace_is_an_error(text):
    with pytest.raises(TextError, match="brace"):
        render(text, S.LEFT)
    assert placeholder_problems(text, sided=True) == [
        "A brace is not closed: write placeholders as {working}."
    ]


def test_an_exercise_with_no_side_may_not_use_side_placeholders():
    (problem,) = placeholder_problems("Lift {working} arm.", sided=False)
    assert "has no side" in problem
    assert placeholder_problems("Lift {working} arm.", sided=True) == []


CLAIMS = [
    ("Put your right foot on the step.", ClaimKind.SIDE, "right", "right"),
    ("Tip your left ear down.", ClaimKind.SIDE, "left", "left"),
    ("Hold, then swap sides.", ClaimKind.SIDE, "swap sides", "both"),
    ("Swap.", ClaimKind.SIDE, "Swap", "both"),
    ("Do both sides.", ClaimKind.SIDE, "both sides", "both"),
    ("Then do the other leg.", ClaimKind.SIDE, "Then do the other leg", "both"),
    ("Hold for 10 seconds.", ClaimKind.DURATION, "10 seconds", 10),
    ("Hold 30 s.", ClaimKind.DURATION, "30 s", 30),
    ("Hold for a count of five.", ClaimKind.DURATION, "count of five", 5),
    ("Keep going for three to five minutes.", ClaimKind.DURATION, "three to five minutes", 3),
    ("Warm up with a few minutes of walking.", ClaimKind.DURATION, "a few minutes", None),
    ("Keep this up for 6 weeks.", ClaimKind.DURATION, "6 weeks", 6),
    ("Do it three times.", ClaimKind.COUNT, "three times", 3),
    ("Do one more set.", ClaimKind.COUNT, "one more set", 1),
    ("Do 12 reps.", ClaimKind.COUNT, "12 reps", 12),
    ("Do this twice.", ClaimKind.COUNT, "twice", 2),
    ("Do it 2 times a day.", ClaimKind.FREQUENCY, "2 times a day", 2),
    ("Do this twice a day.", ClaimKind.FREQUENCY, "twice a day", 2),
    ("Walk on 5 days a week.", ClaimKind.FREQUENCY, "5 days a week", 5),
    ("Stretch every night.", ClaimKind.FREQUENCY, "every night", 7),
    ("Add a little each week.", ClaimKind.FREQUENCY, "each week", 1),
    ("Use the red band.", ClaimKind.LOAD, "red band", "red"),
    ("Hold a 2 kg weight.", ClaimKind.LOAD, "2 kg", 2),
    ("Work at an effort of 6 out of 10.", ClaimKind.LOAD, "effort of 6", 6),
]


@pytest.mark.parametrize(("text", "kind", "words", "value"), CLAIMS, ids=[c[0] for c in CLAIMS])
def test_what_a_text_states_of_its_own_is_found(text, kind, words, value):
    (claim,) = claims(text)
    assert (claim.kind, claim.words, claim.value) == (kind, words, value)


@pytest.mark.parametrize(
    "text",
    [
        "Stop and contact us right away if it hurts.",
        "That is all right.",
        "Once you feel the stretch, hold it.",
        "Lie on your back with both knees bent.",
        "Hold the band in both hands.",
        "Change position often.",
        "Step one foot forward.",
        "Pause for a slow breath.",
        "Hold for a moment, then relax.",
        "Stand as tall as you can.",
        "Use a stronger band.",
        "Lift your top arm over to the other side of your body.",
    ],
)
def test_plain_instructions_claim_nothing(text):
    assert claims(text) == []


def _dosage(**changes) -> ExerciseDosage:
    values = {
        "sets": 2,
        "reps": 10,
        "hold_seconds": 30,
        "rest_seconds": 15,
        "times_per_day": 2,
        "days_per_week": 7,
        "side": S.LEFT,
        "duration_minutes": None,
        "programme_weeks": 6,
        "load": ExerciseLoad(LoadKind.BAND, band=BandColour.RED),
    }
    return ExerciseDosage(**(values | changes))


@pytest.mark.parametrize(
    "dosage",
    [
        _dosage(),
        _dosage(side=S.BOTH, sets=1, times_per_day=1, days_per_week=3, programme_weeks=None),
        _dosage(side=S.ALTERNATE, reps=1, hold_seconds=None, rest_seconds=0),
        _dosage(load=ExerciseLoad(LoadKind.KILOGRAMS, amount=2.5), duration_minutes=20),
        _dosage(load=ExerciseLoad(LoadKind.EFFORT, amount=4), side=S.NOT_APPLICABLE),
    ],
)
def test_the_dosage_line_agrees_with_its_own_dosage_and_says_each_number(dosage):
    line = dosage_sentences(dosage)
    assert [claim for text in line for claim in disagreements(text, dosage)] == []
    said = {claim.kind for text in line for claim in claims(text)}
    assert {ClaimKind.DURATION, ClaimKind.FREQUENCY, ClaimKind.LOAD} <= said


@pytest.mark.parametrize(
    ("text", "dosage", "wrong"),
    [
        ("Use your right side.", _dosage(), ["right"]),
        ("Use your left side.", _dosage(), []),
        ("Swap sides each time.", _dosage(), ["Swap sides"]),
        ("Swap sides each time.", _dosage(side=S.ALTERNATE), []),
        ("Do both sides.", _dosage(side=S.NOT_APPLICABLE), ["both sides"]),
        ("Hold for 10 seconds.", _dosage(), ["10 seconds"]),
        ("Hold for 30 seconds.", _dosage(), []),
        ("Rest for 15 seconds.", _dosage(), []),
        ("Hold for 30 seconds.", _dosage(hold_seconds=None, rest_seconds=0), ["30 seconds"]),
        ("Do it three times.", _dosage(), ["three times"]),
        ("Do it 10 times.", _dosage(), []),
        ("Do 2 sets.", _dosage(), []),
        ("Do it 3 times a day.", _dosage(), ["3 times a day"]),
        ("Do it every day.", _dosage(days_per_week=5), ["every day"]),
        ("Use the green band.", _dosage(), ["green band"]),
        ("Hold a 2 kg weight.", _dosage(), ["2 kg"]),
        ("Warm up for a few minutes.", _dosage(duration_minutes=5), ["a few minutes"]),
    ],
)
def test_a_claim_disagrees_unless_the_dosage_makes_it(text, dosage, wrong):
    assert [claim.words for claim in disagreements(text, dosage)] == wrong


def test_a_template_may_state_nothing_of_its_own():
    assert template_problems("Put {working} foot on the step.", sided=True) == []
    (problem,) = template_problems("Put your right foot on the step for 10 seconds.", sided=True)
    assert "“right”" in problem
    assert "“10 seconds”" in problem
    assert "{working}" in problem


def test_the_seed_loader_refuses_an_unknown_placeholder_naming_the_field():
    techniques, exercises, advice = seed_documents()
    broken = copy.deepcopy(exercises)
    broken["exercises"][1]["steps"][0] = "Hold the seat with {workin} hand."
    key = broken["exercises"][1]["key"]
    with pytest.raises(
        ValueError, match=rf"{EXERCISES_FILE}: item '{key}': field 'steps': .*Unknown placeholder"
    ):
        catalogue_from_documents(techniques, broken, advice)


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("feel", "You should feel it in your right calf."),
        ("easier", "Hold for 10 seconds only."),
        ("harder", "Do two more sets."),
    ],
)
def test_the_seed_loader_refuses_a_text_that_states_its_own_side_or_number(field, text):
    techniques, exercises, advice = seed_documents()
    broken = copy.deepcopy(exercises)
    broken["exercises"][1][field] = text
    with pytest.raises(ValueError, match=rf"field '{field}'.*itself"):
        catalogue_from_documents(techniques, broken, advice)


def test_the_seed_loader_refuses_side_placeholders_in_an_exercise_with_no_side():
    techniques, exercises, advice = seed_documents()
    broken = copy.deepcopy(exercises)
    no_side = next(e for e in broken["exercises"] if e["dosage"]["side"] == "not_applicable")
    no_side["steps"][0] = "Lift {working} arm."
    with pytest.raises(ValueError, match=rf"item '{no_side['key']}': field 'steps'.*has no side"):
        catalogue_from_documents(techniques, broken, advice)


@pytest.mark.parametrize("side", [S.LEFT, S.RIGHT, S.BOTH, S.ALTERNATE])
def test_every_sided_exercise_reads_at_grade_seven_or_below_on_every_side(side):
    too_hard = [
        (exercise.key, sentence, textstat.flesch_kincaid_grade(sentence))
        for exercise in load_seed_catalogue().exercises
        if exercise.dosage.sided
        for text in exercise.patient_texts()
        for sentence in re.split(r"(?<=[.!?])\s+", render(text, side))
        if textstat.flesch_kincaid_grade(sentence) > TARGET_GRADE
    ]
    assert too_hard == []


def test_most_sided_exercises_say_the_side_in_their_steps():
    sided = [e for e in load_seed_catalogue().exercises if e.dosage.sided]
    with_placeholder = [e for e in sided if any("{" in step for step in e.steps)]
    assert len(with_placeholder) >= 0.8 * len(sided)
