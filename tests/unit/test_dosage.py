import dataclasses
import re
from decimal import Decimal

import pytest

from practice.clinical.dosage import (
    ALIASES,
    DOSAGE_BOUNDS,
    EXERCISE_DOSAGE_FIELDS,
    LOAD_PARAMETER,
    PARAMETER_WORDING,
    PARAMETERS,
    SIDED_CHOICES,
    STEP_FIELDS,
    BandColour,
    DosageBound,
    ExerciseLoad,
    LoadKind,
    TechniqueDosage,
    dosage_at_site,
    dosage_bound,
    dosage_problems,
    inexpressible,
    side_choices,
)
from practice.clinical.vocabulary import ExerciseSide, Side, TechniqueKind
from practice.seed import DOSAGE_PARAMETER_UNITS, ExerciseDosage, load_seed_catalogue

D = Decimal
K = TechniqueKind


def bound_id(bound: DosageBound) -> str:
    return f"{bound.parameter}-{bound.kind or 'any'}"


# The table ---------------------------------------------------------------------------------------


def test_every_parameter_has_a_bound_for_any_kind():
    assert {bound.parameter for bound in DOSAGE_BOUNDS if bound.kind is None} == set(
        PARAMETER_WORDING
    )


def test_no_parameter_and_kind_appears_twice():
    keys = [(bound.parameter, bound.kind) for bound in DOSAGE_BOUNDS]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("bound", DOSAGE_BOUNDS, ids=bound_id)
def test_every_bound_is_sane_and_names_its_section(bound):
    assert 0 <= bound.minimum <= bound.maximum
    assert re.search(r"\b\d+\.\d+\b", bound.source), bound.source


def test_the_catalogue_parameters_are_all_bounded():
    assert set(DOSAGE_PARAMETER_UNITS) <= PARAMETERS


def test_the_home_exercise_fields_are_all_bounded():
    numeric = {
        field.name for field in dataclasses.fields(ExerciseDosage) if field.name not in NOT_NUMBERS
    }
    assert numeric <= PARAMETERS
    assert set(LOAD_PARAMETER.values()) <= PARAMETERS  # a band has a colour, not a number


NOT_NUMBERS = ("side", "load")


@pytest.mark.parametrize("technique", load_seed_catalogue().techniques, ids=lambda t: t.key)
def test_every_seed_technique_default_is_within_bounds(technique):
    parameters = {parameter.name: parameter.value for parameter in technique.dosage}
    assert dosage_problems(parameters, kind=technique.kind) == {}


@pytest.mark.parametrize("exercise", load_seed_catalogue().exercises, ids=lambda e: e.key)
def test_every_seed_exercise_default_is_within_bounds(exercise):
    kinds = {t.key: t.kind for t in load_seed_catalogue().techniques}
    values = {name: exercise.dosage[name] for name in EXERCISE_DOSAGE_FIELDS}
    assert dosage_problems(values, kind=kinds[exercise.technique]) == {}


# Every boundary ----------------------------------------------------------------------------------


@pytest.mark.parametrize("bound", DOSAGE_BOUNDS, ids=bound_id)
def test_the_limits_themselves_pass(bound):
    parameters = {bound.parameter: bound.minimum}
    assert dosage_problems(parameters, kind=bound.kind) == {}
    assert dosage_problems({bound.parameter: bound.maximum}, kind=bound.kind) == {}


@pytest.mark.parametrize("bound", DOSAGE_BOUNDS, ids=bound_id)
def test_one_beyond_either_limit_fails(bound):
    below = dosage_problems({bound.parameter: bound.minimum - 1}, kind=bound.kind)
    above = dosage_problems({bound.parameter: bound.maximum + 1}, kind=bound.kind)
    assert set(below) == set(above) == {bound.parameter}
    assert below[bound.parameter] == above[bound.parameter]
    assert f"between {bound.minimum} and {bound.maximum}" in above[bound.parameter]


