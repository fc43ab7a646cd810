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


class ChartView(StrEnum):
    """The two outlines of the body chart (1.1 "body-chart regions")."""

    FRONT = "front"
    BACK = "back"


class SymptomDepth(StrEnum):
    """1.1: the body chart records depth, superficial or deep."""

    SUPERFICIAL = "superficial"
    DEEP = "deep"


class SymptomPattern(StrEnum):
    """1.1: the body chart records constant or intermittent symptoms."""

    CONSTANT = "constant"
    INTERMITTENT = "intermittent"


class PainQuality(StrEnum):
    """The pain quality descriptors 1.1 lists (its list ends "..."; these are the ones it names)."""

    SHARP = "sharp"
    DULL_ACHE = "dull_ache"
    BURNING = "burning"
    THROBBING = "throbbing"
    SHOOTING = "shooting"
    CRAMPING = "cramping"


class AbnormalSensation(StrEnum):
    """1.1: the abnormal sensations a body chart records, as the reference names them."""

    PINS_AND_NEEDLES = "pins_and_needles"
    NUMBNESS = "numbness"


@dataclass(frozen=True)
class BodySite:
    """A site on the body chart (1.1): where, and what the chart records of it. ``views`` says
    on which outline it was marked, empty for a site recorded before the chart; the rest is
    optional, empty when not recorded. A symptom-free ("cleared") area is a ``BodySite`` in
    ``Subjective.cleared_sites``, with nothing but its place."""

    region: BodyRegion
    side: Side = Side.NOT_APPLICABLE
    views: tuple[ChartView, ...] = ()
    depth: SymptomDepth | None = None
    pattern: SymptomPattern | None = None
    qualities: tuple[PainQuality, ...] = ()
    sensations: tuple[AbnormalSensation, ...] = ()

    def __post_init__(self) -> None:
        for values, what in (
            (self.views, "view"),
            (self.qualities, "quality"),
            (self.sensations, "sensation"),
        ):
            if len(values) != len(set(values)):
                raise ValueError(f"Each {what} of a body-chart area is recorded once")

    @property
    def described(self) -> bool:
        """Whether anything beyond its place is recorded."""
        return bool(self.depth or self.pattern or self.qualities or self.sensations)


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


class MedicationClass(StrEnum):
    """The medication classes 1.1 and 6.1 ask to flag, and insulin for the diabetes flag.

    1.1: "flag anticoagulants/antiplatelets, corticosteroids, diuretics, statins"; 6.1: "flag
    diuretics, statins, and others associated with cramps". Insulin is not named by the
    reference: it is here because it is taken for diabetes, which 1.1 lists in the past medical
    history and which is a patient flag.
    """

    ANTICOAGULANT = "anticoagulant"
    ANTIPLATELET = "antiplatelet"
    DIURETIC = "diuretic"
    STATIN = "statin"
    CORTICOSTEROID = "corticosteroid"
    INSULIN = "insulin"
    OTHER = "other"


@dataclass(frozen=True)
class Medication:
    """One medication the patient takes (1.1 "list"), with the class the reference flags."""

    name: str
    medication_class: MedicationClass = MedicationClass.OTHER
    note: str = ""

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("A medication needs its name")


