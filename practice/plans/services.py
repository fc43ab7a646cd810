"""Treatment plans: proposals from findings, screened items, goals, issuing and revising.

Services flush; the view commits. Every change to a draft names the lock version the clinician
saw, so a save based on an out-of-date page is refused instead of overwriting a colleague.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache, cached_property, partial
from itertools import groupby

from sqlalchemy import Row, Select, bindparam, select
from sqlalchemy.orm import joinedload, undefer
from sqlalchemy.orm.attributes import flag_modified

from practice.assessments.services import (
    findings_of,
    latest_finalised,
    record_of,
)
from practice.catalogue.services import OutlineItem, clinic_catalogue
from practice.clinical.advice import HandoutAdvice, handout_advice
from practice.clinical.comparison import goals_at
from practice.clinical.dosage import Dosage, dosage_at_site
from practice.clinical.findings import Finding
from practice.clinical.goals import (
    OUTCOME_CODES,
    GoalMeasure,
    goal_measures,
    goal_met,
    goal_problems,
    goal_text,
)
from practice.clinical.labels import label, site_text
from practice.clinical.proposals import (
    Candidate,
    Proposal,
    done_sitting,
    propose,
    technique_region,
)
from practice.clinical.screening import (
    PatientFlag as ScreenedFlag,
)
from practice.clinical.screening import (
    ScreeningResult,
    TreatmentSite,
    Verdict,
    screen,
)
from practice.clinical.stage import stage_flags
from practice.clinical.vocabulary import (
    BodyRegion,
    CrampTrigger,
    FindingKind,
    FlagKind,
    Side,
    TechniqueCategory,
    TechniqueKind,
)
from practice.db import statement_built_once, utcnow
from practice.documents import Screening
from practice.extensions import db
from practice.models import (
    Assessment,
    AssessmentStatus,
    CatalogueItem,
    ItemType,
    Patient,
    PatientFlag,
    PlanEvent,
    PlanGoal,
    PlanItem,
    PlanStatus,
    PlanVersion,
    TreatmentPlan,
    User,
)
from practice.models.plan import GIVEN
from practice.outcomes import services as outcome_services
from practice.reference import clinical_reference
from practice.seed import load_red_flag_rules, load_seed_catalogue


class PlanError(ValueError):
    """A change that cannot be made, with a message fit for the clinician."""


class StalePlan(PlanError):
    def __init__(self) -> None:
        super().__init__(
            "Someone else changed this plan after you opened it, so your change was not saved. "
            "Your entry is still in the form: check the plan as it is now and save again."
        )


class PlanNotEditable(PlanError):
    def __init__(self, version: PlanVersion) -> None:
        if version.status == PlanStatus.DISCARDED:
            super().__init__(
                f"Version {version.number} of this plan was discarded and is kept as it was."
            )
            return
        super().__init__(
            f"Version {version.number} of this plan has been issued and is kept as it was. "
            "Start a new version to change it."
        )


@dataclass(frozen=True)
class ScreenedSite:
    """A proposal's site, its screening there and, for a precaution, the acknowledgements
    already on the plan that cover it (then no second tick is needed)."""

    site: TreatmentSite
    result: ScreeningResult
    covered_by: tuple[Acknowledgement, ...] = ()


@dataclass(frozen=True)
class ScreenedProposal:
    """A proposal with its catalogue item and its sites not yet on the plan, each screened when
    first read (``screened``): the plan builder shows three proposals a problem and only counts
    the rest, and screening them was a quarter of the page's work."""

    proposal: Proposal
    item: CatalogueItem | OutlineItem
    sites: tuple[TreatmentSite, ...]
    screen_at: Callable[[TreatmentSite], ScreenedSite] = field(repr=False, compare=False)

    @cached_property
    def screened(self) -> tuple[ScreenedSite, ...]:
        """The screening at each of its sites, in order."""
        return tuple(self.screen_at(site) for site in self.sites)

    @property
    def result(self) -> ScreeningResult:
        """The screening at its first site (that of its main problem)."""
        return self.screened[0].result

    @property
    def sections(self) -> tuple[str, ...]:
        """The reference sections of the findings it addresses, each once, in order."""
        return tuple(dict.fromkeys(finding.section for finding in self.proposal.addresses))