@pytest.mark.parametrize("bound", [b for b in DOSAGE_BOUNDS if not b.whole], ids=bound_id)
def test_a_fraction_beyond_the_upper_limit_fails(bound):
    assert dosage_problems({bound.parameter: bound.maximum + D("0.1")}, kind=bound.kind)


@pytest.mark.parametrize("bound", DOSAGE_BOUNDS, ids=bound_id)
def test_negatives_always_fail(bound):
    assert bound.parameter in dosage_problems({bound.parameter: -1}, kind=bound.kind)


ZERO_ALLOWED = {"rest_seconds", "rest_hours", "ramp_seconds"}


@pytest.mark.parametrize("bound", DOSAGE_BOUNDS, ids=bound_id)
def test_zero_passes_only_for_rests_and_the_ramp(bound):
    problems = dosage_problems({bound.parameter: 0}, kind=bound.kind)
    assert (problems == {}) is (bound.parameter in ZERO_ALLOWED)


# Messages and kinds -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parameters", "kind", "expected"),
    [
        ({"hold_seconds": 301}, None, "Hold must be between 1 and 300 seconds."),
        ({"hold_seconds": 0}, None, "Hold must be between 1 and 300 seconds."),
        ({"sets": 13}, None, "Sets must be between 1 and 12."),
        ({"days_per_week": 8}, None, "Days a week must be between 1 and 7."),
        ({"frequency_hz": 151}, K.TENS, "Frequency must be between 1 and 150 Hz for TENS."),
        ({"frequency_hz": 101}, K.NMES, "Frequency must be between 1 and 100 Hz for NMES."),
        ({"pulse_width_us": 251}, K.TENS, "Pulse width must be between 1 and 250 µs for TENS."),
        ({"pulse_width_us": 601}, K.NMES, "Pulse width must be between 1 and 600 µs for NMES."),
        (
            {"minutes": 9},
            K.SUPERFICIAL_HEAT,
            "Duration must be between 10 and 20 minutes for heat.",
        ),
        (
            {"minutes": 21},
            K.SUPERFICIAL_HEAT,
            "Duration must be between 10 and 20 minutes for heat.",
        ),
        ({"minutes": 31}, K.COLD, "Duration must be between 1 and 30 minutes for cold."),
        (
            {"times_per_day": 4},
            K.SUPERFICIAL_HEAT,
            "Times a day must be between 1 and 3 for heat.",
        ),
        (
            {"carrier_frequency_hz": 999},
            K.INTERFERENTIAL,
            "Carrier frequency must be between 1000 and 10000 Hz.",
        ),
        ({"rest_seconds": -1}, None, "Rest must be between 0 and 300 seconds."),
    ],
)
def test_messages_read_for_clinicians(parameters, kind, expected):
    (message,) = dosage_problems(parameters, kind=kind).values()
    assert message == expected


def test_a_kind_without_its_own_row_uses_the_general_bound():
    assert dosage_problems({"minutes": 180}, kind=K.MASSAGE) == {}
    assert dosage_problems({"minutes": 181}, kind=K.MASSAGE) == {
        "minutes": "Duration must be between 1 and 180 minutes."
    }


def test_without_a_kind_the_widest_electrotherapy_range_applies():
    assert dosage_problems({"pulse_width_us": 600, "frequency_hz": 150}) == {}
    assert dosage_bound("pulse_width_us", K.TENS).maximum == 250


def test_heat_minutes_hold_for_a_home_exercise_duration_too():
    assert dosage_bound("duration_minutes", K.SUPERFICIAL_HEAT) == dosage_bound(
        "minutes", K.SUPERFICIAL_HEAT
    )


@pytest.mark.parametrize(("alias", "name"), sorted(ALIASES.items()))
def test_home_exercise_names_are_checked_as_their_technique_parameter(alias, name):
    assert dosage_bound(alias) == dosage_bound(name)
    problems = dosage_problems({alias: dosage_bound(name).maximum + 1})
    assert list(problems) == [alias]


