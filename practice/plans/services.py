"""Treatment plans: proposals from findings, screened items, goals, issuing and revising.

Services flush; the view commits. Every change to a draft names the lock version the clinician
saw, so a save based on an out-of-date page is refused instead of overwriting a colleague.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm.attributes import flag_modified

from practice.assessments.services import (
    findings_of,
    latest_finalised,
    record_of,
)
from practice.catalogue.services import clinic_catalogue
from practice.clinical.advice import HandoutAdvice, handout_advice
from practice.clinical.comparison import goals_at
from practice.clinical.dosage import Dosage, dosage_at_site
from practice.clinical.findings import Finding
from practice.clinical.goals import (
    GoalMeasure,
    goal_measures,
    goal_problems,
    goal_text,
)
from practice.clinical.proposals import Candidate, Proposal, propose, technique_region
from practice.clinical.screening import (
    PatientFlag as ScreenedFlag,
)
from practice.clinical.screening import (
    ScreeningResult,
    TreatmentSite,
    Verdict,
    screen,
)
from practice.clinical.vocabulary import (
    BodyRegion,
    CrampTrigger,
    FindingKind,
    FlagKind,
    Side,
    TechniqueCategory,
)
from practice.db import utcnow
from practice.documents import Screening
from practice.extensions import db
from practice.models import (
    Assessment,
    CatalogueItem,
    Patient,
    PlanEvent,
    PlanGoal,
    PlanItem,
    PlanStatus,
    PlanVersion,
    TreatmentPlan,
    User,
)
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
        super().__init__(
            f"Version {version.number} of this plan has been issued and is kept as it was. "
            "Start a new version to change it."
        )


@dataclass(frozen=True)
class ScreenedProposal:
    proposal: Proposal
    item: CatalogueItem
    result: ScreeningResult


# Reading --------------------------------------------------------------------------------------


def patient_flags(assessment: Assessment) -> list[ScreenedFlag]:
    """The patient's current flags as screening reads them."""
    return [
        ScreenedFlag(
            FlagKind(flag.kind),
            TreatmentSite(BodyRegion(flag.region), Side(flag.side or "not_applicable"))
            if flag.region
            else None,
            note=flag.detail,
        )
        for flag in assessment.patient.current_flags
    ]


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


def candidate_of(item: CatalogueItem) -> Candidate:
    return Candidate(
        key=f"{item.item_type}:{item.key}",
        name=item.name,
        kind=item.technique_kind,
        body_region=BodyRegion(item.body_region)
        if item.body_region
        else technique_region(item.technique_kind),
        indications=frozenset(FindingKind(kind) for kind in item.indications),
        cramp_triggers=frozenset(CrampTrigger(trigger) for trigger in item.cramp_triggers),
        is_home_exercise=item.is_exercise,
    )


def screen_item(
    item: CatalogueItem, site: TreatmentSite, assessment: Assessment, findings: list[Finding]
) -> ScreeningResult:
    """The item at its site against the patient's flags, the findings and the red-flag answers."""
    return screen(
        item.technique_kind,
        site,
        patient_flags(assessment),
        findings,
        red_flags=record_of(assessment).subjective.red_flags,
        red_flag_rules=load_red_flag_rules(),
    )


def proposals(plan: TreatmentPlan) -> list[ScreenedProposal]:
    """Catalogue items ranked by how many findings they address, each screened at its site."""
    findings = findings_of(plan.assessment)
    items = {
        f"{item.item_type}:{item.key}": item
        for item in db.session.scalars(clinic_catalogue(plan.clinic_id))
    }
    on_plan = {(entry.catalogue_item_id) for entry in plan.current.items}
    ranked = propose(findings, [candidate_of(item) for item in items.values()])
    return [
        ScreenedProposal(
            proposal,
            items[proposal.candidate.key],
            screen_item(items[proposal.candidate.key], proposal.site, plan.assessment, findings),
        )
        for proposal in ranked
        if items[proposal.candidate.key].id not in on_plan
    ]


def available_goal_measures(plan: TreatmentPlan) -> list[GoalMeasure]:
    return goal_measures(record_of(plan.assessment), clinical_reference())


@dataclass(frozen=True)
class GoalProgress:
    goal: PlanGoal
    latest: Decimal | None  # the value at the latest finalised assessment since the plan's
    met: bool | None  # None when it was not measured again
    measured_on: date | None


def goal_progress(plan: TreatmentPlan, version: PlanVersion) -> list[GoalProgress]:
    """Each goal against the patient's latest finalised assessment after the plan's own."""
    latest = latest_finalised(plan.patient)
    if (
        latest is None
        or latest.id == plan.assessment_id
        or latest.seen_on < plan.assessment.seen_on
    ):
        return [GoalProgress(goal, None, None, None) for goal in version.goals]
    return [
        GoalProgress(review.goal, review.value, review.met, latest.seen_on)
        for review in goals_at(version.goals, record_of(latest), clinical_reference())
    ]


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
    if result.verdict is Verdict.PRECAUTION and not acknowledge_precaution:
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
        acknowledged_at=utcnow() if result.verdict is Verdict.PRECAUTION else None,
        acknowledged_by=author if result.verdict is Verdict.PRECAUTION else None,
        added_by=author,
    )
    db.session.add(entry)
    detail = f"{item.name} at {site.region.value} ({site.side.value})"
    if result.verdict is Verdict.CONTRAINDICATED:
        _event(plan, author, "contraindication_overridden", f"{detail}: {override_reason}")
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
    if lock != issued.lock_version:
        raise StalePlan
    draft = PlanVersion(
        clinic_id=plan.clinic_id,
        plan=plan,
        number=issued.number + 1,
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
