"""What a visit note records for each delivered technique, and what it checks.

- ``delivery_kind``: which details a technique's delivery is recorded with (the issue's list:
  dry needling, electrical stimulation, hands-on techniques by site and duration, exercises
  reviewed or progressed). Heat and cold are recorded by site and duration too: the reference
  says nothing of what a delivered session records for them beyond their dosage (7.9, 7.10).
- ``stimulation_problems``: electrical-stimulation parameters against the ranges the reference
  quotes for the mode (7.6, 7.7, 7.8), from ``practice/data/visit_rules.toml``.
- ``log_problems`` and ``adherence``: the paper exercise log (8.3: a tick-box grid of days ×
  exercises; the handout prints one week of seven days a sheet) and its % completion against the
  prescribed days, with the adherence threshold (8.5).

Pure: no Flask or SQLAlchemy import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache
from types import MappingProxyType
from typing import Any

from practice.clinical.tables import Row, read_data_file, rows
from practice.clinical.vocabulary import CATEGORY_OF_KIND, TechniqueCategory, TechniqueKind

VISIT_RULES_FILE = "visit_rules.toml"
DAYS_PER_LOG_SHEET = 7  # the handout's log has a column per weekday, Mon to Sun (8.3)


class DeliveryKind(StrEnum):
    NEEDLING = "needling"  # muscles needled, needle count, response (7.5)
    STIMULATION = "stimulation"  # mode, frequency, pulse width, intensity, minutes, placement
    HANDS_ON = "hands_on"  # site and minutes: stretching, massage, myofascial release, heat, cold
    EXERCISE = "exercise"  # reviewed or progressed, with the new dosage


_DELIVERY_OF_CATEGORY: Mapping[TechniqueCategory, DeliveryKind] = {
    TechniqueCategory.DRY_NEEDLING: DeliveryKind.NEEDLING,
    TechniqueCategory.ELECTROTHERAPY: DeliveryKind.STIMULATION,
    TechniqueCategory.STRETCHING: DeliveryKind.HANDS_ON,
    TechniqueCategory.SOFT_TISSUE: DeliveryKind.HANDS_ON,
    TechniqueCategory.HEAT: DeliveryKind.HANDS_ON,
    TechniqueCategory.COLD: DeliveryKind.HANDS_ON,
    TechniqueCategory.EXERCISE: DeliveryKind.EXERCISE,
}


def delivery_kind(kind: TechniqueKind, *, is_exercise: bool = False) -> DeliveryKind:
    """How a plan item's delivery is recorded; a home exercise is always an exercise."""
    return DeliveryKind.EXERCISE if is_exercise else _DELIVERY_OF_CATEGORY[CATEGORY_OF_KIND[kind]]


class ExerciseAction(StrEnum):
    REVIEWED = "reviewed"
    PROGRESSED = "progressed"


# Electrical stimulation -----------------------------------------------------------------------

STIMULATION_PARAMETERS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "frequency_hz": ("Frequency", "Hz"),
        "pulse_width_us": ("Pulse width", "µs"),
        "carrier_hz": ("Carrier frequency", "Hz"),
        "minutes": ("Duration", "min"),
    }
)
"""Each checked parameter's label and unit, in the order a form shows them."""

PARAMETERS_OF_KIND: Mapping[TechniqueKind, tuple[str, ...]] = MappingProxyType(
    {
        TechniqueKind.TENS: ("frequency_hz", "pulse_width_us", "minutes"),
        TechniqueKind.NMES: ("frequency_hz", "pulse_width_us", "minutes"),
        # An interferential current is two alternating currents: a beat and a carrier frequency,
        # no pulse width (7.8).
        TechniqueKind.INTERFERENTIAL: ("frequency_hz", "carrier_hz", "minutes"),
    }
)
"""The parameters a delivered electrotherapy session records, by kind."""


@dataclass(frozen=True)
class Range:
    low: Decimal
    high: Decimal

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError(f"range {self.low}-{self.high} runs backwards")

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int | Decimal) and self.low <= value <= self.high

    def __str__(self) -> str:
        return f"{self.low}-{self.high}"


@dataclass(frozen=True, kw_only=True)
class StimulationMode:
    """One ``[[stimulation]]`` row: a mode of an electrotherapy kind and its quoted ranges."""

    key: str
    kind: TechniqueKind
    label: str
    intensity: str  # the reference's wording; "" where it gives none
    ranges: Mapping[str, Range]
    sections: tuple[str, ...]
    source: str

    def __post_init__(self) -> None:
        if self.kind not in PARAMETERS_OF_KIND:
            raise ValueError(f"{self.kind.value} is not an electrotherapy kind")
        foreign = sorted(set(self.ranges) - set(PARAMETERS_OF_KIND[self.kind]))
        if foreign:
            raise ValueError(f"{self.kind.value} records no {', '.join(foreign)}")

    @property
    def kind_words(self) -> str:
        return _KIND_WORDS[self.kind]


_KIND_WORDS = {
    TechniqueKind.TENS: "TENS",
    TechniqueKind.NMES: "NMES",
    TechniqueKind.INTERFERENTIAL: "interferential current",
}


@dataclass(frozen=True)
class AdherenceRule:
    adherent_from_percent: int
    sections: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class VisitRules:
    modes: Mapping[str, StimulationMode]
    adherence: AdherenceRule

    def modes_of(self, kind: TechniqueKind) -> tuple[StimulationMode, ...]:
        return tuple(mode for mode in self.modes.values() if mode.kind is kind)


