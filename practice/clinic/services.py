"""The clinic's own details, its logo and its therapists' registration numbers.

Services flush; the view commits once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from practice.clinic.logo import Logo
from practice.extensions import db
from practice.models import AuditEntry, Clinic, User

CLINIC_FIELDS = (
    "name",
    "address",
    "phone",
    "email",
    "registration_line",
    "default_paper",
    "session_idle_minutes",
    "session_lifetime_hours",
)
#: The route of ``views.logo``; built by hand because handouts are also rendered outside a
#: request (the command line), where ``url_for`` has no host to build on.
LOGO_PATH = "/clinic/logo"


def clinic_values(clinic: Clinic) -> dict[str, Any]:
    return {field: getattr(clinic, field) for field in CLINIC_FIELDS}


def name_taken(name: str, clinic: Clinic) -> bool:
    """Whether another clinic already has ``name`` (clinic names are unique)."""
    other = select(Clinic.id).where(Clinic.name == name, Clinic.id != clinic.id)
    return db.session.scalar(other) is not None


def update_clinic(
    clinic: Clinic, values: dict[str, Any], *, logo: Logo | None, remove_logo: bool
) -> None:
    """Write every detail at once; ``logo`` replaces the logo, ``remove_logo`` clears it."""
    for field in CLINIC_FIELDS:
        setattr(clinic, field, values[field])
    if logo is not None:
        clinic.logo, clinic.logo_media_type = logo.data, logo.media_type
    elif remove_logo:
        clinic.logo, clinic.logo_media_type = None, None
    db.session.flush()


def clinic_users(clinic: Clinic) -> list[User]:
    statement = select(User).where(User.clinic_id == clinic.id)
    return list(db.session.scalars(statement.order_by(User.display_name, User.id)))


def update_therapist(user: User, *, display_name: str, registration_number: str) -> None:
    user.display_name = display_name
    user.registration_number = registration_number or None
    db.session.flush()


def logo_of(clinic: Clinic) -> Logo | None:
    if clinic.logo_media_type is None or clinic.logo is None:
        return None
    return Logo(clinic.logo, clinic.logo_media_type)


def logo_url(clinic: Clinic) -> str:
    """Where the print page finds the logo ("" without one); the digest changes with the logo,
    so a browser never shows an old one from its cache."""
    logo = logo_of(clinic)
    if logo is None:
        return ""
    return f"{LOGO_PATH}?v={hashlib.sha256(logo.data).hexdigest()[:16]}"


def logo_resources(clinic: Clinic) -> dict[str, tuple[bytes, str]]:
    """The logo by the URL the handout names it with, for the PDF renderer to serve from memory."""
    logo = logo_of(clinic)
    return {logo_url(clinic): (logo.data, logo.media_type)} if logo else {}


@dataclass(frozen=True)
class HandoutReadiness:
    """What a handout needs from the clinic's settings and does not have yet (reference 8.3:
    "clinician name and contact, clinic details"), and whether a handout may be given at all:
    only one that tells the patient how to reach the clinic, by phone or e-mail."""

    missing: tuple[str, ...]
    can_be_contacted: bool


def handout_readiness(clinic: Clinic) -> HandoutReadiness:
    can_be_contacted = bool(clinic.phone or clinic.email)
    missing = (("the clinic's address",) if not clinic.address.strip() else ()) + (
        ("a phone number or e-mail",) if not can_be_contacted else ()
    )
    return HandoutReadiness(missing, can_be_contacted)


AUDIT_PAGE_SIZE = 200


def audit_entries(
    clinic: Clinic,
    *,
    patient_id: int | None = None,
    user_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[AuditEntry]:
    """The clinic's newest audit entries that match, at most ``AUDIT_PAGE_SIZE``."""
    statement = select(AuditEntry).where(AuditEntry.clinic_id == clinic.id)
    if patient_id is not None:
        statement = statement.where(AuditEntry.patient_id == patient_id)
    if user_id is not None:
        statement = statement.where(AuditEntry.actor_id == user_id)
    if since is not None:
        statement = statement.where(AuditEntry.at >= datetime.combine(since, time(), UTC))
    if until is not None:
        statement = statement.where(
            AuditEntry.at < datetime.combine(until + timedelta(days=1), time(), UTC)
        )
    statement = statement.order_by(AuditEntry.sequence.desc()).limit(AUDIT_PAGE_SIZE)
    return list(db.session.scalars(statement))
