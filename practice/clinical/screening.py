"""Contraindication screening of one candidate plan item (reference sections 0.1-0.8, 5.7, 7).

``screen`` checks a technique at its treatment site against the patient's flags and the
assessment's findings and answers contraindicated, precaution or allowed, always with the reasons
and the section each comes from. The rules are data: ``RULES`` is the whole table.

How sites are matched (0.2):

- A flag with a site reaches the regions the region map gives for its kind
  (``practice/data/regions.toml``, ``practice.clinical.regions``): the region itself ("over"),
  the region and its neighbours ("over or near", "in/around") or every region of its limb ("in
  that limb": DVT, lymphoedema, PAD), on its side. A bilateral side, a midline one
  (``Side.NOT_APPLICABLE``) or a region outside the limbs matches both sides. A flag whose region
  cannot be resolved covers its whole limb, or the whole body, and its reason says so. The reason
  names where the flag was recorded. A finding with a limb reach acts on its limb; any other
  finding on its own region and side.
- A flag without a site (active implant, epilepsy, anticoagulants, ...) acts wherever the
  technique is applied; some of its rules are limited to placement regions (pregnancy on the
  abdomen and lumbopelvic region for electrotherapy).
- A flag that should have a site but has none recorded is treated as acting at every site, and
  its reason says so: a DVT must never be missed because its limb was not entered.
- An item with no body site (``BodyRegion.WHOLE_BODY``, e.g. walking or relaxed breathing) is
  treated as involving every site, so a DVT in a leg contraindicates aerobic walking (vigorous
  limb exercise, 0.5) while relaxed breathing, which no rule names (7.14), stays allowed.

Positive red-flag answers (1.2) screen too, by ``RedFlagRule`` rows that are reviewed data
(``practice/data/red_flag_rules.toml``, loaded by ``practice.seed.load_red_flag_rules``), and
by one record rule (0.12): while a "yes" has no referral recorded, every technique is a
precaution until it is. See ``referral_recorded`` for what counts as recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from practice.clinical.assessment_data import RedFlagAnswer, RedFlagScreen
from practice.clinical.catalogues import RED_FLAGS, REGION_LABELS
from practice.clinical.labels import label
from practice.clinical.regions import RegionMap, load_region_map
from practice.clinical.vocabulary import (
    CATEGORY_OF_KIND,
    LIMB_OF_REGION,
    BodyRegion,
    FindingKind,
    FlagKind,
    FlagSiteKind,
    Side,
    TechniqueCategory,
    TechniqueKind,
    flag_site_kind,
)


class Verdict(StrEnum):
    """The three screening outcomes (0.1), declared from most to least serious."""

    CONTRAINDICATED = "contraindicated"
    PRECAUTION = "precaution"
    ALLOWED = "allowed"

    @property
    def seriousness(self) -> int:
        """2 for contraindicated, 1 for precaution, 0 for allowed."""
        members = list(Verdict)
        return len(members) - 1 - members.index(self)


@dataclass(frozen=True)
class TreatmentSite:
    """Where a plan item is applied; for electrotherapy, the electrode placement region (0.2)."""

    region: BodyRegion
    side: Side


WHOLE_BODY_SITE = TreatmentSite(BodyRegion.WHOLE_BODY, Side.NOT_APPLICABLE)


@dataclass(frozen=True)
class PatientFlag:
    kind: FlagKind
    site: TreatmentSite | None = None
    note: str = ""


class SiteFinding(Protocol):
    """What screening reads from an assessment finding."""

    @property
    def kind(self) -> FindingKind: ...

    @property
    def region(self) -> BodyRegion: ...

    @property
    def side(self) -> Side: ...


@dataclass(frozen=True)
class Reason:
    verdict: Verdict
    text: str
    section: str


@dataclass(frozen=True)
class ScreeningResult:
    verdict: Verdict
    reasons: tuple[Reason, ...]

    def __post_init__(self) -> None:
        if not self.reasons:
            raise ValueError("a screening result always carries its reasons (0.1)")
        most_serious = max(
            (reason.verdict for reason in self.reasons), key=lambda verdict: verdict.seriousness
        )
        if self.verdict is not most_serious:
            raise ValueError(f"verdict {self.verdict} is not the most serious of its reasons")


class Where(StrEnum):
    ANYWHERE = "anywhere"  # wherever the technique is applied
    AT_SITE = "at_site"  # at a site the flag or finding reaches (0.2)
    IN_REGIONS = "in_regions"  # only when the treatment site is one of the rule's regions


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One row of the screening table.

    A rule with neither flags nor findings is a placement rule: it applies in its regions whatever
    the patient has. ``sections`` lists the deciding section first; the reason cites that one.
    """

    flags: tuple[FlagKind, ...] = ()
    findings: tuple[FindingKind, ...] = ()
    techniques: tuple[TechniqueKind, ...]
    where: Where
    regions: tuple[BodyRegion, ...] = ()
    verdict: Verdict
    text: str
    sections: tuple[str, ...]


FINDING_REACH: dict[FindingKind, FlagSiteKind] = {
    FindingKind.ARTERIAL_INSUFFICIENCY: FlagSiteKind.LIMB,
    FindingKind.DELAYED_CAPILLARY_REFILL: FlagSiteKind.LIMB,
    FindingKind.ABI_UNRELIABLE: FlagSiteKind.LIMB,
}
"""Findings that act on their whole limb, like the PAD flag (5.7); any other acts locally."""

TECHNIQUE_LABEL: dict[TechniqueKind, str] = {
    TechniqueKind.STATIC_STRETCH: "static stretching",
    TechniqueKind.PNF_STRETCH: "PNF stretching",
    TechniqueKind.MASSAGE: "massage",
    TechniqueKind.MYOFASCIAL_RELEASE: "myofascial release",
    TechniqueKind.DRY_NEEDLING: "dry needling",
    TechniqueKind.TENS: "TENS",
    TechniqueKind.NMES: "NMES",
    TechniqueKind.INTERFERENTIAL: "interferential current",
    TechniqueKind.SUPERFICIAL_HEAT: "superficial heat",
    TechniqueKind.COLD: "cold therapy",
    TechniqueKind.STRENGTHENING: "strengthening exercise",
    TechniqueKind.MOBILITY: "mobility exercise",
    TechniqueKind.AEROBIC_CIRCULATION: "aerobic or circulation exercise",
    TechniqueKind.RELAXATION_BREATHING: "relaxation or breathing exercise",
}


