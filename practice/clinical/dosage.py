"""The bounds a dosage must respect, for home exercises (8.1) and technique parameters (7.x).

``DOSAGE_BOUNDS`` is the one table. A row without a kind is the bound for every technique kind
without a row of its own. How the numbers were chosen:

- Where the reference gives a limit or a full range, it is the bound: TENS 1-150 Hz and pulse
  width up to 250 µs (7.6), NMES pulse width up to 600 µs (7.7), IFC carrier 1-10 kHz and beat
  frequency up to 150 Hz (7.8), heat 10-20 min up to about 3 times a day (7.9), cold up to 30 min
  (7.10), holds up to about 5 min (myofascial release, 7.4), 7 days a week.
- Where it gives only typical values, the upper bound is a generous cap of about three times the
  highest typical value quoted: it catches a slipped digit (120 reps for 12) without blocking an
  unusual but deliberate choice. Each such row says so in its ``source``.
- Lower bounds are 1 (a dosage of nothing is no dosage), except for rests and the NMES ramp,
  which may be 0. A typical lower figure (NMES from 20 Hz in trials, 7.7) is not a limit, since
  low settings are not what the table is there to catch.

The bounds check entries; they are not advice, and the reference's typical values stay in the
catalogue's dosage notes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType

from practice.clinical.vocabulary import ExerciseSide, Side, TechniqueKind

Number = int | float | Decimal


@dataclass(frozen=True)
class DosageBound:
    """Inclusive bounds for one parameter, for one technique kind or (``kind=None``) any."""

    parameter: str
    minimum: Decimal
    maximum: Decimal
    source: str
    kind: TechniqueKind | None = None
    whole: bool = False  # a count: sets, repetitions, days


@dataclass(frozen=True)
class ParameterWording:
    label: str
    unit: str  # the word after the number in a message; "" for counts


def _bound(
    parameter: str,
    minimum: int,
    maximum: int,
    source: str,
    kind: TechniqueKind | None = None,
    *,
    whole: bool = False,
) -> DosageBound:
    return DosageBound(parameter, Decimal(minimum), Decimal(maximum), source, kind, whole)


_K = TechniqueKind
_CAP = "generous cap, about 3 × the highest typical value"

DOSAGE_BOUNDS: tuple[DosageBound, ...] = (
    # Counts and schedule (8.1 fields)
    _bound("sets", 1, 12, f"7.11, 8.2: 2-4 sets (ACSM); {_CAP}", whole=True),
    _bound(
        "repetitions",
        1,
        60,
        f"8.2: 8-12 (strength), 15-20 (endurance), 10-20 (calf pumps); {_CAP}",
        whole=True,
    ),
    _bound("cycles", 1, 12, f"7.2: PNF 2-4 cycles; {_CAP}", whole=True),
    _bound(
        "times_per_day",
        1,
        12,
        "8.2: 1-3 times a day, calf pumps 'several times a day' with no number: generous cap, "
        "about hourly through a waking day",
        whole=True,
    ),
    _bound("times_per_day", 1, 3, "7.9: heat up to about 3 times a day", _K.SUPERFICIAL_HEAT),
    _bound("days_per_week", 1, 7, "8.1: days a week (a week has seven)", whole=True),
    _bound(
        "sessions_per_week",
        1,
        14,
        "7.5: dry needling often weekly; 7.13: at least 3 a week; no upper figure: generous cap, "
        "twice a day every day",
        whole=True,
    ),
    _bound(
        "programme_weeks",
        1,
        52,
        "8.2: 6 weeks (night cramps), 12 weeks (claudication); generous cap of one year",
        whole=True,
    ),
    # Times
    _bound(
        "hold_seconds",
        1,
        300,
        "7.1: stretch holds 10-60 s; 7.4: myofascial release holds up to about 5 min",
    ),
    _bound("stretch_hold_seconds", 1, 90, f"7.2: PNF stretch phase 10-30 s; {_CAP}"),
    _bound("contraction_seconds", 1, 30, f"7.2: PNF contraction 5-10 s; {_CAP}"),
    _bound(
        "rest_seconds",
        0,
        300,
        "8.1, 8.2: 10 s between stretches; 0 for no rest; no upper figure: generous cap of 5 min",
    ),
    _bound(
        "rest_hours",
        0,
        168,
        "7.11: 48 h between sessions for the same muscles; 0 for no rest; capped at a week "
        "(longer gaps are days a week)",
    ),
    _bound(
        "minutes",
        1,
        180,
        "7.3: massage session up to 60 min; 7.6: TENS 20-60 min, longer at home with breaks [U]; "
        f"7.13: walking 30-45 min; 7.14: breathing 3-5 min; {_CAP}",
    ),
    _bound("minutes", 1, 60, f"7.7: NMES 10-20 min; {_CAP}", _K.NMES),
    _bound("minutes", 1, 60, f"7.8: interferential 15-20 min; {_CAP}", _K.INTERFERENTIAL),
    _bound("minutes", 10, 20, "7.9: heat 15-20 min (some NHS leaflets 10-15)", _K.SUPERFICIAL_HEAT),
    _bound("minutes", 1, 30, "7.10: cold packs 10-20 min, some protocols up to 30", _K.COLD),
    _bound(
        "skin_check_minutes",
        1,
        20,
        "7.9: check the skin about every 5 min; at least once in the longest (20 min) session",
    ),
    _bound(
        "repeat_after_hours",
        1,
        24,
        "7.10: cold repeated every 1-2 h in the acute phase; at most once a day",
    ),
    # Electrotherapy
    _bound("frequency_hz", 1, 150, "7.6, 7.7: the widest range, TENS 1-150 Hz"),
    _bound("frequency_hz", 1, 150, "7.6: acupuncture-like ~1-4 Hz, conventional 50-150", _K.TENS),
    _bound(
        "frequency_hz",
        1,
        100,
        "7.7: NMES 30-50 Hz, range 20-100; 20 Hz is where trials started, not a limit",
        _K.NMES,
    ),
    _bound("pulse_width_us", 1, 600, "7.6, 7.7: the widest range, NMES up to 600 µs"),
    _bound("pulse_width_us", 1, 250, "7.6: TENS ~50-250 µs", _K.TENS),
    _bound("pulse_width_us", 1, 600, "7.7: NMES 200-400 µs, wider 400-600 µs", _K.NMES),
    _bound("on_seconds", 1, 30, f"7.7: NMES about 10 s on; {_CAP}"),
    _bound(
        "off_seconds",
        1,
        150,
        f"7.7: NMES 20-50 s off (duty cycle 1:2 to 1:5); {_CAP}; never 0, which would be "
        "continuous stimulation rather than a duty cycle",
    ),
    _bound("ramp_seconds", 0, 10, f"7.7: NMES ramp 1-3 s; 0 for no ramp; {_CAP}"),
    _bound("carrier_frequency_hz", 1000, 10000, "7.8: carrier usually ~4 kHz; 1-10 kHz used"),
    _bound("beat_frequency_hz", 1, 150, "7.8: ~10-25 Hz for motor effects, ~80-150 Hz for pain"),
    # Load of a home exercise (8.1)
    DosageBound(
        "load_kg",
        Decimal("0.5"),
        Decimal(50),
        "8.1: load in kg, no typical figure given; from the lightest ankle or hand weight (0.5 kg) "
        "to a generous cap for a home exercise",
    ),
    _bound(
        "effort",
        1,
        10,
        "8.1: intensity target RPE 0-10; 0 is rest, which is no target",
        whole=True,
    ),
)
"""Every bound, with its source section and, where it is a cap the reference does not give, why."""

PARAMETER_WORDING: Mapping[str, ParameterWording] = {
    "sets": ParameterWording("Sets", ""),
    "repetitions": ParameterWording("Repetitions", ""),
    "cycles": ParameterWording("Cycles", ""),
    "times_per_day": ParameterWording("Times a day", ""),
    "days_per_week": ParameterWording("Days a week", ""),
    "sessions_per_week": ParameterWording("Sessions a week", ""),
    "programme_weeks": ParameterWording("Programme length", "weeks"),
    "hold_seconds": ParameterWording("Hold", "seconds"),
    "stretch_hold_seconds": ParameterWording("Stretch hold", "seconds"),
    "contraction_seconds": ParameterWording("Contraction", "seconds"),
    "rest_seconds": ParameterWording("Rest", "seconds"),
    "rest_hours": ParameterWording("Rest between sessions", "hours"),
    "minutes": ParameterWording("Duration", "minutes"),
    "skin_check_minutes": ParameterWording("Skin check interval", "minutes"),
    "repeat_after_hours": ParameterWording("Repeat interval", "hours"),
    "frequency_hz": ParameterWording("Frequency", "Hz"),
    "pulse_width_us": ParameterWording("Pulse width", "µs"),
    "on_seconds": ParameterWording("On time", "seconds"),
    "off_seconds": ParameterWording("Off time", "seconds"),
    "ramp_seconds": ParameterWording("Ramp", "seconds"),
    "carrier_frequency_hz": ParameterWording("Carrier frequency", "Hz"),
    "beat_frequency_hz": ParameterWording("Beat frequency", "Hz"),
    "load_kg": ParameterWording("Weight", "kg"),
    "effort": ParameterWording("Effort", "out of 10"),
}

ALIASES: Mapping[str, str] = {"reps": "repetitions", "duration_minutes": "minutes"}
"""Home-exercise field names (8.1, ``ExerciseDosage``) for the technique parameter they mean."""

PARAMETERS: frozenset[str] = frozenset(PARAMETER_WORDING) | frozenset(ALIASES)
"""Every parameter name ``dosage_problems`` accepts."""

DosageValue = int | float | None
"""A dosage number; None where a prescription leaves it blank."""


class LoadKind(StrEnum):
    """How a home exercise's load is given (8.1: "value + unit (kg, band colour/level)";
    "intensity target RPE 0-10")."""

    KILOGRAMS = "kilograms"
    BAND = "band"
    EFFORT = "effort"  # how hard it feels, 0-10 (RPE)


class BandColour(StrEnum):
    """The colour of an exercise band, printed as it is ("Use the red band."): which colour is
    stronger depends on the maker, so the app does not rank them."""

    YELLOW = "yellow"
    RED = "red"
    GREEN = "green"
    BLUE = "blue"
    BLACK = "black"
    SILVER = "silver"
    GOLD = "gold"


LOAD_PARAMETER: Mapping[LoadKind, str] = {
    LoadKind.KILOGRAMS: "load_kg",
    LoadKind.EFFORT: "effort",
}
"""The bounded parameter of a numeric load (``DOSAGE_BOUNDS``); a band has a colour instead."""


@dataclass(frozen=True)
class ExerciseLoad:
    """The load of a home exercise: its kind, and the kilograms, effort or band colour.

    In a catalogue item's defaults the kind alone says the exercise takes that load; the amount
    or colour may be left for the clinician to set per patient.
    """

    kind: LoadKind
    amount: DosageValue = None  # kilograms, or effort 1-10
    band: BandColour | None = None

    def __post_init__(self) -> None:
        if self.kind is LoadKind.BAND and self.amount is not None:
            raise ValueError("A band load has a colour, not an amount")
        if self.kind is not LoadKind.BAND and self.band is not None:
            raise ValueError(f"A {self.kind.value} load has an amount, not a band colour")

    @property
    def is_set(self) -> bool:
        return self.amount is not None or self.band is not None


@dataclass(frozen=True)
class ExerciseDosage(Mapping[str, DosageValue | ExerciseSide | ExerciseLoad]):
    """A home exercise's dosage (8.1): the seed's defaults, a clinic's, or a plan's prescription.

    It reads as a mapping of field to value, as forms, templates and handout wording read it. The
    seed and the catalogue form require some numbers that a prescription may leave blank.
    """

    sets: DosageValue
    reps: DosageValue  # None for a timed exercise
    hold_seconds: DosageValue
    rest_seconds: DosageValue
    times_per_day: DosageValue
    days_per_week: DosageValue
    side: ExerciseSide
    duration_minutes: DosageValue
    programme_weeks: DosageValue
    load: ExerciseLoad | None = None  # None: the exercise takes no load

    def __getitem__(self, name: str) -> DosageValue | ExerciseSide | ExerciseLoad:
        if name not in _EXERCISE_DOSAGE_KEYS:
            raise KeyError(name)
        return getattr(self, name)

    def __iter__(self) -> Iterator[str]:
        return iter(_EXERCISE_DOSAGE_KEYS)

    def __len__(self) -> int:
        return len(_EXERCISE_DOSAGE_KEYS)

    @property
    def sided(self) -> bool:
        """Done one side at a time, so the plan says which side; else both sides move together
        or the exercise has no side."""
        return self.side is not ExerciseSide.NOT_APPLICABLE


_EXERCISE_DOSAGE_KEYS = tuple(item.name for item in fields(ExerciseDosage))

EXERCISE_DOSAGE_FIELDS: tuple[str, ...] = tuple(
    name for name in _EXERCISE_DOSAGE_KEYS if name not in ("side", "load")
)
"""The numeric fields of a home exercise's dosage (8.1), in the order forms show them."""