@pytest.mark.parametrize("name", ["sets", "reps", "repetitions", "cycles", "days_per_week"])
def test_counts_must_be_whole_numbers(name):
    label = PARAMETER_WORDING[ALIASES.get(name, name)].label
    assert dosage_problems({name: D("2.5")}) == {name: f"{label} must be a whole number."}
    assert dosage_problems({name: 2.0}) == {}


def test_times_may_be_fractions():
    assert dosage_problems({"ramp_seconds": 1.5, "hold_seconds": D("7.5")}, kind=K.NMES) == {}


@pytest.mark.parametrize("value", [True, "30", D("NaN"), D("Infinity"), float("inf")])
def test_something_that_is_not_a_number_is_refused(value):
    assert dosage_problems({"hold_seconds": value}) == {"hold_seconds": "Hold must be a number."}


def test_a_parameter_not_given_is_not_checked():
    assert dosage_problems({"hold_seconds": None, "reps": None}) == {}


def test_every_offending_field_gets_its_own_message():
    problems = dosage_problems({"sets": 0, "reps": 12, "hold_seconds": 900, "rest_seconds": 0})
    assert set(problems) == {"sets", "hold_seconds"}


def test_unknown_parameter_names_are_refused():
    with pytest.raises(ValueError, match="carrier_hz, speed"):
        dosage_problems({"carrier_hz": 4000, "speed": 1, "sets": 2})
    with pytest.raises(ValueError, match="carrier_hz"):
        dosage_bound("carrier_hz")


# What the steps of an exercise can express (the plan form's bad-input rule) ---------------------

SEED = {exercise.key: exercise.dosage for exercise in load_seed_catalogue().exercises}


def _with(dosage: ExerciseDosage, **changes) -> ExerciseDosage:
    return dataclasses.replace(dosage, **changes)


@pytest.mark.parametrize("key", sorted(SEED))
def test_every_seed_default_is_expressible_by_its_own_steps(key):
    assert inexpressible(SEED[key], SEED[key]) == {}


@pytest.mark.parametrize("field", sorted(STEP_FIELDS))
def test_a_step_field_the_exercise_has_none_of_is_refused(field):
    without = [dosage for dosage in SEED.values() if dosage[field] is None]
    assert without  # the seed has an exercise without each of them
    for declared in without:
        assert inexpressible(declared, _with(declared, **{field: 5})) == {field: STEP_FIELDS[field]}


def test_a_step_field_the_exercise_has_may_change_or_be_left_blank():
    calf = SEED["calf-stretch-wall"]
    assert inexpressible(calf, _with(calf, hold_seconds=45, reps=None, sets=3)) == {}


@pytest.mark.parametrize(
    ("key", "sides"),
    [
        ("calf-stretch-wall", SIDED_CHOICES),
        ("neck-rotation", SIDED_CHOICES),
        ("glute-bridge", (ExerciseSide.NOT_APPLICABLE,)),
        ("chin-tuck", (ExerciseSide.NOT_APPLICABLE,)),
    ],
)
def test_a_sided_exercise_takes_every_side_and_one_that_is_not_takes_none(key, sides):
    declared = SEED[key]
    assert side_choices(declared) == sides
    for side in ExerciseSide:
        problems = inexpressible(declared, _with(declared, side=side))
        assert ("side" in problems) is (side not in sides), side


def test_the_side_message_says_which_sides_fit():
    calf, bridge = SEED["calf-stretch-wall"], SEED["glute-bridge"]
    left_bridge = inexpressible(bridge, _with(bridge, side=ExerciseSide.LEFT))
    assert left_bridge == {
        "side": "This exercise is not done one side at a time: choose “Not applicable”."
    }
    assert (
        "left, right, both or alternate"
        in inexpressible(calf, _with(calf, side=ExerciseSide.NOT_APPLICABLE))["side"]
    )