def _kinds_in(category: TechniqueCategory) -> tuple[TechniqueKind, ...]:
    return tuple(kind for kind, of in CATEGORY_OF_KIND.items() if of is category)


ELECTROTHERAPY = _kinds_in(TechniqueCategory.ELECTROTHERAPY)
SOFT_TISSUE = _kinds_in(TechniqueCategory.SOFT_TISSUE)
STRETCHING_AND_MOBILITY = (*_kinds_in(TechniqueCategory.STRETCHING), TechniqueKind.MOBILITY)
"""7.2 is "as static stretching" and 7.12 "as stretching", so 7.1's list covers all three."""
MOTOR_ELECTROTHERAPY = (TechniqueKind.NMES, TechniqueKind.INTERFERENTIAL)
"""7.7 adds precautions for contractions; 7.8 (IFC, used for motor effects too) is as TENS/NMES."""
HEAT = (TechniqueKind.SUPERFICIAL_HEAT,)
COLD = (TechniqueKind.COLD,)
DRY_NEEDLING = (TechniqueKind.DRY_NEEDLING,)
STRENGTHENING = (TechniqueKind.STRENGTHENING,)

HEAD_AND_NECK = (BodyRegion.HEAD, BodyRegion.FACE, BodyRegion.NECK, BodyRegion.ANTERIOR_NECK)
AWAY_FROM_HEAD_AND_NECK = tuple(region for region in BodyRegion if region not in HEAD_AND_NECK)
ABDOMEN_AND_LUMBOPELVIC = (BodyRegion.ABDOMEN, BodyRegion.LOWER_BACK, BodyRegion.PELVIS)
ABDOMEN_AND_BACK = (*ABDOMEN_AND_LUMBOPELVIC, BodyRegion.UPPER_BACK)

CI = Verdict.CONTRAINDICATED  # short names keep the table below readable
P = Verdict.PRECAUTION
PAD_FINDINGS = (FindingKind.ARTERIAL_INSUFFICIENCY, FindingKind.DELAYED_CAPILLARY_REFILL)
PAD_IN_THIS_LIMB = (
    "peripheral arterial disease in this limb (ABI ≤ 0.90, absent pulses or delayed capillary "
    "refill)"
)

