"""Accounts: authentication and user creation. Flushes only; the caller commits."""

from __future__ import annotations

from sqlalchemy import select

from practice.db import utcnow
from practice.extensions import db
from practice.models import Clinic, Role, User
from practice.passwords import check_against_nobody, password_problem


class AccountError(ValueError):
    """A request that cannot be carried out, with a message fit to show to the person."""


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None whatever the reason."""
    user = db.session.scalar(select(User).where(User.email == User.normalise_email(email)))
    if user is None:
        check_against_nobody(password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    user.last_sign_in_at = utcnow()
    return user


def get_or_create_clinic(name: str) -> tuple[Clinic, bool]:
    name = name.strip()
    if not name:
        raise AccountError("A clinic name is required.")
    clinic = db.session.scalar(select(Clinic).where(Clinic.name == name))
    if clinic is not None:
        return clinic, False
    clinic = Clinic(name=name)
    db.session.add(clinic)
    db.session.flush()
    return clinic, True


def create_user(
    *,
    email: str,
    display_name: str,
    password: str,
    clinic: Clinic,
    role: Role = Role.CLINICIAN,
    registration_number: str | None = None,
) -> User:
    email = User.normalise_email(email)
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise AccountError(f"A user with the email {email} already exists.")
    if not display_name.strip():
        raise AccountError("A display name is required.")
    problem = password_problem(password, name=display_name, email=email)
    if problem:
        raise AccountError(problem)
    user = User(
        email=email,
        display_name=display_name.strip(),
        role=Role(role),
        registration_number=registration_number or None,
        clinic=clinic,
    )
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user