@dataclass(frozen=True)
class ProposalGroup:
    """The proposals for one problem (a finding), best options first."""

    problem: Finding
    proposals: tuple[ScreenedProposal, ...]


# Reading --------------------------------------------------------------------------------------


WITH_VERSIONS = (
    joinedload(TreatmentPlan.versions),
    joinedload(TreatmentPlan.assessment),
    undefer(TreatmentPlan.later_assessment_id),
)
"""How a plan's pages load it (``scoping.get_owned_or_404``): with its versions, its assessment
and whether a later one was finalised in the same statement, since every page reads them for
the current version, the findings and the goals (a query of their own was one more round trip
to the database each)."""


def latest_finalised_since(plan: TreatmentPlan) -> Assessment:
    """The patient's latest finalised assessment: the plan's own (finalised, as every plan's
    is) unless a later one was finalised since, which alone is read."""
    later = plan.later_assessment_id
    return plan.assessment if later is None else db.session.get(Assessment, later)


def patient_flags(assessment: Assessment) -> list[ScreenedFlag]:
    """The patient's current flags as screening reads them, with the acute-inflammation flag at
    the involved site that an acute stage of this assessment derives (``clinical.stage``)."""
    recorded = [screened_flag(flag) for flag in assessment.patient.current_flags]
    record = record_of(assessment)
    return recorded + list(stage_flags(record.subjective, assessment.seen_on, record.circulation))


def screened_flag(flag: PatientFlag) -> ScreenedFlag:
    """One stored flag as screening reads it. What this code cannot read is read wider, never
    dropped (a row written outside the app): a region it does not know covers the whole body
    (``BodyRegion.WHOLE_BODY``), a side it does not know is both sides, and a declined technique
    it does not know is any technique."""
    regions = list(dict.fromkeys(_region(code) for code in flag.regions))
    site = None
    if regions:
        try:
            side = Side(flag.side or Side.NOT_APPLICABLE)
        except ValueError:
            side = Side.BILATERAL
        site = TreatmentSite(regions[0], side)
    return ScreenedFlag(
        FlagKind(flag.kind),
        site,
        note=flag.detail,
        more_regions=tuple(regions[1:]),
        trimester=flag.trimester,
        high_risk=flag.high_risk,
        technique=_technique(flag.technique),
    )


def _region(code: str) -> BodyRegion:
    try:
        return BodyRegion(code)
    except ValueError:
        return BodyRegion.WHOLE_BODY


def _technique(code: str | None) -> TechniqueKind | None:
    try:
        return TechniqueKind(code) if code else None
    except ValueError:
        return None


def handout_advice_of(assessment: Assessment, version: PlanVersion | None = None) -> HandoutAdvice:
    """The advice a handout gives from this record, with what it withholds and why: chosen from
    the findings, the current flags, the pain sites and, for a plan version's handout, the
    treatment sites of its items (``practice.clinical.advice``)."""
    sites = [site.region for site in record_of(assessment).subjective.pain_sites]
    if version is not None:
        sites += [BodyRegion(entry.site_region) for entry in version.items]
    seed = load_seed_catalogue()
    return handout_advice(
        findings_of(assessment), patient_flags(assessment), seed.advice, seed.red_flags, sites=sites
    )


def prevention_advice(patient: Patient) -> HandoutAdvice | None:
    """The prevention handout's advice, from the latest finalised assessment; ``None`` when the
    patient has none to choose advice from."""
    assessment = latest_finalised(patient)
    return None if assessment is None else handout_advice_of(assessment)


def candidate_of(item: CatalogueItem | OutlineItem) -> Candidate:
    return _candidate(
        item.item_type,
        item.key,
        item.name,
        item.kind,
        item.body_region,
        tuple(item.indications),
        tuple(item.cramp_triggers),
        item.position or "",
    )


