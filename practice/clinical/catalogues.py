"""Reference catalogues with stable codes: muscle groups, joint movements, special tests,
red flags and pulse sites. The codes are stored in the database; never rename one.

Section numbers refer to ``shared/clinical-reference.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from practice.clinical.vocabulary import BodyRegion, PostureDeviation


class JandaTendency(StrEnum):
    """Whether Janda (2.4) or the imbalance pairs (3.3) list a muscle as typically tight or weak."""

    TIGHT = "tight"
    WEAK = "weak"


class CrossedSyndrome(StrEnum):
    UPPER = "upper_crossed"
    LOWER = "lower_crossed"


class Urgency(StrEnum):
    """Referral urgency as modelled in 1.2."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    ROUTINE = "routine"


@dataclass(frozen=True)
class MuscleGroup:
    """A muscle or muscle group.

    ``syndrome`` is set only for the muscles 2.4 names as the core of a crossed syndrome (not the
    ones it says are "sometimes added" or "often included"); ``tested_movement`` names the joint
    movement a dynamometer measures for it, so force findings read "Hip abduction force ...".
    """

    code: str
    label: str
    region: BodyRegion
    tendency: JandaTendency | None
    section: str
    syndrome: CrossedSyndrome | None = None
    tested_movement: str | None = None


_TIGHT, _WEAK = JandaTendency.TIGHT, JandaTendency.WEAK
_UPPER, _LOWER = CrossedSyndrome.UPPER, CrossedSyndrome.LOWER