@dataclass(frozen=True)
class RedFlagScreen:
    """One red-flag answer (1.2, 0.12); a "yes" needs an action before sign-off.

    ``region`` and ``side`` default to the red flag's own region; a DVT records its leg. A red
    flag raised by the cramp record (6.2) is stored here too, with answer "yes", by the spasms
    section. ``cleared_on``/``cleared_by``/``clearance_note`` record the medical clearance that
    ends its screening rules (0.5); a referral alone never does.
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
    cleared_on: date | None = None
    cleared_by: str = ""
    clearance_note: str = ""

    def __post_init__(self) -> None:
        _check_in(self.code, RED_FLAGS, "red flag")
        if self.clearance_started and self.answer is not RedFlagAnswer.YES:
            raise ValueError("Only a positive red flag is medically cleared")
        if self.clearance_started and not (self.cleared_on and self.cleared_by.strip()):
            raise ValueError("A clearance needs its date and who cleared it")

    @property
    def action_recorded(self) -> bool:
        return bool(self.action_taken.strip())

    @property
    def clearance_started(self) -> bool:
        return bool(self.cleared_on or self.cleared_by.strip() or self.clearance_note.strip())

    @property
    def cleared(self) -> bool:
        """Medically cleared (0.5: a DVT limb is treated again only once cleared), recorded with
        its date and who cleared it."""
        return self.cleared_on is not None and bool(self.cleared_by.strip())


@dataclass(frozen=True)
class Subjective:
    presenting_complaint: str = ""
    pain_sites: tuple[BodySite, ...] = ()
    cleared_sites: tuple[BodySite, ...] = ()  # body-chart areas recorded symptom-free (1.1)
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
    medications: tuple[Medication, ...] = ()
    # Why the patient cannot rate pain on the NPRS reliably (0.3: "a patient who cannot report
    # discomfort"); when given, the NPRS scores stay empty.
    nprs_unratable_reason: str = ""
    night_pain_unrelieved: bool | None = None  # 1.1 warning sign, 1.2 malignancy "night pain"
    temperature_celsius: Decimal | None = None  # fever is an infection feature (1.2)
    weight_kg: Decimal | None = None
    weight_loss_kg: Decimal | None = None  # recent loss, over ``weight_loss_months`` (1.2)
    weight_loss_months: int | None = None

    def __post_init__(self) -> None:
        for name in ("nprs_now", "nprs_best", "nprs_worst"):
            _check_range(getattr(self, name), NPRS_RANGE, name.replace("_", " ").upper())
        if self.nprs_unratable_reason.strip() and self.pain_scores_recorded:
            raise ValueError(
                "Pain scores cannot be recorded when the patient cannot rate pain reliably"
            )
        for value, what in (
            (self.weight_kg, "Weight"),
            (self.weight_loss_kg, "Weight loss"),
            (self.weight_loss_months, "Months of weight loss"),
        ):
            _check_not_negative(value, what)
        if self.weight_kg is not None and self.weight_kg == 0:
            raise ValueError("Weight must be more than 0 kg")
        if (self.weight_loss_kg is None) != (self.weight_loss_months is None):
            raise ValueError("Record the weight lost together with the months it was lost over")
        if self.weight_loss_months == 0:
            raise ValueError("Weight loss is recorded over at least one month")
        if len(self.local_signs) != len(set(self.local_signs)):
            raise ValueError("Each local sign is recorded once")
        codes = [screen.code for screen in self.red_flags]
        if len(codes) != len(set(codes)):
            raise ValueError("Each red flag is answered once")
        if any(site.described for site in self.cleared_sites):
            raise ValueError("A cleared area is symptom-free: it has no depth, quality or pattern")
        marked = {(site.region, site.side) for site in self.pain_sites}
        if any((site.region, site.side) in marked for site in self.cleared_sites):
            raise ValueError("An area is recorded either with symptoms or as cleared, not both")

    @property
    def pain_scores_recorded(self) -> bool:
        return any(score is not None for score in (self.nprs_now, self.nprs_best, self.nprs_worst))


# Objective: posture (2.2, 2.3), strength (3.1), range of motion (4.1), tests (4.3) ------------


class MeasurementMethod(StrEnum):
    """How a posture value was measured (2.3 ``method``)."""

    VISUAL = "visual"
    GONIOMETER = "goniometer"
    INCLINOMETER = "inclinometer"
    PHOTO = "photo"
    SCOLIOMETER = "scoliometer"
    TAPE = "tape"


@dataclass(frozen=True)
class PostureMeasure:
    """What a deviation is measured as, where 2.2 gives a measurement: its words and unit."""

    name: str
    unit: str  # "degrees", "cm" or "mm"


POSTURE_MEASURES: Mapping[PostureDeviation, PostureMeasure] = MappingProxyType(
    {
        PostureDeviation.THORACIC_KYPHOSIS: PostureMeasure("kyphosis angle", "degrees"),
        PostureDeviation.LATERAL_PELVIC_TILT: PostureMeasure("iliac crest height difference", "mm"),
        PostureDeviation.SCOLIOSIS: PostureMeasure("angle of trunk rotation", "degrees"),
        PostureDeviation.GENU_VALGUM: PostureMeasure("intermalleolar distance", "cm"),
        PostureDeviation.GENU_VARUM: PostureMeasure("intercondylar distance", "cm"),
        PostureDeviation.GENU_RECURVATUM: PostureMeasure("knee hyperextension", "degrees"),
    }
)
"""The measured values of 2.2 ("how it is usually recorded"): kyphosis by inclinometer or
flexicurve, the scoliometer angle of trunk rotation, the intermalleolar and intercondylar
distances, degrees of recurvatum and the mm of a lateral pelvic tilt (its side is the higher
iliac crest). Scapular protraction is measured per side: ``ScapularDistance``."""


@dataclass(frozen=True)
class Posture:
    """A posture observation; severity ``ABSENT`` records that it was looked for and not seen.

    ``region`` overrides the deviation's usual region (e.g. a lumbar scoliosis curve).
    ``measured_value`` is in the unit of ``POSTURE_MEASURES`` for the deviation (2.3);
    ``rib_hump`` is the Adams forward-bend result of a scoliosis (2.2: a rib hump means a
    structural curve; a curve that disappears on bending suggests a postural one).
    """

    deviation: PostureDeviation
    severity: Severity | None = None
    side: Side = Side.NOT_APPLICABLE
    note: str = ""
    region: BodyRegion | None = None
    measured_value: Decimal | None = None
    unit: str | None = None  # of the measured value, as 2.3 stores it; set from the measure
    method: MeasurementMethod | None = None
    rib_hump: bool | None = None

    def __post_init__(self) -> None:
        measure = POSTURE_MEASURES.get(self.deviation)
        if self.measured_value is None:
            if self.unit is not None:
                raise ValueError("A unit is recorded with a measured value")
        else:
            if measure is None:
                raise ValueError(f"{self.deviation} has no measured value in the reference")
            _check_not_negative(self.measured_value, measure.name.capitalize())
            if self.unit is None:
                object.__setattr__(self, "unit", measure.unit)
            elif self.unit != measure.unit:
                raise ValueError(f"The {measure.name} is measured in {measure.unit}")
        if self.rib_hump is not None and self.deviation is not PostureDeviation.SCOLIOSIS:
            raise ValueError("A rib hump is recorded on the scoliosis row")

    @property
    def present(self) -> bool:
        return self.severity is not Severity.ABSENT

    @property
    def measure(self) -> PostureMeasure | None:
        return POSTURE_MEASURES.get(self.deviation)


class ScapularMeasure(StrEnum):
    """How scapular protraction is measured: 2.1 observes the "scapular distance from spine"
    (posterior view); for rounded shoulders "some clinics measure acromion-to-table distance
    supine" (2.2) [U]. No threshold is verified for either."""

    SCAPULA_TO_SPINE = "scapula_to_spine"
    ACROMION_TO_TABLE = "acromion_to_table"


