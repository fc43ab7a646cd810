"""Patients, flags and consents. Services flush; the view commits once."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import url_for
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import joinedload

from practice.assessments.services import AssessmentLine
from practice.clinical.labels import label
from practice.db import statement_built_once, utcnow
from practice.extensions import db
from practice.models import (
    Consent,
    HandoutRecord,
    Patient,
    PatientFlag,
    PlanVersion,
    TreatmentPlan,
    User,
)
from practice.models.patient import CONSENT_SUBJECTS, PatientFlagRegion
from practice.models.visit import VisitNote
from practice.patients.search import newest_patients_statement, refresh_search_keys

# Re-exported for other areas: the demo generator writes search rows in bulk with it.
from practice.patients.search_keys import search_keys as search_keys

PATIENT_FIELDS = (
    "given_names",
    "family_name",
    "date_of_birth",
    "sex",
    "phone",
    "reference",
    "email",
    "address",
    "referrer",
    "general_practitioner",
    "occupation",
    "activity_level",
    "medications",
)


def _patient_values(values: dict[str, Any]) -> dict[str, Any]:
    chosen = {field: values[field] for field in PATIENT_FIELDS}
    chosen["activity_level"] = chosen["activity_level"] or None
    return chosen


def patient_values(patient: Patient) -> dict[str, Any]:
    """The patient's details as the patient form holds them."""
    return _patient_values({field: getattr(patient, field) for field in PATIENT_FIELDS})


NOT_AUDITED_VALUES = frozenset({"medications"})
"""Details whose old value the audit trail does not keep (clinical free text): it names them."""


def changed_details(patient: Patient, values: dict[str, Any]) -> str:
    """The audit detail of an edit: each changed field with its old value, as JSON."""
    before, after = patient_values(patient), _patient_values(values)
    changed = {
        field: None if field in NOT_AUDITED_VALUES else _plain(before[field])
        for field in PATIENT_FIELDS
        if before[field] != after[field]
    }
    return json.dumps({"old_values": changed}, ensure_ascii=False, sort_keys=True)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def create_patient(values: dict[str, Any], *, author: User) -> Patient:
    patient = Patient(clinic_id=author.clinic_id, created_by=author, **_patient_values(values))
    db.session.add(patient)
    db.session.flush()
    refresh_search_keys(patient)
    return patient


def update_patient(patient: Patient, values: dict[str, Any]) -> None:
    for field, value in _patient_values(values).items():
        setattr(patient, field, value)
    refresh_search_keys(patient)


def newest_patients(clinic_id: int, count: int) -> list[Patient]:
    """The clinic's ``count`` most recently added patients, newest first (from an index)."""
    return list(db.session.scalars(newest_patients_statement(clinic_id, count)))


def current_flag_kinds(patients: list[Patient]) -> dict[int, list[str]]:
    """Each patient's unresolved flag kinds, newest first, in one statement of two columns."""
    kinds: dict[int, list[str]] = {patient.id: [] for patient in patients}
    if kinds:
        rows = db.session.execute(
            select(PatientFlag.patient_id, PatientFlag.kind)
            .where(PatientFlag.patient_id.in_(kinds), PatientFlag.resolved_on.is_(None))
            .order_by(PatientFlag.recorded_on.desc(), PatientFlag.id.desc())
        )
        for patient_id, kind in rows:
            kinds[patient_id].append(kind)
    return kinds


def archive_patient(patient: Patient, *, author: User) -> None:
    """Hide the patient from the lists; nothing of the record is deleted (retention)."""
    if patient.archived_at is not None:
        raise ValueError("This patient is archived already.")
    patient.archived_at, patient.archived_by = utcnow(), author
    db.session.flush()


def restore_patient(patient: Patient) -> None:
    if patient.archived_at is None:
        raise ValueError("This patient is not archived.")
    patient.archived_at, patient.archived_by = None, None
    db.session.flush()


def add_flag(patient: Patient, values: dict[str, Any], *, author: User) -> PatientFlag:
    """Record a flag from the flag form's fields: ``regions`` lists its regions (a single
    ``region`` is one region), ``side`` their side."""
    regions = values.get("regions") or ([values["region"]] if values.get("region") else [])
    flag = PatientFlag(
        clinic_id=patient.clinic_id,
        patient=patient,
        kind=values["kind"],
        region_rows=[PatientFlagRegion(region=region) for region in dict.fromkeys(regions)],
        side=values.get("side") or None,
        trimester=values.get("trimester"),
        high_risk=bool(values.get("high_risk")),
        technique=values.get("technique") or None,
        detail=values.get("detail") or "",
        recorded_on=values["recorded_on"],
        recorded_by=author,
    )
    db.session.add(flag)
    db.session.flush()
    return flag


class FlagAlreadyResolved(ValueError):
    pass


def resolve_flag(flag: PatientFlag, *, resolved_on: date, note: str, author: User) -> None:
    if flag.resolved_on is not None:
        raise FlagAlreadyResolved("This flag was already resolved.")
    if resolved_on < flag.recorded_on:
        raise ValueError("A flag cannot be resolved before the date it was recorded.")
    flag.resolved_on = resolved_on
    flag.resolution_note = note
    flag.resolved_by = author
    db.session.flush()