MUSCLE_GROUPS: Mapping[str, MuscleGroup] = MappingProxyType(
    {
        group.code: group
        for group in (
            MuscleGroup(
                "upper_trapezius", "upper trapezius", BodyRegion.NECK, _TIGHT, "2.4", _UPPER
            ),
            MuscleGroup(
                "levator_scapulae", "levator scapulae", BodyRegion.NECK, _TIGHT, "2.4", _UPPER
            ),
            MuscleGroup(
                "sternocleidomastoid", "sternocleidomastoid", BodyRegion.NECK, _TIGHT, "2.4", _UPPER
            ),
            MuscleGroup("suboccipitals", "suboccipitals", BodyRegion.NECK, _TIGHT, "2.4", _UPPER),
            MuscleGroup(
                "pectoralis_major", "pectoralis major", BodyRegion.CHEST, _TIGHT, "2.4", _UPPER
            ),
            MuscleGroup(
                "pectoralis_minor", "pectoralis minor", BodyRegion.CHEST, _TIGHT, "2.4", _UPPER
            ),
            MuscleGroup("scalenes", "scalenes", BodyRegion.NECK, _TIGHT, "2.4"),
            MuscleGroup(
                "deep_neck_flexors", "deep neck flexors", BodyRegion.NECK, _WEAK, "2.4", _UPPER
            ),
            MuscleGroup(
                "middle_trapezius", "middle trapezius", BodyRegion.UPPER_BACK, _WEAK, "2.4", _UPPER
            ),
            MuscleGroup(
                "lower_trapezius", "lower trapezius", BodyRegion.UPPER_BACK, _WEAK, "2.4", _UPPER
            ),
            MuscleGroup("rhomboids", "rhomboids", BodyRegion.UPPER_BACK, _WEAK, "2.4", _UPPER),
            MuscleGroup(
                "serratus_anterior", "serratus anterior", BodyRegion.CHEST, _WEAK, "2.4", _UPPER
            ),
            MuscleGroup(
                "shoulder_internal_rotators",
                "shoulder internal rotators",
                BodyRegion.SHOULDER,
                _TIGHT,
                "3.3",
                tested_movement="shoulder_internal_rotation",
            ),
            MuscleGroup(
                "shoulder_external_rotators",
                "shoulder external rotators",
                BodyRegion.SHOULDER,
                _WEAK,
                "3.3",
                tested_movement="shoulder_external_rotation",
            ),
            MuscleGroup(
                "erector_spinae",
                "thoracolumbar extensors (erector spinae)",
                BodyRegion.LOWER_BACK,
                _TIGHT,
                "2.4",
                _LOWER,
                "thoracolumbar_extension",
            ),
            MuscleGroup(
                "hip_flexors",
                "hip flexors",
                BodyRegion.HIP,
                _TIGHT,
                "2.4",
                _LOWER,
                "hip_flexion",
            ),
            MuscleGroup("iliopsoas", "iliopsoas", BodyRegion.HIP, _TIGHT, "2.4", _LOWER),
            MuscleGroup(
                "rectus_femoris", "rectus femoris", BodyRegion.THIGH, _TIGHT, "2.4", _LOWER
            ),
            MuscleGroup(
                "tensor_fasciae_latae",
                "tensor fasciae latae and iliotibial band",
                BodyRegion.HIP,
                _TIGHT,
                "3.3",
            ),
            MuscleGroup(
                "quadratus_lumborum", "quadratus lumborum", BodyRegion.LOWER_BACK, _TIGHT, "2.4"
            ),
            MuscleGroup("piriformis", "piriformis", BodyRegion.PELVIS, _TIGHT, "2.4"),
            MuscleGroup(
                "hip_adductors",
                "hip adductors",
                BodyRegion.THIGH,
                _TIGHT,
                "3.3",
                tested_movement="hip_adduction",
            ),
            MuscleGroup(
                "deep_abdominals",
                "deep abdominal muscles",
                BodyRegion.ABDOMEN,
                _WEAK,
                "2.4",
                _LOWER,
            ),
            MuscleGroup(
                "rectus_abdominis", "rectus abdominis", BodyRegion.ABDOMEN, _WEAK, "2.4", _LOWER
            ),
            MuscleGroup(
                "gluteus_maximus",
                "gluteus maximus",
                BodyRegion.PELVIS,
                _WEAK,
                "2.4",
                _LOWER,
                "hip_extension",
            ),
            MuscleGroup(
                "gluteus_medius",
                "gluteus medius",
                BodyRegion.HIP,
                _WEAK,
                "2.4",
                _LOWER,
                "hip_abduction",
            ),
            MuscleGroup(
                "hamstrings",
                "hamstrings",
                BodyRegion.THIGH,
                None,
                "3.3",
                tested_movement="knee_flexion",
            ),
            MuscleGroup(
                "quadriceps",
                "quadriceps",
                BodyRegion.THIGH,
                None,
                "3.3",
                tested_movement="knee_extension",
            ),
            MuscleGroup(
                "calf",
                "calf",
                BodyRegion.LOWER_LEG,
                _TIGHT,
                "3.3",
                tested_movement="ankle_plantarflexion",
            ),
            MuscleGroup("gastrocnemius", "gastrocnemius", BodyRegion.LOWER_LEG, _TIGHT, "3.3"),
            MuscleGroup("soleus", "soleus", BodyRegion.LOWER_LEG, _TIGHT, "3.3"),
            MuscleGroup(
                "tibialis_anterior",
                "tibialis anterior",
                BodyRegion.LOWER_LEG,
                _WEAK,
                "3.3",
                tested_movement="ankle_dorsiflexion",
            ),
        )
    }
)
"""Muscle groups (2.4, 3.3). Hamstrings and quadriceps have no tendency: 3.3 says it depends on
the sport."""


@dataclass(frozen=True)
class JointMovement:
    """A joint movement of 4.2; ``sided`` is False for flexion and extension of the spine."""

    code: str
    label: str
    region: BodyRegion
    sided: bool = True


def _movements(region: BodyRegion, joint: str, *movements: str) -> list[JointMovement]:
    return [
        JointMovement(
            f"{joint}_{movement}",
            f"{joint} {movement.replace('_', ' ')}",
            region,
            sided=region not in _MIDLINE or movement in ("lateral_flexion", "rotation"),
        )
        for movement in movements
    ]