@cache
def _candidate(
    item_type: str,
    key: str,
    name: str,
    kind: str,
    body_region: str | None,
    indications: tuple[str, ...],
    cramp_triggers: tuple[str, ...],
    position: str,
) -> Candidate:
    """The candidate of an item with these values: the same every time they are the same, so
    worked out once per worker (the plan builder matches the whole catalogue on every view)."""
    technique = TechniqueKind(kind)
    is_exercise = item_type == ItemType.EXERCISE
    return Candidate(
        key=f"{item_type}:{key}",
        name=name,
        kind=technique,
        body_region=BodyRegion(body_region) if body_region else technique_region(technique),
        indications=frozenset(FindingKind(value) for value in indications),
        cramp_triggers=frozenset(CrampTrigger(value) for value in cramp_triggers),
        is_home_exercise=is_exercise,
        done_sitting=is_exercise and done_sitting(position),
    )


def screen_item(
    item: CatalogueItem | OutlineItem,
    site: TreatmentSite,
    assessment: Assessment,
    findings: list[Finding],
    flags: list[ScreenedFlag] | None = None,
) -> ScreeningResult:
    """The item at its site against the patient's flags (or ``flags`` alone), the findings and
    the red-flag answers."""
    return screen(
        item.technique_kind,
        site,
        patient_flags(assessment) if flags is None else flags,
        findings,
        red_flags=record_of(assessment).subjective.red_flags,
        red_flag_rules=load_red_flag_rules(),
    )


@dataclass(frozen=True)
class Acknowledgement:
    """One flag's precaution acknowledged on a plan version, with every item it covers.

    It is made by the first item added with the tick (who and when); an item added later under
    the same flag is covered by it and needs no second tick. Derived from the items and their
    history, so the audit trail stays the plan's events and each item's acknowledged_by/at.
    """

    flag: ScreenedFlag
    acknowledged_by: User
    acknowledged_at: datetime
    items: tuple[PlanItem, ...]

    @property
    def label(self) -> str:
        return label(self.flag.kind) + (f" ({self.flag.note})" if self.flag.note else "")


def precaution_flags(
    item: CatalogueItem | OutlineItem,
    site: TreatmentSite,
    assessment: Assessment,
    findings: list[Finding],
) -> frozenset[ScreenedFlag] | None:
    """The patient flags whose precaution the item meets at its site, each found by screening
    with that flag alone; None when a precaution also comes from a finding or a red-flag answer
    (no flag to acknowledge once: that item is acknowledged on its own)."""
    if screen_item(item, site, assessment, findings, flags=[]).verdict is not Verdict.ALLOWED:
        return None
    return frozenset(
        flag
        for flag in patient_flags(assessment)
        if screen_item(item, site, assessment, findings, flags=[flag]).verdict is Verdict.PRECAUTION
    )


def acknowledgements(version: PlanVersion, assessment: Assessment) -> list[Acknowledgement]:
    """The flags whose precaution is acknowledged on this version, in the order first met (the
    findings are worked out only when there is one)."""
    acknowledged = [
        entry
        for entry in version.items
        if entry.verdict == Verdict.PRECAUTION.value and entry.acknowledged_at is not None
    ]
    findings = findings_of(assessment) if acknowledged else []
    covered: dict[ScreenedFlag, list[PlanItem]] = {}
    for entry in acknowledged:
        site = TreatmentSite(BodyRegion(entry.site_region), Side(entry.site_side))
        for flag in precaution_flags(entry.catalogue_item, site, assessment, findings) or ():
            covered.setdefault(flag, []).append(entry)
    result = []
    for flag, entries in covered.items():
        first = min(entries, key=lambda entry: entry.acknowledged_at)
        result.append(
            Acknowledgement(flag, first.acknowledged_by, first.acknowledged_at, tuple(entries))
        )
    return result


