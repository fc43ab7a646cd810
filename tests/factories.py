"""Builders for test data: ``make_<model>(**overrides)``. Call inside an app context."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from practice.auth.services import create_user, get_or_create_clinic
from practice.extensions import db
from practice.models import Clinic, Patient, PatientFlag, Role, User
from practice.patients.services import PATIENT_FIELDS, add_flag, create_patient

DEFAULT_PASSWORD = "correct horse battery staple"
_sequence = itertools.count(1)


def make_clinic(**overrides: Any) -> Clinic:
    clinic, _ = get_or_create_clinic(overrides.pop("name", f"Clinic {next(_sequence)}"))
    for field, value in overrides.items():
        setattr(clinic, field, value)
    db.session.commit()
    return clinic


def make_user(**overrides: Any) -> User:
    number = next(_sequence)
    clinic = overrides.pop("clinic", None) or make_clinic()
    active = overrides.pop("active", True)
    fields = {
        "email": f"clinician{number}@example.org",
        "display_name": f"Clinician {number}",
        "password": DEFAULT_PASSWORD,
        "role": Role.CLINICIAN,
    } | overrides
    user = create_user(clinic=clinic, **fields)
    user.active = active
    db.session.commit()
    return user


def make_patient(**overrides: Any) -> Patient:
    author = overrides.pop("author", None) or make_user(clinic=overrides.pop("clinic", None))
    number = next(_sequence)
    values = {field: "" for field in PATIENT_FIELDS} | {
        "given_names": f"Given{number}",
        "family_name": f"Family{number}",
        "date_of_birth": date(1970, 1, 1),
        "sex": "not_stated",
        "activity_level": None,
    }
    patient = create_patient(values | overrides, author=author)
    db.session.commit()
    return patient


def make_flag(patient: Patient, **overrides: Any) -> PatientFlag:
    values = {"kind": "diabetes", "recorded_on": date(2026, 1, 5)} | overrides
    flag = add_flag(patient, values, author=patient.created_by)
    db.session.commit()
    return flag


def make_assessment(patient: Patient, *, record=None, finalised: bool = False, **overrides: Any):
    """A draft (or finalised) assessment of ``patient`` holding ``record`` (an AssessmentData)."""
    from practice.assessments import services
    from practice.assessments.codec import to_json

    author = overrides.pop("author", None) or patient.created_by
    assessment = services.start_assessment(
        patient, author=author, seen_on=overrides.pop("seen_on", date(2026, 3, 2))
    )
    if record is not None:
        assessment.data = to_json(record)
    for field, value in overrides.items():
        setattr(assessment, field, value)
    db.session.flush()
    if finalised:
        services.finalise(assessment, author=author)
    db.session.commit()
    return assessment