_MIDLINE = (BodyRegion.NECK, BodyRegion.LOWER_BACK)

JOINT_MOVEMENTS: Mapping[str, JointMovement] = MappingProxyType(
    {
        movement.code: movement
        for movement in (
            *_movements(
                BodyRegion.NECK, "cervical", "flexion", "extension", "lateral_flexion", "rotation"
            ),
            *_movements(
                BodyRegion.SHOULDER,
                "shoulder",
                "flexion",
                "extension",
                "abduction",
                "internal_rotation",
                "external_rotation",
            ),
            *_movements(BodyRegion.ELBOW, "elbow", "flexion", "extension"),
            *_movements(BodyRegion.FOREARM, "forearm", "pronation", "supination"),
            *_movements(
                BodyRegion.WRIST_HAND,
                "wrist",
                "flexion",
                "extension",
                "radial_deviation",
                "ulnar_deviation",
            ),
            *_movements(
                BodyRegion.LOWER_BACK,
                "thoracolumbar",
                "flexion",
                "extension",
                "lateral_flexion",
                "rotation",
            ),
            *_movements(
                BodyRegion.HIP,
                "hip",
                "flexion",
                "extension",
                "abduction",
                "adduction",
                "internal_rotation",
                "external_rotation",
            ),
            *_movements(BodyRegion.KNEE, "knee", "flexion", "extension"),
            *_movements(
                BodyRegion.ANKLE_FOOT,
                "ankle",
                "dorsiflexion",
                "plantarflexion",
                "inversion",
                "eversion",
            ),
        )
    }
)
"""Joint movements with normal active ROM in 4.2 (normal values live in ``reference``)."""


@dataclass(frozen=True)
class SpecialTestDefinition:
    """A flexibility or hypermobility test of 4.3.

    ``muscle_group`` is the tissue a positive result shows tight; ``components`` maps the parts
    of a multi-part test (Thomas) to their muscle group. The generic ``muscle_length`` test names
    its muscle group on each record, so tightness of muscles without a named test (upper
    trapezius, pectorals, erector spinae) can still be recorded.
    """

    code: str
    label: str
    unit: str | None
    muscle_group: str | None = None
    components: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    sided: bool = True


SPECIAL_TESTS: Mapping[str, SpecialTestDefinition] = MappingProxyType(
    {
        test.code: test
        for test in (
            SpecialTestDefinition(
                "straight_leg_raise", "straight leg raise", "degrees", "hamstrings"
            ),
            SpecialTestDefinition(
                "active_knee_extension",
                "active knee extension",
                "degrees",
                "hamstrings",
            ),
            SpecialTestDefinition(
                "thomas",
                "Thomas test",
                "degrees",
                components=MappingProxyType(
                    {
                        "iliopsoas": "iliopsoas",
                        "rectus_femoris": "rectus_femoris",
                        "tensor_fasciae_latae": "tensor_fasciae_latae",
                    }
                ),
            ),
            SpecialTestDefinition("ober", "Ober test", "degrees", "tensor_fasciae_latae"),
            SpecialTestDefinition("ely", "Ely test", "degrees", "rectus_femoris"),
            SpecialTestDefinition(
                "sit_and_reach", "sit-and-reach", "cm", "hamstrings", sided=False
            ),
            SpecialTestDefinition(
                "ankle_dorsiflexion_knee_straight", "ankle dorsiflexion, knee straight", "degrees"
            ),
            SpecialTestDefinition(
                "ankle_dorsiflexion_knee_bent", "ankle dorsiflexion, knee bent", "degrees"
            ),
            SpecialTestDefinition("beighton", "Beighton score", "points", sided=False),
            SpecialTestDefinition("muscle_length", "muscle length test", "degrees"),
        )
    }
)
"""Special tests (4.3)."""


