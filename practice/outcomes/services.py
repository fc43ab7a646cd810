"""Outcome-measure responses: recording one, the activities a re-rating starts from, and the
charts of the patient page. Services flush; the view commits once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Select, bindparam, literal, select
from sqlalchemy.orm import joinedload

from practice.assessments.services import AssessmentLine
from practice.clinical import outcome_chart
from practice.clinical.goals import GoalMeasure
from practice.clinical.outcome_chart import Chart, Point, Series
from practice.clinical.outcomes import (
    NPRS,
    PSFS,
    Change,
    ItemAnswer,
    OutcomeInstrument,
    answered,
    change,
    change_text,
    instrument,
    outcome_goal_measures,
    response_problems,
    total,
)
from practice.db import statement_built_once
from practice.extensions import db
from practice.models import (
    AssessmentStatus,
    OutcomeItem,
    OutcomeResponse,
    Patient,
    PlanVersion,
    TreatmentPlan,
    User,
)
from practice.models.visit import VisitNote, VisitNoteStatus


class OutcomeError(ValueError):
    """A response that cannot be recorded; the problems are the form's messages."""

    def __init__(self, problems) -> None:
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems


def episode_plan_id(patient: Patient, visit: VisitNote | None) -> int | None:
    """The plan a response belongs to: the visit note's, else the patient's latest plan (None
    before any plan, as for a baseline taken at the first assessment)."""
    if visit is not None:
        return visit.plan_version.plan_id
    return db.session.scalar(
        select(TreatmentPlan.id)
        .where(TreatmentPlan.patient_id == patient.id)
        .order_by(TreatmentPlan.created_at.desc(), TreatmentPlan.id.desc())
        .limit(1)
    )


def previous_activities(
    patient: Patient, tool: OutcomeInstrument, plan_id: int | None
) -> list[str]:
    """The activities of the latest response of the same episode, so that the same activities
    are re-rated (section 9): the plan's own, else the baseline recorded before any plan."""
    if not tool.activities:
        return []
    for episode in dict.fromkeys((plan_id, None)):
        latest = db.session.scalar(
            select(OutcomeResponse)
            .where(
                OutcomeResponse.patient_id == patient.id,
                OutcomeResponse.instrument == tool.code,
                OutcomeResponse.plan_id.is_(None)
                if episode is None
                else OutcomeResponse.plan_id == episode,
            )
            .order_by(OutcomeResponse.recorded_on.desc(), OutcomeResponse.id.desc())
            .limit(1)
        )
        if latest is not None:
            return [item.activity for item in latest.items]
    return []


def record_response(
    patient: Patient,
    tool: OutcomeInstrument,
    *,
    recorded_on: date,
    answers: Sequence[ItemAnswer],
    author: User,
    visit: VisitNote | None = None,
) -> OutcomeResponse:
    """Record a response; refused whole (``OutcomeError``) when any item is wrong."""
    problems = response_problems(tool, answers)
    if problems:
        raise OutcomeError(problems)
    filled = [item for _, item in answered(answers)]
    response = OutcomeResponse(
        clinic_id=patient.clinic_id,
        patient_id=patient.id,
        plan_id=episode_plan_id(patient, visit),
        visit_note_id=visit.id if visit else None,
        instrument=tool.code,
        version=tool.version,
        recorded_on=recorded_on,
        total=total(tool, [item.score for item in filled]),
        created_by_id=author.id,
        items=[
            OutcomeItem(
                clinic_id=patient.clinic_id,
                position=position,
                activity=item.activity.strip(),
                score=item.score,
            )
            for position, item in enumerate(filled, 1)
        ],
    )
    db.session.add(response)
    db.session.flush()
    return response


def patient_responses(patient: Patient) -> list[OutcomeResponse]:
    """Every response of the patient with its items, oldest first: one statement."""
    return list(db.session.scalars(_responses_oldest_first(), {"patient_id": patient.id}).unique())


@statement_built_once
def _responses_oldest_first() -> Select:
    return (
        select(OutcomeResponse)
        .where(OutcomeResponse.patient_id == bindparam("patient_id"))
        .options(joinedload(OutcomeResponse.items), joinedload(OutcomeResponse.created_by))
        .order_by(OutcomeResponse.recorded_on, OutcomeResponse.id)
    )


