"""The shared clinical vocabulary: sides, body regions, finding kinds, flags, techniques.

Every other module of ``practice.clinical`` (findings, screening, proposals, advice) and the
catalogue seed data speak in these terms, so a finding produced by the assessment can be matched
against a technique's indications and a patient flag against its contraindications.
Section numbers refer to ``shared/clinical-reference.md``.
"""

from __future__ import annotations

from enum import StrEnum


class Side(StrEnum):
    """Reference general principle 2: every left/right finding carries a side."""

    LEFT = "left"
    RIGHT = "right"
    BILATERAL = "bilateral"
    NOT_APPLICABLE = "not_applicable"  # midline structures (spine, abdomen) and whole-body items


class BodyRegion(StrEnum):
    """Body regions used for findings, flag sites and treatment sites (electrode placement too)."""

    HEAD = "head"
    FACE = "face"  # eyes and mouth: electrotherapy placement is contraindicated there (0.3)
    NECK = "neck"  # posterior and lateral cervical region
    ANTERIOR_NECK = "anterior_neck"  # carotid sinus, larynx (0.3)
    CHEST = "chest"  # anterior thorax
    UPPER_BACK = "upper_back"  # thoracic spine and scapular region
    LOWER_BACK = "lower_back"  # lumbar spine
    ABDOMEN = "abdomen"
    PELVIS = "pelvis"  # lumbopelvic region, sacrum, buttock
    SHOULDER = "shoulder"
    UPPER_ARM = "upper_arm"
    ELBOW = "elbow"
    FOREARM = "forearm"
    WRIST_HAND = "wrist_hand"
    HIP = "hip"
    THIGH = "thigh"
    KNEE = "knee"
    LOWER_LEG = "lower_leg"  # calf and shin
    ANKLE_FOOT = "ankle_foot"
    WHOLE_BODY = "whole_body"  # walking, breathing, relaxation: not applied to one site


class Limb(StrEnum):
    UPPER = "upper_limb"
    LOWER = "lower_limb"


LIMB_OF_REGION: dict[BodyRegion, Limb] = {
    BodyRegion.SHOULDER: Limb.UPPER,
    BodyRegion.UPPER_ARM: Limb.UPPER,
    BodyRegion.ELBOW: Limb.UPPER,
    BodyRegion.FOREARM: Limb.UPPER,
    BodyRegion.WRIST_HAND: Limb.UPPER,
    BodyRegion.HIP: Limb.LOWER,
    BodyRegion.THIGH: Limb.LOWER,
    BodyRegion.KNEE: Limb.LOWER,
    BodyRegion.LOWER_LEG: Limb.LOWER,
    BodyRegion.ANKLE_FOOT: Limb.LOWER,
}
"""Which limb a region belongs to; regions of the head and trunk belong to none."""


class Severity(StrEnum):
    """Ordinal grading of visual findings (2.3): no universal definition, so no numbers."""

    ABSENT = "absent"
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


class PostureDeviation(StrEnum):
    """Standard postural deviations (2.2)."""

    FORWARD_HEAD = "forward_head"
    ROUNDED_SHOULDERS = "rounded_shoulders"
    THORACIC_KYPHOSIS = "thoracic_kyphosis"
    LUMBAR_HYPERLORDOSIS = "lumbar_hyperlordosis"
    FLAT_BACK = "flat_back"
    SWAY_BACK = "sway_back"
    ANTERIOR_PELVIC_TILT = "anterior_pelvic_tilt"
    POSTERIOR_PELVIC_TILT = "posterior_pelvic_tilt"
    LATERAL_PELVIC_TILT = "lateral_pelvic_tilt"
    SCOLIOSIS = "scoliosis"
    GENU_VALGUM = "genu_valgum"
    GENU_VARUM = "genu_varum"
    GENU_RECURVATUM = "genu_recurvatum"
    FOOT_PRONATION = "foot_pronation"
    FOOT_SUPINATION = "foot_supination"


class CrampTrigger(StrEnum):
    """The five trigger categories the assessment records for spasms and cramps (6.3, 0.13)."""

    DEHYDRATION = "dehydration"
    OVERUSE_FATIGUE = "overuse_fatigue"
    POOR_CIRCULATION = "poor_circulation"
    MINERAL_DEFICIENCY = "mineral_deficiency"
    STRESS_ANXIETY = "stress_anxiety"