def covering_acknowledgements(
    version: PlanVersion,
    assessment: Assessment,
    item: CatalogueItem | OutlineItem,
    site: TreatmentSite,
    findings: list[Finding],
    acknowledged: list[Acknowledgement] | None = None,
) -> list[Acknowledgement] | None:
    """The acknowledgements already on the version that cover every flag of the item's
    precaution at this site, or None when one is missing (the item needs the tick)."""
    flags = precaution_flags(item, site, assessment, findings)
    if not flags:
        return None
    by_flag = {
        ack.flag: ack
        for ack in (acknowledgements(version, assessment) if acknowledged is None else acknowledged)
    }
    if not flags <= by_flag.keys():
        return None
    return [by_flag[flag] for flag in by_flag if flag in flags]


def proposals(
    plan: TreatmentPlan,
    catalogue: Sequence[CatalogueItem | OutlineItem] | None = None,
    acknowledged: list[Acknowledgement] | None = None,
) -> list[ScreenedProposal]:
    """Catalogue items for the findings, once each with the sites not yet on the plan, ranked
    under the main problem first (``clinical.proposals.propose``), each screened at its sites
    when they are read;
    from ``catalogue`` and with the current version's ``acknowledged`` precautions when the
    caller has them already."""
    if catalogue is None:
        catalogue = db.session.scalars(clinic_catalogue(plan.clinic_id)).all()
    findings, ranked = _ranking(plan.assessment, catalogue)
    on_plan = {
        (entry.catalogue_item_id, entry.site_region, entry.site_side)
        for entry in plan.current.items
    }
    if acknowledged is None:
        acknowledged = acknowledgements(plan.current, plan.assessment)
    flags = patient_flags(plan.assessment)
    screened = []
    for proposal, item in ranked:
        sites = tuple(
            site
            for site in proposal.sites
            if (item.id, site.region.value, site.side.value) not in on_plan
        )
        if sites:
            screen_at = partial(
                _screened_site,
                plan,
                item,
                findings=findings,
                flags=flags,
                acknowledged=acknowledged,
            )
            screened.append(ScreenedProposal(proposal, item, sites, screen_at))
    return screened


Ranking = tuple[tuple[Finding, ...], tuple[tuple[Proposal, "CatalogueItem | OutlineItem"], ...]]
_RANKINGS_KEPT = 500
_rankings: dict[tuple[int, datetime | None, int], tuple[Sequence, Ranking]] = {}


def _ranking(assessment: Assessment, catalogue: Sequence[CatalogueItem | OutlineItem]) -> Ranking:
    """The findings of ``assessment`` and the catalogue's proposals for them, ranked, each with
    its item.

    A worker keeps the rankings of the last few hundred finalised assessments: such a record
    never changes (addenda amend it), and a clinic's outline is the same object for as long as
    its catalogue's revision is (``catalogue.services.clinic_catalogue_outline``), so the
    ranking of the pair cannot change either, whichever server made it (the time of the
    finalisation is in the key: an id given again after a rollback is another record). The
    builder is seen again after every change to the draft, and ranking the whole catalogue
    was a tenth of its work. A draft's ranking, or one from a catalogue read afresh, is not
    kept."""
    key = (assessment.id, assessment.finalised_at, id(catalogue))
    kept = _rankings.get(key)
    if kept is not None and kept[0] is catalogue:
        return kept[1]
    findings = findings_of(assessment)
    items = {f"{item.item_type}:{item.key}": item for item in catalogue}
    complaint = [site.region for site in record_of(assessment).subjective.pain_sites]
    candidates = [candidate_of(item) for item in items.values()]
    ranking = (
        tuple(findings),
        tuple(
            (proposal, items[proposal.candidate.key])
            for proposal in propose(findings, candidates, complaint)
        ),
    )
    if assessment.status == AssessmentStatus.FINALISED and isinstance(catalogue, tuple):
        if len(_rankings) >= _RANKINGS_KEPT:
            del _rankings[next(iter(_rankings))]  # the oldest kept
        _rankings[key] = (catalogue, ranking)
    return ranking