RULES: tuple[Rule, ...] = (
    # Electrotherapy placements that are contraindicated whatever the flags (0.3).
    Rule(
        techniques=ELECTROTHERAPY,
        where=Where.IN_REGIONS,
        regions=(BodyRegion.ANTERIOR_NECK,),
        verdict=CI,
        text="placement over the anterior neck or carotid sinus (hypotension, laryngeal spasm)",
        sections=("0.3", "7.6"),
    ),
    Rule(
        techniques=ELECTROTHERAPY,
        where=Where.IN_REGIONS,
        regions=(BodyRegion.HEAD,),
        verdict=CI,
        text="placement across the head (transcerebral)",
        sections=("0.3", "7.6"),
    ),
    Rule(
        techniques=ELECTROTHERAPY,
        where=Where.IN_REGIONS,
        regions=(BodyRegion.FACE,),
        verdict=CI,
        text="placement over the eyes or mouth",
        sections=("0.3", "7.6"),
    ),
    Rule(
        techniques=ELECTROTHERAPY,
        where=Where.IN_REGIONS,
        regions=(BodyRegion.CHEST,),
        verdict=CI,
        text="placement on the chest: current must not cross the chest front-to-back "
        "(transthoracic)",
        sections=("0.3", "7.6"),
    ),
    # Other placements that need judgement whatever the flags.
    Rule(
        techniques=DRY_NEEDLING,
        where=Where.IN_REGIONS,
        regions=(BodyRegion.CHEST, BodyRegion.UPPER_BACK),
        verdict=P,
        text="needling over the thorax or upper back (pneumothorax risk)",
        sections=("7.5",),
    ),
    Rule(
        techniques=HEAT,
        where=Where.IN_REGIONS,
        regions=(BodyRegion.FACE, BodyRegion.NECK, BodyRegion.ANTERIOR_NECK),
        verdict=P,
        text="heat near the eyes or neck",
        sections=("7.9",),
    ),
    # Active implant.
    Rule(
        flags=(FlagKind.ACTIVE_IMPLANT,),
        techniques=ELECTROTHERAPY,
        where=Where.ANYWHERE,
        verdict=CI,
        text="active implanted device (pacemaker, ICD or another such as a spinal cord "
        "stimulator), anywhere on the body; use away from the chest only with cardiology "
        "involvement",
        sections=("0.3", "7.6"),
    ),
    Rule(
        flags=(FlagKind.ACTIVE_IMPLANT,),
        techniques=DRY_NEEDLING,
        where=Where.ANYWHERE,
        verdict=P,
        text="needling over or near an implanted device or its leads",
        sections=("7.5",),
    ),
    # Anticoagulants and bleeding disorders are two flags (0.8).
    Rule(
        flags=(FlagKind.ANTICOAGULANTS,),
        techniques=SOFT_TISSUE,
        where=Where.ANYWHERE,
        verdict=P,
        text="anticoagulant therapy: use lighter pressure",
        sections=("7.3", "7.4"),
    ),
    Rule(
        flags=(FlagKind.ANTICOAGULANTS,),
        techniques=DRY_NEEDLING,
        where=Where.ANYWHERE,
        verdict=P,
        text="anticoagulant or antiplatelet therapy: not an absolute contraindication if depth, "
        "site and individual risk are considered (sources disagree)",
        sections=("7.5", "0.8"),
    ),
    Rule(
        flags=(FlagKind.ANTICOAGULANTS,),
        techniques=STRETCHING_AND_MOBILITY,
        where=Where.ANYWHERE,
        verdict=P,
        text="anticoagulant therapy",
        sections=("7.1", "7.2", "7.12"),
    ),
    Rule(
        flags=(FlagKind.BLEEDING_DISORDER,),
        techniques=SOFT_TISSUE,
        where=Where.ANYWHERE,
        verdict=CI,
        text="bleeding disorder or severe thrombocytopenia",
        sections=("7.3", "7.4", "0.8"),
    ),
    Rule(
        flags=(FlagKind.BLEEDING_DISORDER,),
        techniques=DRY_NEEDLING,
        where=Where.ANYWHERE,
        verdict=CI,
        text="bleeding disorder such as haemophilia: still usually avoided",
        sections=("7.5", "0.8"),
    ),
    Rule(
        flags=(FlagKind.BLEEDING_DISORDER,),
        techniques=ELECTROTHERAPY,
        where=Where.ANYWHERE,
        verdict=P,
        text="bleeding disorder",
        sections=("0.3", "7.6"),
    ),
    # Pregnancy.
    Rule(
        flags=(FlagKind.PREGNANCY,),
        techniques=ELECTROTHERAPY,
        where=Where.IN_REGIONS,
        regions=ABDOMEN_AND_LUMBOPELVIC,
        verdict=CI,
        text="pregnancy: placement over the uterus, abdomen or lumbopelvic region (labour TENS "
        "under obstetric guidance is the exception)",
        sections=("0.3", "0.2", "7.6"),
    ),
    Rule(
        flags=(FlagKind.PREGNANCY,),
        techniques=HEAT,
        where=Where.IN_REGIONS,
        regions=ABDOMEN_AND_BACK,
        verdict=P,
        text="pregnancy: heat over the abdomen or back",
        sections=("7.9",),
    ),
    Rule(
        flags=(FlagKind.PREGNANCY,),
        techniques=SOFT_TISSUE,
        where=Where.ANYWHERE,
        verdict=P,
        text="pregnancy: first-trimester and high-risk pregnancy need judgement (sources disagree)",
        sections=("7.3", "7.4"),
    ),
    Rule(
        flags=(FlagKind.PREGNANCY,),
        techniques=DRY_NEEDLING,
        where=Where.ANYWHERE,
        verdict=P,
        text="pregnancy, especially the first trimester: written consent advised; some "
        "guidelines avoid specific points or the abdomen",
        sections=("7.5", "10.3"),
    ),
    # DVT or thrombophlebitis, suspected or confirmed.
    Rule(
        flags=(FlagKind.DVT,),
        techniques=(*HEAT, *COLD, *SOFT_TISSUE, *ELECTROTHERAPY, *DRY_NEEDLING),
        where=Where.AT_SITE,
        verdict=CI,
        text="suspected or confirmed DVT or thrombophlebitis in this limb (embolism risk), "
        "until medically cleared",
        sections=("0.5", "5.7"),
    ),
    Rule(
        flags=(FlagKind.DVT,),
        techniques=(TechniqueKind.STRENGTHENING, TechniqueKind.AEROBIC_CIRCULATION),
        where=Where.AT_SITE,
        verdict=CI,
        text="suspected or confirmed DVT or thrombophlebitis in this limb: no vigorous limb "
        "exercise until medically cleared",
        sections=("0.5", "5.7"),
    ),
    Rule(
        flags=(FlagKind.DVT,),
        techniques=STRETCHING_AND_MOBILITY,
        where=Where.AT_SITE,
        verdict=CI,
        text="suspected or confirmed DVT or thrombophlebitis in this limb: stop treating the "
        "limb and arrange same-day medical assessment",
        sections=("5.6", "1.2"),
    ),
    # Malignancy.
    Rule(
        flags=(FlagKind.ACTIVE_MALIGNANCY,),
        techniques=ELECTROTHERAPY,
        where=Where.AT_SITE,
        verdict=CI,
        text="over known or suspected malignancy (palliative use only by agreement)",
        sections=("0.3", "7.6"),
    ),
    Rule(
        flags=(FlagKind.ACTIVE_MALIGNANCY,),
        techniques=HEAT,
        where=Where.AT_SITE,
        verdict=CI,
        text="malignancy at this site",
        sections=("7.9",),
    ),
    Rule(
        flags=(FlagKind.ACTIVE_MALIGNANCY,),
        techniques=DRY_NEEDLING,
        where=Where.AT_SITE,
        verdict=CI,
        text="malignancy at the needling site",
        sections=("7.5",),
    ),
    Rule(
        flags=(FlagKind.ACTIVE_MALIGNANCY,),
        techniques=SOFT_TISSUE,
        where=Where.AT_SITE,
        verdict=P,
        text="malignancy at this site: gentle modified techniques with medical clearance only "
        "(sources disagree)",
        sections=("7.3", "7.4"),
    ),
    # Epilepsy.
    Rule(
        flags=(FlagKind.EPILEPSY,),
        techniques=ELECTROTHERAPY,
        where=Where.IN_REGIONS,
        regions=HEAD_AND_NECK,
        verdict=CI,
        text="epilepsy: no head or neck placement",
        sections=("0.3", "7.6"),
    ),
    Rule(
        flags=(FlagKind.EPILEPSY,),
        techniques=ELECTROTHERAPY,
        where=Where.IN_REGIONS,
        regions=AWAY_FROM_HEAD_AND_NECK,
        verdict=P,
        text="epilepsy, placement away from the head and neck (manufacturers list epilepsy as a "
        "contraindication)",
        sections=("0.3", "7.6"),
    ),
    Rule(
        flags=(FlagKind.EPILEPSY,),
        techniques=DRY_NEEDLING,
        where=Where.ANYWHERE,
        verdict=P,
        text="epilepsy",
        sections=("7.5",),
    ),
    # Impaired sensation: 0.4 settles 5.7's "caution/avoid".
    Rule(
        flags=(FlagKind.IMPAIRED_SENSATION,),
        techniques=HEAT,
        where=Where.AT_SITE,
        verdict=CI,
        text="impaired or absent sensation at this site (burn risk)",
        sections=("0.4", "5.7", "7.9"),
    ),
    Rule(
        flags=(FlagKind.IMPAIRED_SENSATION,),
        techniques=ELECTROTHERAPY,
        where=Where.AT_SITE,
        verdict=CI,
        text="impaired or absent sensation in the treatment area (burn risk)",
        sections=("0.4", "0.3", "7.6"),
    ),
    Rule(
        flags=(FlagKind.IMPAIRED_SENSATION,),
        techniques=COLD,
        where=Where.AT_SITE,
        verdict=P,
        text="impaired sensation at this site",
        sections=("0.4", "7.10"),
    ),
    Rule(
        flags=(FlagKind.IMPAIRED_SENSATION,),
        techniques=SOFT_TISSUE,
        where=Where.AT_SITE,
        verdict=P,
        text="impaired sensation at this site",
        sections=("0.4", "7.3", "7.4"),
    ),
    # Conditions that concern dry needling only.
    Rule(
        flags=(FlagKind.DIABETES,),
        techniques=DRY_NEEDLING,
        where=Where.ANYWHERE,
        verdict=P,
        text="diabetes",
        sections=("7.5",),
    ),
    Rule(
        flags=(FlagKind.METAL_IMPLANT,),
        techniques=DRY_NEEDLING,
        where=Where.ANYWHERE,
        verdict=P,
        text="needling over or near an implant such as a joint replacement or breast implant",
        sections=("7.5",),
    ),
    Rule(
        flags=(FlagKind.NEEDLE_PHOBIA,),
        techniques=DRY_NEEDLING,
        where=Where.ANYWHERE,
        verdict=CI,
        text="needle phobia",
        sections=("7.5",),
    ),
    Rule(
        flags=(FlagKind.IMMUNOSUPPRESSION,),
        techniques=DRY_NEEDLING,
        where=Where.ANYWHERE,
        verdict=P,
        text="compromised immune system",
        sections=("7.5",),
    ),
    # Local infection or open wound.
    Rule(
        flags=(FlagKind.LOCAL_INFECTION_OR_WOUND,),
        techniques=STRETCHING_AND_MOBILITY,
        where=Where.AT_SITE,
        verdict=CI,
        text="infection in or around the joint",
        sections=("7.1", "7.2", "7.12"),
    ),
    Rule(
        flags=(FlagKind.LOCAL_INFECTION_OR_WOUND,),
        techniques=SOFT_TISSUE,
        where=Where.AT_SITE,
        verdict=CI,
        text="infection, open wound, or contagious or weeping skin at this site",
        sections=("7.3", "7.4"),
    ),
    Rule(
        flags=(FlagKind.LOCAL_INFECTION_OR_WOUND,),
        techniques=DRY_NEEDLING,
        where=Where.AT_SITE,
        verdict=CI,
        text="infection or skin lesion at the needling site",
        sections=("7.5",),
    ),
    Rule(
        flags=(FlagKind.LOCAL_INFECTION_OR_WOUND,),
        techniques=ELECTROTHERAPY,
        where=Where.AT_SITE,
        verdict=CI,
        text="over an open wound, infected skin or a rash",
        sections=("0.3", "7.6"),
    ),
    Rule(
        flags=(FlagKind.LOCAL_INFECTION_OR_WOUND,),
        techniques=HEAT,
        where=Where.AT_SITE,
        verdict=CI,
        text="open wound or infection at this site",
        sections=("7.9",),
    ),
    Rule(
        flags=(FlagKind.LOCAL_INFECTION_OR_WOUND,),
        techniques=COLD,
        where=Where.AT_SITE,
        verdict=P,
        text="open wound at this site",
        sections=("7.10",),
    ),
    # Lymphoedema (0.7).
    Rule(
        flags=(FlagKind.LYMPHOEDEMA,),
        techniques=DRY_NEEDLING,
        where=Where.AT_SITE,
        verdict=CI,
        text="lymphoedema in this limb (infection and cellulitis risk)",
        sections=("0.7", "5.7", "7.5"),
    ),
    Rule(
        flags=(FlagKind.LYMPHOEDEMA,),
        techniques=SOFT_TISSUE,
        where=Where.AT_SITE,
        verdict=P,
        text="lymphoedema in this limb: specialist lymphatic drainage only",
        sections=("0.7", "5.7"),
    ),
    Rule(
        flags=(FlagKind.LYMPHOEDEMA,),
        techniques=(*HEAT, *ELECTROTHERAPY),
        where=Where.AT_SITE,
        verdict=P,
        text="lymphoedema in this limb",
        sections=("0.7", "5.7"),
    ),
    # Hypermobility: the flag and the Beighton finding alike.
    Rule(
        flags=(FlagKind.HYPERMOBILITY,),
        findings=(FindingKind.HYPERMOBILITY,),
        techniques=STRETCHING_AND_MOBILITY,
        where=Where.ANYWHERE,
        verdict=P,
        text="hypermobility: modify rather than avoid (sources disagree)",
        sections=("7.1", "7.2", "7.12"),
    ),
    # Recent fracture.
    Rule(
        flags=(FlagKind.RECENT_FRACTURE,),
        techniques=STRETCHING_AND_MOBILITY,
        where=Where.AT_SITE,
        verdict=CI,
        text="recent fracture without bony union at this site",
        sections=("7.1", "7.2", "7.12"),
    ),
    Rule(
        flags=(FlagKind.RECENT_FRACTURE,),
        techniques=SOFT_TISSUE,
        where=Where.AT_SITE,
        verdict=CI,
        text="unhealed fracture at this site",
        sections=("7.3", "7.4"),
    ),
    Rule(
        flags=(FlagKind.RECENT_FRACTURE,),
        techniques=MOTOR_ELECTROTHERAPY,
        where=Where.AT_SITE,
        verdict=P,
        text="tendency to haemorrhage after acute trauma or fracture",
        sections=("7.7", "7.8"),
    ),
    Rule(
        flags=(FlagKind.RECENT_FRACTURE,),
        techniques=STRENGTHENING,
        where=Where.AT_SITE,
        verdict=P,
        text="acute injury at this site",
        sections=("7.11",),
    ),
    # Varicose veins, flag or finding: 0.6 follows 5.7 as the more specific rule.
    Rule(
        flags=(FlagKind.VARICOSE_VEINS,),
        findings=(FindingKind.VARICOSE_VEINS,),
        techniques=SOFT_TISSUE,
        where=Where.AT_SITE,
        verdict=CI,
        text="varicose veins at this site: no direct pressure on the veins",
        sections=("0.6", "5.7"),
    ),
    Rule(
        flags=(FlagKind.VARICOSE_VEINS,),
        findings=(FindingKind.VARICOSE_VEINS,),
        techniques=DRY_NEEDLING,
        where=Where.AT_SITE,
        verdict=CI,
        text="varicose veins at this site: do not needle into the veins",
        sections=("0.6", "5.7"),
    ),
    Rule(
        flags=(FlagKind.VARICOSE_VEINS,),
        findings=(FindingKind.VARICOSE_VEINS,),
        techniques=(*HEAT, *COLD),
        where=Where.AT_SITE,
        verdict=P,
        text="varicose veins at this site",
        sections=("0.6", "5.7"),
    ),
    Rule(
        flags=(FlagKind.VARICOSE_VEINS,),
        findings=(FindingKind.VARICOSE_VEINS,),
        techniques=ELECTROTHERAPY,
        where=Where.AT_SITE,
        verdict=CI,
        text="directly over varicose veins",
        sections=("0.3", "5.7", "7.6"),
    ),
    # Cognitive impairment.
    Rule(
        flags=(FlagKind.COGNITIVE_IMPAIRMENT,),
        techniques=ELECTROTHERAPY,
        where=Where.ANYWHERE,
        verdict=CI,
        text="cognitive impairment: the patient cannot report discomfort",
        sections=("0.3", "7.6"),
    ),
    Rule(
        flags=(FlagKind.COGNITIVE_IMPAIRMENT,),
        techniques=DRY_NEEDLING,
        where=Where.ANYWHERE,
        verdict=CI,
        text="cognitive impairment: the patient cannot give informed consent",
        sections=("7.5", "10.3"),
    ),
    Rule(
        flags=(FlagKind.COGNITIVE_IMPAIRMENT,),
        techniques=HEAT,
        where=Where.ANYWHERE,
        verdict=CI,
        text="cognitive impairment: the patient cannot understand the instructions (e.g. dementia)",
        sections=("7.9",),
    ),
    # Heart disease and uncontrolled hypertension.
    Rule(
        flags=(FlagKind.HEART_DISEASE,),
        techniques=ELECTROTHERAPY,
        where=Where.ANYWHERE,
        verdict=P,
        text="heart disease",
        sections=("0.3", "7.6"),
    ),
    Rule(
        flags=(FlagKind.HEART_DISEASE,),
        techniques=HEAT,
        where=Where.ANYWHERE,
        verdict=P,
        text="cardiac disease or heart failure",
        sections=("7.9",),
    ),
    Rule(
        flags=(FlagKind.HEART_DISEASE,),
        techniques=DRY_NEEDLING,
        where=Where.ANYWHERE,
        verdict=P,
        text="heart valve disease (infection risk)",
        sections=("7.5",),
    ),
    Rule(
        flags=(FlagKind.HEART_DISEASE,),
        techniques=STRENGTHENING,
        where=Where.ANYWHERE,
        verdict=P,
        text="unstable cardiovascular disease",
        sections=("7.11",),
    ),
    Rule(
        flags=(FlagKind.HEART_DISEASE, FlagKind.UNCONTROLLED_HYPERTENSION),
        techniques=COLD,
        where=Where.ANYWHERE,
        verdict=P,
        text="hypertension or severe cardiac disease",
        sections=("7.10",),
    ),
    Rule(
        flags=(FlagKind.HEART_DISEASE, FlagKind.UNCONTROLLED_HYPERTENSION),
        techniques=(TechniqueKind.PNF_STRETCH,),
        where=Where.ANYWHERE,
        verdict=P,
        text="hypertension or cardiac disease: avoid breath-holding (Valsalva) during the "
        "contraction",
        sections=("7.2",),
    ),
    Rule(
        flags=(FlagKind.UNCONTROLLED_HYPERTENSION,),
        techniques=STRENGTHENING,
        where=Where.ANYWHERE,
        verdict=P,
        text="uncontrolled hypertension: avoid breath-holding",
        sections=("7.11",),
    ),
    # Peripheral arterial disease: the flag, ABI ≤ 0.90 or absent pulses, delayed CRT (5.7).
    Rule(
        flags=(FlagKind.PERIPHERAL_ARTERIAL_DISEASE,),
        findings=PAD_FINDINGS,
        techniques=(*HEAT, *COLD),
        where=Where.AT_SITE,
        verdict=CI,
        text=f"{PAD_IN_THIS_LIMB}: impaired circulation",
        sections=("5.7", "7.9", "7.10"),
    ),
    Rule(
        flags=(FlagKind.PERIPHERAL_ARTERIAL_DISEASE,),
        findings=PAD_FINDINGS,
        techniques=SOFT_TISSUE,
        where=Where.AT_SITE,
        verdict=P,
        text=f"{PAD_IN_THIS_LIMB}: no deep work",
        sections=("5.7", "7.3"),
    ),
    Rule(
        flags=(FlagKind.PERIPHERAL_ARTERIAL_DISEASE,),
        findings=PAD_FINDINGS,
        techniques=ELECTROTHERAPY,
        where=Where.AT_SITE,
        verdict=P,
        text=f"{PAD_IN_THIS_LIMB}: some device labels list serious arterial disease of the legs "
        "as a contraindication",
        sections=("5.7",),
    ),
    Rule(
        flags=(FlagKind.PERIPHERAL_ARTERIAL_DISEASE,),
        findings=PAD_FINDINGS,
        techniques=DRY_NEEDLING,
        where=Where.AT_SITE,
        verdict=P,
        text=f"{PAD_IN_THIS_LIMB}: vascular disease",
        sections=("5.7", "7.5"),
    ),
    Rule(
        findings=(FindingKind.ABI_UNRELIABLE,),
        techniques=(*HEAT, *COLD, *SOFT_TISSUE),
        where=Where.AT_SITE,
        verdict=P,
        text="ABI above 1.40 in this leg: non-compressible vessels, so the ABI is unreliable",
        sections=("5.7", "5.3"),
    ),
    # Cold hypersensitivity.
    Rule(
        flags=(FlagKind.COLD_HYPERSENSITIVITY,),
        techniques=COLD,
        where=Where.ANYWHERE,
        verdict=CI,
        text="cold hypersensitivity (cold urticaria or intolerance, Raynaud's, cryoglobulinaemia)",
        sections=("5.7", "7.10"),
    ),
    # Radiotherapy-damaged skin.
    Rule(
        flags=(FlagKind.RADIOTHERAPY_DAMAGED_SKIN,),
        techniques=ELECTROTHERAPY,
        where=Where.AT_SITE,
        verdict=CI,
        text="over radiotherapy-damaged skin",
        sections=("0.3", "7.6"),
    ),
    Rule(
        flags=(FlagKind.RADIOTHERAPY_DAMAGED_SKIN,),
        techniques=HEAT,
        where=Where.AT_SITE,
        verdict=CI,
        text="recent radiotherapy at this site",
        sections=("7.9",),
    ),
    # Acute inflammation.
    Rule(
        flags=(FlagKind.ACUTE_INFLAMMATION,),
        techniques=STRETCHING_AND_MOBILITY,
        where=Where.AT_SITE,
        verdict=CI,
        text="acute inflammation in or around the joint",
        sections=("7.1", "7.2", "7.12"),
    ),
    Rule(
        flags=(FlagKind.ACUTE_INFLAMMATION,),
        techniques=SOFT_TISSUE,
        where=Where.AT_SITE,
        verdict=CI,
        text="acute inflammation at this site",
        sections=("7.3", "7.4"),
    ),
    Rule(
        flags=(FlagKind.ACUTE_INFLAMMATION,),
        techniques=HEAT,
        where=Where.AT_SITE,
        verdict=CI,
        text="acute inflammation at this site (first 48-72 h: red, hot, swollen)",
        sections=("7.9",),
    ),
    Rule(
        flags=(FlagKind.ACUTE_INFLAMMATION,),
        techniques=ELECTROTHERAPY,
        where=Where.AT_SITE,
        verdict=CI,
        text="over inflamed skin",
        sections=("0.3", "7.6"),
    ),
    Rule(
        flags=(FlagKind.ACUTE_INFLAMMATION,),
        techniques=DRY_NEEDLING,
        where=Where.AT_SITE,
        verdict=P,
        text="inflamed or unhealthy tissue at this site",
        sections=("7.5",),
    ),
    # Oedema: swelling that is not inflamed makes electrotherapy a precaution (0.3 over 5.7).
    Rule(
        findings=(FindingKind.OEDEMA,),
        techniques=ELECTROTHERAPY,
        where=Where.AT_SITE,
        verdict=P,
        text="over swollen skin that is not inflamed (inflamed skin is contraindicated)",
        sections=("0.3", "5.7"),
    ),
    Rule(
        findings=(FindingKind.OEDEMA,),
        techniques=SOFT_TISSUE,
        where=Where.AT_SITE,
        verdict=P,
        text="oedema at this site: refer if the cause is unknown",
        sections=("5.7",),
    ),
    Rule(
        findings=(FindingKind.OEDEMA,),
        techniques=(*HEAT, *DRY_NEEDLING),
        where=Where.AT_SITE,
        verdict=P,
        text="oedema at this site",
        sections=("5.7",),
    ),
    Rule(
        findings=(FindingKind.OEDEMA,),
        techniques=STRETCHING_AND_MOBILITY,
        where=Where.AT_SITE,
        verdict=P,
        text="oedematous tissue at this site",
        sections=("7.1", "7.2", "7.12"),
    ),
    # Osteoporosis.
    Rule(
        flags=(FlagKind.OSTEOPOROSIS,),
        techniques=STRETCHING_AND_MOBILITY,
        where=Where.ANYWHERE,
        verdict=P,
        text="osteoporosis",
        sections=("7.1", "7.2", "7.12"),
    ),
    Rule(
        flags=(FlagKind.OSTEOPOROSIS,),
        techniques=SOFT_TISSUE,
        where=Where.ANYWHERE,
        verdict=P,
        text="severe osteoporosis",
        sections=("7.3", "7.4"),
    ),
    # Recent surgery.
    Rule(
        flags=(FlagKind.RECENT_SURGERY,),
        techniques=SOFT_TISSUE,
        where=Where.AT_SITE,
        verdict=P,
        text="recent surgery at this site",
        sections=("7.3", "7.4"),
    ),
    Rule(
        flags=(FlagKind.RECENT_SURGERY,),
        techniques=MOTOR_ELECTROTHERAPY,
        where=Where.AT_SITE,
        verdict=P,
        text="recent surgery at this site: a contraction could disrupt the repair",
        sections=("7.7", "7.8"),
    ),
    Rule(
        flags=(FlagKind.RECENT_SURGERY,),
        techniques=STRETCHING_AND_MOBILITY,
        where=Where.AT_SITE,
        verdict=P,
        text="recent surgery at this site: follow the post-operative protocol",
        sections=("7.1", "7.2", "7.12"),
    ),
    Rule(
        flags=(FlagKind.RECENT_SURGERY,),
        techniques=STRENGTHENING,
        where=Where.AT_SITE,
        verdict=P,
        text="recent surgery at this site: follow the post-operative restrictions",
        sections=("7.11",),
    ),
    # Transdermal drug patch.
    Rule(
        flags=(FlagKind.TRANSDERMAL_DRUG_PATCH,),
        techniques=ELECTROTHERAPY,
        where=Where.AT_SITE,
        verdict=P,
        text="near a transdermal drug patch",
        sections=("0.3", "7.6"),
    ),
    # Fever.
    Rule(
        flags=(FlagKind.FEVER,),
        techniques=SOFT_TISSUE,
        where=Where.ANYWHERE,
        verdict=CI,
        text="fever",
        sections=("7.3", "7.4"),
    ),
    Rule(
        flags=(FlagKind.FEVER,),
        techniques=HEAT,
        where=Where.ANYWHERE,
        verdict=CI,
        text="fever",
        sections=("7.9",),
    ),
)