@pytest.mark.parametrize(
    ("key", "load", "problem"),
    [
        ("band-row", ExerciseLoad(LoadKind.BAND, band=BandColour.GREEN), None),
        ("band-row", ExerciseLoad(LoadKind.BAND), None),  # not chosen yet
        ("band-row", ExerciseLoad(LoadKind.KILOGRAMS, amount=2), "a band colour"),
        ("straight-leg-raise", ExerciseLoad(LoadKind.KILOGRAMS, amount=1), None),
        ("straight-leg-raise", ExerciseLoad(LoadKind.EFFORT, amount=5), "kilograms"),
        ("walking-programme", ExerciseLoad(LoadKind.EFFORT, amount=5), None),
        ("calf-stretch-wall", ExerciseLoad(LoadKind.KILOGRAMS, amount=1), "takes no load"),
        ("calf-stretch-wall", ExerciseLoad(LoadKind.BAND, band=BandColour.RED), "takes no load"),
    ],
)
def test_a_load_only_of_the_kind_the_exercise_takes(key, load, problem):
    problems = inexpressible(SEED[key], _with(SEED[key], load=load))
    if problem is None:
        assert problems == {}
    else:
        assert problem in problems["load"]


def test_the_seed_declares_a_load_of_each_kind():
    kinds = {dosage.load.kind for dosage in SEED.values() if dosage.load}
    assert kinds == set(LoadKind)
    assert all(not dosage.load.is_set for dosage in SEED.values() if dosage.load)


@pytest.mark.parametrize(
    ("load", "expected"),
    [
        ({"load_kg": 0.5}, {}),
        ({"load_kg": 0.4}, {"load_kg": "Weight must be between 0.5 and 50 kg."}),
        ({"load_kg": 51}, {"load_kg": "Weight must be between 0.5 and 50 kg."}),
        ({"effort": 10}, {}),
        ({"effort": 0}, {"effort": "Effort must be between 1 and 10 out of 10."}),
        ({"effort": 5.5}, {"effort": "Effort must be a whole number."}),
    ],
)
def test_a_load_is_bounded(load, expected):
    assert dosage_problems(load) == expected


def test_a_load_has_an_amount_or_a_colour_as_its_kind_says():
    with pytest.raises(ValueError, match="colour, not an amount"):
        ExerciseLoad(LoadKind.BAND, amount=3)
    with pytest.raises(ValueError, match="amount, not a band colour"):
        ExerciseLoad(LoadKind.EFFORT, band=BandColour.RED)


@pytest.mark.parametrize(
    ("default", "site", "expected"),
    [
        (ExerciseSide.BOTH, Side.LEFT, ExerciseSide.LEFT),
        (ExerciseSide.ALTERNATE, Side.RIGHT, ExerciseSide.RIGHT),
        (ExerciseSide.LEFT, Side.RIGHT, ExerciseSide.RIGHT),
        (ExerciseSide.BOTH, Side.BILATERAL, ExerciseSide.BOTH),
        (ExerciseSide.RIGHT, Side.NOT_APPLICABLE, ExerciseSide.RIGHT),
        (ExerciseSide.NOT_APPLICABLE, Side.LEFT, ExerciseSide.NOT_APPLICABLE),
    ],
)
def test_a_sided_exercise_starts_on_the_side_of_its_site(default, site, expected):
    seed = next(e for e in load_seed_catalogue().exercises if e.key == "calf-stretch-wall")
    dosage = dataclasses.replace(seed.dosage, side=default)
    assert dosage_at_site(dosage, site) == dataclasses.replace(dosage, side=expected)


def test_a_technique_keeps_its_dosage_whatever_the_site():
    dosage = TechniqueDosage({"minutes": 20})
    assert dosage_at_site(dosage, Side.LEFT) is dosage
