"""Thresholds, normal values and grading scales, each naming its section of the clinical reference.

Section numbers refer to ``shared/clinical-reference.md``; section 0 settles what the other
sections leave open. Every threshold is a field of :class:`ReferenceValues`, so a clinic can
override it from configuration with :meth:`ReferenceValues.with_overrides`. The defaults are
reviewed data: ``practice/data/reference_values.toml`` gives each one its value, verification
marks, sections and source, validated at start-up. A new threshold is a row there and a field
declared as ``name: int = field(**reviewed("name"))`` (``Decimal`` for a decimal written as text).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from itertools import pairwise
from types import MappingProxyType
from typing import Any

from practice.clinical.catalogues import JOINT_MOVEMENTS
from practice.clinical.tables import Row, read_data_file, rows


class Verification(StrEnum):
    """The reference's verification legend, kept with the values it marks."""

    VERIFIED = "V"
    UNVERIFIED = "U"
    DISPUTED = "D"


@dataclass(frozen=True)
class RomNormal:
    """A commonly cited normal active range (4.2), with the marks the table prints on its row."""

    degrees: int
    range_across_sources: str
    marks: tuple[Verification, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ReviewedValue:
    """One ``[[thresholds]]`` row: the default of a ``ReferenceValues`` field and its source."""

    value: int | Decimal | None  # None: no default, the clinician judges (a clinic may set one)
    marks: tuple[Verification, ...]
    sections: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class ReferenceTables:
    thresholds: Mapping[str, ReviewedValue]
    rom_normals: Mapping[str, RomNormal]


REFERENCE_VALUES_FILE = "reference_values.toml"


def reference_tables_from_document(document: Mapping[str, Any]) -> ReferenceTables:
    """Validate a parsed ``reference_values.toml``; raises ValueError naming the row and field."""
    thresholds = rows(
        document, REFERENCE_VALUES_FILE, "thresholds", _threshold_row, ("value", "marks")
    )
    normals = rows(
        document,
        REFERENCE_VALUES_FILE,
        "rom_normals",
        _rom_normal_row,
        ("degrees", "range_across_sources", "marks"),
    )
    missing = sorted(set(JOINT_MOVEMENTS) - {movement for movement, _ in normals})
    if missing:
        raise ValueError(
            f"{REFERENCE_VALUES_FILE}: no [[rom_normals]] row for {', '.join(missing)}"
        )
    return ReferenceTables(MappingProxyType(dict(thresholds)), MappingProxyType(dict(normals)))


def _threshold_row(row: Row) -> tuple[str, ReviewedValue]:
    """A row without ``value`` is an optional threshold with no default (``int | None``)."""
    raw = row.table.get("value")
    value: int | Decimal | None
    if raw is None or (isinstance(raw, int) and not isinstance(raw, bool)):
        value = raw
    elif isinstance(raw, str):
        value = _decimal_text(raw)
        if value is None:
            raise row.error("value", f"{raw!r} is not a decimal number such as '1.40'")
    else:
        raise row.error("value", "must be a whole number, or a decimal written as text ('1.40')")
    marks = row.members("marks", Verification)
    return row.key, ReviewedValue(
        value=value, marks=marks, sections=row.sections(), source=row.source
    )


def _decimal_text(text: str) -> Decimal | None:
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _rom_normal_row(row: Row) -> tuple[str, RomNormal]:
    if row.key not in JOINT_MOVEMENTS:
        raise row.error("key", "not a movement code of catalogues.JOINT_MOVEMENTS")
    degrees = row.number("degrees")
    if not isinstance(degrees, int):
        raise row.error("degrees", "must be a whole number of degrees")
    row.sections()
    marks = row.members("marks", Verification)
    return row.key, RomNormal(degrees, row.text("range_across_sources"), marks)


REFERENCE_TABLES = reference_tables_from_document(read_data_file(REFERENCE_VALUES_FILE))

DEFAULT_ROM_NORMALS: Mapping[str, RomNormal] = REFERENCE_TABLES.rom_normals
"""Normal active ROM in degrees (4.2); rows without a mark in the table carry none here."""

ROM_NORMAL_PREFIX = "rom_normal."


def reviewed(name: str) -> dict[str, Any]:
    """The ``field()`` arguments of a ``ReferenceValues`` field whose default is the reviewed
    row ``name``: ``x: int = field(**reviewed("x"))``."""
    row = REFERENCE_TABLES.thresholds.get(name)
    if row is None:
        raise ValueError(f"{REFERENCE_VALUES_FILE}: no [[thresholds]] row for {name!r}")
    return {"default": row.value, "metadata": {"section": row.sections[0], "reviewed": row}}


@dataclass(frozen=True)
class ReferenceValues:
    """The one table of thresholds the findings are derived with.

    Inequalities follow the wording of the reference exactly (0.14): ``*_above`` flags values
    strictly above, ``*_below`` strictly below, ``*_from`` and ``*_at_or_below`` include the value.
    """

    asymmetry_flag_above_percent: Decimal = field(**reviewed("asymmetry_flag_above_percent"))
    oxford_grade_asymmetry_min_difference: int = field(
        **reviewed("oxford_grade_asymmetry_min_difference")
    )
    oxford_weakness_at_or_below_grade: int = field(**reviewed("oxford_weakness_at_or_below_grade"))
    abi_non_compressible_above: Decimal = field(**reviewed("abi_non_compressible_above"))
    abi_normal_from: Decimal = field(**reviewed("abi_normal_from"))
    abi_borderline_from: Decimal = field(**reviewed("abi_borderline_from"))
    abi_mild_pad_from: Decimal = field(**reviewed("abi_mild_pad_from"))
    abi_moderate_pad_from: Decimal = field(**reviewed("abi_moderate_pad_from"))
    capillary_refill_delayed_above_seconds: Decimal = field(
        **reviewed("capillary_refill_delayed_above_seconds")
    )
    nprs_mild_from: int = field(**reviewed("nprs_mild_from"))
    nprs_moderate_from: int = field(**reviewed("nprs_moderate_from"))
    nprs_severe_from: int = field(**reviewed("nprs_severe_from"))
    beighton_hypermobile_from: int = field(**reviewed("beighton_hypermobile_from"))
    straight_leg_raise_tight_below_degrees: int = field(
        **reviewed("straight_leg_raise_tight_below_degrees")
    )
    active_knee_extension_tight_above_degrees: int = field(
        **reviewed("active_knee_extension_tight_above_degrees")
    )
    ankle_dorsiflexion_short_below_degrees: int = field(
        **reviewed("ankle_dorsiflexion_short_below_degrees")
    )
    thomas_knee_flexion_tight_below_degrees: int = field(
        **reviewed("thomas_knee_flexion_tight_below_degrees")
    )
    rom_reduced_below_percent_of_normal: Decimal = field(
        **reviewed("rom_reduced_below_percent_of_normal")
    )
    thoracic_kyphosis_increased_above_degrees: int = field(
        **reviewed("thoracic_kyphosis_increased_above_degrees")
    )
    genu_valgum_intermalleolar_above_cm: Decimal = field(
        **reviewed("genu_valgum_intermalleolar_above_cm")
    )
    genu_recurvatum_above_degrees: int = field(**reviewed("genu_recurvatum_above_degrees"))
    scoliometer_recheck_from_degrees: int = field(**reviewed("scoliometer_recheck_from_degrees"))
    fpi_pronated_from: int = field(**reviewed("fpi_pronated_from"))
    fpi_highly_pronated_from: int = field(**reviewed("fpi_highly_pronated_from"))
    fpi_supinated_at_or_below: int = field(**reviewed("fpi_supinated_at_or_below"))
    fpi_highly_supinated_at_or_below: int = field(**reviewed("fpi_highly_supinated_at_or_below"))
    wells_two_level_likely_from: int = field(**reviewed("wells_two_level_likely_from"))
    wells_three_level_high_from: int = field(**reviewed("wells_three_level_high_from"))
    wells_three_level_moderate_from: int = field(**reviewed("wells_three_level_moderate_from"))
    wells_calf_swelling_above_cm: Decimal = field(**reviewed("wells_calf_swelling_above_cm"))
    oedema_grade_2_pit_above_mm: Decimal = field(**reviewed("oedema_grade_2_pit_above_mm"))
    oedema_grade_3_pit_above_mm: Decimal = field(**reviewed("oedema_grade_3_pit_above_mm"))
    oedema_grade_4_pit_above_mm: Decimal = field(**reviewed("oedema_grade_4_pit_above_mm"))
    oedema_grade_3_rebound_above_seconds: Decimal = field(
        **reviewed("oedema_grade_3_rebound_above_seconds")
    )
    oedema_grade_4_rebound_above_seconds: Decimal = field(
        **reviewed("oedema_grade_4_rebound_above_seconds")
    )
    weight_loss_flag_above_percent: Decimal = field(**reviewed("weight_loss_flag_above_percent"))
    weight_loss_within_months: int = field(**reviewed("weight_loss_within_months"))
    cramp_urgent_duration_above_minutes: int = field(
        **reviewed("cramp_urgent_duration_above_minutes")
    )
    cramps_frequent_from_per_week: int | None = field(**reviewed("cramps_frequent_from_per_week"))
    rom_normals: Mapping[str, RomNormal] = field(
        default_factory=lambda: DEFAULT_ROM_NORMALS, metadata={"section": "4.2"}
    )

    def __post_init__(self) -> None:
        abi_bounds = (
            self.abi_moderate_pad_from,
            self.abi_mild_pad_from,
            self.abi_borderline_from,
            self.abi_normal_from,
            self.abi_non_compressible_above,
        )
        if list(abi_bounds) != sorted(abi_bounds) or len(set(abi_bounds)) != len(abi_bounds):
            raise ValueError("ABI band limits must increase from moderate PAD to non-compressible")
        nprs_bounds = (self.nprs_mild_from, self.nprs_moderate_from, self.nprs_severe_from)
        if not 0 < nprs_bounds[0] < nprs_bounds[1] < nprs_bounds[2] <= 10:
            raise ValueError("NPRS band limits must increase within 1-10")
        if self.asymmetry_flag_above_percent < 0:
            raise ValueError("the asymmetry threshold cannot be negative")
        increasing = {
            "FPI-6 band limits": (
                self.fpi_highly_supinated_at_or_below,
                self.fpi_supinated_at_or_below,
                self.fpi_pronated_from,
                self.fpi_highly_pronated_from,
            ),
            "Wells three-level limits": (
                self.wells_three_level_moderate_from,
                self.wells_three_level_high_from,
            ),
            "Oedema pit depth limits": (
                self.oedema_grade_2_pit_above_mm,
                self.oedema_grade_3_pit_above_mm,
                self.oedema_grade_4_pit_above_mm,
            ),
            "Oedema rebound limits": (
                self.oedema_grade_3_rebound_above_seconds,
                self.oedema_grade_4_rebound_above_seconds,
            ),
        }
        for what, bounds in increasing.items():
            if any(low >= high for low, high in pairwise(bounds)):
                raise ValueError(f"{what} must increase")

    @staticmethod
    def section_of(name: str) -> str:
        """The reference section a field (or a ``rom_normal.<movement>`` key) comes from."""
        if name.startswith(ROM_NORMAL_PREFIX):
            name = "rom_normals"
        for entry in fields(ReferenceValues):
            if entry.name == name:
                return entry.metadata["section"]
        raise ValueError(f"Unknown reference value {name!r}")

    def with_overrides(self, overrides: Mapping[str, object]) -> ReferenceValues:
        """A copy with values from configuration, e.g. ``{"asymmetry_flag_above_percent": 15}``.

        Normal ROM is overridden per movement with ``"rom_normal.<movement code>": degrees``.
        """
        scalar_fields = {entry.name: entry for entry in fields(self) if entry.name != "rom_normals"}
        changes: dict[str, object] = {}
        rom_normals = dict(self.rom_normals)
        for key, value in overrides.items():
            if key.startswith(ROM_NORMAL_PREFIX):
                movement = key.removeprefix(ROM_NORMAL_PREFIX)
                if movement not in rom_normals:
                    raise ValueError(
                        f"Unknown reference value {key!r}: no normal ROM for {movement!r}"
                    )
                rom_normals[movement] = replace(rom_normals[movement], degrees=_as_int(key, value))
            elif key in scalar_fields:
                default = scalar_fields[key].default
                changes[key] = (
                    _as_decimal(key, value) if isinstance(default, Decimal) else _as_int(key, value)
                )
            else:
                known = ", ".join(sorted(scalar_fields))
                raise ValueError(
                    f"Unknown reference value {key!r}; known values are {known}"
                    f" and {ROM_NORMAL_PREFIX}<movement code>"
                )
        return replace(self, rom_normals=MappingProxyType(rom_normals), **changes)


def _as_decimal(key: str, value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError(f"Reference value {key!r} must be a number, not {value!r}")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"Reference value {key!r} must be a number, not {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"Reference value {key!r} must be a finite number, not {value!r}")
    return number


def _as_int(key: str, value: object) -> int:
    number = _as_decimal(key, value)
    if number != number.to_integral_value():
        raise ValueError(f"Reference value {key!r} must be a whole number, not {value!r}")
    return int(number)


def check_reviewed_rows(tables: ReferenceTables) -> None:
    """Every ``[[thresholds]]`` row names a field of ``ReferenceValues`` and is of its kind: a
    decimal written as text for a ``Decimal`` field, a whole number for an ``int`` one, no value
    only for an optional one (``int | None``)."""
    declared = {entry.name: entry for entry in fields(ReferenceValues)}
    for name, row in tables.thresholds.items():
        entry = declared.get(name)
        if entry is None or name == "rom_normals":
            problem = "no such ReferenceValues field"
            raise ValueError(f"{REFERENCE_VALUES_FILE}: row {name!r}: {problem}")
        kinds = set(str(entry.type).replace(" ", "").split("|"))
        given = "None" if row.value is None else type(row.value).__name__
        if given not in kinds:
            wanted = {"Decimal": "a decimal written as text", "int": "a whole number"}
            kind = " or ".join(wanted[k] for k in sorted(kinds) if k in wanted)
            left_out = "" if "None" in kinds else ", not left out"
            problem = f"field 'value': must be {kind}{left_out}"
            raise ValueError(f"{REFERENCE_VALUES_FILE}: row {name!r}: {problem}")


check_reviewed_rows(REFERENCE_TABLES)
DEFAULT_REFERENCE = ReferenceValues()


class PulseScale(StrEnum):
    """The two pulse-grading conventions of 5.1; every recorded grade names its scale."""

    ZERO_TO_FOUR = "0-4"
    ZERO_TO_THREE = "0-3"


@dataclass(frozen=True)
class PulseScaleDefinition:
    legend: Mapping[int, str]
    absent_grades: frozenset[int]
    diminished_grades: frozenset[int]
    note: str = ""

    @property
    def max_grade(self) -> int:
        return max(self.legend)


PULSE_SCALES: Mapping[PulseScale, PulseScaleDefinition] = MappingProxyType(
    {
        PulseScale.ZERO_TO_FOUR: PulseScaleDefinition(
            legend=MappingProxyType(
                {
                    0: "absent",
                    1: "diminished, barely palpable, easily obliterated",
                    2: "normal, brisk",
                    3: "increased, full",
                    4: "bounding",
                }
            ),
            absent_grades=frozenset({0}),
            diminished_grades=frozenset({1}),
            note="Some references on this scale treat 3+ as normal and 2+ as slightly diminished.",
        ),
        PulseScale.ZERO_TO_THREE: PulseScaleDefinition(
            legend=MappingProxyType({0: "absent", 1: "weak, thready", 2: "normal", 3: "bounding"}),
            absent_grades=frozenset({0}),
            diminished_grades=frozenset({1}),
        ),
    }
)
"""Pulse grade legends (5.1) [V][D]: Swartz's 0-4 scale and the 0-3 scale of some texts."""


@dataclass(frozen=True)
class OedemaGrade:
    grade: int
    label: str
    pit_depth: str
    rebound: str


OEDEMA_GRADES: Mapping[int, OedemaGrade] = MappingProxyType(
    {
        0: OedemaGrade(0, "0", "none", "none"),
        1: OedemaGrade(1, "1+", "about 2 mm", "almost immediate"),
        2: OedemaGrade(2, "2+", "about 3-4 mm", "within about 10-15 s"),
        3: OedemaGrade(3, "3+", "about 5-6 mm", "about 15-60 s"),
        4: OedemaGrade(4, "4+", "about 8 mm or more", "over 60 s, may take minutes"),
    }
)
"""Pitting-oedema grades (5.4) [V][D]: depths and times vary slightly between sources."""
