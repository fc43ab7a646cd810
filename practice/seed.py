"""The reviewed seed catalogue that ships in ``practice/data``: techniques, home exercises, advice;
and the red-flag screening rules (``load_red_flag_rules``).

The TOML files are read with ``tomllib`` and validated into frozen dataclasses, so a typo in
an enum value or a missing field fails loudly, naming the file, the item key and the field. Every
item names the section of ``shared/clinical-reference.md`` it comes from. Pure: no Flask or
SQLAlchemy import.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from practice.clinical.dosage import ExerciseDosage, ExerciseLoad, LoadKind, side_choices
from practice.clinical.exercise_text import render, template_problems
from practice.clinical.screening import RedFlagReach, RedFlagRule, Verdict
from practice.clinical.vocabulary import (
    AdviceTopic,
    BodyRegion,
    CrampTrigger,
    ExerciseCategory,
    ExerciseSide,
    FindingKind,
    TechniqueKind,
)

TECHNIQUES_FILE = "techniques.toml"
EXERCISES_FILE = "exercises.toml"
ADVICE_FILE = "advice.toml"
RED_FLAG_RULES_FILE = "red_flag_rules.toml"
SECTION_PATTERN = re.compile(r"\d+(\.\d+)?")

EnumT = TypeVar("EnumT", bound=StrEnum)
ItemT = TypeVar("ItemT")

KEY_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
STEPS_PER_EXERCISE = range(3, 6)  # 8.3: 3-5 numbered plain-language steps

DOSAGE_PARAMETER_UNITS: dict[str, str] = {
    "hold_seconds": "s",
    "repetitions": "reps",
    "sets": "sets",
    "rest_seconds": "s",
    "rest_hours": "h",
    "contraction_seconds": "s",
    "stretch_hold_seconds": "s",
    "cycles": "cycles",
    "minutes": "min",
    "times_per_day": "per day",
    "days_per_week": "days per week",
    "sessions_per_week": "per week",
    "programme_weeks": "weeks",
    "frequency_hz": "Hz",
    "pulse_width_us": "µs",
    "on_seconds": "s",
    "off_seconds": "s",
    "ramp_seconds": "s",
    "carrier_frequency_hz": "Hz",
    "beat_frequency_hz": "Hz",
    "skin_check_minutes": "min",
    "repeat_after_hours": "h",
}
"""Every technique dosage parameter the catalogue knows, with the unit shown beside its value."""

REQUIRED_DOSAGE_PARAMETERS: dict[TechniqueKind, frozenset[str]] = {
    TechniqueKind.STATIC_STRETCH: frozenset({"hold_seconds", "repetitions", "days_per_week"}),
    TechniqueKind.PNF_STRETCH: frozenset({"contraction_seconds", "stretch_hold_seconds", "cycles"}),
    TechniqueKind.MASSAGE: frozenset({"minutes"}),
    TechniqueKind.MYOFASCIAL_RELEASE: frozenset({"hold_seconds"}),
    TechniqueKind.DRY_NEEDLING: frozenset({"sessions_per_week"}),
    TechniqueKind.TENS: frozenset({"frequency_hz", "pulse_width_us", "minutes"}),
    TechniqueKind.NMES: frozenset(
        {"frequency_hz", "pulse_width_us", "on_seconds", "off_seconds", "ramp_seconds", "minutes"}
    ),
    TechniqueKind.INTERFERENTIAL: frozenset(
        {"carrier_frequency_hz", "beat_frequency_hz", "minutes"}
    ),
    TechniqueKind.SUPERFICIAL_HEAT: frozenset({"minutes", "times_per_day", "skin_check_minutes"}),
    TechniqueKind.COLD: frozenset({"minutes"}),
    TechniqueKind.STRENGTHENING: frozenset({"sets", "repetitions", "days_per_week"}),
    TechniqueKind.MOBILITY: frozenset({"repetitions", "times_per_day"}),
    TechniqueKind.AEROBIC_CIRCULATION: frozenset({"days_per_week"}),
    TechniqueKind.RELAXATION_BREATHING: frozenset({"minutes", "times_per_day"}),
}
"""The parameters each kind of technique must give a default for (section 7 dosage lines)."""


@dataclass(frozen=True)
class DosageParameter:
    name: str
    value: int | float
    unit: str


@dataclass(frozen=True)
class Technique:
    """A clinician technique (section 7); its contraindication text is for display only."""

    key: str
    name: str
    kind: TechniqueKind
    description: str
    indications: tuple[FindingKind, ...]
    cramp_triggers: tuple[CrampTrigger, ...]
    contraindications: tuple[str, ...]
    precautions: tuple[str, ...]
    dosage: tuple[DosageParameter, ...]
    dosage_note: str
    source: str


@dataclass(frozen=True)
class Exercise:
    """A home exercise for handouts; every text but the name is written for the patient."""

    key: str
    name: str
    category: ExerciseCategory
    body_region: BodyRegion
    technique: str  # key of the technique whose screening rules apply to it
    indications: tuple[FindingKind, ...]
    cramp_triggers: tuple[CrampTrigger, ...]
    advice_topics: tuple[AdviceTopic, ...]
    position: str
    steps: tuple[str, ...]
    feel: str
    cautions: tuple[str, ...]
    dosage: ExerciseDosage
    equipment: tuple[str, ...]
    easier: str
    harder: str
    illustration: str  # path under static/
    source: str

    def patient_texts(self) -> tuple[str, ...]:
        """The sentences a handout prints, as written (with placeholders); ``position`` is a
        short label and not among them."""
        return (*self.steps, self.feel, *self.cautions, self.easier, self.harder)

    def rendered_texts(self) -> Iterator[str]:
        """The sentences a handout prints, for every side the exercise may be prescribed on."""
        for side in side_choices(self.dosage):
            for text in self.patient_texts():
                yield render(text, side)


@dataclass(frozen=True)
class AdviceItem:
    """Prevention advice for one topic (6.3), written for patients as "may help", not a cure."""

    key: str
    topic: AdviceTopic
    title: str
    items: tuple[str, ...]
    source: str

    def patient_texts(self) -> tuple[str, ...]:
        return (self.title, *self.items)


@dataclass(frozen=True)
class RedFlagItem:
    """A "when to get help" line for the handout footer (8.3, 6.2, 1.2)."""

    key: str
    text: str
    source: str

    def patient_texts(self) -> tuple[str, ...]:
        return (self.text,)


@dataclass(frozen=True)
class SeedCatalogue:
    techniques: tuple[Technique, ...]
    exercises: tuple[Exercise, ...]
    advice: tuple[AdviceItem, ...]
    red_flags: tuple[RedFlagItem, ...]


@cache
def load_seed_catalogue() -> SeedCatalogue:
    """Read and validate the three seed files shipped inside the package."""
    data = resources.files("practice").joinpath("data")
    documents = [
        tomllib.loads(data.joinpath(name).read_text(encoding="utf-8"))
        for name in (TECHNIQUES_FILE, EXERCISES_FILE, ADVICE_FILE)
    ]
    return catalogue_from_documents(*documents)


def catalogue_from_documents(
    techniques: Mapping[str, Any], exercises: Mapping[str, Any], advice: Mapping[str, Any]
) -> SeedCatalogue:
    """Validate parsed TOML documents; raises ValueError naming the file, key and field."""
    technique_items = _parse_items(techniques, TECHNIQUES_FILE, "techniques", _technique)
    technique_keys = frozenset(technique.key for technique in technique_items)
    exercise_items = _parse_items(
        exercises,
        EXERCISES_FILE,
        "exercises",
        lambda entry: _exercise(entry, technique_keys),
    )
    return SeedCatalogue(
        techniques=technique_items,
        exercises=exercise_items,
        advice=_parse_items(advice, ADVICE_FILE, "advice", _advice_item),
        red_flags=_parse_items(advice, ADVICE_FILE, "red_flags", _red_flag_item),
    )


@cache
def load_red_flag_rules() -> tuple[RedFlagRule, ...]:
    """Read and validate the red-flag screening rules shipped inside the package."""
    text = resources.files("practice").joinpath("data", RED_FLAG_RULES_FILE).read_text("utf-8")
    return red_flag_rules_from_document(tomllib.loads(text))


def red_flag_rules_from_document(document: Mapping[str, Any]) -> tuple[RedFlagRule, ...]:
    """Validate a parsed ``red_flag_rules.toml``; raises ValueError naming the key and field."""
    return _parse_items(document, RED_FLAG_RULES_FILE, "red_flag_rules", _red_flag_rule)


class _Entry:
    """One TOML table being validated: reads fields and reports errors with their location."""

    def __init__(self, table: Any, file: str, label: str) -> None:
        self.file = file
        self.key = label
        if not isinstance(table, dict):
            raise self.error("(item)", "must be a table")
        self.table = table
        self.read: set[str] = set()
        self.key = self.text("key")
        if not KEY_PATTERN.fullmatch(self.key):
            raise self.error("key", "must be a lower-case slug such as 'calf-stretch'")

    def error(self, field: str, problem: str) -> ValueError:
        return ValueError(f"{self.file}: item {self.key!r}: field {field!r}: {problem}")

    def value(self, field: str, default: Any = ...) -> Any:
        self.read.add(field)
        if field in self.table:
            return self.table[field]
        if default is ...:
            raise self.error(field, "missing")
        return default

    def text(self, field: str) -> str:
        value = self.value(field)
        if not isinstance(value, str) or not value.strip():
            raise self.error(field, "must be non-empty text")
        return value.strip()

    def texts(self, field: str, *, allow_empty: bool = False) -> tuple[str, ...]:
        values = self.value(field, () if allow_empty else ...)
        if not isinstance(values, list | tuple) or not (values or allow_empty):
            raise self.error(field, "must be a non-empty list of text")
        if not all(isinstance(value, str) and value.strip() for value in values):
            raise self.error(field, "every entry must be non-empty text")
        return tuple(value.strip() for value in values)

    def member(self, field: str, enum: type[EnumT], value: Any = ...) -> EnumT:
        raw = self.value(field) if value is ... else value
        try:
            return enum(raw)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            raise self.error(field, f"unknown value {raw!r}; allowed: {allowed}") from None

    def members(
        self, field: str, enum: type[EnumT], *, allow_empty: bool = False
    ) -> tuple[EnumT, ...]:
        return tuple(
            self.member(field, enum, raw) for raw in self.texts(field, allow_empty=allow_empty)
        )

    def count(self, field: str, *, optional: bool = False, minimum: int = 1) -> int | None:
        value = self.value(field, None if optional else ...)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.error(field, f"must be a whole number of at least {minimum}")
        return value

    def sub_entry(self, field: str) -> _Entry:
        table = self.value(field)
        if not isinstance(table, dict):
            raise self.error(field, "must be a table")
        return _SubEntry(table, self, field)

    def check_no_unknown_fields(self) -> None:
        unknown = sorted(set(self.table) - self.read)
        if unknown:
            raise self.error(", ".join(unknown), "unknown field")


class _SubEntry(_Entry):
    """A nested table such as ``dosage``; errors name it as ``dosage.<field>``."""

    def __init__(self, table: dict[str, Any], parent: _Entry, name: str) -> None:
        self.file = parent.file
        self.key = parent.key
        self.table = table
        self.read = set()
        self.prefix = name

    def error(self, field: str, problem: str) -> ValueError:
        return super().error(f"{self.prefix}.{field}", problem)


def _parse_items(
    document: Mapping[str, Any],
    file: str,
    array: str,
    parse: Callable[[_Entry], ItemT],
) -> tuple[ItemT, ...]:
    tables = document.get(array)
    if not isinstance(tables, list) or not tables:
        raise ValueError(f"{file}: needs a non-empty [[{array}]] array")
    items: list[ItemT] = []
    seen: set[str] = set()
    for index, table in enumerate(tables):
        entry = _Entry(table, file, f"{array}[{index}]")
        if entry.key in seen:
            raise entry.error("key", "duplicate key")
        seen.add(entry.key)
        items.append(parse(entry))
        entry.check_no_unknown_fields()
    return tuple(items)


def _cramp_triggers(
    entry: _Entry, indications: tuple[FindingKind, ...]
) -> tuple[CrampTrigger, ...]:
    """A cramp-trigger finding carries its trigger, so the two fields must agree."""
    triggers = entry.members("cramp_triggers", CrampTrigger, allow_empty=True)
    if bool(triggers) != (FindingKind.CRAMP_TRIGGER in indications):
        raise entry.error(
            "cramp_triggers", "list triggers exactly when 'cramp_trigger' is an indication"
        )
    return triggers


def _technique(entry: _Entry) -> Technique:
    kind = entry.member("kind", TechniqueKind)
    indications = entry.members("indications", FindingKind)
    return Technique(
        key=entry.key,
        name=entry.text("name"),
        kind=kind,
        description=entry.text("description"),
        indications=indications,
        cramp_triggers=_cramp_triggers(entry, indications),
        contraindications=entry.texts("contraindications"),
        precautions=entry.texts("precautions", allow_empty=True),
        dosage=_technique_dosage(entry.sub_entry("dosage"), kind),
        dosage_note=entry.text("dosage_note"),
        source=entry.text("source"),
    )


def _technique_dosage(dosage: _Entry, kind: TechniqueKind) -> tuple[DosageParameter, ...]:
    missing = sorted(REQUIRED_DOSAGE_PARAMETERS[kind] - set(dosage.table))
    if missing:
        raise dosage.error(", ".join(missing), f"missing for a {kind.value} technique")
    parameters = []
    for name in dosage.table:
        if name not in DOSAGE_PARAMETER_UNITS:
            raise dosage.error(name, "unknown dosage parameter")
        value = dosage.value(name)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise dosage.error(name, "must be a positive number")
        parameters.append(DosageParameter(name, value, DOSAGE_PARAMETER_UNITS[name]))
    return tuple(parameters)


def _exercise(entry: _Entry, technique_keys: frozenset[str]) -> Exercise:
    technique = entry.text("technique")
    if technique not in technique_keys:
        raise entry.error("technique", f"no technique with key {technique!r} in {TECHNIQUES_FILE}")
    steps = entry.texts("steps")
    if len(steps) not in STEPS_PER_EXERCISE:
        raise entry.error("steps", "give 3 to 5 steps")
    illustration = entry.text("illustration")
    if illustration != f"img/exercises/{entry.key}.svg":
        raise entry.error("illustration", f"must be 'img/exercises/{entry.key}.svg'")
    indications = entry.members("indications", FindingKind)
    dosage = _exercise_dosage(entry.sub_entry("dosage"))
    return Exercise(
        key=entry.key,
        name=entry.text("name"),
        category=entry.member("category", ExerciseCategory),
        body_region=entry.member("body_region", BodyRegion),
        technique=technique,
        indications=indications,
        cramp_triggers=_cramp_triggers(entry, indications),
        advice_topics=entry.members("advice_topics", AdviceTopic, allow_empty=True),
        position=_exercise_text(entry, "position", entry.text("position"), dosage),
        steps=tuple(_exercise_text(entry, "steps", step, dosage) for step in steps),
        feel=_exercise_text(entry, "feel", entry.text("feel"), dosage),
        cautions=tuple(
            _exercise_text(entry, "cautions", text, dosage) for text in entry.texts("cautions")
        ),
        dosage=dosage,
        equipment=entry.texts("equipment", allow_empty=True),
        easier=_exercise_text(entry, "easier", entry.text("easier"), dosage),
        harder=_exercise_text(entry, "harder", entry.text("harder"), dosage),
        illustration=illustration,
        source=entry.text("source"),
    )


def _exercise_text(entry: _Entry, field: str, text: str, dosage: ExerciseDosage) -> str:
    """A text for the patient that states no side, time, count or load of its own and uses
    only known placeholders (``exercise_text``)."""
    problems = template_problems(text, sided=dosage.sided)
    if problems:
        raise entry.error(field, f"{text!r}: {' '.join(problems)}")
    return text


def _exercise_dosage(dosage: _Entry) -> ExerciseDosage:
    load = dosage.value("load", None)
    parsed = ExerciseDosage(
        sets=dosage.count("sets"),
        reps=dosage.count("reps", optional=True),
        hold_seconds=dosage.count("hold_seconds", optional=True),
        rest_seconds=dosage.count("rest_seconds", minimum=0),
        times_per_day=dosage.count("times_per_day"),
        days_per_week=dosage.count("days_per_week"),
        side=dosage.member("side", ExerciseSide),
        duration_minutes=dosage.count("duration_minutes", optional=True),
        programme_weeks=dosage.count("programme_weeks", optional=True),
        # The seed says which load an exercise takes; the amount is the clinician's to set.
        load=None if load is None else ExerciseLoad(dosage.member("load", LoadKind, load)),
    )
    if parsed.reps is None and parsed.hold_seconds is None and parsed.duration_minutes is None:
        raise dosage.error("reps", "give reps, hold_seconds or duration_minutes")
    dosage.check_no_unknown_fields()
    return parsed


def _advice_item(entry: _Entry) -> AdviceItem:
    return AdviceItem(
        key=entry.key,
        topic=entry.member("topic", AdviceTopic),
        title=entry.text("title"),
        items=entry.texts("items"),
        source=entry.text("source"),
    )


def _red_flag_item(entry: _Entry) -> RedFlagItem:
    return RedFlagItem(key=entry.key, text=entry.text("text"), source=entry.text("source"))


def _red_flag_rule(entry: _Entry) -> RedFlagRule:
    sections = entry.texts("sections")
    malformed = [section for section in sections if not SECTION_PATTERN.fullmatch(section)]
    if malformed:
        raise entry.error("sections", f"{malformed[0]!r} is not a section number such as '7.3'")
    fields = {
        "key": entry.key,
        "red_flag": entry.text("red_flag"),
        "techniques": entry.members("techniques", TechniqueKind),
        "reach": entry.member("reach", RedFlagReach),
        "regions": entry.members("regions", BodyRegion, allow_empty=True),
        "verdict": entry.member("verdict", Verdict),
        "text": entry.text("text"),
        "until": entry.text("until"),
        "sections": sections,
        "source": entry.text("source"),
    }
    try:
        return RedFlagRule(**fields)
    except ValueError as problem:  # the rule's own checks: red flag code, reach and regions
        raise entry.error("(item)", str(problem)) from None


def patient_texts(catalogue: SeedCatalogue) -> Iterator[tuple[str, str]]:
    """Every patient-facing text with the key of the item it belongs to, for readability checks;
    an exercise's as printed for each side it may be prescribed on."""
    for exercise in catalogue.exercises:
        for text in exercise.rendered_texts():
            yield exercise.key, text
    for item in (*catalogue.advice, *catalogue.red_flags):
        for text in item.patient_texts():
            yield item.key, text
