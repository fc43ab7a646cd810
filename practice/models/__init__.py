"""All models, one module per domain, re-exported so Alembic sees the whole schema."""

import practice.models.visit  # noqa: F401 (visit notes: imported from their module)
from practice.models.access import AccountLink, AccountLinkPurpose, RateLimitCounter, UserSession
from practice.models.assessment import (
    Addendum,
    Assessment,
    AssessmentEvent,
    AssessmentStatus,
    FinalisedRecordError,
)
from practice.models.audit import AuditEntry, AuditHead
from practice.models.catalogue import CatalogueItem, ItemType
from practice.models.clinic import Clinic, Role, User
from practice.models.handout import HandoutKind, HandoutRecord, Paper
from practice.models.letter import LetterKind, LetterRecord
from practice.models.outcome import OutcomeItem, OutcomeResponse
from practice.models.patient import (
    Consent,
    ConsentGivenBy,
    ConsentScope,
    ConsentType,
    Patient,
    PatientFlag,
    PatientSearchToken,
    Sex,
)
from practice.models.plan import (
    PlanEvent,
    PlanGoal,
    PlanItem,
    PlanStatus,
    PlanVersion,
    TreatmentPlan,
)

__all__ = [
    "AccountLink",
    "AccountLinkPurpose",
    "Addendum",
    "Assessment",
    "AssessmentEvent",
    "AssessmentStatus",
    "AuditEntry",
    "AuditHead",
    "CatalogueItem",
    "Clinic",
    "Consent",
    "ConsentGivenBy",
    "ConsentScope",
    "ConsentType",
    "FinalisedRecordError",
    "HandoutKind",
    "HandoutRecord",
    "ItemType",
    "LetterKind",
    "LetterRecord",
    "OutcomeItem",
    "OutcomeResponse",
    "Paper",
    "Patient",
    "PatientFlag",
    "PatientSearchToken",
    "PlanEvent",
    "PlanGoal",
    "PlanItem",
    "PlanStatus",
    "PlanVersion",
    "RateLimitCounter",
    "Role",
    "Sex",
    "TreatmentPlan",
    "User",
    "UserSession",
]