def exported_responses(patient: Patient) -> list[dict]:
    """The responses as the patient's export holds them, oldest first."""
    return [
        {
            "id": response.id,
            "instrument": response.instrument,
            "version": response.version,
            "recorded_on": response.recorded_on.isoformat(),
            "total": str(response.total),
            "plan_id": response.plan_id,
            "visit_note_id": response.visit_note_id,
            "items": [
                {"position": item.position, "activity": item.activity, "score": item.score}
                for item in response.items
            ],
            "created_at": response.created_at.isoformat(),
            "recorded_by": response.created_by.display_name,
        }
        for response in patient_responses(patient)
    ]


# Pain is not typed twice: the assessments' "pain now" and the signed visit notes' pain before and
# after treatment are the NPRS series.


def assessment_pains(assessments: Sequence[AssessmentLine]) -> list[Point]:
    """Pain now at each finalised one of the patient's ``assessments`` (oldest first, as
    ``assessments.services.assessment_lines`` reads them for the page)."""
    return [
        Point(line.assessment.seen_on, Decimal(line.pain_now))
        for line in assessments
        if line.assessment.status == AssessmentStatus.FINALISED and line.pain_now is not None
    ]


def visit_pains(notes: Sequence[VisitNote]) -> tuple[list[Point], list[Point]]:
    """Pain before and after treatment at each signed one of the patient's visit ``notes`` (as
    the patient page reads them for its timeline), oldest first."""
    rows = [
        (note.occurred_at, note.pain_before, note.pain_after)
        for note in sorted(notes, key=lambda note: (note.occurred_at, note.id))
        if note.status == VisitNoteStatus.SIGNED
    ]
    return (
        [Point(at.date(), Decimal(before)) for at, before, _ in rows if before is not None],
        [Point(at.date(), Decimal(after)) for at, _, after in rows if after is not None],
    )


@dataclass(frozen=True)
class ActivityScore:
    activity: str
    score: int
    baseline: int | None  # the first score of the same activity text in the episode


@dataclass(frozen=True)
class OutcomeSummary:
    """One instrument on the patient page: its chart, the change since the baseline (None with
    fewer than two scores) and, for the PSFS, the latest activities."""

    tool: OutcomeInstrument
    chart: Chart
    svg: str
    change: Change | None
    activities: tuple[ActivityScore, ...] = ()

    @property
    def change_text(self) -> str:
        return change_text(self.tool, self.change) if self.change else ""


def _summary(
    tool: OutcomeInstrument, chart: Chart, trend: Sequence[Point], **more
) -> OutcomeSummary:
    found = change(tool, trend[0].value, trend[-1].value) if len(trend) > 1 else None
    return OutcomeSummary(tool, chart, outcome_chart.draw(chart), found, **more)


def patient_outcomes(
    patient: Patient, notes: Sequence[VisitNote], assessments: Sequence[AssessmentLine]
) -> list[OutcomeSummary]:
    """The pain chart (from the ``assessments`` and visit ``notes`` the page has read) and the
    PSFS chart: one statement."""
    nprs, psfs = instrument(NPRS), instrument(PSFS)
    assessed = assessment_pains(assessments)
    before, after = visit_pains(notes)
    pain = Chart(
        "outcome-nprs",
        "Pain (NPRS) over time",
        nprs.item_min,
        nprs.item_max,
        nprs.better,
        f"{nprs.short} {nprs.item_min}-{nprs.item_max}",
        (
            Series("Assessment, pain now", "assessed", tuple(assessed)),
            Series("Visit, pain before treatment", "before", tuple(before)),
            Series("Visit, pain after treatment", "after", tuple(after)),
        ),
    )
    # The trend compares like with like: pain now at an assessment, pain before treatment at a
    # visit; pain just after treatment is the session's effect, not the course's.
    pain_trend = sorted(assessed + before, key=lambda point: point.on)
    responses = [item for item in patient_responses(patient) if item.instrument == PSFS]
    means = tuple(Point(response.recorded_on, response.total) for response in responses)
    function = Chart(
        "outcome-psfs",
        "Function (PSFS mean) over time",
        psfs.item_min,
        psfs.item_max,
        psfs.better,
        f"{psfs.short} mean {psfs.item_min}-{psfs.item_max}",
        (Series("PSFS, mean of the activities", "mean", means),),
    )
    # The PSFS changes within an episode: its own activities, from the baseline before the plan.
    episode = _episode(responses)
    return [
        _summary(nprs, pain, pain_trend),
        _summary(
            psfs,
            function,
            [Point(response.recorded_on, response.total) for response in episode],
            activities=_latest_activities(episode),
        ),
    ]


