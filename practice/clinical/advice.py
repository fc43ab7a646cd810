"""Which prevention advice and which "when to seek help" lines a patient's handout carries.

Both choices come from the patient's own record: the findings of the assessment
(``practice.clinical.findings``) and the patient's flags. The texts themselves are the reviewed
seed data (``practice/data/advice.toml``); this module only picks them, by topic or key, and never
rewrites them. Section numbers refer to ``shared/clinical-reference.md``.

Prevention topics (0.13, 6.3), in ``AdviceTopic`` declaration order:

=========================  =====================================================  ==============
Topic                      On the handout when the record shows                   Source
=========================  =====================================================  ==============
dehydration                a cramp trigger "dehydration"                          0.13, 6.3
overuse_fatigue            a cramp trigger "overuse and fatigue"                  0.13, 6.3
poor_circulation_arterial  a cramp trigger "poor circulation" with an arterial    0.13, 6.3, 5.7
                           sign in the legs (ABI 0.90 or below, absent pulse,
                           borderline ABI, claudication, delayed capillary
                           refill, diminished pulse) or a PAD flag, or with no
                           sign on either side; or, without any cramp trigger,
                           PAD itself: arterial insufficiency or claudication in  6.3, 5.5, 5.7,
                           the legs, or a PAD flag                                7.13
poor_circulation_venous    a cramp trigger "poor circulation" with a venous sign  0.13, 6.3
                           in the legs (varicose veins, oedema) or a varicose-
                           veins flag, or with no sign on either side; or,
                           without any cramp trigger, varicose veins in the legs  5.5, 5.7
                           or a varicose-veins flag
mineral_deficiency         a cramp trigger "mineral deficiency"                   0.13, 6.3
stress_anxiety             a cramp trigger "stress and anxiety", or stress or     0.13, 6.3, 7.14
                           anxiety recorded under lifestyle
prolonged_position         prolonged sitting or standing recorded (work posture)  0.13, 6.3, 1.1
nocturnal_cramps           nocturnal cramps                                       0.13, 6.3, 6.1
posture                    a postural deviation or a crossed syndrome             0.13, 2.2, 2.4
=========================  =====================================================  ==============

Decisions, where the reference leaves a choice:

- **Poor circulation with no sign on either side: both topics.** 6.3 splits the trigger into a
  PAD row and a venous row and gives no rule for choosing without evidence. The arterial advice
  carries the GP vascular review and the "report leg pain on walking" line, which matter most
  while the cause is not known (vascular disease mimics cramp, section 5; claudication is the
  first differential of cramp, 6.2); the venous advice is calf-pump activity, leg elevation and
  compression only if prescribed (5.5, 7.13), which is low-risk. Giving one without the other
  would guess at a cause the assessment has not shown.
- **Signs count only in the legs** (the lower-limb regions and the pelvis, where claudication
  may be felt in the buttock, 5.5): every line of both circulation topics is about the legs, so
  an absent radial pulse or a swollen hand does not choose them.
- **Circulation findings without a cramp trigger.** PAD itself (ABI 0.90 or below or an absent
  pulse, which the findings call arterial insufficiency; claudication; a PAD flag) brings the
  arterial advice, because the 6.3 PAD row is advice for PAD (walking programme, stop smoking,
  GP review, report claudication) and 5.7 and 7.13 indicate walking for it. Varicose veins (a
  finding or a flag) bring the venous advice: 5.5 gives that self-management for varicose veins
  and 5.7 encourages calf-pump activity. The softer signs do not, on their own: a borderline ABI
  is not PAD (5.3), pulse grading and the capillary-refill threshold are disputed and lengthen in
  the cold (5.1, 5.2 [D]), and new or unexplained oedema is to be referred when its cause is not
  known, not treated with venous advice (5.7; non-pitting oedema suggests lymphoedema, 5.4).
  An ABI above 1.40 is unreliable (5.3) and skin changes are mixed (5.5), so neither is a sign.
- **Triggers recorded for a spasm count too**: the assessment records the same trigger
  categories for spasms and cramps (6.1, 6.3).

"When to seek help" lines (8.3 footer, 1.2; ``SEEK_HELP_WHEN`` is the table in code). Each line
shows when the record reaches one of its regions, or shows any of its findings, flags, triggers or
red flags. The record's regions are those of every finding (pain, red flags and circulation
included), of the subjective pain sites, of the treatment sites of the plan items (home-exercise
handout only) and of the sites of the current flags; the whole body is no region.

======================  ==========================================================  ============
Key                     On the handout when                                         Source
======================  ==========================================================  ============
calf-swelling-warmth    a lower-limb region (hip to foot); a DVT flag or red flag;  1.2, 5.6,
                        an active-malignancy or recent-surgery flag (DVT risk); or  8.3
                        no region at all
chest-pain              always                                                      8.3, 8.1, 1.2
new-numbness            always                                                      8.3, 1.1, 1.2
bladder-bowel-saddle    the lower back; neural sensitivity (SLR leg pain); the      1.2, 8.3
                        cauda-equina red flag; or no region at all
cramp-not-easing        cramps or nocturnal cramps                                  6.2
cramp-gp-review         cramps or nocturnal cramps                                  6.2
leg-pain-on-walking     an arterial sign in the legs (as above), a PAD flag, or a   6.3, 6.2
                        cramp trigger "poor circulation"
neck-dizziness          the neck or the front of the neck, or the vascular (neck)   1.2
                        red flag
======================  ==========================================================  ============

- **Calf swelling or warmth** is the DVT picture of 1.2 (unilateral calf pain, swelling,
  warmth): it belongs to the legs, and to the risk features 1.2 and the Wells score (5.6) name
  wherever the patient is treated (active cancer, recent surgery). A recent fracture in a leg
  (plaster, 5.6) brings it through its site.
- **Bladder, bowel or saddle changes** are cauda equina (1.2): back pain with leg or
  neurological symptoms, so the lumbar spine, and an SLR that reproduces leg pain (a lumbar
  nerve root). The pelvis alone (buttock, sacrum; a glute bridge's site) does not bring it:
  1.2 asks for back pain.
- **Chest pain stays general.** The reference ties it to no region: 8.3 lists it for the footer,
  8.1 makes "stop if you feel calf swelling or chest pain" the stop rule of every exercise, and
  the cardiac features of 1.2 are pain not explained by movement, which no region predicts.
  Every handout advises activity, so the exertion that the stop rule is about is always there.
- **New numbness stays general.** 1.1 records abnormal sensation for any body-chart area, and
  1.2 and 6.2 name it for the spine, the neck and cramps alike: no region rules it out.
- **No region at all** (nothing but whole-body findings, or nothing recorded): the handout keeps
  the 8.3 footer as the reference gives it, calf and bladder lines included, because nothing
  shows they do not apply. The neck line is not in the 8.3 footer and needs its region.

The cramp lines follow the 6.2 referral rules and are about cramps, so a spasm alone does not
bring them. Leg pain on walking is the claudication differential (6.2) and the PAD reporting
advice (6.3); a poor-circulation trigger brings it because that differential is then open.

Advice withheld (``withheld`` of ``handout_advice``). A chosen line is left off the handout, and
the clinician told why, when it clashes with the record:

- **A line that amounts to a technique** (``ADVICE_ACTIVITIES``: stretching, rubbing a cramp,
  walking, calf-pump and ankle exercises, relaxed breathing) is screened like a plan item, by
  ``practice.clinical.screening.screen`` at the regions the line is about, against the flags
  and findings; a *contraindicated* verdict withholds it with the screening reasons and their
  sections. That gives: DVT withholds stretching, rubbing, walking and calf-pump lines (0.5,
  5.6, 5.7, 1.2); a bleeding disorder, varicose veins, fever withhold rubbing a cramp (7.3,
  0.6, 0.8); a recent fracture, acute inflammation or an infection or wound in a leg withhold
  stretching, rubbing and ankle exercises (7.1, 7.3, 7.12). Precautions keep the line: the
  lines already say "gently" (anticoagulants: lighter pressure, PAD: no deep work, 7.3), and
  the plan screening is where a precaution is acknowledged.
- **A line the reference is silent on** (``SILENT_CLASHES``): with the anticoagulant flag, the
  lines naming leafy greens or spinach (vitamin K, warfarin) are withheld, and the note says the
  reference gives no advice on it, rather than inventing a caveat.

Checked and left: the fluid-restriction caveat for heart or kidney disease (6.3) is already a line
of the dehydration advice for everyone; support stockings are already "only if a health worker
has checked you" (5.5, 6.3), which is the caveat for PAD (compression safety is decided on the
ABPI, 5.3); no line advises heat or cold (so none clashes with PAD, impaired sensation or cold
hypersensitivity, 5.7); relaxed breathing already says not to hold the breath (7.2, 7.11
hypertension and cardiac disease); general lines (warm up, build up training, take breaks,
"the stretches we gave you") name no technique or site, and the plan's own items are screened.
The reference says nothing on extra salt with heart disease or hypertension, or on leg elevation
with PAD; no rule was invented for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from practice.clinical.findings import Finding
from practice.clinical.screening import PatientFlag, TreatmentSite, Verdict, screen
from practice.clinical.vocabulary import (
    LIMB_OF_REGION,
    AdviceTopic,
    BodyRegion,
    CrampTrigger,
    FindingKind,
    FlagKind,
    Limb,
    Side,
    TechniqueKind,
)

LEG_REGIONS: frozenset[BodyRegion] = frozenset(
    {region for region, limb in LIMB_OF_REGION.items() if limb is Limb.LOWER} | {BodyRegion.PELVIS}
)
"""Where a circulation sign counts for the leg advice (the pelvis for buttock claudication, 5.5)."""

ARTERIAL_SIGNS: frozenset[FindingKind] = frozenset(
    {
        FindingKind.ARTERIAL_INSUFFICIENCY,
        FindingKind.BORDERLINE_ABI,
        FindingKind.CLAUDICATION,
        FindingKind.DELAYED_CAPILLARY_REFILL,
        FindingKind.DIMINISHED_PULSE,
    }
)
"""Findings that point a poor-circulation trigger to the arterial (PAD) advice (0.13, 5.7)."""

PAD_FINDINGS: frozenset[FindingKind] = frozenset(
    {FindingKind.ARTERIAL_INSUFFICIENCY, FindingKind.CLAUDICATION}
)
"""Findings that bring the arterial advice with no cramp trigger (6.3 PAD row, 5.3, 5.5)."""

VENOUS_SIGNS: frozenset[FindingKind] = frozenset({FindingKind.VARICOSE_VEINS, FindingKind.OEDEMA})
"""Findings that point a poor-circulation trigger to the venous advice (0.13, 5.5)."""

VENOUS_FINDINGS: frozenset[FindingKind] = frozenset({FindingKind.VARICOSE_VEINS})
"""Findings that bring the venous advice with no cramp trigger (5.5, 5.7)."""

TRIGGER_TOPICS: dict[CrampTrigger, AdviceTopic] = {
    CrampTrigger.DEHYDRATION: AdviceTopic.DEHYDRATION,
    CrampTrigger.OVERUSE_FATIGUE: AdviceTopic.OVERUSE_FATIGUE,
    CrampTrigger.MINERAL_DEFICIENCY: AdviceTopic.MINERAL_DEFICIENCY,
    CrampTrigger.STRESS_ANXIETY: AdviceTopic.STRESS_ANXIETY,
}
"""Cramp triggers with one topic each (6.3); poor circulation is split by the evidence."""

FINDING_TOPICS: dict[FindingKind, AdviceTopic] = {
    FindingKind.NOCTURNAL_CRAMPS: AdviceTopic.NOCTURNAL_CRAMPS,
    FindingKind.PROLONGED_POSITION: AdviceTopic.PROLONGED_POSITION,
    FindingKind.POSTURAL_DEVIATION: AdviceTopic.POSTURE,
    FindingKind.UPPER_CROSSED_SYNDROME: AdviceTopic.POSTURE,
    FindingKind.LOWER_CROSSED_SYNDROME: AdviceTopic.POSTURE,
    FindingKind.STRESS: AdviceTopic.STRESS_ANXIETY,
}
"""Findings other than cramp triggers that bring a topic wherever they are (0.13, 6.3, 7.14)."""


def _leg_kinds(findings: Iterable[Finding]) -> set[FindingKind]:
    return {finding.kind for finding in findings if finding.region in LEG_REGIONS}


def _triggers(findings: Iterable[Finding]) -> set[CrampTrigger]:
    return {
        finding.trigger
        for finding in findings
        if finding.kind is FindingKind.CRAMP_TRIGGER and finding.trigger is not None
    }


def advice_topics(findings: Iterable[Finding], flags: Iterable[FlagKind] = ()) -> list[AdviceTopic]:
    """The prevention topics of a patient's handout, once each, in ``AdviceTopic`` order.

    The table and the decisions behind it are in the module docstring."""
    findings, flags = tuple(findings), frozenset(flags)
    triggers = _triggers(findings)
    leg_kinds = _leg_kinds(findings)
    topics = {TRIGGER_TOPICS[trigger] for trigger in triggers if trigger in TRIGGER_TOPICS}
    topics |= {FINDING_TOPICS[f.kind] for f in findings if f.kind in FINDING_TOPICS}

    arterial_sign = (
        bool(leg_kinds & ARTERIAL_SIGNS) or FlagKind.PERIPHERAL_ARTERIAL_DISEASE in flags
    )
    venous_sign = bool(leg_kinds & VENOUS_SIGNS) or FlagKind.VARICOSE_VEINS in flags
    if CrampTrigger.POOR_CIRCULATION in triggers:
        no_sign = not (arterial_sign or venous_sign)
        if arterial_sign or no_sign:
            topics.add(AdviceTopic.POOR_CIRCULATION_ARTERIAL)
        if venous_sign or no_sign:
            topics.add(AdviceTopic.POOR_CIRCULATION_VENOUS)
    if leg_kinds & PAD_FINDINGS or FlagKind.PERIPHERAL_ARTERIAL_DISEASE in flags:
        topics.add(AdviceTopic.POOR_CIRCULATION_ARTERIAL)
    if leg_kinds & VENOUS_FINDINGS or FlagKind.VARICOSE_VEINS in flags:
        topics.add(AdviceTopic.POOR_CIRCULATION_VENOUS)
    return [topic for topic in AdviceTopic if topic in topics]


@dataclass(frozen=True)
class SeekHelpWhen:
    """When one "seek help" line goes on a handout: ``always``; when the record reaches one of
    its ``regions`` (or has no region at all, with ``without_region``); or when it shows any of
    the finding kinds (any region, or only in the legs), flags, cramp triggers or red-flag codes
    (1.2 screen codes) listed."""

    section: str
    always: bool = False
    regions: frozenset[BodyRegion] = frozenset()
    without_region: bool = False
    kinds: frozenset[FindingKind] = frozenset()
    leg_kinds: frozenset[FindingKind] = frozenset()
    flags: frozenset[FlagKind] = frozenset()
    triggers: frozenset[CrampTrigger] = frozenset()
    red_flags: frozenset[str] = frozenset()

    def applies(
        self,
        findings: tuple[Finding, ...],
        flags: frozenset[FlagKind],
        regions: frozenset[BodyRegion],
    ) -> bool:
        return (
            self.always
            or bool(self.regions & regions)
            or (self.without_region and not regions)
            or bool(self.flags & flags)
            or bool(self.triggers & _triggers(findings))
            or bool(self.leg_kinds & _leg_kinds(findings))
            or any(
                finding.kind in self.kinds
                or (finding.kind is FindingKind.RED_FLAG and finding.subject in self.red_flags)
                for finding in findings
            )
        )


_CRAMPS = frozenset({FindingKind.CRAMPS, FindingKind.NOCTURNAL_CRAMPS})

LOWER_LIMB: frozenset[BodyRegion] = frozenset(
    region for region, limb in LIMB_OF_REGION.items() if limb is Limb.LOWER
)

SEEK_HELP_WHEN: dict[str, SeekHelpWhen] = {
    "calf-swelling-warmth": SeekHelpWhen(
        "1.2, 5.6, 8.3",
        regions=LOWER_LIMB,
        without_region=True,
        flags=frozenset({FlagKind.DVT, FlagKind.ACTIVE_MALIGNANCY, FlagKind.RECENT_SURGERY}),
        red_flags=frozenset({"dvt"}),
    ),
    "chest-pain": SeekHelpWhen("8.3, 8.1, 1.2", always=True),
    "new-numbness": SeekHelpWhen("8.3, 1.1, 1.2", always=True),
    "bladder-bowel-saddle": SeekHelpWhen(
        "1.2, 8.3",
        regions=frozenset({BodyRegion.LOWER_BACK}),
        without_region=True,
        kinds=frozenset({FindingKind.NEURAL_SENSITIVITY}),
        red_flags=frozenset({"cauda_equina"}),
    ),
    "cramp-not-easing": SeekHelpWhen("6.2", kinds=_CRAMPS),
    "cramp-gp-review": SeekHelpWhen("6.2", kinds=_CRAMPS),
    "leg-pain-on-walking": SeekHelpWhen(
        "6.3, 6.2",
        leg_kinds=ARTERIAL_SIGNS,
        flags=frozenset({FlagKind.PERIPHERAL_ARTERIAL_DISEASE}),
        triggers=frozenset({CrampTrigger.POOR_CIRCULATION}),
    ),
    "neck-dizziness": SeekHelpWhen(
        "1.2",
        regions=frozenset({BodyRegion.NECK, BodyRegion.ANTERIOR_NECK}),
        red_flags=frozenset({"vascular_neck"}),
    ),
}
"""Every "seek help" key of the seed data (``[[red_flags]]`` in advice.toml) and when it shows;
the module docstring has the same table with its reasons."""


def record_regions(
    findings: Iterable[Finding],
    flags: Iterable[PatientFlag] = (),
    sites: Iterable[BodyRegion] = (),
) -> frozenset[BodyRegion]:
    """The body regions a record reaches: its findings, the flags' sites and the given sites
    (pain sites, treatment sites). The whole body is no region (module docstring)."""
    regions = {finding.region for finding in findings}
    regions |= {site.region for flag in flags for site in flag.sites}
    regions |= set(sites)
    regions.discard(BodyRegion.WHOLE_BODY)
    return frozenset(regions)


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...


KeyedT = TypeVar("KeyedT", bound=_Keyed)


def seek_help_items(
    findings: Iterable[Finding],
    flags: Iterable[PatientFlag],
    red_flag_items: Iterable[KeyedT],
    *,
    sites: Iterable[BodyRegion] = (),
) -> list[KeyedT]:
    """The "when to seek help" lines of a handout footer (8.3), in the order given, unchanged.

    ``red_flag_items`` are the seed's ``RedFlagItem`` values (``load_seed_catalogue().red_flags``);
    any object with a ``key`` will do, so this module needs no import of the catalogue package.
    ``sites`` are the subjective pain sites and the plan's treatment sites. A key without a row in
    ``SEEK_HELP_WHEN`` raises ``ValueError``: a new reviewed line needs a decision, never a silent
    drop."""
    findings, flags = tuple(findings), tuple(flags)
    regions = record_regions(findings, flags, sites)
    kinds = frozenset(flag.kind for flag in flags)
    items = list(red_flag_items)
    unknown = [item.key for item in items if item.key not in SEEK_HELP_WHEN]
    if unknown:
        raise ValueError(f"No SEEK_HELP_WHEN row for red-flag item(s): {', '.join(unknown)}")
    return [item for item in items if SEEK_HELP_WHEN[item.key].applies(findings, kinds, regions)]


# Advice that clashes with the record -----------------------------------------------------------


@dataclass(frozen=True)
class AdviceActivity:
    """Lines of one advice item that tell the patient to do a technique at some regions: a line
    containing any of ``mentions`` (case-insensitive) is screened as ``technique`` there."""

    advice: str
    mentions: tuple[str, ...]
    technique: TechniqueKind
    regions: tuple[BodyRegion, ...]
    section: str


CRAMP_SITES = (BodyRegion.THIGH, BodyRegion.LOWER_LEG, BodyRegion.ANKLE_FOOT)
"""Where "the muscle that cramps" is: calf, foot, hamstring, quadriceps (6.1)."""

ADVICE_ACTIVITIES: tuple[AdviceActivity, ...] = (
    AdviceActivity(
        "overuse-fatigue", ("stretch",), TechniqueKind.STATIC_STRETCH, CRAMP_SITES, "6.3"
    ),
    AdviceActivity(
        "overuse-fatigue", ("rub the muscle",), TechniqueKind.MASSAGE, CRAMP_SITES, "6.3"
    ),
    AdviceActivity(
        "circulation-arterial",
        ("walk often", "walking may help"),
        TechniqueKind.AEROBIC_CIRCULATION,
        (BodyRegion.LOWER_LEG,),
        "6.3, 7.13",
    ),
    AdviceActivity(
        "circulation-venous",
        ("heel raises",),
        TechniqueKind.AEROBIC_CIRCULATION,
        (BodyRegion.LOWER_LEG,),
        "6.3, 7.13",
    ),
    AdviceActivity(
        "prolonged-position",
        ("heel raises",),
        TechniqueKind.AEROBIC_CIRCULATION,
        (BodyRegion.LOWER_LEG,),
        "6.3, 7.13",
    ),
    AdviceActivity(
        "prolonged-position",
        ("ankle circles",),
        TechniqueKind.MOBILITY,
        (BodyRegion.ANKLE_FOOT,),
        "6.3, 7.12",
    ),
    AdviceActivity(
        "nocturnal-cramps",
        ("stretch",),
        TechniqueKind.STATIC_STRETCH,
        (BodyRegion.LOWER_LEG, BodyRegion.THIGH),
        "6.3, 7.1",
    ),
    AdviceActivity(
        "stress-anxiety",
        ("breath", "tense"),
        TechniqueKind.RELAXATION_BREATHING,
        (BodyRegion.WHOLE_BODY,),
        "6.3, 7.14",
    ),
)
"""The advice lines that amount to a technique, screened like plan items (module docstring)."""


@dataclass(frozen=True)
class SilentClash:
    """Lines of one advice item that a flag makes doubtful and the reference does not address:
    withheld, with ``reason`` saying so, rather than given with an invented caveat."""

    flag: FlagKind
    advice: str
    mentions: tuple[str, ...]
    reason: str


SILENT_CLASHES: tuple[SilentClash, ...] = (
    SilentClash(
        FlagKind.ANTICOAGULANTS,
        "mineral-deficiency",
        ("leafy greens", "spinach"),
        "the patient takes anticoagulants; leafy greens such as spinach carry vitamin K, and the "
        "reference gives no advice on vitamin K with anticoagulants such as warfarin, so the "
        "line is left off rather than given without a caveat (reference silent; anticoagulants "
        "are flagged from the medications, 1.1)",
    ),
)
"""Clashes the reference is silent on (module docstring)."""


class _Advice(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def topic(self) -> AdviceTopic: ...

    @property
    def title(self) -> str: ...

    @property
    def items(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class ChosenAdvice:
    """One prevention-advice block as the handout prints it: the lines that were not withheld."""

    key: str
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class WithheldLine:
    """An advice line left off the handout, with the reasons in words for the clinician."""

    advice_title: str
    text: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class HandoutAdvice(Generic[KeyedT]):
    advice: tuple[ChosenAdvice, ...]
    seek_help: tuple[KeyedT, ...]
    withheld: tuple[WithheldLine, ...]


def _mentions(line: str, mentions: tuple[str, ...]) -> bool:
    return any(word in line.casefold() for word in mentions)


def clash_reasons(
    advice_key: str,
    line: str,
    findings: tuple[Finding, ...],
    flags: tuple[PatientFlag, ...],
) -> tuple[str, ...]:
    """Why one advice line must not be on this patient's handout; empty when it may."""
    reasons = [
        reason.text
        for activity in ADVICE_ACTIVITIES
        if activity.advice == advice_key and _mentions(line, activity.mentions)
        for region in activity.regions
        for reason in screen(
            activity.technique, TreatmentSite(region, Side.BILATERAL), flags, findings
        ).reasons
        if reason.verdict is Verdict.CONTRAINDICATED
    ]
    kinds = {flag.kind for flag in flags}
    reasons += [
        clash.reason
        for clash in SILENT_CLASHES
        if clash.flag in kinds and clash.advice == advice_key and _mentions(line, clash.mentions)
    ]
    return tuple(dict.fromkeys(reasons))