@dataclass(frozen=True)
class ScapularDistance:
    measure: ScapularMeasure
    side: Side
    cm: Decimal

    def __post_init__(self) -> None:
        if self.side not in (Side.LEFT, Side.RIGHT):
            raise ValueError("A scapular distance is measured on the left or the right")
        if self.cm <= 0:
            raise ValueError(f"A scapular distance must be above 0 cm, not {self.cm}")


FPI_CRITERIA: Mapping[str, str] = MappingProxyType(
    {
        "talar_head_palpation": "talar head palpation",
        "malleolar_curves": "curves above and below the lateral malleoli",
        "calcaneal_frontal_plane": "calcaneal frontal plane position",
        "talonavicular_prominence": "prominence in the region of the talonavicular joint",
        "medial_arch_congruence": "congruence of the medial longitudinal arch",
        "forefoot_abduction": "abduction/adduction of the forefoot on the rearfoot",
    }
)
"""The six criteria of the Foot Posture Index, in the order of its user guide (Redmond 2005,
named in 2.2); each is scored −2 to +2."""
FPI_CRITERION_RANGE = range(-2, 3)


@dataclass(frozen=True)
class FootPostureIndex:
    """The FPI-6 of one foot (2.2): six scores −2..+2 in the order of ``FPI_CRITERIA``."""

    side: Side
    scores: tuple[int, ...]

    def __post_init__(self) -> None:
        if self.side not in (Side.LEFT, Side.RIGHT):
            raise ValueError("The Foot Posture Index is scored for the left or the right foot")
        if len(self.scores) != len(FPI_CRITERIA):
            raise ValueError(f"The Foot Posture Index has {len(FPI_CRITERIA)} criteria")
        for name, score in zip(FPI_CRITERIA.values(), self.scores, strict=True):
            if score not in FPI_CRITERION_RANGE:
                raise ValueError(f"FPI-6 {name} is scored −2 to +2, not {score!r}")

    @property
    def total(self) -> int:
        return sum(self.scores)

    @property
    def scored(self) -> tuple[tuple[str, int], ...]:
        """Each criterion's name with its score."""
        return tuple(zip(FPI_CRITERIA.values(), self.scores, strict=True))


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
class GripStrength:
    """Grip force of one hand in kg (3.1: dynamometry, "store force in N or kg")."""

    side: Side
    kg: Decimal

    def __post_init__(self) -> None:
        if self.side not in (Side.LEFT, Side.RIGHT):
            raise ValueError("Grip strength is recorded for the left or the right hand")
        _check_not_negative(self.kg, "Grip strength")