class RedFlagReach(StrEnum):
    """Where a red-flag rule acts, from the answer's region and side (``RedFlagScreen``)."""

    LIMB = "limb"  # every region of the answer's limb, on its side (DVT: "the limb", 1.2)
    SITE = "site"  # the answer's own region and side
    REGIONS = "regions"  # the rule's own regions, either side (vascular signs: the neck)
    ANYWHERE = "anywhere"  # wherever the technique is applied


@dataclass(frozen=True, kw_only=True)
class RedFlagRule:
    """One reviewed row of ``red_flag_rules.toml``: a positive answer to ``red_flag`` makes
    ``techniques`` ``verdict`` where ``reach`` says, and it lasts ``until`` (what ends it once the
    referral is recorded; a recorded referral is never a clearance). ``sections`` lists the
    deciding section first."""

    key: str
    red_flag: str  # a code of ``catalogues.RED_FLAGS``
    techniques: tuple[TechniqueKind, ...]
    reach: RedFlagReach
    regions: tuple[BodyRegion, ...] = ()
    verdict: Verdict
    text: str
    until: str
    sections: tuple[str, ...]
    source: str

    def __post_init__(self) -> None:
        if self.red_flag not in RED_FLAGS:
            raise ValueError(f"unknown red flag {self.red_flag!r}")
        if not self.techniques or not self.sections:
            raise ValueError("a red-flag rule names its techniques and its sections")
        if self.verdict is Verdict.ALLOWED:
            raise ValueError("a red-flag rule contraindicates or cautions; it never allows")
        if bool(self.regions) != (self.reach is RedFlagReach.REGIONS):
            raise ValueError("regions are given exactly when the reach is 'regions'")