def _screened_site(
    plan: TreatmentPlan,
    item: CatalogueItem | OutlineItem,
    site: TreatmentSite,
    findings: list[Finding],
    flags: list[ScreenedFlag],
    acknowledged: list[Acknowledgement],
) -> ScreenedSite:
    result = screen_item(item, site, plan.assessment, findings, flags)
    covered_by = (
        covering_acknowledgements(plan.current, plan.assessment, item, site, findings, acknowledged)
        if acknowledged and result.verdict is Verdict.PRECAUTION
        else None
    )
    return ScreenedSite(site, result, tuple(covered_by or ()))


def proposal_groups(proposed: list[ScreenedProposal]) -> list[ProposalGroup]:
    """Ranked proposals in consecutive groups by the problem they are ranked under."""
    return [
        ProposalGroup(members[0].proposal.problem, tuple(members))
        for members in (
            list(run) for _, run in groupby(proposed, key=lambda item: id(item.proposal.problem))
        )
    ]


def available_goal_measures(plan: TreatmentPlan) -> list[GoalMeasure]:
    """The assessment's measures, then the outcome measures of the plan's episode."""
    return [
        *goal_measures(record_of(plan.assessment), clinical_reference()),
        *outcome_services.goal_outcomes(plan).measures,
    ]


@dataclass(frozen=True)
class GoalProgress:
    goal: PlanGoal
    latest: Decimal | None  # the value at the latest finalised assessment since the plan's
    met: bool | None  # None when it was not measured again
    measured_on: date | None


def goal_progress(
    plan: TreatmentPlan, version: PlanVersion, latest: Assessment | None
) -> list[GoalProgress]:
    """Each goal against the patient's latest finalised assessment (``latest``), when it is
    later than the plan's own; a goal on an outcome measure against the latest of the plan's
    episode (read only if there is one)."""
    if (
        latest is None
        or latest.id == plan.assessment_id
        or latest.seen_on < plan.assessment.seen_on
    ):
        progress = [GoalProgress(goal, None, None, None) for goal in version.goals]
    else:
        progress = [
            GoalProgress(review.goal, review.value, review.met, latest.seen_on)
            for review in goals_at(version.goals, record_of(latest), clinical_reference())
        ]
    if not any(_on_outcome(item.goal) for item in progress):
        return progress
    outcomes = outcome_services.goal_outcomes(plan)
    values = {measure.code: measure.current for measure in outcomes.measures}
    return [
        GoalProgress(
            item.goal,
            values.get(item.goal.measure),
            goal_met(
                item.goal.measure,
                item.goal.comparator,
                item.goal.target,
                values.get(item.goal.measure),
            ),
            outcomes.measured_on.get(item.goal.measure),
        )
        if _on_outcome(item.goal)
        else item
        for item in progress
    ]


def _on_outcome(goal: PlanGoal) -> bool:
    return goal.measure.split(":", 1)[0] in OUTCOME_CODES


HISTORY_SHOWN = 20
"""The plan page shows its latest events: a plan saved hundreds of times would otherwise print
hundreds of lines on every visit to it (the whole history is one link away)."""


@dataclass(frozen=True)
class History:
    events: list[Row]  # oldest first: at, version_number, actor_name, action, detail
    earlier: bool  # older events are left out


def plan_history(plan: TreatmentPlan, *, whole: bool = False) -> History:
    newest_first = db.session.execute(
        _events_newest_first(None if whole else HISTORY_SHOWN + 1), {"plan_id": plan.id}
    ).all()
    shown = newest_first if whole else newest_first[:HISTORY_SHOWN]
    return History(events=shown[::-1], earlier=len(newest_first) > len(shown))


