"""The patient's whole record as JSON: the right of access (UK GDPR art. 15)."""

from __future__ import annotations

from typing import Any

from practice.assessments.services import exported_findings, patient_assessments
from practice.db import utcnow
from practice.documents import ASSESSMENT_RECORD
from practice.models import Assessment, Patient
from practice.patients.services import PATIENT_FIELDS

EXPORT_FORMAT = "practice.patient-record/2"  # 2: a flag lists its regions


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
        "assessments": [_assessment(item) for item in patient_assessments(patient)],
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