SIDED_CHOICES: tuple[ExerciseSide, ...] = (
    ExerciseSide.LEFT,
    ExerciseSide.RIGHT,
    ExerciseSide.BOTH,
    ExerciseSide.ALTERNATE,
)
"""The sides a sided exercise may be prescribed on; an exercise that is not sided takes none."""

STEP_FIELDS: Mapping[str, str] = {
    "hold_seconds": "This exercise has no hold in its steps: leave Hold blank.",
    "reps": "This exercise is timed, not counted: leave Repetitions blank.",
    "duration_minutes": "This exercise is counted, not timed: leave Duration blank.",
}
"""The dosage fields the steps of an exercise must be written for, with the message when a plan
gives one the exercise's own defaults do not: its steps say "hold" or count movements or keep
going for a time. Sets, rest and how often are said by the dosage line alone and fit any
exercise."""


def side_choices(declared: ExerciseDosage) -> tuple[ExerciseSide, ...]:
    """The sides an exercise may be prescribed on, from its defaults."""
    return SIDED_CHOICES if declared.sided else (ExerciseSide.NOT_APPLICABLE,)


def inexpressible(declared: ExerciseDosage, prescribed: ExerciseDosage) -> dict[str, str]:
    """A message per field of a prescription that the exercise's steps cannot express.

    ``declared`` is the exercise's own defaults (the catalogue item's dosage): they say whether
    it has a hold, repetitions or a duration, whether it is sided and what load it takes.
    """
    problems = {}
    for name, message in STEP_FIELDS.items():
        if prescribed[name] is not None and declared[name] is None:
            problems[name] = message
    if prescribed.side not in side_choices(declared):
        problems["side"] = (
            "Choose left, right, both or alternate: this exercise is done one side at a time."
            if declared.sided
            else "This exercise is not done one side at a time: choose “Not applicable”."
        )
    load = prescribed.load
    if load is not None and load.is_set:
        takes = declared.load.kind if declared.load else None
        if takes is None:
            problems["load"] = "This exercise takes no load: leave it blank."
        elif load.kind is not takes:
            problems["load"] = f"This exercise takes its load as {_LOAD_WORDS[takes]}."
    return problems