class EndFeel(StrEnum):
    """The end-feel categories the reference names: soft-tissue (7.1 stretching) and
    joint/capsular (7.12 mobility exercise), and the glossary's bony and empty."""

    SOFT_TISSUE = "soft_tissue"
    CAPSULAR = "capsular"
    BONY = "bony"
    EMPTY = "empty"


class RomInstrument(StrEnum):
    """What the range was measured with (4.1)."""

    GONIOMETER = "goniometer"
    INCLINOMETER = "inclinometer"
    TAPE = "tape"
    VISUAL_ESTIMATE = "visual_estimate"


@dataclass(frozen=True)
class RangeOfMotion:
    """Active (and optionally passive) range in degrees, neutral-zero method (4.1), with the
    instrument, the end-feel and the symptom response at end of range (4.1, 1.3)."""

    movement: str
    side: Side
    active_degrees: int
    passive_degrees: int | None = None
    end_feel: EndFeel | None = None
    pain_at_end_of_range: bool | None = None
    reproduces_complaint: bool | None = None
    instrument: RomInstrument | None = None

    def __post_init__(self) -> None:
        _check_in(self.movement, JOINT_MOVEMENTS, "joint movement")
        _check_sided(self.side, JOINT_MOVEMENTS[self.movement].sided, self.movement)


class BeightonItem(StrEnum):
    """The nine points of the Beighton score's five manoeuvres (4.3, Malek 2021)."""

    LITTLE_FINGER_LEFT = "little_finger_left"
    LITTLE_FINGER_RIGHT = "little_finger_right"
    THUMB_LEFT = "thumb_left"
    THUMB_RIGHT = "thumb_right"
    ELBOW_LEFT = "elbow_left"
    ELBOW_RIGHT = "elbow_right"
    KNEE_LEFT = "knee_left"
    KNEE_RIGHT = "knee_right"
    PALMS_FLAT = "palms_flat"