@statement_built_once
def _events_newest_first(limit: int | None) -> Select:
    """The lines of the history as rows: the page reads five fields of each, and loading them as
    events with their actors was a twentieth of the plan builder."""
    return (
        select(
            PlanEvent.at,
            PlanEvent.version_number,
            User.display_name.label("actor_name"),
            PlanEvent.action,
            PlanEvent.detail,
        )
        .join(User, PlanEvent.actor_id == User.id)
        .where(PlanEvent.plan_id == bindparam("plan_id"))
        .order_by(PlanEvent.at.desc(), PlanEvent.id.desc())
        .limit(limit)
    )


# Changing a draft -----------------------------------------------------------------------------


def _event(plan: TreatmentPlan, actor: User, action: str, detail: str = "") -> None:
    db.session.add(
        PlanEvent(
            clinic_id=plan.clinic_id,
            plan=plan,
            version_number=plan.current.number,
            actor=actor,
            action=action,
            detail=detail,
        )
    )


def _editable(version: PlanVersion, lock: int | None) -> None:
    if not version.is_draft:
        raise PlanNotEditable(version)
    if lock != version.lock_version:
        raise StalePlan
    # Mark the version changed so its lock advances with every change to its items or goals;
    # the UPDATE then also refuses a concurrent change that slipped past the check above.
    flag_modified(version, "notes")


def start_plan(assessment: Assessment, *, author: User) -> TreatmentPlan:
    if not assessment.is_finalised:
        raise PlanError("A plan is built from a finalised assessment: finalise it first.")
    plan = TreatmentPlan(
        clinic_id=assessment.clinic_id,
        patient_id=assessment.patient_id,
        assessment=assessment,
        created_by=author,
    )
    db.session.add(plan)
    db.session.add(PlanVersion(clinic_id=plan.clinic_id, plan=plan, number=1, created_by=author))
    db.session.flush()
    _event(plan, author, "created", f"from the assessment of {assessment.seen_on:%d %b %Y}")
    db.session.flush()
    return plan


def add_item(
    plan: TreatmentPlan,
    item: CatalogueItem,
    *,
    site: TreatmentSite,
    dosage: Dosage,
    reason: str,
    author: User,
    lock: int | None,
    override_reason: str = "",
    acknowledge_precaution: bool = False,
    electrode_placement: str = "",
) -> PlanItem:
    """Screen the item at its site and add it; blocked items need a written clinical reason."""
    version = plan.current
    _editable(version, lock)
    if item.is_retired:
        raise PlanError(f"{item.name} has been retired from the catalogue and cannot be added.")
    if item.category is TechniqueCategory.ELECTROTHERAPY and not electrode_placement.strip():
        raise PlanError(f"Describe where the electrodes go for {item.name} (electrode placement).")
    if item.category is TechniqueCategory.DRY_NEEDLING and not _has_current_consent(
        plan.patient, "dry_needling"
    ):
        raise PlanError(
            "Dry needling needs the patient's explicit consent (10.3): record it on the patient "
            "page first."
        )
    result = screen_item(item, site, plan.assessment, findings_of(plan.assessment))
    override_reason = override_reason.strip()
    if result.verdict is Verdict.CONTRAINDICATED and not override_reason:
        raise PlanError(
            f"{item.name} is contraindicated for this patient: "
            + "; ".join(reason.text for reason in result.reasons)
            + ". It can be added only with a written clinical reason."
        )
    covered_by = None
    if result.verdict is Verdict.PRECAUTION and not acknowledge_precaution:
        covered_by = covering_acknowledgements(
            version, plan.assessment, item, site, findings_of(plan.assessment)
        )
        if covered_by is None:
            raise PlanError(
                f"{item.name} needs care for this patient: "
                + "; ".join(reason.text for reason in result.reasons)
                + ". Acknowledge the precaution to add it."
            )
    entry = PlanItem(
        clinic_id=plan.clinic_id,
        version=version,
        catalogue_item=item,
        position=len(version.items) + 1,
        site_region=site.region.value,
        site_side=site.side.value,
        electrode_placement=electrode_placement,
        dosage=dosage_at_site(dosage, site.side),
        reason=reason,
        verdict=result.verdict.value,
        screening=Screening(result.reasons),
        override_reason=override_reason if result.verdict is Verdict.CONTRAINDICATED else "",
        # Covered by an earlier acknowledgement: it keeps that one's who and when.
        acknowledged_at=(covered_by[0].acknowledged_at if covered_by else utcnow())
        if result.verdict is Verdict.PRECAUTION
        else None,
        acknowledged_by=(covered_by[0].acknowledged_by if covered_by else author)
        if result.verdict is Verdict.PRECAUTION
        else None,
        added_by=author,
    )
    db.session.add(entry)
    detail = f"{item.name} at {site_text(site.region, site.side).lower()}"
    if result.verdict is Verdict.CONTRAINDICATED:
        _event(plan, author, "contraindication_overridden", f"{detail}: {override_reason}")
    elif covered_by:
        flags = ", ".join(ack.label for ack in covered_by)
        _event(plan, author, "precaution_covered", f"{detail}: acknowledged already for {flags}")
    elif result.verdict is Verdict.PRECAUTION:
        _event(plan, author, "precaution_acknowledged", detail)
    _event(plan, author, "item_added", detail)
    db.session.flush()
    return entry


