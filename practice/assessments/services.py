"""Assessments: start, save a section, finalise, amend. Services flush; the view commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import JSON, Select, bindparam, insert, select, type_coerce
from sqlalchemy.orm import defer, joinedload

from practice.assessments.sections import Section
from practice.clinical.assessment_data import AssessmentData
from practice.clinical.findings import Finding, findings_for
from practice.clinical.record_rules import finalisation_problems
from practice.db import statement_built_once, utcnow
from practice.documents import converter
from practice.extensions import db
from practice.models import (
    Addendum,
    Assessment,
    AssessmentEvent,
    AssessmentStatus,
    Patient,
    PlanGoal,
    TreatmentPlan,
    User,
)
from practice.reference import clinical_reference


class RecordLocked(Exception):
    """The assessment is finalised (amended with addenda, never changed) or was discarded."""

    def __init__(self, assessment: Assessment) -> None:
        if assessment.is_discarded:
            super().__init__(
                f"This draft was discarded on {assessment.discarded_at:%d %b %Y at %H:%M} UTC "
                "and can no longer be changed. Start a new assessment instead."
            )
            return
        super().__init__(
            f"This assessment was finalised on {assessment.finalised_at:%d %b %Y at %H:%M} UTC "
            "and can no longer be changed. Add a dated addendum instead."
        )


class StaleDraft(Exception):
    """Someone else saved the draft after this form was opened."""

    def __init__(self) -> None:
        super().__init__(
            "Someone else saved this assessment after you opened it, so your changes were not "
            "saved. They are still in the form below: reload the section in another tab to see "
            "the newer version, then save again."
        )


class NotReadyToFinalise(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def record_of(assessment: Assessment) -> AssessmentData:
    return assessment.data


def store_record(assessment: Assessment, record: AssessmentData) -> None:
    assessment.data = record


def findings_of(assessment: Assessment) -> list[Finding]:
    return findings_for(record_of(assessment), clinical_reference())


def exported_findings(assessment: Assessment) -> list[dict[str, Any]]:
    return [converter.unstructure(finding) for finding in findings_of(assessment)]


def latest_finalised(patient: Patient) -> Assessment | None:
    return db.session.scalar(_latest_finalised(), {"patient_id": patient.id})


@statement_built_once
def _latest_finalised() -> Select:
    return (
        select(Assessment)
        .where(
            Assessment.patient_id == bindparam("patient_id"),
            Assessment.status == AssessmentStatus.FINALISED,
        )
        .order_by(Assessment.seen_on.desc(), Assessment.finalised_at.desc())
        .limit(1)
    )


# The patient page lists every assessment and charts its "pain now" without decoding any record
# (decoding costs a millisecond or more each): the score is read from the stored document by its
# path; tests/test_outcomes_views.py checks the path against records stored through the codec.
NPRS_NOW_PATH = ("subjective", "nprs_now")


@dataclass(frozen=True)
class AssessmentLine:
    assessment: Assessment  # its record not loaded; its clinician loaded
    pain_now: int | None


def assessment_lines(patient: Patient) -> list[AssessmentLine]:
    """The patient's assessments, oldest first, each with its pain now: one statement for the
    patient page's timeline and pain chart."""
    return [
        AssessmentLine(assessment, pain_now)
        for assessment, pain_now in db.session.execute(_lines(), {"patient_id": patient.id})
    ]


@statement_built_once
def _lines() -> Select:
    pain_now = type_coerce(Assessment.data, JSON)[NPRS_NOW_PATH].as_integer()
    return (
        select(Assessment, pain_now)
        .where(Assessment.patient_id == bindparam("patient_id"))
        .options(joinedload(Assessment.clinician), defer(Assessment.data))
        .order_by(Assessment.seen_on, Assessment.id)
    )


def patient_assessments(patient: Patient) -> list[Assessment]:
    return list(
        db.session.scalars(
            select(Assessment)
            .where(Assessment.patient_id == patient.id)
            .order_by(Assessment.seen_on.desc(), Assessment.id.desc())
        )
    )


def finalised_others(assessment: Assessment) -> list[Assessment]:
    """The patient's other finalised assessments, newest first: what this one is compared with."""
    return [
        item
        for item in patient_assessments(assessment.patient)
        if item.id != assessment.id and item.is_finalised
    ]