def _episode(responses: Sequence[OutcomeResponse]) -> list[OutcomeResponse]:
    """The responses of the latest response's episode: its plan's, and those before any plan."""
    if not responses:
        return []
    plan_id = responses[-1].plan_id
    return [item for item in responses if item.plan_id in (plan_id, None)]


def _latest_activities(episode: Sequence[OutcomeResponse]) -> tuple[ActivityScore, ...]:
    """The latest response's activities, each with its first score earlier in the episode."""
    if not episode:
        return ()
    first: dict[str, int] = {}
    for response in episode[:-1]:
        for item in response.items:
            first.setdefault(item.activity.casefold(), item.score)
    return tuple(
        ActivityScore(item.activity, item.score, first.get(item.activity.casefold()))
        for item in episode[-1].items
    )


@statement_built_once
def _goal_outcomes_statement() -> Select:
    """The latest PSFS of the plan's episode (with its items) and the latest pain before
    treatment at a signed visit of the plan, in one statement: one row whatever is missing,
    the PSFS outer-joined to it and the visit's two values as scalar subqueries."""
    latest_psfs = (
        select(OutcomeResponse.id)
        .where(
            OutcomeResponse.patient_id == bindparam("patient_id"),
            OutcomeResponse.instrument == PSFS,
            (OutcomeResponse.plan_id == bindparam("plan_id")) | OutcomeResponse.plan_id.is_(None),
        )
        .order_by(OutcomeResponse.recorded_on.desc(), OutcomeResponse.id.desc())
        .limit(1)
        .scalar_subquery()
    )

    def latest_visit(column):
        return (
            select(column)
            .join(PlanVersion, VisitNote.plan_version_id == PlanVersion.id)
            .where(
                PlanVersion.plan_id == bindparam("plan_id"),
                VisitNote.status == VisitNoteStatus.SIGNED,
                VisitNote.pain_before.is_not(None),
            )
            .order_by(VisitNote.occurred_at.desc(), VisitNote.id.desc())
            .limit(1)
            .scalar_subquery()
        )

    one_row = select(literal(1).label("one")).subquery()
    return (
        select(
            OutcomeResponse,
            latest_visit(VisitNote.occurred_at).label("visit_at"),
            latest_visit(VisitNote.pain_before).label("visit_pain"),
        )
        .select_from(one_row)
        .outerjoin(OutcomeResponse, OutcomeResponse.id == latest_psfs)
        .options(joinedload(OutcomeResponse.items))
    )


# Plan goals ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalOutcomes:
    """The goal measures a plan's outcome measures give, and the day each value was measured."""

    measures: list[GoalMeasure]
    measured_on: dict[str, date]


def goal_outcomes(plan: TreatmentPlan) -> GoalOutcomes:
    """The latest PSFS of the plan's episode and the latest pain before treatment at a signed
    visit of the plan, as goal measures: one statement."""
    of_plan = {"patient_id": plan.patient_id, "plan_id": plan.id}
    latest, visit_at, visit_pain = (
        db.session.execute(_goal_outcomes_statement(), of_plan).unique().one()
    )
    measures = outcome_goal_measures(
        [ItemAnswer(item.activity, item.score) for item in latest.items] if latest else [],
        latest.total if latest else None,
        visit_pain,
    )
    measured_on = {}
    for measure in measures:
        if measure.code == "visit_nprs":
            if visit_at is not None:
                measured_on[measure.code] = visit_at.date()
        elif latest:
            measured_on[measure.code] = latest.recorded_on
    return GoalOutcomes(measures, measured_on)
