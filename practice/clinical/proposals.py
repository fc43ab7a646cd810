"""What a treatment plan could contain: catalogue items proposed for an assessment's findings.

``propose(findings, candidates)`` matches each candidate (a clinician technique or a home
exercise) against the findings it is indicated for (section 7 indications, expressed as
``FindingKind`` values in the catalogue) and ranks the result. Proposals are suggestions for the
clinician to accept or drop; screening (``screening.screen``) is run on each at its site
afterwards, never here.

How a candidate is matched to a finding (it must train what the finding is about):

- The finding's kind is among the candidate's indications. A ``CRAMP_TRIGGER`` finding also needs
  its trigger among the candidate's cramp triggers (6.3): relaxed breathing answers a stress
  trigger, not a dehydration one.
- The body regions are compatible (``regions_compatible``): the same region, a muscle neighbour
  on the region map (``practice/data/regions.toml``: a muscle group spans both), a posture
  neighbour for a posture pattern only, or either side ``WHOLE_BODY``. A whole-body finding
  (prolonged sitting, low activity, pain with no site recorded) is not localised, so any
  candidate indicated for it fits.
- Arterial and venous circulation are kept apart (5.5, 5.7, 6.3): with arterial disease and no
  venous finding, a calf-pump item (``is_venous``) answers neither the poor-circulation cramp
  trigger nor staying in one position; the walking programme does.
- A seated item (a desk break, ``done_sitting``) answers prolonged sitting at work, never
  prolonged standing (6.3).
- A candidate with no region of its own (``body_region=None``: the catalogue's clinician
  techniques, applied where the problem is) is proposed once, with every region of the findings
  it addresses as its sites.
- Findings of the kinds in ``NOT_ADDRESSED`` are never matched.

Ranking (deterministic), led by the main problem: the findings are put in problem order
(``problem_order``: the presenting complaint's regions first, the finding that explains the pain
before the pain, the most severe, then examination order). Each proposal belongs to the first
problem it addresses, and problems follow that order. Within a problem the reference's first line
for it comes first (``FIRST_LINE``: a walking programme for claudication, 7.13), then more
findings addressed, then by name, clinician technique before home exercise of the same name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from practice.clinical.assessment_data import EndFeel
from practice.clinical.findings import Finding
from practice.clinical.labels import in_sentence
from practice.clinical.regions import RegionMap, load_region_map
from practice.clinical.screening import TreatmentSite
from practice.clinical.vocabulary import (
    LIMB_OF_REGION,
    BodyRegion,
    CrampTrigger,
    FindingKind,
    Severity,
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

PATTERNS: frozenset[FindingKind] = frozenset(
    {
        FindingKind.UPPER_CROSSED_SYNDROME,
        FindingKind.LOWER_CROSSED_SYNDROME,
        FindingKind.POSTURAL_DEVIATION,
    }
)
"""Findings about a pattern across regions rather than one muscle or joint (2.2, 2.4)."""

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
    done_sitting: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "indications", frozenset(self.indications))
        object.__setattr__(self, "cramp_triggers", frozenset(self.cramp_triggers))


@dataclass(frozen=True)
class Proposal:
    """One candidate, once, with every site it fits (in problem order) and the problem it is
    grouped under (the first of ``addresses``)."""

    candidate: Candidate
    addresses: tuple[Finding, ...]
    sites: tuple[TreatmentSite, ...]
    reason: str
    problem: Finding

    @property
    def site(self) -> TreatmentSite:
        """The site of its main problem."""
        return self.sites[0]


ARTERIAL: frozenset[FindingKind] = frozenset(
    {FindingKind.ARTERIAL_INSUFFICIENCY, FindingKind.CLAUDICATION}
)
VENOUS: frozenset[FindingKind] = frozenset({FindingKind.VARICOSE_VEINS, FindingKind.OEDEMA})
SHARED_BY_CIRCULATION: frozenset[FindingKind] = frozenset(
    {FindingKind.CRAMP_TRIGGER, FindingKind.PROLONGED_POSITION}
)
"""Findings both a venous calf-pump item and an arterial walking item list (6.3)."""


@dataclass(frozen=True)
class RecordContext:
    """What the whole record says that matching one finding needs."""

    arterial_only: bool  # arterial disease with no venous finding (5.5, 5.7)

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> RecordContext:
        kinds = {finding.kind for finding in findings}
        return cls(arterial_only=bool(kinds & ARTERIAL) and not kinds & VENOUS)


def is_venous(candidate: Candidate) -> bool:
    """A calf-pump item: indicated for venous findings and not for arterial ones (7.13)."""
    return bool(candidate.indications & VENOUS) and not candidate.indications & ARTERIAL


def done_sitting(position: str) -> bool:
    """Whether a home exercise's starting position ("Sitting on a firm chair", "Sitting, then
    standing") is a seated one: it answers long sitting, not long standing (6.3)."""
    return position.startswith("Sitting")