class AdviceTopic(StrEnum):
    """Prevention-advice topics (0.13): the triggers, circulation split, and three more."""

    DEHYDRATION = "dehydration"
    OVERUSE_FATIGUE = "overuse_fatigue"
    POOR_CIRCULATION_ARTERIAL = "poor_circulation_arterial"
    POOR_CIRCULATION_VENOUS = "poor_circulation_venous"
    MINERAL_DEFICIENCY = "mineral_deficiency"
    STRESS_ANXIETY = "stress_anxiety"
    PROLONGED_POSITION = "prolonged_position"
    NOCTURNAL_CRAMPS = "nocturnal_cramps"
    POSTURE = "posture"


class FindingKind(StrEnum):
    """What an assessment can conclude; technique indications are expressed in these kinds."""

    PAIN = "pain"
    RED_FLAG = "red_flag"
    POSTURAL_DEVIATION = "postural_deviation"
    UPPER_CROSSED_SYNDROME = "upper_crossed_syndrome"
    LOWER_CROSSED_SYNDROME = "lower_crossed_syndrome"
    MUSCLE_WEAKNESS = "muscle_weakness"  # Oxford grade 4 or below (7.11)
    STRENGTH_GRADE_ASYMMETRY = "strength_grade_asymmetry"  # Oxford grades differ by >= 1 (0.9)
    STRENGTH_ASYMMETRY = "strength_asymmetry"  # measured force asymmetry past threshold (0.9)
    MUSCLE_TIGHTNESS = "muscle_tightness"  # positive muscle-length test (4.3)
    NEURAL_SENSITIVITY = "neural_sensitivity"  # SLR reproduces leg pain: not tightness (4.3)
    REDUCED_RANGE_OF_MOTION = "reduced_range_of_motion"
    HYPERMOBILITY = "hypermobility"  # Beighton score (4.3)
    MUSCLE_SPASM = "muscle_spasm"  # tension, spasm or tender overactive muscle (7.3)
    CRAMPS = "cramps"
    NOCTURNAL_CRAMPS = "nocturnal_cramps"
    CRAMP_TRIGGER = "cramp_trigger"  # carries a CrampTrigger
    ARTERIAL_INSUFFICIENCY = "arterial_insufficiency"  # ABI <= 0.90, absent pulses (5.3, 5.7)
    ABI_UNRELIABLE = "abi_unreliable"  # ABI > 1.40, non-compressible (5.3)
    BORDERLINE_ABI = "borderline_abi"
    DELAYED_CAPILLARY_REFILL = "delayed_capillary_refill"
    DIMINISHED_PULSE = "diminished_pulse"
    OEDEMA = "oedema"
    VARICOSE_VEINS = "varicose_veins"
    CLAUDICATION = "claudication"
    SKIN_CHANGES = "skin_changes"
    PROLONGED_POSITION = "prolonged_position"  # work posture, long sitting or standing (6.3)
    LOW_ACTIVITY = "low_activity"  # deconditioning (7.13)
    STRESS = "stress"  # lifestyle stress or anxiety (7.14)


class FlagSiteKind(StrEnum):
    """How a patient flag's site is matched against a treatment site (0.2)."""

    NONE = "none"  # acts wherever the technique is applied
    LIMB = "limb"  # acts on every region of the flagged limb and side (DVT, lymphoedema)
    LOCAL = "local"  # acts on the flagged region and side only


