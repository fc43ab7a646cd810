"""What a treatment plan could contain: catalogue items proposed for an assessment's findings.

``propose(findings, candidates)`` matches each candidate (a clinician technique or a home
exercise) against the findings it is indicated for (section 7 indications, expressed as
``FindingKind`` values in the catalogue) and ranks the result. Proposals are suggestions for the
clinician to accept or drop; screening (``screening.screen``) is run on each at its site
afterwards, never here.

How a candidate is matched to a finding:

- The finding's kind is among the candidate's indications. A ``CRAMP_TRIGGER`` finding also needs
  its trigger among the candidate's cramp triggers (6.3): relaxed breathing answers a stress
  trigger, not a dehydration one.
- The body regions are compatible (``regions_compatible``): the same region, a pair in
  ``ADJACENT_REGIONS``, or either side ``WHOLE_BODY``. A whole-body candidate (walking, breathing)
  fits a finding anywhere; a whole-body finding (prolonged sitting, low activity, hypermobility,
  pain with no site recorded) is not localised, so any candidate indicated for it fits it: that
  is how the catalogue's sit-to-stand answers low activity.
- A candidate with no region of its own (``body_region=None``: the catalogue's clinician
  techniques, which are applied where the problem is) fits every finding and is proposed once per
  region of the findings it addresses, at that region.
- Findings of the kinds in ``NOT_ADDRESSED`` are never matched.

Ranking (deterministic): more findings addressed first; then the candidate whose first addressed
finding comes earliest in the findings (examination order, so items for the same problem sit
together); then by name, clinician technique before home exercise of the same name, key, and
site. Techniques and home exercises are ranked together by these rules, so they interleave.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from practice.clinical.catalogues import REGION_LABELS
from practice.clinical.findings import Finding
from practice.clinical.screening import TreatmentSite
from practice.clinical.vocabulary import (
    LIMB_OF_REGION,
    BodyRegion,
    CrampTrigger,
    FindingKind,
    Side,
    TechniqueKind,
)

NOT_ADDRESSED: frozenset[FindingKind] = frozenset(
    {
        # A positive red flag is for onward referral (1.2, 0.12), never for a treatment plan.
        FindingKind.RED_FLAG,
        # It says the ABI cannot be read (non-compressible vessels, 5.3): a toe-brachial index is
        # needed, there is nothing here to treat.
        FindingKind.ABI_UNRELIABLE,
    }
)
"""Finding kinds no plan item addresses, whatever a catalogue item lists."""

_R = BodyRegion
ADJACENT_REGIONS: frozenset[frozenset[BodyRegion]] = frozenset(
    frozenset(pair)
    for pair in (
        # Each pair is one a muscle group or pattern of the assessment spans, so that the
        # catalogue's exercise for it sits in the other region. One step only: neighbours of
        # neighbours are not compatible.
        (_R.NECK, _R.UPPER_BACK),  # upper crossed syndrome (neck) and its scapular exercises (2.4)
        (_R.UPPER_BACK, _R.SHOULDER),  # the scapular muscles and the shoulder they move (2.4, 3.3)
        (_R.CHEST, _R.SHOULDER),  # pectorals (chest) and the doorway chest stretch (shoulder)
        (_R.LOWER_BACK, _R.PELVIS),  # the lumbopelvic region, lower crossed syndrome (2.4, 3.3)
        (_R.LOWER_BACK, _R.ABDOMEN),  # deep abdominals (abdomen) and the dead bug (lower back)
        (_R.PELVIS, _R.HIP),  # gluteals and piriformis (pelvis) act on the hip (3.3)
        (_R.THIGH, _R.KNEE),  # quadriceps (thigh) and the knee exercises that train them
        (_R.LOWER_LEG, _R.ANKLE_FOOT),  # calf length is ankle dorsiflexion (4.3); the calf pump
    )
)
"""Neighbouring regions, deliberately few. Left out on purpose: hip and thigh (a hamstring or
adductor stretch would be offered for tight hip flexors), neck and shoulder, and the arm's
segments (no finding or exercise needs them). Region matching is coarse: the clinician chooses."""

WHOLE_BODY_TECHNIQUES: frozenset[TechniqueKind] = frozenset(
    {TechniqueKind.AEROBIC_CIRCULATION, TechniqueKind.RELAXATION_BREATHING}
)
"""Technique kinds that are not applied to one site (walking, breathing, relaxation)."""


@dataclass(frozen=True)
class Candidate:
    """A catalogue item that could go into a plan, reduced to what matching needs.

    ``body_region`` is where it works (an exercise's region, ``WHOLE_BODY`` for walking or
    breathing), or None for a clinician technique applied wherever the finding is. ``key`` is
    unique among items of the same ``is_home_exercise`` value (a technique and a home exercise may
    share one, as "relaxed-breathing" does in the seed catalogue).
    """

    key: str
    name: str
    kind: TechniqueKind
    body_region: BodyRegion | None
    indications: frozenset[FindingKind]
    cramp_triggers: frozenset[CrampTrigger]
    is_home_exercise: bool

    def __post_init__(self) -> None:
        object.__setattr__(self, "indications", frozenset(self.indications))
        object.__setattr__(self, "cramp_triggers", frozenset(self.cramp_triggers))


@dataclass(frozen=True)
class Proposal:
    candidate: Candidate
    addresses: tuple[Finding, ...]
    site: TreatmentSite
    reason: str


def technique_region(kind: TechniqueKind) -> BodyRegion | None:
    """The region a clinician technique of this kind is proposed with: ``WHOLE_BODY`` for
    walking, breathing and relaxation (7.13, 7.14), otherwise None (applied at the finding)."""
    return BodyRegion.WHOLE_BODY if kind in WHOLE_BODY_TECHNIQUES else None


def regions_compatible(candidate_region: BodyRegion | None, finding_region: BodyRegion) -> bool:
    if candidate_region is None or BodyRegion.WHOLE_BODY in (candidate_region, finding_region):
        return True
    return (
        candidate_region == finding_region
        or frozenset((candidate_region, finding_region)) in ADJACENT_REGIONS
    )


def candidate_addresses(candidate: Candidate, finding: Finding) -> bool:
    if finding.kind in NOT_ADDRESSED or finding.kind not in candidate.indications:
        return False
    if (
        finding.kind is FindingKind.CRAMP_TRIGGER
        and finding.trigger not in candidate.cramp_triggers
    ):
        return False
    return regions_compatible(candidate.body_region, finding.region)


def site_side(region: BodyRegion, findings: Iterable[Finding]) -> Side:
    """The side of a site from the findings addressed there (General principle 2).

    One side when every sided finding is on it; bilateral when both sides or a bilateral finding
    are among them. When none names a side, a limb region is bilateral (the item is for both
    limbs) and a head or trunk region is midline. A whole-body site has no side.
    """
    if region is BodyRegion.WHOLE_BODY:
        return Side.NOT_APPLICABLE
    sides = {finding.side for finding in findings} - {Side.NOT_APPLICABLE}
    if len(sides) == 1 and sides <= {Side.LEFT, Side.RIGHT}:
        return sides.pop()
    if sides or region in LIMB_OF_REGION:
        return Side.BILATERAL
    return Side.NOT_APPLICABLE


def short_summary(finding: Finding) -> str:
    """A finding's summary cut to its headline, for a proposal's reason.

    The headline is the text before the first ": " ("Tight hip flexors (left)"); a cramp trigger
    keeps the trigger ("calf cramps (left), trigger: poor circulation") and pain is named by its
    site and current score ("lower back pain (left), 6/10 now"), which its summary puts apart.
    """
    summary = finding.summary
    if finding.kind is FindingKind.CRAMP_TRIGGER and "; trigger: " in summary:
        head, _, trigger = summary.partition("; trigger: ")
        text = f"{head}, trigger: {trigger.split(' (', 1)[0]}"
    elif finding.kind is FindingKind.PAIN:
        now = finding.measurement("nprs_now")
        where = "" if finding.region is BodyRegion.WHOLE_BODY else REGION_LABELS[finding.region]
        side = _SIDE_WORDS.get(finding.side)
        text = " ".join(filter(None, (where, "pain", f"({side})" if side else "")))
        if now is not None:
            text += f", {now}/10 now"
        elif not where:
            text = summary.split(": ", 1)[0]
    else:
        text = summary.split(": ", 1)[0]
    return _lower_first(text)


_SIDE_WORDS = {Side.LEFT: "left", Side.RIGHT: "right", Side.BILATERAL: "both sides"}
_PROPER_FIRST_WORDS = frozenset({"Beighton"})


def _lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym (ABI) or a name."""
    first = text.split(" ", 1)[0]
    if first in _PROPER_FIRST_WORDS or first[:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def reason_text(findings: Sequence[Finding]) -> str:
    return "addresses: " + "; ".join(short_summary(finding) for finding in findings)


_REGION_ORDER = {region: index for index, region in enumerate(BodyRegion)}
_SIDE_ORDER = {side: index for index, side in enumerate(Side)}


def propose(findings: Sequence[Finding], candidates: Iterable[Candidate]) -> list[Proposal]:
    """Every candidate that addresses at least one finding, ranked (see the module docstring)."""
    indexed = [(index, finding) for index, finding in enumerate(findings)]
    ranked: list[tuple[tuple[object, ...], Proposal]] = []
    for candidate in candidates:
        matched = [(i, f) for i, f in indexed if candidate_addresses(candidate, f)]
        if not matched:
            continue
        if candidate.body_region is None:
            # A technique applied at the finding needs the finding to have a site: pain with
            # no recorded region cannot say where the heat pack or the electrodes go.
            groups: dict[BodyRegion, list[tuple[int, Finding]]] = {}
            for item in matched:
                if item[1].region is not BodyRegion.WHOLE_BODY:
                    groups.setdefault(item[1].region, []).append(item)
            sites = list(groups.items())
        else:
            sites = [(candidate.body_region, matched)]
        for region, group in sites:
            addressed = tuple(finding for _, finding in group)
            site = TreatmentSite(region, site_side(region, addressed))
            key = (
                -len(addressed),
                group[0][0],
                candidate.name.casefold(),
                candidate.is_home_exercise,
                candidate.key,
                _REGION_ORDER[site.region],
                _SIDE_ORDER[site.side],
            )
            ranked.append((key, Proposal(candidate, addressed, site, reason_text(addressed))))
    ranked.sort(key=lambda item: item[0])
    return [proposal for _, proposal in ranked]