def remove_item(plan: TreatmentPlan, entry: PlanItem, *, author: User, lock: int | None) -> None:
    version = plan.current
    _editable(version, lock)
    _require_on_version(entry, version)
    version.items.remove(entry)
    db.session.delete(entry)
    _renumber(version)
    _event(plan, author, "item_removed", entry.catalogue_item.name)
    db.session.flush()


def move_item(
    plan: TreatmentPlan, entry: PlanItem, *, up: bool, author: User, lock: int | None
) -> None:
    version = plan.current
    _editable(version, lock)
    _require_on_version(entry, version)
    items = list(version.items)
    index = items.index(entry)
    other = index - 1 if up else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
        for position, item in enumerate(items, start=1):
            item.position = position
    db.session.flush()


def set_dosage(
    plan: TreatmentPlan,
    entry: PlanItem,
    dosage: Dosage,
    *,
    notes: str,
    author: User,
    lock: int | None,
) -> None:
    """The item's dosage and the clinician's note for the patient (printed on the handout)."""
    version = plan.current
    _editable(version, lock)
    _require_on_version(entry, version)
    entry.dosage = dosage
    entry.notes = notes
    _event(plan, author, "dosage_changed", entry.catalogue_item.name)
    db.session.flush()


def add_goal(
    plan: TreatmentPlan,
    *,
    measure_code: str,
    comparator: str,
    target: Decimal,
    target_on: date,
    author: User,
    lock: int | None,
) -> PlanGoal:
    version = plan.current
    _editable(version, lock)
    measure = next(
        (item for item in available_goal_measures(plan) if item.code == measure_code), None
    )
    if measure is None:
        raise PlanError("Choose a measure recorded in the assessment.")
    problems = goal_problems(measure, comparator, target)
    if problems:
        raise PlanError(" ".join(problems))
    if target_on <= plan.assessment.seen_on:
        raise PlanError("The target date must be after the assessment.")
    goal = PlanGoal(
        clinic_id=plan.clinic_id,
        version=version,
        measure=measure.code,
        label=measure.label,
        comparator=comparator,
        target=target,
        unit=measure.unit,
        baseline=measure.current,
        target_on=target_on,
        text=goal_text(measure, comparator, target, target_on),
    )
    db.session.add(goal)
    _event(plan, author, "goal_added", goal.text)
    db.session.flush()
    return goal


def remove_goal(plan: TreatmentPlan, goal: PlanGoal, *, author: User, lock: int | None) -> None:
    version = plan.current
    _editable(version, lock)
    if goal.version is not version:
        raise PlanError("That goal is not on the current version of this plan.")
    version.goals.remove(goal)
    db.session.delete(goal)
    _event(plan, author, "goal_removed", goal.text)
    db.session.flush()