_LOAD_WORDS = {
    LoadKind.KILOGRAMS: "a weight in kilograms",
    LoadKind.BAND: "a band colour",
    LoadKind.EFFORT: "an effort from 1 to 10",
}


@dataclass(frozen=True)
class TechniqueDosage(Mapping[str, DosageValue]):
    """A technique's dosage: a value for each ``PARAMETER_WORDING`` parameter it is given with,
    the catalogue's defaults or a plan's prescription."""

    parameters: Mapping[str, DosageValue] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = sorted(set(self.parameters) - set(PARAMETER_WORDING))
        if unknown:
            raise ValueError(f"Unknown dosage parameter(s): {', '.join(unknown)}")
        object.__setattr__(self, "parameters", MappingProxyType(dict(self.parameters)))

    def __getitem__(self, name: str) -> DosageValue:
        return self.parameters[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.parameters)

    def __len__(self) -> int:
        return len(self.parameters)


Dosage = TechniqueDosage | ExerciseDosage
"""The dosage of a catalogue item or a plan item, by its item type."""

_BY_KEY: dict[tuple[str, TechniqueKind | None], DosageBound] = {
    (bound.parameter, bound.kind): bound for bound in DOSAGE_BOUNDS
}
_KIND_WORDS = {
    TechniqueKind.TENS: "TENS",
    TechniqueKind.NMES: "NMES",
    TechniqueKind.INTERFERENTIAL: "interferential current",
    TechniqueKind.SUPERFICIAL_HEAT: "heat",
    TechniqueKind.COLD: "cold",
}