def technique_region(kind: TechniqueKind) -> BodyRegion | None:
    """The region a clinician technique of this kind is proposed with: ``WHOLE_BODY`` for
    walking, breathing and relaxation (7.13, 7.14), otherwise None (applied at the finding)."""
    return BodyRegion.WHOLE_BODY if kind in WHOLE_BODY_TECHNIQUES else None


def regions_compatible(
    candidate_region: BodyRegion | None,
    finding_region: BodyRegion,
    *,
    pattern: bool = False,
    region_map: RegionMap | None = None,
) -> bool:
    """Whether an item working at ``candidate_region`` trains what a finding at
    ``finding_region`` is about; ``pattern`` for a posture pattern, which reaches its posture
    neighbours too. ``region_map`` defaults to the reviewed ``regions.toml``."""
    if candidate_region is None or BodyRegion.WHOLE_BODY in (candidate_region, finding_region):
        return True
    if candidate_region == finding_region:
        return True
    row = (region_map or load_region_map()).regions.get(finding_region)
    if row is None:
        return False
    return candidate_region in row.muscle_neighbours or (
        pattern and candidate_region in row.posture_neighbours
    )


def candidate_addresses(
    candidate: Candidate, finding: Finding, context: RecordContext | None = None
) -> bool:
    """Whether the candidate trains what the finding is about (module docstring)."""
    if finding.kind in NOT_ADDRESSED or finding.kind not in candidate.indications:
        return False
    if (
        context is not None
        and context.arterial_only
        and finding.kind in SHARED_BY_CIRCULATION
        and is_venous(candidate)
    ):
        # The calf pump moves venous blood; in arterial disease alone the poor circulation is
        # arterial and walking is the answer (6.3 splits the two, 5.7, 7.13).
        return False
    if (
        finding.kind is FindingKind.PROLONGED_POSITION
        and candidate.done_sitting
        and finding.subject != "sitting"
    ):
        # A desk break or a seated exercise answers long sitting, not long standing (6.3).
        return False

    if (
        finding.kind is FindingKind.CRAMP_TRIGGER
        and finding.trigger not in candidate.cramp_triggers
    ):
        return False
    return regions_compatible(
        candidate.body_region, finding.region, pattern=finding.kind in PATTERNS
    )


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
        where = "" if finding.region is BodyRegion.WHOLE_BODY else in_sentence(finding.region)
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
_SEVERITY_RANK = {Severity.SEVERE: 0, Severity.MODERATE: 1, Severity.MILD: 2}

FIRST_LINE: dict[FindingKind, frozenset[TechniqueKind]] = {
    # Claudication and PAD: supervised, then structured home walking is first-line (7.13, 5.7).
    FindingKind.CLAUDICATION: frozenset({TechniqueKind.AEROBIC_CIRCULATION}),
    FindingKind.ARTERIAL_INSUFFICIENCY: frozenset({TechniqueKind.AEROBIC_CIRCULATION}),
    # Venous: calf-pump activity (7.13, 5.5; 5.7 "encourage calf-pump activity").
    FindingKind.VARICOSE_VEINS: frozenset({TechniqueKind.AEROBIC_CIRCULATION}),
    # Deconditioning: aerobic activity (7.13).
    FindingKind.LOW_ACTIVITY: frozenset({TechniqueKind.AEROBIC_CIRCULATION}),
    # Cramps: gentle static stretch of the cramp-prone muscle; nightly calf and hamstring
    # stretches for nocturnal cramps (6.3, Hallegraeff 2012).
    FindingKind.CRAMPS: frozenset({TechniqueKind.STATIC_STRETCH}),
    FindingKind.NOCTURNAL_CRAMPS: frozenset({TechniqueKind.STATIC_STRETCH}),
    # Muscle length: stretching (7.1, 7.2); weakness: strengthening (7.11).
    FindingKind.MUSCLE_TIGHTNESS: frozenset(
        {TechniqueKind.STATIC_STRETCH, TechniqueKind.PNF_STRETCH}
    ),
    FindingKind.MUSCLE_WEAKNESS: frozenset({TechniqueKind.STRENGTHENING}),
    FindingKind.STRENGTH_ASYMMETRY: frozenset({TechniqueKind.STRENGTHENING}),
    FindingKind.STRENGTH_GRADE_ASYMMETRY: frozenset({TechniqueKind.STRENGTHENING}),
    FindingKind.REDUCED_RANGE_OF_MOTION: frozenset({TechniqueKind.MOBILITY}),
    # Staying in one position: movement breaks and position changes (6.3).
    FindingKind.PROLONGED_POSITION: frozenset({TechniqueKind.MOBILITY}),
    # Stress and anxiety: relaxed breathing, progressive muscle relaxation (7.14, 6.3).
    FindingKind.STRESS: frozenset({TechniqueKind.RELAXATION_BREATHING}),
}
"""The reference's first line for a problem: these technique kinds head its group."""