def referral_recorded(answer: RedFlagScreen) -> bool:
    """Whether a positive answer's referral action is recorded: what was done, where the patient
    was referred and the urgency, the three facts 0.12 asks for before finalising. The date
    (``referred_on``) is shown when given but not required, as in 0.12."""
    return bool(answer.action_taken.strip() and answer.referral_to.strip() and answer.urgency)


def screen(
    technique: TechniqueKind,
    site: TreatmentSite,
    flags: Iterable[PatientFlag],
    findings: Iterable[SiteFinding] = (),
    *,
    red_flags: Iterable[RedFlagScreen] = (),
    red_flag_rules: Iterable[RedFlagRule] | None = None,
    region_map: RegionMap | None = None,
) -> ScreeningResult:
    """Screen one plan item: the technique at its treatment site, against flags, findings and
    the red-flag answers (``red_flag_rules`` is needed as soon as one answer is "yes").
    ``region_map`` defaults to the reviewed ``regions.toml``."""
    region_map = region_map or load_region_map()
    patient_flags = tuple(flags)
    site_findings = tuple(findings)
    reasons = [
        _reason(rule, technique, "".join(dict.fromkeys(details)))
        for rule in RULES
        if technique in rule.techniques and _in_rule_regions(rule, site)
        for details in [list(_triggers(rule, site, patient_flags, site_findings, region_map))]
        if details
    ]
    reasons += _red_flag_reasons(technique, site, red_flags, red_flag_rules)
    if not reasons:
        reasons.append(_nothing_applies(technique))
    unique = dict.fromkeys(reasons)
    ordered = tuple(sorted(unique, key=lambda reason: -reason.verdict.seriousness))
    return ScreeningResult(ordered[0].verdict, ordered)