@dataclass(frozen=True)
class RedFlagDefinition:
    """A red flag of 1.2; ``banner`` marks the emergency or same-day banner of 0.12.

    ``section`` is where it comes from: 1.2 red flags are asked in the subjective screen; 6.2
    red flags are raised from the cramp record (``clinical.cramp_referral``), never asked.
    """

    code: str
    label: str
    region: BodyRegion
    referral: str
    typical_urgency: Urgency | None
    banner: bool = False
    section: str = "1.2"


RED_FLAGS: Mapping[str, RedFlagDefinition] = MappingProxyType(
    {
        flag.code: flag
        for flag in (
            RedFlagDefinition(
                "cauda_equina",
                "suspected cauda equina syndrome",
                BodyRegion.LOWER_BACK,
                "Emergency, same day: hospital emergency department for MRI",
                Urgency.EMERGENCY,
                banner=True,
            ),
            RedFlagDefinition(
                "spinal_cord_compression",
                "suspected spinal cord compression",
                BodyRegion.WHOLE_BODY,
                "Urgent medical referral",
                Urgency.URGENT,
            ),
            RedFlagDefinition(
                "malignancy",
                "possible malignancy",
                BodyRegion.WHOLE_BODY,
                "Urgent referral",
                Urgency.URGENT,
            ),
            RedFlagDefinition(
                "infection",
                "possible infection",
                BodyRegion.WHOLE_BODY,
                "Urgent referral",
                Urgency.URGENT,
            ),
            RedFlagDefinition(
                "fracture",
                "possible fracture",
                BodyRegion.WHOLE_BODY,
                "Imaging or medical referral",
                None,
            ),
            RedFlagDefinition(
                "dvt",
                "suspected deep vein thrombosis",
                BodyRegion.LOWER_LEG,
                "Same-day medical assessment; stop local treatment of the limb",
                None,
                banner=True,
            ),
            RedFlagDefinition(
                "vascular_neck",
                "vascular signs (5 Ds and 3 Ns)",
                BodyRegion.NECK,
                "Stop; medical referral",
                None,
            ),
            RedFlagDefinition(
                "visceral_cardiac",
                "possible visceral or cardiac pain",
                BodyRegion.CHEST,
                "Medical referral",
                None,
            ),
            RedFlagDefinition(
                "cramp_prolonged",
                "a cramp lasting more than 10 minutes that does not ease with stretching or "
                "exercise",
                BodyRegion.WHOLE_BODY,
                "Urgent, same day",
                Urgency.URGENT,
                section="6.2",
            ),
            RedFlagDefinition(
                "cramp_wound_or_toxin",
                "cramps after a possibly tetanus-prone wound or exposure to toxins",
                BodyRegion.WHOLE_BODY,
                "Urgent, same day",
                Urgency.URGENT,
                section="6.2",
            ),
            RedFlagDefinition(
                "cramps_frequent",
                "frequent cramps",
                BodyRegion.WHOLE_BODY,
                "GP review",
                None,
                section="6.2",
            ),
            RedFlagDefinition(
                "cramps_disturbing_sleep_or_life",
                "cramps disturbing sleep or affecting quality of life",
                BodyRegion.WHOLE_BODY,
                "GP review",
                None,
                section="6.2",
            ),
            RedFlagDefinition(
                "cramps_numbness_or_swelling",
                "cramps with numbness or swelling",
                BodyRegion.WHOLE_BODY,
                "GP review",
                None,
                section="6.2",
            ),
            RedFlagDefinition(
                "cramps_muscle_wasting",
                "cramps with muscles shrinking or weakening",
                BodyRegion.WHOLE_BODY,
                "GP review",
                None,
                section="6.2",
            ),
        )
    }
)
"""Red flags (1.2) and the cramp referral rules (6.2). ``typical_urgency`` is set only where the
reference uses the words "emergency" or "urgent"; the others keep its wording in ``referral``.
A 6.2 red flag's region is that of the cramp that raised it."""

ASKED_RED_FLAGS: tuple[str, ...] = tuple(
    code for code, flag in RED_FLAGS.items() if flag.section == "1.2"
)
"""The red flags of the subjective screen (1.2), asked yes, no or not asked."""

