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

"When to seek help" lines (8.3 footer; ``SEEK_HELP_WHEN`` is the table in code):

======================  ==========================================================  ============
Key                     On the handout when                                         Source
======================  ==========================================================  ============
calf-swelling-warmth    always                                                      8.3, 1.2
chest-pain              always                                                      8.3, 1.2
new-numbness            always                                                      8.3, 1.1
bladder-bowel-saddle    always                                                      8.3, 1.2
cramp-not-easing        cramps or nocturnal cramps                                  6.2
cramp-gp-review         cramps or nocturnal cramps                                  6.2
leg-pain-on-walking     an arterial sign in the legs (as above), a PAD flag, or a   6.3, 6.2
                        cramp trigger "poor circulation"
neck-dizziness          any finding at the neck, or the vascular (neck) red flag    1.2
======================  ==========================================================  ============

The four general lines are the four red-flag symptoms 8.3 names for every footer (calf
swelling or warmth, chest pain, new numbness, bladder or bowel changes). Bladder and bowel
changes are kept general, as 8.3 has them, rather than tied to back pain: cauda equina is an
emergency (1.2) and one line more costs less than a missed one. The cramp lines follow the 6.2
referral rules and are about cramps, so a spasm alone does not bring them. Leg pain on walking
is the claudication differential (6.2) and the PAD reporting advice (6.3); a poor-circulation
trigger brings it because that differential is then open.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from practice.clinical.findings import Finding
from practice.clinical.vocabulary import (
    LIMB_OF_REGION,
    AdviceTopic,
    BodyRegion,
    CrampTrigger,
    FindingKind,
    FlagKind,
    Limb,
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
    """When one "seek help" line goes on a handout: ``always``, or when the record shows any of
    the finding kinds (any region, or only in the legs), flags, cramp triggers, finding regions
    or red-flag codes (1.2 screen codes) listed."""

    section: str
    always: bool = False
    kinds: frozenset[FindingKind] = frozenset()
    leg_kinds: frozenset[FindingKind] = frozenset()
    flags: frozenset[FlagKind] = frozenset()
    triggers: frozenset[CrampTrigger] = frozenset()
    regions: frozenset[BodyRegion] = frozenset()
    red_flags: frozenset[str] = frozenset()

    def applies(self, findings: tuple[Finding, ...], flags: frozenset[FlagKind]) -> bool:
        return (
            self.always
            or bool(self.flags & flags)
            or bool(self.triggers & _triggers(findings))
            or bool(self.leg_kinds & _leg_kinds(findings))
            or any(
                finding.kind in self.kinds
                or finding.region in self.regions
                or (finding.kind is FindingKind.RED_FLAG and finding.subject in self.red_flags)
                for finding in findings
            )
        )


_CRAMPS = frozenset({FindingKind.CRAMPS, FindingKind.NOCTURNAL_CRAMPS})

SEEK_HELP_WHEN: dict[str, SeekHelpWhen] = {
    "calf-swelling-warmth": SeekHelpWhen("8.3, 1.2", always=True),
    "chest-pain": SeekHelpWhen("8.3, 1.2", always=True),
    "new-numbness": SeekHelpWhen("8.3, 1.1", always=True),
    "bladder-bowel-saddle": SeekHelpWhen("8.3, 1.2", always=True),
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


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...


KeyedT = TypeVar("KeyedT", bound=_Keyed)


def seek_help_items(
    findings: Iterable[Finding],
    flags: Iterable[FlagKind],
    red_flag_items: Iterable[KeyedT],
) -> list[KeyedT]:
    """The "when to seek help" lines of a handout footer (8.3), in the order given, unchanged.

    ``red_flag_items`` are the seed's ``RedFlagItem`` values (``load_seed_catalogue().red_flags``);
    any object with a ``key`` will do, so this module needs no import of the catalogue package.
    A key without a row in ``SEEK_HELP_WHEN`` raises ``ValueError``: a new reviewed line needs a
    decision, never a silent drop."""
    findings, flags = tuple(findings), frozenset(flags)
    items = list(red_flag_items)
    unknown = [item.key for item in items if item.key not in SEEK_HELP_WHEN]
    if unknown:
        raise ValueError(f"No SEEK_HELP_WHEN row for red-flag item(s): {', '.join(unknown)}")
    return [item for item in items if SEEK_HELP_WHEN[item.key].applies(findings, flags)]
