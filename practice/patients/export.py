"""The patient's whole record as JSON: the right of access (UK GDPR art. 15)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from practice.assessments.services import exported_findings
from practice.db import utcnow
from practice.documents import ASSESSMENT_RECORD, DOSAGE, SCREENING
from practice.extensions import db
from practice.letters import services as letter_services
from practice.models import (
    Assessment,
    AuditEntry,
    HandoutRecord,
    LetterRecord,
    Patient,
    PlanVersion,
    TreatmentPlan,
)
from practice.outcomes.services import exported_responses
from practice.patients.services import PATIENT_FIELDS
from practice.visits.services import exported_notes

EXPORT_FORMAT = "practice.patient-record/4"
"""2: flags list their regions; 3: plans, handouts, audit; 4: visit notes, outcome responses,
letters, and the assessment body chart's details."""


def patient_record(patient: Patient) -> dict[str, Any]:
    return {
        "format": EXPORT_FORMAT,
        "exported_at": utcnow().isoformat(),
        "clinic": patient.clinic.name,
        "patient": {"id": patient.id}
        | {field: _plain(getattr(patient, field)) for field in PATIENT_FIELDS}
        | {"created_at": patient.created_at.isoformat()},
        "flags": [
            {
                "kind": flag.kind,
                "regions": list(flag.regions),
                "side": flag.side,
                "trimester": flag.trimester,
                "high_risk": flag.high_risk,
                "technique": flag.technique,
                "detail": flag.detail,
                "recorded_on": flag.recorded_on.isoformat(),
                "recorded_by": flag.recorded_by.display_name,
                "resolved_on": _plain(flag.resolved_on),
                "resolved_by": flag.resolved_by.display_name if flag.resolved_by else None,
                "resolution_note": flag.resolution_note,
            }
            for flag in patient.flags
        ],
        "consents": [
            {
                "subject": consent.subject,
                "consent_type": consent.consent_type,
                "scope": consent.scope,
                "given_by": consent.given_by,
                "capacity_confirmed": consent.capacity_confirmed,
                "risks_discussed": consent.risks_discussed,
                "given_on": consent.given_on.isoformat(),
                "taken_by": consent.taken_by.display_name,
                "withdrawn_on": _plain(consent.withdrawn_on),
            }
            for consent in patient.consents
        ],
        "assessments": [_assessment(item) for item in _assessments(patient)],
        "plans": [_plan(plan) for plan in _plans(patient)],
        "handouts": [_handout(record) for record in _handouts(patient)],
        "visit_notes": exported_notes(patient),
        "outcomes": exported_responses(patient),
        "letters": [_letter(letter) for letter in letter_services.patient_letters(patient)],
        "audit": [_audited(entry) for entry in _audit_entries(patient)],
    }


def _audit_entries(patient: Patient) -> list[AuditEntry]:
    statement = select(AuditEntry).where(AuditEntry.patient_id == patient.id)
    return list(db.session.scalars(statement.order_by(AuditEntry.sequence)))


def _audited(entry: AuditEntry) -> dict[str, Any]:
    """Who looked at or changed the record, and when (the right of access includes it)."""
    return {
        "at": entry.at.isoformat(),
        "by": entry.actor_name,
        "action": entry.action,
        "record_type": entry.record_type,
        "record_id": entry.record_id,
        "detail": entry.detail,
    }


def _assessments(patient: Patient) -> list[Assessment]:
    """Newest first, with their addenda and history: a statement per kind of row, not per
    assessment."""
    statement = (
        select(Assessment)
        .where(Assessment.patient_id == patient.id)
        .order_by(Assessment.seen_on.desc(), Assessment.id.desc())
        .options(selectinload(Assessment.addenda), selectinload(Assessment.events))
    )
    return list(db.session.scalars(statement))


def _plans(patient: Patient) -> list[TreatmentPlan]:
    """With every version's items and goals and the plan's history, as ``_assessments``."""
    versions = selectinload(TreatmentPlan.versions)
    statement = (
        select(TreatmentPlan)
        .where(TreatmentPlan.patient_id == patient.id)
        .order_by(TreatmentPlan.id)
        .options(
            joinedload(TreatmentPlan.created_by),
            versions.selectinload(PlanVersion.items),
            versions.selectinload(PlanVersion.goals),
            selectinload(TreatmentPlan.events),
        )
    )
    return list(db.session.scalars(statement))


def _handouts(patient: Patient) -> list[HandoutRecord]:
    statement = select(HandoutRecord).where(HandoutRecord.patient_id == patient.id)
    statement = statement.options(joinedload(HandoutRecord.created_by))
    return list(db.session.scalars(statement.order_by(HandoutRecord.id)))