BEIGHTON_MANOEUVRES: Mapping[BeightonItem, str] = MappingProxyType(
    {
        BeightonItem.LITTLE_FINGER_LEFT: "little finger passive dorsiflexion beyond 90°, left",
        BeightonItem.LITTLE_FINGER_RIGHT: "little finger passive dorsiflexion beyond 90°, right",
        BeightonItem.THUMB_LEFT: "thumb passively to the forearm, left",
        BeightonItem.THUMB_RIGHT: "thumb passively to the forearm, right",
        BeightonItem.ELBOW_LEFT: "elbow hyperextension beyond 10°, left",
        BeightonItem.ELBOW_RIGHT: "elbow hyperextension beyond 10°, right",
        BeightonItem.KNEE_LEFT: "knee hyperextension beyond 10°, left",
        BeightonItem.KNEE_RIGHT: "knee hyperextension beyond 10°, right",
        BeightonItem.PALMS_FLAT: "palms flat on the floor with knees straight",
    }
)
"""What each Beighton point is for (Malek S et al. 2021, named in 4.3): one point each."""


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
    beighton_items: tuple[BeightonItem, ...] | None = None  # None: the score was not itemised

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
        if self.beighton_items is not None:
            self._check_beighton_items()
        if self.radicular_pain_reproduced and self.test != "straight_leg_raise":
            raise ValueError("Radicular pain reproduction is recorded on the straight leg raise")
        if self.positive is None and self.measured_value is None:
            raise ValueError(f"{definition.label}: record a result, a measured value or both")

    def _check_beighton_items(self) -> None:
        if self.test != "beighton":
            raise ValueError("Only the Beighton score has items")
        items = self.beighton_items or ()
        if len(items) != len(set(items)):
            raise ValueError("Each Beighton item is counted once")
        if self.measured_value is None:
            object.__setattr__(self, "measured_value", Decimal(len(items)))  # the total (4.3)
        elif self.measured_value != len(items):
            raise ValueError(
                f"The Beighton items add up to {len(items)}/9, not the {self.measured_value:f} "
                "typed: correct the items or the score"
            )


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


class OedemaExtent(StrEnum):
    """How far up the leg the oedema reaches (5.4)."""

    FOOT = "foot"
    ANKLE = "ankle"
    CALF = "calf"
    WHOLE_LEG = "whole_leg"


@dataclass(frozen=True)
class Oedema:
    """Oedema at a site (5.4); ``grade`` is the pitting grade 0-4 and is None when non-pitting.

    The pit depth (mm) and rebound time (s) are stored beside the grade; whether they fit it is
    judged against the clinic's reference (``findings.oedema_grade_conflicts``). A bilateral
    side is bilateral oedema, left or right unilateral (5.4).
    """

    region: BodyRegion
    side: Side
    pitting: bool
    grade: int | None = None
    pit_depth_mm: Decimal | None = None
    rebound_seconds: Decimal | None = None
    extent: OedemaExtent | None = None

    def __post_init__(self) -> None:
        _check_range(self.grade, range(len(OEDEMA_GRADES)), "Oedema grade")
        if not self.pitting and self.grade is not None:
            raise ValueError("Only pitting oedema has a grade")
        if not self.pitting and (self.pit_depth_mm, self.rebound_seconds) != (None, None):
            raise ValueError("Only pitting oedema has a pit depth and a rebound time")
        _check_not_negative(self.pit_depth_mm, "Pit depth")
        _check_not_negative(self.rebound_seconds, "Rebound time")


WELLS_CALF_LANDMARK = "10 cm below tibial tuberosity"
"""Where 5.6 measures calf swelling for the Wells score; girths at it feed the Wells item."""


@dataclass(frozen=True)
class LimbGirth:
    """A circumferential tape measurement at a fixed landmark (5.4: store cm, landmark, side)."""

    landmark: str
    side: Side
    cm: Decimal
    region: BodyRegion = BodyRegion.LOWER_LEG

    def __post_init__(self) -> None:
        if not self.landmark.strip():
            raise ValueError("Name the landmark the girth was measured at")
        if self.side not in (Side.LEFT, Side.RIGHT):
            raise ValueError("A girth is measured on the left or the right limb")
        if self.cm <= 0:
            raise ValueError(f"A girth must be above 0 cm, not {self.cm}")


class WellsVersion(StrEnum):
    """The two Wells DVT interpretations of 5.6 [V][D]."""

    TWO_LEVEL = "two_level"  # modified, NICE / BMJ Best Practice: likely or unlikely
    THREE_LEVEL = "three_level"  # original (Wells 1997): high, moderate or low


@dataclass(frozen=True)
class WellsCriterion:
    label: str
    points: int
    two_level_only: bool = False