def _in_rule_regions(rule: Rule, site: TreatmentSite) -> bool:
    if rule.where is not Where.IN_REGIONS:
        return True
    return site.region == BodyRegion.WHOLE_BODY or site.region in rule.regions


def _triggers(
    rule: Rule,
    site: TreatmentSite,
    flags: tuple[PatientFlag, ...],
    findings: tuple[SiteFinding, ...],
    region_map: RegionMap,
) -> Iterator[str]:
    """Yield a detail for each flag or finding that sets the rule off at this site; one rule
    gives one reason, listing every flag that set it off and where it was recorded."""
    if not rule.flags and not rule.findings:
        yield ""
        return
    at_site = rule.where is Where.AT_SITE
    for flag in flags:
        if flag.kind in rule.flags and (not at_site or _reaches(flag, site, region_map)):
            yield _flag_detail(flag, region_map)
    for finding in findings:
        if finding.kind in rule.findings and (not at_site or _finding_reaches(finding, site)):
            yield ""


def _reaches(flag: PatientFlag, site: TreatmentSite, region_map: RegionMap) -> bool:
    """Whether the flag's reach (region map, 0.2) includes the site, on the same side."""
    if flag.site is None or site.region == BodyRegion.WHOLE_BODY:
        return True
    if site.region not in region_map.reach(flag.kind, flag.site.region).regions:
        return False
    midline = not all(region in LIMB_OF_REGION for region in (flag.site.region, site.region))
    return midline or _sides_match(flag.site.side, site.side)


