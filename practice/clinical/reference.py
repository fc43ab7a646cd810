"""Thresholds, normal values and grading scales, each naming its section of the clinical reference.

Section numbers refer to ``shared/clinical-reference.md``; section 0 settles what the other
sections leave open. Every threshold is a field of :class:`ReferenceValues`, so a clinic can
override it from configuration with :meth:`ReferenceValues.with_overrides`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType


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


_V, _U, _D = Verification.VERIFIED, Verification.UNVERIFIED, Verification.DISPUTED

DEFAULT_ROM_NORMALS: Mapping[str, RomNormal] = MappingProxyType(
    {
        "cervical_flexion": RomNormal(45, "45-90", (_D,)),
        "cervical_extension": RomNormal(45, "45-80", (_D,)),
        "cervical_lateral_flexion": RomNormal(45, "20-45", (_D,)),
        "cervical_rotation": RomNormal(80, "60-90", (_D,)),
        "shoulder_flexion": RomNormal(180, "150-180", (_V,)),
        "shoulder_extension": RomNormal(60, "45-60", (_V,)),
        "shoulder_abduction": RomNormal(180, "170-180", (_V,)),
        "shoulder_internal_rotation": RomNormal(70, "60-90", (_V,)),
        "shoulder_external_rotation": RomNormal(90, "80-105", (_V,)),
        "elbow_flexion": RomNormal(150, "140-160", (_V,)),
        "elbow_extension": RomNormal(0, "0 to slight hyperextension", (_V,)),
        "forearm_pronation": RomNormal(80, "75-90", (_V,)),
        "forearm_supination": RomNormal(80, "80-90", (_V,)),
        "wrist_flexion": RomNormal(80, "75-90", (_V,)),
        "wrist_extension": RomNormal(70, "70-90", (_V,)),
        "wrist_radial_deviation": RomNormal(20, "15-25", (_V,)),
        "wrist_ulnar_deviation": RomNormal(30, "30-45", (_V,)),
        "thoracolumbar_flexion": RomNormal(90, "40-90", (_D,)),
        "thoracolumbar_extension": RomNormal(30, "20-45", (_D,)),
        "thoracolumbar_lateral_flexion": RomNormal(30, "15-35", (_D,)),
        "thoracolumbar_rotation": RomNormal(30, "3-45", (_D,)),
        "hip_flexion": RomNormal(120, "110-135", (_U,)),
        "hip_extension": RomNormal(30, "10-30", (_U, _D)),
        "hip_abduction": RomNormal(45, "30-50"),
        "hip_adduction": RomNormal(30, "20-45", (_U,)),
        "hip_internal_rotation": RomNormal(45, "30-45", (_U,)),
        "hip_external_rotation": RomNormal(45, "40-60", (_U,)),
        "knee_flexion": RomNormal(135, "130-150", (_U,)),
        "knee_extension": RomNormal(0, "0 (hyperextension noted separately)"),
        "ankle_dorsiflexion": RomNormal(20, "15-20"),
        "ankle_plantarflexion": RomNormal(50, "45-65"),
        "ankle_inversion": RomNormal(35, "20-35", (_U,)),
        "ankle_eversion": RomNormal(15, "10-25", (_U, _D)),
    }
)
"""Normal active ROM in degrees (4.2); rows without a mark in the table carry none here."""

ROM_NORMAL_PREFIX = "rom_normal."


@dataclass(frozen=True)
class ReferenceValues:
    """The one table of thresholds the findings are derived with.

    Inequalities follow the wording of the reference exactly (0.14): ``*_above`` flags values
    strictly above, ``*_below`` strictly below, ``*_from`` and ``*_at_or_below`` include the value.
    """

    asymmetry_flag_above_percent: Decimal = field(
        default=Decimal("10"), metadata={"section": "0.9"}
    )
    oxford_grade_asymmetry_min_difference: int = field(default=1, metadata={"section": "0.9"})
    oxford_weakness_at_or_below_grade: int = field(default=4, metadata={"section": "7.11"})
    abi_non_compressible_above: Decimal = field(
        default=Decimal("1.40"), metadata={"section": "0.10"}
    )
    abi_normal_from: Decimal = field(default=Decimal("1.00"), metadata={"section": "0.10"})
    abi_borderline_from: Decimal = field(default=Decimal("0.91"), metadata={"section": "0.10"})
    abi_mild_pad_from: Decimal = field(default=Decimal("0.81"), metadata={"section": "0.10"})
    abi_moderate_pad_from: Decimal = field(default=Decimal("0.51"), metadata={"section": "0.10"})
    capillary_refill_delayed_above_seconds: Decimal = field(
        default=Decimal("2"), metadata={"section": "0.11"}
    )
    nprs_mild_from: int = field(default=1, metadata={"section": "9"})
    nprs_moderate_from: int = field(default=4, metadata={"section": "9"})
    nprs_severe_from: int = field(default=7, metadata={"section": "9"})
    # 4.3 quotes >= 4 and >= 5 [D]. The lower cut-off is the default because the finding feeds
    # screening (hypermobility is a caution for stretching): a missed hypermobile patient costs
    # more than one extra prompt, and the score is "not diagnostic alone" either way.
    beighton_hypermobile_from: int = field(default=4, metadata={"section": "4.3"})
    # Hamstring-length norm "commonly quoted around 80°" [U].
    straight_leg_raise_tight_below_degrees: int = field(default=80, metadata={"section": "4.3"})
    # 90-90 convention [V]; the sex-specific cohort cut-offs (33° men, 23° women) are [D].
    active_knee_extension_tight_above_degrees: int = field(default=20, metadata={"section": "4.3"})
    ankle_dorsiflexion_short_below_degrees: int = field(default=18, metadata={"section": "4.3"})
    # Modified Thomas test: "knee bends to roughly 80-90°" is normal and a knee that flexes less
    # means rectus femoris shortness [V]; the lower end of the normal is the cut-off.
    thomas_knee_flexion_tight_below_degrees: int = field(default=80, metadata={"section": "4.3"})
    # The normal itself (4.2) unless a clinic configures a margin; 4.1 warns tables differ by
    # 10-30° for some movements, so the other side is shown as the primary comparison too.
    rom_reduced_below_percent_of_normal: Decimal = field(
        default=Decimal("100"), metadata={"section": "4.2"}
    )
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