def set_schedule(
    plan: TreatmentPlan,
    *,
    sessions_per_week: int | None,
    duration_weeks: int | None,
    review_on: date | None,
    author: User,
    lock: int | None,
) -> None:
    version = plan.current
    _editable(version, lock)
    version.sessions_per_week = sessions_per_week
    version.duration_weeks = duration_weeks
    version.review_on = review_on
    _event(plan, author, "schedule_set")
    db.session.flush()


def issue(plan: TreatmentPlan, *, author: User, lock: int | None) -> None:
    version = plan.current
    _editable(version, lock)
    missing = [
        text
        for text, present in (
            ("at least one item", version.items),
            ("at least one measurable goal", version.goals),
            ("the review date", version.review_on),
        )
        if not present
    ]
    if missing:
        raise PlanError("Before issuing, add " + ", ".join(missing) + ".")
    for earlier in plan.versions[:-1]:
        if earlier.status == PlanStatus.ISSUED:
            earlier.status = PlanStatus.SUPERSEDED
    version.status = PlanStatus.ISSUED
    version.issued_at = utcnow()
    version.issued_by = author
    _event(plan, author, "issued", f"version {version.number}")
    db.session.flush()


def revise(plan: TreatmentPlan, *, author: User, lock: int | None) -> PlanVersion:
    """A new draft version copied from the issued one, which stays as it was."""
    issued = plan.current
    if issued.is_draft:
        raise PlanError("This version is still a draft: change it directly.")
    if issued.status not in GIVEN:
        raise PlanError("This plan was discarded before it was issued: build a new plan.")
    if lock != issued.lock_version:
        raise StalePlan
    draft = PlanVersion(
        clinic_id=plan.clinic_id,
        plan=plan,
        number=max(version.number for version in plan.versions) + 1,  # after a discarded one
        created_by=author,
        sessions_per_week=issued.sessions_per_week,
        duration_weeks=issued.duration_weeks,
        review_on=issued.review_on,
        notes=issued.notes,
    )
    db.session.add(draft)
    for entry in issued.items:
        db.session.add(
            PlanItem(
                clinic_id=plan.clinic_id,
                version=draft,
                **{
                    field: getattr(entry, field)
                    for field in (
                        "catalogue_item_id", "position", "site_region", "site_side",
                        "electrode_placement", "dosage", "reason", "verdict", "screening",
                        "override_reason", "acknowledged_at", "acknowledged_by_id", "notes",
                        "added_by_id",
                    )
                },
            )
        )  # fmt: skip
    for goal in issued.goals:
        db.session.add(
            PlanGoal(
                clinic_id=plan.clinic_id,
                version=draft,
                **{
                    field: getattr(goal, field)
                    for field in (
                        "measure", "label", "comparator", "target", "unit", "baseline",
                        "target_on", "text",
                    )
                },
            )
        )  # fmt: skip
    db.session.flush()
    _event(plan, author, "revised", f"version {draft.number} started from {issued.number}")
    db.session.flush()
    return draft


def discard_draft(plan: TreatmentPlan, *, author: User, reason: str, lock: int | None) -> None:
    """Set the draft version aside with who, when and why; nothing of it is deleted. A discarded
    revision hands the plan back to the version the patient was given (``plan.current``)."""
    draft = plan.current
    _editable(draft, lock)
    _event(plan, author, "discarded", f"version {draft.number}: {reason}")  # while it is current
    draft.status = PlanStatus.DISCARDED
    draft.discarded_at = utcnow()
    draft.discarded_by = author
    draft.discard_reason = reason
    db.session.flush()


def _has_current_consent(patient, subject: str) -> bool:
    return any(
        consent.subject == subject and consent.withdrawn_on is None for consent in patient.consents
    )


def _require_on_version(entry: PlanItem, version: PlanVersion) -> None:
    if entry.version is not version:
        raise PlanError("That item is not on the current version of this plan.")


def _renumber(version: PlanVersion) -> None:
    for position, item in enumerate(version.items, start=1):
        item.position = position