def add_consent(patient: Patient, values: dict[str, Any], *, author: User) -> Consent:
    consent = Consent(
        clinic_id=patient.clinic_id,
        patient=patient,
        subject=values["subject"],
        consent_type=values["consent_type"],
        scope=values["scope"],
        given_by=values["given_by"],
        capacity_confirmed=values["capacity_confirmed"],
        risks_discussed=values["risks_discussed"],
        given_on=values["given_on"],
        taken_by=author,
    )
    db.session.add(consent)
    db.session.flush()
    return consent


def withdraw_consent(consent: Consent, *, withdrawn_on: date) -> None:
    if consent.withdrawn_on is not None:
        raise ValueError("This consent was already withdrawn.")
    if withdrawn_on < consent.given_on:
        raise ValueError("Consent cannot be withdrawn before the date it was given.")
    consent.withdrawn_on = withdrawn_on
    db.session.flush()


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    at: datetime
    kind: str  # assessment, plan, handout, flag, consent
    text: str
    url: str | None = None


def patient_timeline(
    patient: Patient,
    *,
    clinical: bool,
    notes: Sequence[VisitNote] = (),
    assessments: Sequence[AssessmentLine] = (),
) -> list[TimelineEntry]:
    """Everything recorded for the patient, newest first; without ``clinical`` only what the
    front desk may see (consents and the handouts given, to reprint them). The visit ``notes``
    and ``assessments`` (``assessments.services.assessment_lines``) are the ones the patient
    page reads once for the timeline and the charts."""
    entries = [
        TimelineEntry(
            consent.given_on,
            consent.created_at,
            "consent",
            f"Consent ({label(consent.consent_type).lower()}) to {_consent_subject(consent)}"
            + (f" — withdrawn {consent.withdrawn_on:%d %b %Y}" if consent.withdrawn_on else ""),
        )
        for consent in patient.consents
    ]
    entries += [
        TimelineEntry(
            record.created_at.date(),
            record.created_at,
            "handout",
            f"{label(record.kind)} handout ({record.paper.upper()}"
            + (", large print" if record.large_print else "")
            + f", {record.page_count} pages) given by {record.given_by}",
            url_for("handouts.download", record_id=record.id),
        )
        for record in db.session.scalars(_handouts_given(), {"patient_id": patient.id})
    ]
    if clinical:
        entries += _clinical_timeline(patient, notes, assessments)
    return sorted(entries, key=lambda entry: (entry.on, entry.at), reverse=True)


def _clinical_timeline(
    patient: Patient, notes: Sequence[VisitNote], assessments: Sequence[AssessmentLine]
) -> list[TimelineEntry]:
    entries = [
        TimelineEntry(
            flag.recorded_on,
            flag.created_at,
            "flag",
            f"Flag recorded: {label(flag.kind)}"
            + (f" — resolved {flag.resolved_on:%d %b %Y}" if flag.resolved_on else ""),
        )
        for flag in patient.flags
    ]
    entries += [
        TimelineEntry(
            assessment.seen_on,
            assessment.created_at,
            "assessment",
            ("Re-assessment" if assessment.previous_assessment_id else "Assessment")
            + f" ({assessment.status}) by {assessment.clinician.display_name}",
            url_for("assessments.show", assessment_id=assessment.id),
        )
        for assessment in (line.assessment for line in assessments)
    ]
    entries += [
        TimelineEntry(
            version.issued_at.date() if version.issued_at else version.created_at.date(),
            version.issued_at or version.created_at,
            "plan",
            f"Treatment plan, version {version.number} ({version.status})",
            url_for("plans.show", plan_id=version.plan_id, version=version.number),
        )
        for version in db.session.scalars(_plan_versions(), {"patient_id": patient.id})
    ]
    entries += visit_timeline(notes)
    return entries


@statement_built_once
def _handouts_given() -> Select:
    return (
        select(HandoutRecord)
        .where(HandoutRecord.patient_id == bindparam("patient_id"))
        .options(joinedload(HandoutRecord.created_by))
    )


@statement_built_once
def _plan_versions() -> Select:
    return (
        select(PlanVersion)
        .join(TreatmentPlan)
        .where(TreatmentPlan.patient_id == bindparam("patient_id"))
    )


def visit_timeline(notes: Sequence[VisitNote]) -> list[TimelineEntry]:
    """The patient's visit ``notes`` (``visits.services.patient_notes``, which the page reads
    once for the timeline and the pain chart)."""
    return [
        TimelineEntry(
            note.occurred_at.date(),
            note.created_at,
            "visit",
            f"Visit note ({note.status}) by {note.clinician.display_name}",
            url_for("visits.show", note_id=note.id),
        )
        for note in notes
    ]


def _consent_subject(consent: Consent) -> str:
    return CONSENT_SUBJECTS.get(consent.subject, label(consent.subject)).lower()