def handout_advice(
    findings: Iterable[Finding],
    flags: Iterable[PatientFlag],
    advice_items: Iterable[_Advice],
    red_flag_items: Iterable[KeyedT],
    *,
    sites: Iterable[BodyRegion] = (),
) -> HandoutAdvice[KeyedT]:
    """What a handout says: the prevention advice that fits (``advice_topics``) less the lines
    that clash with the record, the "seek help" lines that fit, and what was withheld and why.

    ``advice_items`` are the seed's ``AdviceItem`` values; ``sites`` are the subjective pain
    sites and the plan's treatment sites. An advice block whose every line is withheld is left
    off."""
    findings, flags = tuple(findings), tuple(flags)
    items = list(advice_items)
    chosen: list[ChosenAdvice] = []
    withheld: list[WithheldLine] = []
    for topic in advice_topics(findings, (flag.kind for flag in flags)):
        for item in (item for item in items if item.topic == topic):
            kept = []
            for line in item.items:
                reasons = clash_reasons(item.key, line, findings, flags)
                if reasons:
                    withheld.append(WithheldLine(item.title, line, reasons))
                else:
                    kept.append(line)
            if kept:
                chosen.append(ChosenAdvice(item.key, item.title, tuple(kept)))
    seek_help = seek_help_items(findings, flags, red_flag_items, sites=sites)
    return HandoutAdvice(tuple(chosen), tuple(seek_help), tuple(withheld))