@cache
def load_visit_rules() -> VisitRules:
    """Read and validate ``visit_rules.toml`` shipped inside the package."""
    return visit_rules_from_document(read_data_file(VISIT_RULES_FILE))


def visit_rules_from_document(document: Mapping[str, Any]) -> VisitRules:
    """Validate a parsed ``visit_rules.toml``; raises ValueError naming the row and field."""
    modes = rows(
        document,
        VISIT_RULES_FILE,
        "stimulation",
        _mode_row,
        ("kind", "label", "intensity", *STIMULATION_PARAMETERS),
    )
    missing = sorted(
        kind.value for kind in PARAMETERS_OF_KIND if kind not in {m.kind for m in modes}
    )
    if missing:
        raise ValueError(f"{VISIT_RULES_FILE}: no [[stimulation]] row for {', '.join(missing)}")
    adherence = rows(document, VISIT_RULES_FILE, "adherence", _adherence_row, ("value",))
    if len(adherence) != 1:
        raise ValueError(f"{VISIT_RULES_FILE}: needs exactly one [[adherence]] row")
    return VisitRules(MappingProxyType({mode.key: mode for mode in modes}), adherence[0])


def _mode_row(row: Row) -> StimulationMode:
    kind = row.member("kind", TechniqueKind)
    label = row.text("label")
    intensity = row.table.get("intensity")
    if not isinstance(intensity, str):
        raise row.error("intensity", "must be text (empty where the reference gives none)")
    ranges = {name: _range(row, name) for name in STIMULATION_PARAMETERS if name in row.table}
    sections = row.sections()
    return row.checked(
        lambda: StimulationMode(
            key=row.key,
            kind=kind,
            label=label,
            intensity=intensity.strip(),
            ranges=MappingProxyType(ranges),
            sections=sections,
            source=row.source,
        )
    )


def _range(row: Row, name: str) -> Range:
    value = row.table[name]
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in value)
    ):
        raise row.error(name, "must be [low, high], two whole numbers")
    return row.checked(lambda: Range(Decimal(value[0]), Decimal(value[1])))


def _adherence_row(row: Row) -> AdherenceRule:
    value = row.number("value")
    if row.key != "adherent_from_percent" or not isinstance(value, int) or not 1 <= value <= 100:
        raise row.error("value", "adherent_from_percent must be a whole percentage, 1 to 100")
    return AdherenceRule(value, row.sections(), row.source)


def stimulation_problems(
    mode: StimulationMode, parameters: Mapping[str, int | Decimal | None]
) -> dict[str, str]:
    """A message for each parameter outside the range the reference quotes for the mode, or
    missing where the mode has a range (a session is recorded as it was given), keyed by name.

    Inclusive at both ends (0.14). A parameter the kind does not record must be left out.
    """
    allowed = PARAMETERS_OF_KIND[mode.kind]
    unknown = sorted(set(parameters) - set(allowed))
    if unknown:
        raise ValueError(f"{mode.kind_words} records no {', '.join(unknown)}")
    problems = {}
    section = ", ".join(mode.sections)
    for name, quoted in mode.ranges.items():
        label, unit = STIMULATION_PARAMETERS[name]
        value = parameters.get(name)
        if value is None:
            problems[name] = f"Enter the {label.lower()} given ({mode.kind_words}, {mode.label})."
        elif value not in quoted:
            problems[name] = (
                f"{label} {value} {unit} is outside {quoted} {unit}, the range the reference "
                f"quotes for {mode.kind_words}, {mode.label.lower()} ({section})."
            )
    return problems


# The exercise log and adherence ---------------------------------------------------------------


def log_days(weeks: int) -> int:
    """The days in the log the patient brought back: seven a weekly sheet (8.3)."""
    return DAYS_PER_LOG_SHEET * weeks


def log_problem(days_done: int, weeks: int) -> str | None:
    """Why a row of the log cannot be right, or None."""
    if days_done < 0:
        return "Days done cannot be fewer than none."
    if days_done > log_days(weeks):
        sheets = "sheet" if weeks == 1 else "sheets"
        return (
            f"{days_done} days is more than the log has: {weeks} weekly {sheets} of "
            f"{DAYS_PER_LOG_SHEET} days is {log_days(weeks)} days."
        )
    return None


@dataclass(frozen=True)
class Adherence:
    days_done: int
    days_prescribed: int
    percent: int  # of the prescribed days, rounded half up; capped at 100
    adherent: bool


def adherence(
    days_done: int, days_per_week: int | None, weeks: int, threshold: AdherenceRule
) -> Adherence:
    """% completion of the prescribed days in the log's weeks (8.5 "completing ≥ 80 % of
    prescribed sessions"): days a week from the plan's dosage (every day when it gives none),
    at most the seven of a sheet. Adherent from the threshold itself (≥, 0.14)."""
    per_week = min(days_per_week or DAYS_PER_LOG_SHEET, DAYS_PER_LOG_SHEET)
    prescribed = per_week * weeks
    done = min(days_done, prescribed)
    percent = int((Decimal(100 * done) / prescribed).quantize(Decimal(1), "ROUND_HALF_UP"))
    adherent = 100 * done >= threshold.adherent_from_percent * prescribed  # exact, not rounded
    return Adherence(days_done, prescribed, percent, adherent)