CRAMP_RED_FLAGS: tuple[str, ...] = tuple(
    code for code, flag in RED_FLAGS.items() if flag.section == "6.2"
)
"""The cramp referral rules (6.2), raised from the recorded cramps."""


@dataclass(frozen=True)
class PulseSite:
    code: str
    label: str
    region: BodyRegion


PULSE_SITES: Mapping[str, PulseSite] = MappingProxyType(
    {
        site.code: site
        for site in (
            PulseSite("radial", "radial", BodyRegion.WRIST_HAND),
            PulseSite("brachial", "brachial", BodyRegion.ELBOW),
            PulseSite("femoral", "femoral", BodyRegion.HIP),
            PulseSite("popliteal", "popliteal", BodyRegion.KNEE),
            PulseSite("posterior_tibial", "posterior tibial", BodyRegion.ANKLE_FOOT),
            PulseSite("dorsalis_pedis", "dorsalis pedis", BodyRegion.ANKLE_FOOT),
        )
    }
)
"""Peripheral pulse sites (5.1)."""


@dataclass(frozen=True)
class PostureDeviationInfo:
    label: str
    region: BodyRegion
    syndrome: CrossedSyndrome | None = None


POSTURE_DEVIATIONS: Mapping[PostureDeviation, PostureDeviationInfo] = MappingProxyType(
    {
        PostureDeviation.FORWARD_HEAD: PostureDeviationInfo(
            "forward head posture", BodyRegion.NECK, _UPPER
        ),
        PostureDeviation.ROUNDED_SHOULDERS: PostureDeviationInfo(
            "rounded shoulders", BodyRegion.SHOULDER, _UPPER
        ),
        PostureDeviation.THORACIC_KYPHOSIS: PostureDeviationInfo(
            "increased thoracic kyphosis", BodyRegion.UPPER_BACK, _UPPER
        ),
        PostureDeviation.LUMBAR_HYPERLORDOSIS: PostureDeviationInfo(
            "lumbar hyperlordosis", BodyRegion.LOWER_BACK, _LOWER
        ),
        PostureDeviation.FLAT_BACK: PostureDeviationInfo("flat back", BodyRegion.LOWER_BACK),
        PostureDeviation.SWAY_BACK: PostureDeviationInfo("sway back", BodyRegion.PELVIS),
        PostureDeviation.ANTERIOR_PELVIC_TILT: PostureDeviationInfo(
            "anterior pelvic tilt", BodyRegion.PELVIS, _LOWER
        ),
        PostureDeviation.POSTERIOR_PELVIC_TILT: PostureDeviationInfo(
            "posterior pelvic tilt", BodyRegion.PELVIS
        ),
        PostureDeviation.LATERAL_PELVIC_TILT: PostureDeviationInfo(
            "lateral pelvic tilt", BodyRegion.PELVIS
        ),
        PostureDeviation.SCOLIOSIS: PostureDeviationInfo("scoliosis", BodyRegion.UPPER_BACK),
        PostureDeviation.GENU_VALGUM: PostureDeviationInfo("genu valgum", BodyRegion.KNEE),
        PostureDeviation.GENU_VARUM: PostureDeviationInfo("genu varum", BodyRegion.KNEE),
        PostureDeviation.GENU_RECURVATUM: PostureDeviationInfo("genu recurvatum", BodyRegion.KNEE),
        PostureDeviation.FOOT_PRONATION: PostureDeviationInfo(
            "foot pronation", BodyRegion.ANKLE_FOOT
        ),
        PostureDeviation.FOOT_SUPINATION: PostureDeviationInfo(
            "foot supination", BodyRegion.ANKLE_FOOT
        ),
    }
)
"""Posture deviations (2.2) with the body region they are found at by default (a record can name
another, e.g. the lumbar region for a scoliosis curve) and the crossed syndrome whose associated
posture (2.4) they belong to."""