STRETCHING_FIRST = frozenset({TechniqueKind.STATIC_STRETCH, TechniqueKind.PNF_STRETCH})
END_FEEL_FIRST_LINE: dict[EndFeel, frozenset[TechniqueKind]] = {
    # 7.1 indicates stretching for "reduced ROM with soft-tissue end-feel"; 7.2 "as for static
    # stretching".
    EndFeel.SOFT_TISSUE: STRETCHING_FIRST,
    # 7.12 indicates mobility exercise for "reduced ROM with joint/capsular end-feel".
    EndFeel.CAPSULAR: frozenset({TechniqueKind.MOBILITY}),
}
"""A reduced range's first line by the end-feel recorded for it; with none (or a bony or empty
end-feel, for which the reference names no technique) it stays ``FIRST_LINE``'s."""


def first_line(problem: Finding) -> frozenset[TechniqueKind]:
    if problem.kind is FindingKind.REDUCED_RANGE_OF_MOTION and problem.end_feel is not None:
        by_end_feel = END_FEEL_FIRST_LINE.get(problem.end_feel)
        if by_end_feel is not None:
            return by_end_feel
    return FIRST_LINE.get(problem.kind, frozenset())


CONTRIBUTING: frozenset[FindingKind] = frozenset(
    {FindingKind.STRESS, FindingKind.LOW_ACTIVITY, FindingKind.PROLONGED_POSITION}
)
"""Lifestyle factors (6.3, 7.13, 7.14): they contribute to a problem, they do not lead it."""


def problem_order(
    findings: Sequence[Finding], complaint: Iterable[BodyRegion] = ()
) -> list[Finding]:
    """The findings as problems, the main problem first.

    The rule: a finding at a region of the presenting complaint (its pain sites) comes before
    one elsewhere; among those, the finding that explains the complaint (tightness,
    claudication, weakness) before the pain it causes, which is the complaint itself; a finding
    of the examination before a lifestyle factor (``CONTRIBUTING``); then the most severe (2.3
    grades) first; then examination order. With no pain site recorded, the most severe finding
    of the examination leads.
    """
    regions = frozenset(complaint)
    indexed = sorted(
        enumerate(finding for finding in findings if finding.kind not in NOT_ADDRESSED),
        key=lambda item: (
            item[1].region not in regions,
            item[1].kind is FindingKind.PAIN,
            item[1].kind in CONTRIBUTING,
            _SEVERITY_RANK.get(item[1].severity, 3) if item[1].severity else 3,
            item[0],
        ),
    )
    return [finding for _, finding in indexed]


def _sites_of(
    candidate: Candidate, matched: Sequence[Finding]
) -> tuple[tuple[TreatmentSite, ...], tuple[Finding, ...]]:
    """Where the candidate goes, in problem order, and the findings it addresses there.

    A technique applied at the finding (no region of its own) goes to every region of the
    findings it addresses that has a site: pain with no recorded region cannot say where the
    heat pack or the electrodes go.
    """
    if not matched:
        return (), ()
    if candidate.body_region is not None:
        region = candidate.body_region
        return (TreatmentSite(region, site_side(region, matched)),), tuple(matched)
    by_region: dict[BodyRegion, list[Finding]] = {}
    for finding in matched:
        if finding.region is not BodyRegion.WHOLE_BODY:
            by_region.setdefault(finding.region, []).append(finding)
    sites = tuple(
        TreatmentSite(region, site_side(region, group)) for region, group in by_region.items()
    )
    return sites, tuple(finding for group in by_region.values() for finding in group)


def propose(
    findings: Sequence[Finding],
    candidates: Iterable[Candidate],
    complaint: Iterable[BodyRegion] = (),
) -> list[Proposal]:
    """Every candidate that addresses at least one finding, once, with all its sites, grouped
    ranked under its problem: the best-ranked finding it addresses (``problem_order``), the
    main problem first. Within a problem: the reference's first line for it (``first_line``),
    then more findings addressed, then by name, clinician technique before home exercise."""
    problems = problem_order(findings, complaint)
    rank = {id(finding): index for index, finding in enumerate(problems)}
    context = RecordContext.of(findings)
    ranked: list[tuple[tuple[object, ...], Proposal]] = []
    for candidate in candidates:
        matched = [f for f in problems if candidate_addresses(candidate, f, context)]
        sites, addressed = _sites_of(candidate, matched)
        if not sites:
            continue
        problem = addressed[0]
        key = (
            rank[id(problem)],
            candidate.kind not in first_line(problem),
            -len(addressed),
            candidate.name.casefold(),
            candidate.is_home_exercise,
            candidate.key,
        )
        proposal = Proposal(candidate, addressed, sites, reason_text(addressed), problem)
        ranked.append((key, proposal))
    ranked.sort(key=lambda item: item[0])
    return [proposal for _, proposal in ranked]
