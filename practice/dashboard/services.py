"""The clinician's day on one page: open drafts, plans due for review, patients seen lately and
the handouts given today. Each list is one index range in the order shown, read a few rows
deep, so the page costs the same for a clinician with ten patients or ten thousand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import contains_eager, joinedload

from practice.extensions import db
from practice.models import (
    Assessment,
    AssessmentStatus,
    HandoutRecord,
    Patient,
    PlanStatus,
    PlanVersion,
    TreatmentPlan,
    User,
)
from practice.models.visit import VisitNote, VisitNoteStatus
from practice.visits.services import draft_notes

SHOWN = 10
"""Rows per list: the oldest drafts, the most overdue reviews, the latest patients."""
REVIEW_AHEAD = timedelta(days=7)
"""A plan is due for review from a week before its review date."""
SEEN_WITHIN = timedelta(days=14)


@dataclass(frozen=True)
class Draft:
    kind: str  # "assessment", "plan" or "note" (a visit note)
    patient: Patient
    started: datetime
    record: Assessment | PlanVersion | VisitNote


def open_drafts(user: User) -> list[Draft]:
    """The user's draft assessments, plan versions and visit notes, oldest first."""
    assessments = db.session.scalars(_draft_assessments(user)).unique().all()
    versions = db.session.scalars(_draft_versions(user)).unique().all()
    drafts = [Draft("assessment", row.patient, row.created_at, row) for row in assessments]
    drafts += [Draft("plan", row.plan.patient, row.created_at, row) for row in versions]
    drafts += [Draft("note", row.patient, row.created_at, row) for row in draft_notes(user, SHOWN)]
    return sorted(drafts, key=lambda draft: draft.started)[:SHOWN]


def _draft_assessments(user: User) -> Select:
    return (
        select(Assessment)
        .where(Assessment.clinician_id == user.id, Assessment.status == AssessmentStatus.DRAFT)
        .order_by(Assessment.seen_on, Assessment.id)
        .options(joinedload(Assessment.patient))
        .limit(SHOWN)
    )


def _draft_versions(user: User) -> Select:
    return (
        _with_plan_and_patient(select(PlanVersion))
        .where(PlanVersion.created_by_id == user.id, PlanVersion.status == PlanStatus.DRAFT)
        .order_by(PlanVersion.created_at, PlanVersion.id)
        .limit(SHOWN)
    )


def _with_plan_and_patient(statement: Select) -> Select:
    return (
        statement.join(PlanVersion.plan)
        .join(TreatmentPlan.patient)
        .options(contains_eager(PlanVersion.plan).contains_eager(TreatmentPlan.patient))
    )


def plans_due_for_review(user: User, today: date) -> list[PlanVersion]:
    """The plans the user issued whose review date has come or comes within a week, the most
    overdue first; a superseded version is no longer the plan, so only issued ones count."""
    return list(db.session.scalars(_due_statement(user, today)).unique())


def _due_statement(user: User, today: date) -> Select:
    return (
        _with_plan_and_patient(select(PlanVersion))
        .where(
            PlanVersion.issued_by_id == user.id,
            PlanVersion.status == PlanStatus.ISSUED,
            PlanVersion.review_on <= today + REVIEW_AHEAD,
            Patient.archived_at.is_(None),
        )
        .order_by(PlanVersion.review_on, PlanVersion.id)
        .limit(SHOWN)
    )


def patients_seen_recently(user: User, today: date) -> list[tuple[Patient, date]]:
    """The patients the user assessed or treated (a signed visit note) in the last two weeks,
    latest first, each once (read from the user's latest few of each, so a patient seen daily
    cannot fill the page)."""
    since = datetime.combine(today - SEEN_WITHIN, time(), UTC)
    seen = list(db.session.execute(_assessed(user, today)))
    seen += [
        (patient_id, at.date()) for patient_id, at in db.session.execute(_treated(user, since))
    ]
    latest: dict[int, date] = {}
    for patient_id, day in sorted(seen, key=lambda row: row[1], reverse=True):
        latest.setdefault(patient_id, day)
    chosen = list(latest)[:SHOWN]
    patients = {
        patient.id: patient
        for patient in db.session.scalars(select(Patient).where(Patient.id.in_(chosen)))
    }
    return [(patients[patient_id], latest[patient_id]) for patient_id in chosen]


def _assessed(user: User, today: date) -> Select:
    return (
        select(Assessment.patient_id, Assessment.seen_on)
        .where(
            Assessment.clinician_id == user.id,
            Assessment.status == AssessmentStatus.FINALISED,
            Assessment.seen_on >= today - SEEN_WITHIN,
        )
        .order_by(Assessment.seen_on.desc(), Assessment.id.desc())
        .limit(SHOWN * 3)
    )


def _treated(user: User, since: datetime) -> Select:
    return (
        select(VisitNote.patient_id, VisitNote.occurred_at)
        .where(
            VisitNote.clinician_id == user.id,
            VisitNote.status == VisitNoteStatus.SIGNED,
            VisitNote.occurred_at >= since,
        )
        .order_by(VisitNote.occurred_at.desc(), VisitNote.id.desc())
        .limit(SHOWN * 3)
    )


def handouts_given_today(clinic_id: int, today: date) -> list[HandoutRecord]:
    """The clinic's handouts given since midnight (UTC), latest first."""
    return list(db.session.scalars(_handouts_statement(clinic_id, today)).unique())


def _handouts_statement(clinic_id: int, today: date) -> Select:
    midnight = datetime.combine(today, time(), UTC)
    return (
        select(HandoutRecord)
        .where(HandoutRecord.clinic_id == clinic_id, HandoutRecord.created_at >= midnight)
        .order_by(HandoutRecord.created_at.desc(), HandoutRecord.id.desc())
        .options(joinedload(HandoutRecord.patient), joinedload(HandoutRecord.created_by))
        .limit(SHOWN)
    )