WELLS_CRITERIA: Mapping[str, WellsCriterion] = MappingProxyType(
    {
        "active_cancer": WellsCriterion(
            "active cancer (treatment within 6 months or palliative)", 1
        ),
        "paralysis_or_plaster": WellsCriterion(
            "paralysis, paresis or recent plaster immobilisation of the leg", 1
        ),
        "bedridden_or_surgery": WellsCriterion(
            "recently bedridden more than 3 days, or major surgery within 12 weeks "
            "(older versions: 4 weeks)",
            1,
        ),
        "deep_vein_tenderness": WellsCriterion(
            "localised tenderness along the deep venous system", 1
        ),
        "entire_leg_swollen": WellsCriterion("entire leg swollen", 1),
        "calf_swelling": WellsCriterion(
            f"calf swelling more than 3 cm compared with the other side ({WELLS_CALF_LANDMARK})",
            1,
        ),
        "pitting_oedema": WellsCriterion(
            "pitting oedema confined to or greater in the symptomatic leg", 1
        ),
        "collateral_veins": WellsCriterion("collateral superficial (non-varicose) veins", 1),
        "previous_dvt": WellsCriterion(
            "previously documented DVT (modified two-level version only)", 1, two_level_only=True
        ),
        "alternative_diagnosis": WellsCriterion(
            "alternative diagnosis at least as likely as DVT", -2
        ),
    }
)
"""The Wells DVT criteria and their points, as tabled in 5.6."""


@dataclass(frozen=True)
class WellsScore:
    """The Wells DVT score of one leg (5.6: store each item, the version, and the total).

    ``items`` are the criteria present; ``total`` is their points, and a total that disagrees
    with them is refused, so a stored total always is the sum of its items.
    """

    side: Side
    version: WellsVersion
    items: tuple[str, ...]
    total: int

    def __post_init__(self) -> None:
        if self.side not in (Side.LEFT, Side.RIGHT):
            raise ValueError("The Wells score is for the symptomatic leg: left or right")
        for item in self.items:
            _check_in(item, WELLS_CRITERIA, "Wells criterion")
        if len(self.items) != len(set(self.items)):
            raise ValueError("Each Wells criterion is counted once")
        if self.version is WellsVersion.THREE_LEVEL and "previous_dvt" in self.items:
            raise ValueError(
                "Previously documented DVT is an item of the modified two-level version only"
            )
        computed = wells_points(self.items)
        if self.total != computed:
            raise ValueError(
                f"The Wells items add up to {computed}, not the {self.total} typed: correct the "
                "items or the total"
            )


def wells_points(items: Iterable[str]) -> int:
    return sum(WELLS_CRITERIA[item].points for item in items)


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
    girths: tuple[LimbGirth, ...] = ()
    wells: WellsScore | None = None

    def __post_init__(self) -> None:
        for value in (self.brachial_left_mmhg, self.brachial_right_mmhg):
            _check_not_negative(value, "Brachial pressure")
        places = [(girth.landmark.strip().lower(), girth.side) for girth in self.girths]
        if len(places) != len(set(places)):
            raise ValueError("A girth is recorded once per landmark and side")
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


class CrampCondition(StrEnum):
    """Conditions associated with cramps (6.1 "Associated conditions")."""

    PREGNANCY_LATER_STAGES = "pregnancy_later_stages"
    VASCULAR_DISEASE = "vascular_disease"  # including PAD
    LUMBAR_CANAL_STENOSIS = "lumbar_canal_stenosis"
    LIVER_DISEASE = "liver_disease"  # including cirrhosis
    HAEMODIALYSIS = "haemodialysis"
    NEUROPATHY = "neuropathy"
    DIABETES = "diabetes"
    THYROID_DISEASE = "thyroid_disease"


class CrampContext(StrEnum):
    """What came before the cramps that 6.2 refers urgently."""

    TETANUS_PRONE_WOUND = "tetanus_prone_wound"  # a wound that could be tetanus-prone
    TOXIN_EXPOSURE = "toxin_exposure"  # e.g. lead or mercury