def _finding_reaches(finding: SiteFinding, site: TreatmentSite) -> bool:
    reach = FINDING_REACH.get(finding.kind, FlagSiteKind.LOCAL)
    return _site_matches(finding.region, finding.side, reach, site)


def _site_matches(region: BodyRegion, side: Side, reach: FlagSiteKind, site: TreatmentSite) -> bool:
    if BodyRegion.WHOLE_BODY in (region, site.region):
        return True
    if not _sides_match(side, site.side):
        return False
    if reach == FlagSiteKind.LIMB and region in LIMB_OF_REGION:
        return LIMB_OF_REGION.get(site.region) == LIMB_OF_REGION[region]
    return site.region == region


def _sides_match(first: Side, second: Side) -> bool:
    either_side = (Side.BILATERAL, Side.NOT_APPLICABLE)
    return first == second or first in either_side or second in either_side


def _flag_detail(flag: PatientFlag, region_map: RegionMap) -> str:
    detail = f"; recorded: {flag.note}" if flag.note else ""
    if flag.site is None:
        if flag_site_kind(flag.kind) != FlagSiteKind.NONE:
            detail += "; no site recorded for this flag, so it is treated as applying here"
        return detail
    side = f" ({flag.site.side})" if flag.site.side in (Side.LEFT, Side.RIGHT) else ""
    where = (
        "without a region"
        if flag.site.region == BodyRegion.WHOLE_BODY
        else f"at the {REGION_LABELS[flag.site.region]}"
    )
    detail += f"; {label(flag.kind).lower()} recorded {where}{side}"
    if flag_site_kind(flag.kind) == FlagSiteKind.NONE:
        return detail  # its rules act anywhere: its reach is never asked for
    widened = region_map.reach(flag.kind, flag.site.region).widened
    return f"{detail}; {widened}" if widened else detail


