"""All models, one module per domain, re-exported so Alembic sees the whole schema."""

from practice.models.clinic import Clinic, Role, User
from practice.models.patient import (
    Consent,
    ConsentGivenBy,
    ConsentScope,
    ConsentType,
    Patient,
    PatientFlag,
    Sex,
)

__all__ = [
    "Clinic",
    "Consent",
    "ConsentGivenBy",
    "ConsentScope",
    "ConsentType",
    "Patient",
    "PatientFlag",
    "Role",
    "Sex",
    "User",
]