def plans_of(assessment: Assessment) -> list[TreatmentPlan]:
    return list(db.session.scalars(_plans_of(), {"assessment_id": assessment.id}))


@statement_built_once
def _plans_of() -> Select:
    return (
        select(TreatmentPlan)
        .where(TreatmentPlan.assessment_id == bindparam("assessment_id"))
        .order_by(TreatmentPlan.id)
    )


def goals_set_after(assessment: Assessment) -> list[PlanGoal]:
    """The goals given to the patient after ``assessment``: those of the last issued version of
    each plan made from it (a draft was never given to the patient)."""
    goals: list[PlanGoal] = []
    for plan in plans_of(assessment):
        if plan.given:
            goals += plan.given[-1].goals
    return goals


def _record_event(
    assessment: Assessment, actor: User | None, action: str, detail: str = ""
) -> None:
    db.session.add(
        AssessmentEvent(
            clinic_id=assessment.clinic_id,
            assessment=assessment,
            actor=actor,
            action=action,
            detail=detail,
        )
    )


def start_assessment(patient: Patient, *, author: User, seen_on: date) -> Assessment:
    """A new draft; a re-assessment starts pre-filled from the last finalised assessment."""
    previous = latest_finalised(patient)
    assessment = Assessment(
        clinic_id=patient.clinic_id,
        patient=patient,
        clinician=author,
        previous_assessment=previous,
        seen_on=seen_on,
        data=previous.data if previous else AssessmentData(),
        impression="",
    )
    db.session.add(assessment)
    detail = f"pre-filled from the assessment of {previous.seen_on:%d %b %Y}" if previous else ""
    _record_event(assessment, author, "created", detail)
    db.session.flush()
    return assessment


def ensure_draft(assessment: Assessment) -> None:
    if not assessment.is_draft:
        raise RecordLocked(assessment)


def discard(assessment: Assessment, *, author: User, reason: str) -> None:
    """Set a draft aside, recorded with who, when and why: it stays on the record, read-only,
    and is never a finalised record."""
    ensure_draft(assessment)
    assessment.status = AssessmentStatus.DISCARDED
    assessment.discarded_at = utcnow()
    assessment.discarded_by = author
    assessment.discard_reason = reason
    _record_event(assessment, author, "discarded", reason)
    db.session.flush()


def save_section(
    assessment: Assessment,
    section: Section,
    record: AssessmentData,
    *,
    author: User,
    expected_version: int | None,
    impression: str | None = None,
) -> None:
    ensure_draft(assessment)
    if expected_version != assessment.version:
        raise StaleDraft
    store_record(assessment, record)
    if impression is not None:
        assessment.impression = impression
    _record_event(assessment, author, "section_saved", section.title)
    db.session.flush()


def finalise(assessment: Assessment, *, author: User) -> None:
    ensure_draft(assessment)
    problems = finalisation_problems(record_of(assessment), clinical_reference())
    if problems:
        raise NotReadyToFinalise(problems)
    assessment.status = AssessmentStatus.FINALISED
    assessment.finalised_at = utcnow()
    assessment.finalised_by = author
    _record_event(assessment, author, "finalised")
    db.session.flush()


def add_addendum(
    assessment: Assessment, *, author: User, reason: str, text: str, refers_to_on: date | None
) -> Addendum:
    if not assessment.is_finalised:
        raise ValueError("A draft is edited directly; addenda amend finalised assessments.")
    addendum = Addendum(
        clinic_id=assessment.clinic_id,
        assessment=assessment,
        author=author,
        reason=reason,
        text=text,
        refers_to_on=refers_to_on,
    )
    db.session.add(addendum)
    _record_event(assessment, author, "addendum_added", reason)
    db.session.flush()
    return addendum


def record_export(assessments: list[Assessment], actor: User | None) -> None:
    """Put the export in each assessment's history, in one statement however many there are;
    ``actor`` is None when it was run from the command line."""
    if not assessments:
        return
    at = utcnow()
    db.session.execute(
        insert(AssessmentEvent),
        [
            {
                "clinic_id": assessment.clinic_id,
                "assessment_id": assessment.id,
                "actor_id": actor.id if actor else None,
                "at": at,
                "action": "exported",
                "detail": "" if actor else "command line",
            }
            for assessment in assessments
        ],
    )