def dosage_bound(parameter: str, kind: TechniqueKind | None = None) -> DosageBound:
    """The bound that applies to a parameter for a kind (or any kind); for form hints too."""
    name = ALIASES.get(parameter, parameter)
    if name not in PARAMETER_WORDING:
        raise ValueError(f"Unknown dosage parameter {parameter!r}")
    return _BY_KEY.get((name, kind)) or _BY_KEY[(name, None)]


def dosage_problems(
    parameters: Mapping[str, Number | None], *, kind: TechniqueKind | None = None
) -> dict[str, str]:
    """A clinician-readable message for each parameter outside its bounds, keyed by its name.

    None means not given and is not checked. An unknown name is a programming error and raises
    ``ValueError`` naming it.
    """
    unknown = sorted(name for name in parameters if name not in PARAMETERS)
    if unknown:
        raise ValueError(f"Unknown dosage parameter(s): {', '.join(unknown)}")
    problems = {}
    for name, value in parameters.items():
        if value is not None and (problem := _problem(dosage_bound(name, kind), value)):
            problems[name] = problem
    return problems


def _problem(bound: DosageBound, value: object) -> str | None:
    wording = PARAMETER_WORDING[bound.parameter]
    number = _as_decimal(value)
    if number is None:
        return f"{wording.label} must be a number."
    if bound.whole and number != number.to_integral_value():
        return f"{wording.label} must be a whole number."
    if bound.minimum <= number <= bound.maximum:
        return None
    unit = f" {wording.unit}" if wording.unit else ""
    for_kind = f" for {_KIND_WORDS[bound.kind]}" if bound.kind in _KIND_WORDS else ""
    return f"{wording.label} must be between {bound.minimum} and {bound.maximum}{unit}{for_kind}."


def _as_decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    try:
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def dosage_at_site(dosage: Dosage, site_side: Side) -> Dosage:
    """A new plan item's dosage: an exercise done one side at a time starts on the side of its
    treatment site, so the handout's side words and the site never disagree. The clinician may
    then change it (both sides, alternate); unsided exercises and techniques keep theirs."""
    one_side = {Side.LEFT: ExerciseSide.LEFT, Side.RIGHT: ExerciseSide.RIGHT}
    if (
        isinstance(dosage, ExerciseDosage)
        and dosage.side is not ExerciseSide.NOT_APPLICABLE
        and site_side in one_side
    ):
        return replace(dosage, side=one_side[site_side])
    return dosage
