"""What an assessment records, section by section, as frozen dataclasses of plain values.

Raw measurements are stored with their scale (General principle 1 of
``shared/clinical-reference.md``); bands and findings are derived in ``findings``. Codes refer to
``catalogues``. Construction validates ranges and codes and raises ``ValueError``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from practice.clinical.catalogues import (
    JOINT_MOVEMENTS,
    MUSCLE_GROUPS,
    PULSE_SITES,
    RED_FLAGS,
    SPECIAL_TESTS,
    Urgency,
)
from practice.clinical.reference import OEDEMA_GRADES, PULSE_SCALES, PulseScale
from practice.clinical.vocabulary import (
    BodyRegion,
    CrampTrigger,
    PostureDeviation,
    Severity,
    Side,
)

NPRS_RANGE = range(11)
OXFORD_RANGE = range(6)
BEIGHTON_RANGE = range(10)


def _check_in(value: object, allowed: Iterable[object], what: str) -> None:
    if value not in allowed:
        raise ValueError(f"Unknown {what} {value!r}")


def _check_range(value: int | None, allowed: range, what: str) -> None:
    if value is not None and value not in allowed:
        raise ValueError(f"{what} must be {allowed.start}-{allowed.stop - 1}, not {value!r}")


def _check_not_negative(value: Decimal | int | None, what: str) -> None:
    if value is not None and value < 0:
        raise ValueError(f"{what} cannot be negative, not {value!r}")


def _check_sided(side: Side, sided: bool, what: str) -> None:
    if sided and side is Side.NOT_APPLICABLE:
        raise ValueError(f"{what} is recorded per side; choose left, right or bilateral")
    if not sided and side is not Side.NOT_APPLICABLE:
        raise ValueError(f"{what} has no side; record it as not applicable")


def _check_unique(keys: Iterable[tuple[str, Side]], what: str) -> None:
    repeated = [key for key, count in Counter(keys).items() if count > 1]
    if repeated:
        code, side = repeated[0]
        raise ValueError(f"{what} {code!r} ({side}) is recorded more than once")


# Subjective (1.1, 1.2) ---------------------------------------------------------------------


class OnsetMechanism(StrEnum):
    TRAUMATIC = "traumatic"
    INSIDIOUS = "insidious"
    POST_SURGICAL = "post_surgical"
    OVERUSE = "overuse"
    UNKNOWN = "unknown"


class LocalSign(StrEnum):
    """Local signs at the involved site that bear on the stage (1.1, 7.9: red, hot, swollen)."""

    WARMTH = "warmth"
    SWELLING = "swelling"
    BRUISING = "bruising"
    OEDEMA = "oedema"


class Stage(StrEnum):
    """The stage of the problem (1.1 "Duration / stage")."""

    ACUTE = "acute"
    SUBACUTE = "subacute"
    CHRONIC = "chronic"


@dataclass(frozen=True)
class StageRecord:
    """The stage as ``clinical.stage`` derived it when the subjective section was saved, with its
    reason, and the clinician's override with theirs; both stay in the record (10.2).
    ``derived_on`` is the assessment date it was derived for: a re-assessment pre-filled from an
    earlier one carries the earlier date until its subjective section is saved. The reason is
    plain words; ``sections`` names the reference sections it rests on."""

    derived: Stage | None
    reason: str
    override: Stage | None = None
    override_reason: str = ""
    derived_on: date | None = None
    sections: tuple[str, ...] = ()  # where the reason's rules come from in the reference

    def __post_init__(self) -> None:
        if self.override is None and self.override_reason.strip():
            raise ValueError("Choose the stage you are overriding to, or clear the reason")
        if self.override is not None and not self.override_reason.strip():
            raise ValueError("Give the reason for overriding the derived stage")
        if self.override is not None and self.override is self.derived:
            raise ValueError(
                f"The derived stage is already {self.override}; clear the override or choose "
                "another stage"
            )

    @property
    def stage(self) -> Stage | None:
        return self.override or self.derived

    @property
    def overridden(self) -> bool:
        return self.override is not None


class RedFlagAnswer(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_ASKED = "not_asked"


@dataclass(frozen=True)
class BodySite:
    region: BodyRegion
    side: Side = Side.NOT_APPLICABLE


@dataclass(frozen=True)
class AggravatingFactor:
    activity: str
    time_to_provoke: str = ""
    time_to_settle: str = ""


@dataclass(frozen=True)
class EasingFactor:
    activity: str
    time_to_ease: str = ""


@dataclass(frozen=True)
class DailyPattern:
    """The 24-hour pattern of 1.1."""

    morning_stiffness: bool | None = None
    morning_stiffness_minutes: int | None = None
    during_day: str = ""
    evening: str = ""
    woken_at_night: bool | None = None
    times_woken_per_night: int | None = None
    returns_to_sleep: bool | None = None

    def __post_init__(self) -> None:
        _check_not_negative(self.morning_stiffness_minutes, "Morning stiffness minutes")
        _check_not_negative(self.times_woken_per_night, "Times woken per night")


@dataclass(frozen=True)
class RedFlagScreen:
    """One red-flag answer (1.2, 0.12); a "yes" needs an action before sign-off.

    ``region`` and ``side`` default to the red flag's own region; a DVT records its leg.
    """

    code: str
    answer: RedFlagAnswer
    detail: str = ""
    action_taken: str = ""
    referral_to: str = ""
    urgency: Urgency | None = None
    referred_on: date | None = None
    region: BodyRegion | None = None
    side: Side = Side.NOT_APPLICABLE

    def __post_init__(self) -> None:
        _check_in(self.code, RED_FLAGS, "red flag")

    @property
    def action_recorded(self) -> bool:
        return bool(self.action_taken.strip())


@dataclass(frozen=True)
class Subjective:
    presenting_complaint: str = ""
    pain_sites: tuple[BodySite, ...] = ()
    onset_on: date | None = None
    onset_mechanism: OnsetMechanism | None = None
    local_signs: tuple[LocalSign, ...] = ()
    stage: StageRecord | None = None  # None: not saved through the form since stages were derived
    nprs_now: int | None = None
    nprs_best: int | None = None
    nprs_worst: int | None = None  # worst in the last 24 hours
    aggravating_factors: tuple[AggravatingFactor, ...] = ()
    easing_factors: tuple[EasingFactor, ...] = ()
    daily_pattern: DailyPattern = field(default_factory=DailyPattern)
    red_flags: tuple[RedFlagScreen, ...] = ()

    def __post_init__(self) -> None:
        for name in ("nprs_now", "nprs_best", "nprs_worst"):
            _check_range(getattr(self, name), NPRS_RANGE, name.replace("_", " ").upper())
        if len(self.local_signs) != len(set(self.local_signs)):
            raise ValueError("Each local sign is recorded once")
        codes = [screen.code for screen in self.red_flags]
        if len(codes) != len(set(codes)):
            raise ValueError("Each red flag is answered once")


# Objective: posture (2.2, 2.3), strength (3.1), range of motion (4.1), tests (4.3) ------------


@dataclass(frozen=True)
class Posture:
    """A posture observation; severity ``ABSENT`` records that it was looked for and not seen.

    ``region`` overrides the deviation's usual region (e.g. a lumbar scoliosis curve).
    """

    deviation: PostureDeviation
    severity: Severity | None = None
    side: Side = Side.NOT_APPLICABLE
    note: str = ""
    region: BodyRegion | None = None

    @property
    def present(self) -> bool:
        return self.severity is not Severity.ABSENT


class OxfordModifier(StrEnum):
    NONE = ""
    PLUS = "+"
    MINUS = "−"


@dataclass(frozen=True)
class Strength:
    """An Oxford/MRC grade (3.1), with an optional hand-held dynamometer force."""

    muscle_group: str
    side: Side
    grade: int
    modifier: OxfordModifier = OxfordModifier.NONE
    force_newtons: Decimal | None = None

    def __post_init__(self) -> None:
        _check_in(self.muscle_group, MUSCLE_GROUPS, "muscle group")
        _check_range(self.grade, OXFORD_RANGE, "Oxford grade")
        if (self.grade, self.modifier) in ((5, OxfordModifier.PLUS), (0, OxfordModifier.MINUS)):
            raise ValueError(f"Oxford grade {self.grade}{self.modifier} does not exist")
        _check_not_negative(self.force_newtons, "Force")

    @property
    def grade_text(self) -> str:
        return f"{self.grade}{self.modifier}/5"


@dataclass(frozen=True)
class RangeOfMotion:
    """Active (and optionally passive) range in degrees, neutral-zero method (4.1)."""

    movement: str
    side: Side
    active_degrees: int
    passive_degrees: int | None = None

    def __post_init__(self) -> None:
        _check_in(self.movement, JOINT_MOVEMENTS, "joint movement")
        _check_sided(self.side, JOINT_MOVEMENTS[self.movement].sided, self.movement)


@dataclass(frozen=True)
class SpecialTest:
    """A flexibility or hypermobility test (4.3): positive/negative and/or a measured value.

    ``component`` names the part of a multi-part test (Thomas: iliopsoas, rectus_femoris,
    tensor_fasciae_latae); ``muscle_group`` names the muscle of the generic ``muscle_length``
    test. ``radicular_pain_reproduced`` is for the straight leg raise: leg pain reproduced means
    neural sensitivity rather than hamstring tightness.
    """

    test: str
    side: Side
    positive: bool | None = None
    measured_value: Decimal | None = None
    component: str | None = None
    muscle_group: str | None = None
    radicular_pain_reproduced: bool = False

    def __post_init__(self) -> None:
        _check_in(self.test, SPECIAL_TESTS, "special test")
        definition = SPECIAL_TESTS[self.test]
        _check_sided(self.side, definition.sided, definition.label)
        if definition.components:
            _check_in(self.component, definition.components, f"{definition.label} component")
        elif self.component is not None:
            raise ValueError(f"{definition.label} has no components")
        if self.test == "muscle_length":
            _check_in(self.muscle_group, MUSCLE_GROUPS, "muscle group")
        elif self.muscle_group is not None:
            raise ValueError(f"{definition.label} names its own muscle group")
        if self.test == "beighton" and self.measured_value is not None:
            value = self.measured_value
            if value != int(value) or int(value) not in BEIGHTON_RANGE:
                raise ValueError(f"Beighton score must be a whole number 0-9, not {value!r}")
        if self.radicular_pain_reproduced and self.test != "straight_leg_raise":
            raise ValueError("Radicular pain reproduction is recorded on the straight leg raise")
        if self.positive is None and self.measured_value is None:
            raise ValueError(f"{definition.label}: record a result, a measured value or both")


# Circulation (5.1-5.5) --------------------------------------------------------------------


@dataclass(frozen=True)
class Pulse:
    site: str
    side: Side
    grade: int
    scale: PulseScale

    def __post_init__(self) -> None:
        _check_in(self.site, PULSE_SITES, "pulse site")
        _check_range(self.grade, range(PULSE_SCALES[self.scale].max_grade + 1), "Pulse grade")


@dataclass(frozen=True)
class CapillaryRefill:
    seconds: Decimal
    region: BodyRegion
    side: Side
    warm: bool | None = None  # whether the room and limb were warm (5.2)

    def __post_init__(self) -> None:
        _check_not_negative(self.seconds, "Capillary refill time")


@dataclass(frozen=True)
class AnklePressures:
    """Doppler systolic pressures at one ankle, mmHg (5.3)."""

    side: Side
    dorsalis_pedis_mmhg: int | None = None
    posterior_tibial_mmhg: int | None = None

    def __post_init__(self) -> None:
        if self.side not in (Side.LEFT, Side.RIGHT):
            raise ValueError("Ankle pressures are recorded for the left or the right leg")
        for value in (self.dorsalis_pedis_mmhg, self.posterior_tibial_mmhg):
            _check_not_negative(value, "Ankle pressure")

    @property
    def readings(self) -> tuple[int, ...]:
        return tuple(
            value
            for value in (self.dorsalis_pedis_mmhg, self.posterior_tibial_mmhg)
            if value is not None
        )


@dataclass(frozen=True)
class Oedema:
    """Oedema at a site (5.4); ``grade`` is the pitting grade 0-4 and is None when non-pitting."""

    region: BodyRegion
    side: Side
    pitting: bool
    grade: int | None = None

    def __post_init__(self) -> None:
        _check_range(self.grade, range(len(OEDEMA_GRADES)), "Oedema grade")
        if not self.pitting and self.grade is not None:
            raise ValueError("Only pitting oedema has a grade")


class SkinColour(StrEnum):
    NORMAL = "normal"
    PALLOR = "pallor"
    CYANOSIS = "cyanosis"
    REDNESS = "redness"
    DEPENDENT_RUBOR = "dependent_rubor"


class SkinTemperature(StrEnum):
    COOL = "cool"
    NORMAL = "normal"
    WARM = "warm"


@dataclass(frozen=True)
class Skin:
    region: BodyRegion
    side: Side
    colour: SkinColour = SkinColour.NORMAL
    temperature: SkinTemperature = SkinTemperature.NORMAL
    trophic_changes: bool = False  # shiny, hairless skin, thick nails (5.5)
    note: str = ""


@dataclass(frozen=True)
class Claudication:
    """Walking distances at onset of pain and at maximum (5.5)."""

    side: Side
    onset_distance_m: int | None = None
    maximum_distance_m: int | None = None
    region: BodyRegion = BodyRegion.LOWER_LEG

    def __post_init__(self) -> None:
        _check_not_negative(self.onset_distance_m, "Claudication onset distance")
        _check_not_negative(self.maximum_distance_m, "Maximum walking distance")


@dataclass(frozen=True)
class VaricoseVeins:
    side: Side
    region: BodyRegion = BodyRegion.LOWER_LEG
    symptoms: str = ""


class MeasuredBy(StrEnum):
    """Who measured the ABI (5.3: many physiotherapists do not perform it routinely)."""

    SELF = "self"
    OTHER_CLINICIAN = "other_clinician"
    REPORT = "report"


REPORTED_ABI_LOWEST = Decimal("0.00")
REPORTED_ABI_HIGHEST = Decimal("2.00")


@dataclass(frozen=True)
class ReportedAbi:
    """An ABI entered as a value, from another clinician or a letter, when no pressures are
    recorded here (5.3); a value outside 0-2 is a transcription slip and is refused."""

    side: Side
    value: Decimal
    source: str = ""

    def __post_init__(self) -> None:
        if self.side not in (Side.LEFT, Side.RIGHT):
            raise ValueError("A reported ABI is for the left or the right leg")
        if not REPORTED_ABI_LOWEST <= self.value <= REPORTED_ABI_HIGHEST:
            raise ValueError(f"A reported ABI must be between 0.00 and 2.00, not {self.value}")


@dataclass(frozen=True)
class Circulation:
    pulses: tuple[Pulse, ...] = ()
    capillary_refill: tuple[CapillaryRefill, ...] = ()
    brachial_left_mmhg: int | None = None
    brachial_right_mmhg: int | None = None
    ankle_pressures: tuple[AnklePressures, ...] = ()
    abi_measured_by: MeasuredBy | None = None
    reported_abi: tuple[ReportedAbi, ...] = ()
    oedema: tuple[Oedema, ...] = ()
    skin: tuple[Skin, ...] = ()
    claudication: tuple[Claudication, ...] = ()
    varicose_veins: tuple[VaricoseVeins, ...] = ()

    def __post_init__(self) -> None:
        for value in (self.brachial_left_mmhg, self.brachial_right_mmhg):
            _check_not_negative(value, "Brachial pressure")
        sides = [pressures.side for pressures in self.ankle_pressures]
        if len(sides) != len(set(sides)):
            raise ValueError("Ankle pressures are recorded once per leg")
        sides = [reported.side for reported in self.reported_abi]
        if len(sides) != len(set(sides)):
            raise ValueError("A reported ABI is recorded once per leg")

    @property
    def brachial_readings(self) -> tuple[int, ...]:
        return tuple(
            value
            for value in (self.brachial_left_mmhg, self.brachial_right_mmhg)
            if value is not None
        )


# Spasms and cramps (6.1, 6.3) ------------------------------------------------------------


class SpasmType(StrEnum):
    CRAMP = "cramp"
    SPASM = "spasm"  # tension, spasm or a tender overactive muscle (7.3)


class SpasmTiming(StrEnum):
    NOCTURNAL = "nocturnal"
    AT_REST = "at_rest"
    DURING_EXERCISE = "during_exercise"
    AFTER_EXERCISE = "after_exercise"
    PROLONGED_POSITION = "prolonged_position"


class FrequencyPeriod(StrEnum):
    PER_NIGHT = "per_night"
    PER_WEEK = "per_week"


@dataclass(frozen=True)
class SpasmPattern:
    """A recurring spasm or cramp (6.1); ``triggers`` maps each trigger to its evidence."""

    region: BodyRegion
    side: Side
    type: SpasmType = SpasmType.CRAMP
    muscle_group: str | None = None
    frequency: int | None = None
    frequency_period: FrequencyPeriod = FrequencyPeriod.PER_WEEK
    typical_duration_seconds: int | None = None
    timing: tuple[SpasmTiming, ...] = ()
    severity_nprs: int | None = None
    triggers: Mapping[CrampTrigger, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.muscle_group is not None:
            _check_in(self.muscle_group, MUSCLE_GROUPS, "muscle group")
        _check_not_negative(self.frequency, "Frequency")
        _check_not_negative(self.typical_duration_seconds, "Duration")
        _check_range(self.severity_nprs, NPRS_RANGE, "Severity NPRS")
        valid = {trigger.value for trigger in CrampTrigger}
        for trigger in self.triggers:
            _check_in(trigger, valid, "cramp trigger")
        triggers = {CrampTrigger(trigger): text for trigger, text in self.triggers.items()}
        object.__setattr__(self, "triggers", MappingProxyType(triggers))

    @property
    def nocturnal(self) -> bool:
        return SpasmTiming.NOCTURNAL in self.timing


# Lifestyle (1.1 social/occupational, 6.1) ----------------------------------------------------


class ActivityLevel(StrEnum):
    SEDENTARY = "sedentary"
    LIGHT = "light"
    MODERATE = "moderate"
    VIGOROUS = "vigorous"


class WorkPosture(StrEnum):
    MOSTLY_SITTING = "mostly_sitting"
    MOSTLY_STANDING = "mostly_standing"
    MIXED = "mixed"
    MANUAL = "manual"
    NOT_WORKING = "not_working"


@dataclass(frozen=True)
class Lifestyle:
    """Lifestyle as the clinician records it; ``stress`` is their grading of reported stress."""

    fluid_intake_litres_per_day: Decimal | None = None
    activity_level: ActivityLevel | None = None
    work_posture: WorkPosture | None = None
    hours_sitting_per_day: Decimal | None = None
    hours_standing_per_day: Decimal | None = None
    stress: Severity | None = None

    def __post_init__(self) -> None:
        _check_not_negative(self.fluid_intake_litres_per_day, "Fluid intake")
        for hours in (self.hours_sitting_per_day, self.hours_standing_per_day):
            _check_not_negative(hours, "Hours")
            if hours is not None and hours > 24:
                raise ValueError(f"Hours per day cannot exceed 24, not {hours!r}")


# The whole assessment ------------------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentData:
    subjective: Subjective = field(default_factory=Subjective)
    posture: tuple[Posture, ...] = ()
    strength: tuple[Strength, ...] = ()
    range_of_motion: tuple[RangeOfMotion, ...] = ()
    special_tests: tuple[SpecialTest, ...] = ()
    circulation: Circulation = field(default_factory=Circulation)
    spasms: tuple[SpasmPattern, ...] = ()
    lifestyle: Lifestyle = field(default_factory=Lifestyle)

    def __post_init__(self) -> None:
        _check_unique(((item.muscle_group, item.side) for item in self.strength), "Muscle group")
        _check_unique(((item.movement, item.side) for item in self.range_of_motion), "Movement")