class CrampConcern(StrEnum):
    """The features of 6.2 that call for a GP review, as the clinician judges them (6.2 gives
    no count for "frequent"); sleep disruption is an after-effect field of its own (6.1)."""

    FREQUENT = "frequent"
    AFFECTS_QUALITY_OF_LIFE = "affects_quality_of_life"
    NUMBNESS_OR_SWELLING = "numbness_or_swelling"
    MUSCLE_WASTING_OR_WEAKNESS = "muscle_wasting_or_weakness"  # "muscles shrinking/weakening"


@dataclass(frozen=True)
class SpasmPattern:
    """A recurring spasm or cramp (6.1); ``triggers`` maps each trigger to its evidence.

    The episode facts of 6.1 and 6.2: the longest episode beside the typical one, whether it
    eased with stretching or exercise, the after-effects (residual soreness in hours, sleep
    disruption), associated conditions, and the context and concerns 6.2 refers on.
    """

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
    longest_duration_seconds: int | None = None
    eased_by_stretching: bool | None = None  # eased with stretching or exercise (6.2)
    residual_soreness_hours: int | None = None  # up to about 24 h (6.1)
    sleep_disrupted: bool | None = None
    conditions: tuple[CrampCondition, ...] = ()
    context: tuple[CrampContext, ...] = ()
    concerns: tuple[CrampConcern, ...] = ()

    def __post_init__(self) -> None:
        if self.muscle_group is not None:
            _check_in(self.muscle_group, MUSCLE_GROUPS, "muscle group")
        _check_not_negative(self.frequency, "Frequency")
        _check_not_negative(self.typical_duration_seconds, "Duration")
        _check_not_negative(self.longest_duration_seconds, "Longest duration")
        _check_not_negative(self.residual_soreness_hours, "Residual soreness")
        typical, longest = self.typical_duration_seconds, self.longest_duration_seconds
        if typical is not None and longest is not None and longest < typical:
            raise ValueError("The longest cramp cannot be shorter than the typical one")
        for values, what in (
            (self.conditions, "associated condition"),
            (self.context, "context"),
            (self.concerns, "concern"),
        ):
            if len(values) != len(set(values)):
                raise ValueError(f"Each {what} is recorded once")
        _check_range(self.severity_nprs, NPRS_RANGE, "Severity NPRS")
        valid = {trigger.value for trigger in CrampTrigger}
        for trigger in self.triggers:
            _check_in(trigger, valid, "cramp trigger")
        triggers = {CrampTrigger(trigger): text for trigger, text in self.triggers.items()}
        object.__setattr__(self, "triggers", MappingProxyType(triggers))

    @property
    def nocturnal(self) -> bool:
        return SpasmTiming.NOCTURNAL in self.timing

    @property
    def longest_seconds(self) -> int | None:
        """The longest episode recorded: the longest duration, or the typical one if longer."""
        known = [
            value
            for value in (self.longest_duration_seconds, self.typical_duration_seconds)
            if value is not None
        ]
        return max(known) if known else None


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
    grip_strength: tuple[GripStrength, ...] = ()
    foot_posture: tuple[FootPostureIndex, ...] = ()
    scapular_distances: tuple[ScapularDistance, ...] = ()
    range_of_motion: tuple[RangeOfMotion, ...] = ()
    special_tests: tuple[SpecialTest, ...] = ()
    circulation: Circulation = field(default_factory=Circulation)
    spasms: tuple[SpasmPattern, ...] = ()
    lifestyle: Lifestyle = field(default_factory=Lifestyle)

    def __post_init__(self) -> None:
        _check_unique(((item.muscle_group, item.side) for item in self.strength), "Muscle group")
        _check_unique(((item.movement, item.side) for item in self.range_of_motion), "Movement")
        for name, items in (("Grip strength", self.grip_strength), ("FPI-6", self.foot_posture)):
            sides = [item.side for item in items]
            if len(sides) != len(set(sides)):
                raise ValueError(f"{name} is recorded once per side")
        _check_unique(
            ((item.measure, item.side) for item in self.scapular_distances), "Scapular distance"
        )