class FlagKind(StrEnum):
    """Structured patient flags that drive contraindication screening (1.1, 5.7, 7.x, 0.2-0.8)."""

    ACTIVE_IMPLANT = "active_implant"  # pacemaker, ICD, spinal cord stimulator
    ANTICOAGULANTS = "anticoagulants"
    BLEEDING_DISORDER = "bleeding_disorder"
    PREGNANCY = "pregnancy"
    DVT = "dvt"  # suspected or confirmed DVT or thrombophlebitis
    ACTIVE_MALIGNANCY = "active_malignancy"
    EPILEPSY = "epilepsy"
    IMPAIRED_SENSATION = "impaired_sensation"
    DIABETES = "diabetes"
    METAL_IMPLANT = "metal_implant"
    LOCAL_INFECTION_OR_WOUND = "local_infection_or_wound"
    LYMPHOEDEMA = "lymphoedema"
    NEEDLE_PHOBIA = "needle_phobia"
    HYPERMOBILITY = "hypermobility"
    RECENT_FRACTURE = "recent_fracture"
    VARICOSE_VEINS = "varicose_veins"
    COGNITIVE_IMPAIRMENT = "cognitive_impairment"  # cannot report discomfort or consent
    HEART_DISEASE = "heart_disease"
    PERIPHERAL_ARTERIAL_DISEASE = "peripheral_arterial_disease"
    COLD_HYPERSENSITIVITY = "cold_hypersensitivity"  # Raynaud's, cold urticaria, cryoglobulinaemia
    RADIOTHERAPY_DAMAGED_SKIN = "radiotherapy_damaged_skin"
    ACUTE_INFLAMMATION = "acute_inflammation"
    OSTEOPOROSIS = "osteoporosis"
    IMMUNOSUPPRESSION = "immunosuppression"
    RECENT_SURGERY = "recent_surgery"
    TRANSDERMAL_DRUG_PATCH = "transdermal_drug_patch"
    UNCONTROLLED_HYPERTENSION = "uncontrolled_hypertension"
    FEVER = "fever"
    SKIN_RASH_OR_DERMATITIS = "skin_rash_or_dermatitis"  # 7.6 "rashes", 7.9 "dermatitis"
    ACUTE_MEDICAL_CONDITION = "acute_medical_condition"  # or a medical emergency (7.5)
    UNDIAGNOSED_PAIN = "undiagnosed_pain"  # 0.3, 7.6
    HISTORY_OF_CANCER = "history_of_cancer"  # 1.1; the strongest malignancy red flag (1.2)
    SMOKING = "smoking"  # 6.3 PAD advice
    TECHNIQUE_DECLINED = "technique_declined"  # 7.5 "patient unwilling": names its technique
    UNABLE_TO_CONSENT = "unable_to_consent"  # communication or age, cognition intact (7.5, 10.3)
    PREGNANCY_FIRST_TRIMESTER = "pregnancy_first_trimester"  # read from a pregnancy (7.3, 7.5)
    HIGH_RISK_PREGNANCY = "high_risk_pregnancy"  # read from a pregnancy (7.3)


PREGNANCY_QUALIFIERS: frozenset[FlagKind] = frozenset(
    {FlagKind.PREGNANCY_FIRST_TRIMESTER, FlagKind.HIGH_RISK_PREGNANCY}
)
"""Kinds screening reads from a pregnancy flag's trimester and risk, for the rules that name
them (7.3: first trimester and high-risk pregnancy); never recorded as flags of their own."""

UNSCREENED_FLAGS: frozenset[FlagKind] = frozenset({FlagKind.HISTORY_OF_CANCER, FlagKind.SMOKING})
"""Flags kept on the record that no screening rule names, because the reference gives none: a
past history of cancer is a malignancy red flag to reason with (1.1, 1.2), not a
contraindication (active malignancy is its own flag); smoking is met only in the PAD advice
(6.3 "stop smoking"), which the advice carries for everyone it is given to."""


FLAG_SITE_KIND: dict[FlagKind, FlagSiteKind] = {
    FlagKind.DVT: FlagSiteKind.LIMB,
    FlagKind.LYMPHOEDEMA: FlagSiteKind.LIMB,
    FlagKind.PERIPHERAL_ARTERIAL_DISEASE: FlagSiteKind.LIMB,
    FlagKind.ACTIVE_MALIGNANCY: FlagSiteKind.LOCAL,
    FlagKind.IMPAIRED_SENSATION: FlagSiteKind.LOCAL,
    FlagKind.LOCAL_INFECTION_OR_WOUND: FlagSiteKind.LOCAL,
    FlagKind.RECENT_FRACTURE: FlagSiteKind.LOCAL,
    FlagKind.VARICOSE_VEINS: FlagSiteKind.LOCAL,
    FlagKind.RADIOTHERAPY_DAMAGED_SKIN: FlagSiteKind.LOCAL,
    FlagKind.ACUTE_INFLAMMATION: FlagSiteKind.LOCAL,
    FlagKind.RECENT_SURGERY: FlagSiteKind.LOCAL,
    FlagKind.TRANSDERMAL_DRUG_PATCH: FlagSiteKind.LOCAL,
    FlagKind.SKIN_RASH_OR_DERMATITIS: FlagSiteKind.LOCAL,
}
"""Flags with a body site (0.2); every flag not listed here has none."""