def _reason(rule: Rule, technique: TechniqueKind, detail: str = "") -> Reason:
    sections = ", ".join(rule.sections)
    text = f"{_capitalised(TECHNIQUE_LABEL[technique])} {rule.verdict}: {rule.text}{detail}"
    return Reason(rule.verdict, f"{text} ({sections})", rule.sections[0])


def _red_flag_reasons(
    technique: TechniqueKind,
    site: TreatmentSite,
    answers: Iterable[RedFlagScreen],
    rules: Iterable[RedFlagRule] | None,
) -> list[Reason]:
    positive = [answer for answer in answers if answer.answer is RedFlagAnswer.YES]
    if not positive:
        return []
    if rules is None:
        raise ValueError("screening a positive red-flag answer needs the red-flag rules table")
    table = tuple(rules)
    reasons = []
    for answer in positive:
        recorded = referral_recorded(answer)
        if not recorded:
            reasons.append(_referral_missing(technique, answer))
        reasons += [
            _red_flag_reason(rule, technique, answer, recorded)
            for rule in table
            if rule.red_flag == answer.code
            and technique in rule.techniques
            and _red_flag_reaches(rule, answer, site)
        ]
    return reasons


def _answer_site(answer: RedFlagScreen) -> TreatmentSite:
    """The answer's region, or the red flag's own (a DVT's lower leg, 1.2); a flag of the whole
    body (malignancy, infection, fracture with no region recorded) reaches every site."""
    return TreatmentSite(answer.region or RED_FLAGS[answer.code].region, answer.side)


def _red_flag_reaches(rule: RedFlagRule, answer: RedFlagScreen, site: TreatmentSite) -> bool:
    where = _answer_site(answer)
    if rule.reach is RedFlagReach.LIMB:
        return _site_matches(where.region, where.side, FlagSiteKind.LIMB, site)
    if rule.reach is RedFlagReach.SITE:
        return _site_matches(where.region, where.side, FlagSiteKind.LOCAL, site)
    if rule.reach is RedFlagReach.REGIONS:
        return site.region == BodyRegion.WHOLE_BODY or site.region in rule.regions
    return True


def _red_flag_detail(answer: RedFlagScreen, recorded: bool) -> str:
    definition = RED_FLAGS[answer.code]
    side = f", {answer.side}" if answer.side in (Side.LEFT, Side.RIGHT) else ""
    detail = f"positive red flag '{definition.label}'{side}"
    if answer.detail.strip():
        detail += f" ({answer.detail.strip()})"
    if recorded:
        detail += f", referred to {answer.referral_to.strip()} ({answer.urgency})"
        if answer.referred_on is not None:
            detail += f" on {answer.referred_on:%d %b %Y}"
    else:
        detail += ", no referral recorded"
    return detail


def _red_flag_reason(
    rule: RedFlagRule, technique: TechniqueKind, answer: RedFlagScreen, recorded: bool
) -> Reason:
    lasts = (
        f"until {rule.until}; a recorded referral is not a clearance"
        if recorded
        else f"until the referral is recorded, and then until {rule.until}"
    )
    unsited = rule.reach in (RedFlagReach.LIMB, RedFlagReach.SITE) and (
        _answer_site(answer).region == BodyRegion.WHOLE_BODY
    )
    where = "; no site recorded for this red flag, so it is treated as applying here"
    sections = ", ".join(rule.sections)
    text = (
        f"{_capitalised(TECHNIQUE_LABEL[technique])} {rule.verdict}: "
        f"{_red_flag_detail(answer, recorded)}{where if unsited else ''}: {rule.text}, {lasts} "
        f"({sections})"
    )
    return Reason(rule.verdict, text, rule.sections[0])


def _referral_missing(technique: TechniqueKind, answer: RedFlagScreen) -> Reason:
    """0.12: every "yes" needs its action recorded; until then nothing is treated unremarked."""
    referral = RED_FLAGS[answer.code].referral
    text = (
        f"{_capitalised(TECHNIQUE_LABEL[technique])} {P}: "
        f"{_red_flag_detail(answer, recorded=False)}: record what was done, where the patient "
        f"was referred and the urgency ({referral}), until the referral is recorded (0.12, 1.2)"
    )
    return Reason(P, text, "0.12")


def _nothing_applies(technique: TechniqueKind) -> Reason:
    text = (
        f"{_capitalised(TECHNIQUE_LABEL[technique])} allowed: no contraindication or precaution "
        "in the reference applies at this site for the recorded flags and findings (0.1)"
    )
    return Reason(Verdict.ALLOWED, text, "0.1")


def _capitalised(label: str) -> str:
    return label[0].upper() + label[1:]