def _plan(plan: TreatmentPlan) -> dict[str, Any]:
    """Every version of the plan, each item with its screening decision, override or
    acknowledgement, and the plan's history."""
    return {
        "id": plan.id,
        "assessment_id": plan.assessment_id,
        "created_at": plan.created_at.isoformat(),
        "created_by": plan.created_by.display_name,
        "versions": [_version(version) for version in plan.versions],
        "history": [
            {
                "at": event.at.isoformat(),
                "version": event.version_number,
                "actor": event.actor.display_name,
                "action": event.action,
                "detail": event.detail,
            }
            for event in plan.events
        ],
    }


def _version(version: PlanVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "status": version.status,
        "created_at": version.created_at.isoformat(),
        "created_by": version.created_by.display_name,
        "issued_at": _plain(version.issued_at),
        "issued_by": version.issued_by.display_name if version.issued_by else None,
        "sessions_per_week": version.sessions_per_week,
        "duration_weeks": version.duration_weeks,
        "review_on": _plain(version.review_on),
        "notes": version.notes,
        "items": [
            {
                "position": item.position,
                "catalogue_item": item.catalogue_item.key,
                "name": item.catalogue_item.name,
                "site_region": item.site_region,
                "site_side": item.site_side,
                "electrode_placement": item.electrode_placement,
                "dosage": DOSAGE.encode(item.dosage),
                "reason": item.reason,
                "verdict": item.verdict,
                "screening": SCREENING.encode(item.screening),
                "override_reason": item.override_reason,
                "acknowledged_at": _plain(item.acknowledged_at),
                "acknowledged_by": (
                    item.acknowledged_by.display_name if item.acknowledged_by else None
                ),
                "notes": item.notes,
                "added_by": item.added_by.display_name,
            }
            for item in version.items
        ],
        "goals": [
            {
                "measure": goal.measure,
                "label": goal.label,
                "comparator": goal.comparator,
                "target": str(goal.target),
                "unit": goal.unit,
                "baseline": None if goal.baseline is None else str(goal.baseline),
                "target_on": goal.target_on.isoformat(),
                "text": goal.text,
            }
            for goal in version.goals
        ],
    }


def _handout(record: HandoutRecord) -> dict[str, Any]:
    """What was given and its SHA-256: the PDF itself is reprinted from the record."""
    return {
        "id": record.id,
        "kind": record.kind,
        "plan_version_id": record.plan_version_id,
        "paper": record.paper,
        "large_print": record.large_print,
        "page_count": record.page_count,
        "sha256": record.sha256,
        "created_at": record.created_at.isoformat(),
        "given_by": record.created_by.display_name if record.created_by else None,
    }


def _letter(letter: LetterRecord) -> dict[str, Any]:
    """What the clinician wrote, what the letter was made from, and its SHA-256: the PDF itself
    is reprinted from the record."""
    return {
        "id": letter.id,
        "kind": letter.kind,
        "urgency": letter.urgency,
        "addressee": letter.addressee,
        "reason": letter.reason,
        "extra": letter.extra,
        "assessment_id": letter.assessment_id,
        "plan_version_id": letter.plan_version_id,
        "paper": letter.paper,
        "page_count": letter.page_count,
        "sha256": letter.sha256,
        "created_at": letter.created_at.isoformat(),
        "issued_by": letter.created_by.display_name,
    }


def _assessment(assessment: Assessment) -> dict[str, Any]:
    return {
        "id": assessment.id,
        "status": assessment.status,
        "seen_on": assessment.seen_on.isoformat(),
        "clinician": assessment.clinician.display_name,
        "previous_assessment_id": assessment.previous_assessment_id,
        "created_at": assessment.created_at.isoformat(),
        "finalised_at": _plain(assessment.finalised_at),
        "finalised_by": assessment.finalised_by.display_name if assessment.finalised_by else None,
        "record": ASSESSMENT_RECORD.encode(assessment.data),  # with its schema_version
        "impression": assessment.impression,
        "findings": exported_findings(assessment),
        "addenda": [
            {
                "written_at": addendum.written_at.isoformat(),
                "author": addendum.author.display_name,
                "refers_to_on": _plain(addendum.refers_to_on),
                "reason": addendum.reason,
                "text": addendum.text,
            }
            for addendum in assessment.addenda
        ],
        "history": [
            {
                "at": event.at.isoformat(),
                "actor": event.actor_name,
                "action": event.action,
                "detail": event.detail,
            }
            for event in assessment.events
        ],
    }


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value