def flag_site_kind(flag: FlagKind) -> FlagSiteKind:
    return FLAG_SITE_KIND.get(flag, FlagSiteKind.NONE)


class TechniqueCategory(StrEnum):
    """Catalogue groups (section 7); screening rules are mostly written per group."""

    STRETCHING = "stretching"
    SOFT_TISSUE = "soft_tissue"  # massage and myofascial release
    DRY_NEEDLING = "dry_needling"
    ELECTROTHERAPY = "electrotherapy"  # TENS, NMES, interferential
    HEAT = "heat"
    COLD = "cold"
    EXERCISE = "exercise"


class TechniqueKind(StrEnum):
    """One kind per subsection of section 7."""

    STATIC_STRETCH = "static_stretch"  # 7.1
    PNF_STRETCH = "pnf_stretch"  # 7.2
    MASSAGE = "massage"  # 7.3
    MYOFASCIAL_RELEASE = "myofascial_release"  # 7.4
    DRY_NEEDLING = "dry_needling"  # 7.5
    TENS = "tens"  # 7.6
    NMES = "nmes"  # 7.7
    INTERFERENTIAL = "interferential"  # 7.8
    SUPERFICIAL_HEAT = "superficial_heat"  # 7.9
    COLD = "cold"  # 7.10
    STRENGTHENING = "strengthening"  # 7.11
    MOBILITY = "mobility"  # 7.12
    AEROBIC_CIRCULATION = "aerobic_circulation"  # 7.13
    RELAXATION_BREATHING = "relaxation_breathing"  # 7.14


CATEGORY_OF_KIND: dict[TechniqueKind, TechniqueCategory] = {
    TechniqueKind.STATIC_STRETCH: TechniqueCategory.STRETCHING,
    TechniqueKind.PNF_STRETCH: TechniqueCategory.STRETCHING,
    TechniqueKind.MASSAGE: TechniqueCategory.SOFT_TISSUE,
    TechniqueKind.MYOFASCIAL_RELEASE: TechniqueCategory.SOFT_TISSUE,
    TechniqueKind.DRY_NEEDLING: TechniqueCategory.DRY_NEEDLING,
    TechniqueKind.TENS: TechniqueCategory.ELECTROTHERAPY,
    TechniqueKind.NMES: TechniqueCategory.ELECTROTHERAPY,
    TechniqueKind.INTERFERENTIAL: TechniqueCategory.ELECTROTHERAPY,
    TechniqueKind.SUPERFICIAL_HEAT: TechniqueCategory.HEAT,
    TechniqueKind.COLD: TechniqueCategory.COLD,
    TechniqueKind.STRENGTHENING: TechniqueCategory.EXERCISE,
    TechniqueKind.MOBILITY: TechniqueCategory.EXERCISE,
    TechniqueKind.AEROBIC_CIRCULATION: TechniqueCategory.EXERCISE,
    TechniqueKind.RELAXATION_BREATHING: TechniqueCategory.EXERCISE,
}


class ExerciseCategory(StrEnum):
    """Home-exercise categories (8.1)."""

    STRETCH = "stretch"
    STRENGTHEN = "strengthen"
    MOBILITY = "mobility"
    AEROBIC = "aerobic"
    CIRCULATION = "circulation"
    BALANCE = "balance"
    BREATHING_RELAXATION = "breathing_relaxation"
    ISOMETRIC = "isometric"


class ExerciseSide(StrEnum):
    """Which side a home exercise is done on (8.1)."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"
    ALTERNATE = "alternate"
    NOT_APPLICABLE = "not_applicable"
