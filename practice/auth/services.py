"""Accounts: authentication, user creation, one-time password links and password changes.
Flushes only; the caller commits."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select, update

from practice.db import utcnow
from practice.extensions import db
from practice.models import AccountLink, AccountLinkPurpose, Clinic, Role, User
from practice.passwords import check_against_nobody, password_problem
from practice.sessions import revoke_sessions

LINK_LIFETIME = timedelta(hours=72)
NO_PASSWORD = "!"  # noqa: S105 (a hash no password matches: the user has yet to set one)


class AccountError(ValueError):
    """A request that cannot be carried out, with a message fit to show to the person."""


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None whatever the reason."""
    user = db.session.scalar(select(User).where(User.email == User.normalise_email(email)))
    if user is None or user.password_hash == NO_PASSWORD:
        check_against_nobody(password)  # the same time, whether or not the account exists
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
    password: str | None,
    clinic: Clinic,
    role: Role = Role.CLINICIAN,
    registration_number: str | None = None,
) -> User:
    """A new user; ``password`` None makes one who signs in only after setting a password
    through a link (``issue_link``)."""
    email = User.normalise_email(email)
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise AccountError(f"A user with the email {email} already exists.")
    if not display_name.strip():
        raise AccountError("A display name is required.")
    if password is not None:
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
    if password is None:
        user.password_hash = NO_PASSWORD
    else:
        user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_link(user: User, purpose: AccountLinkPurpose, *, author: User) -> str:
    """A new one-time link's token for ``user``; any earlier unused link of theirs stops
    working, so only the newest one the admin copied counts."""
    now = utcnow()
    db.session.execute(
        update(AccountLink)
        .where(AccountLink.user_id == user.id, AccountLink.used_at.is_(None))
        .values(used_at=now)
    )
    token = secrets.token_urlsafe(32)
    db.session.add(
        AccountLink(
            token_hash=_token_hash(token),
            user=user,
            purpose=purpose,
            created_by=author,
            created_at=now,
            expires_at=now + LINK_LIFETIME,
        )
    )
    db.session.flush()
    return token


def live_link(token: str) -> AccountLink | None:
    """The unused, unexpired link of this token, for an active user, or None."""
    link = db.session.scalar(
        select(AccountLink).where(AccountLink.token_hash == _token_hash(token))
    )
    if link is None or link.used_at is not None or link.expires_at <= utcnow():
        return None
    return link if link.user.active else None


def set_password_from_link(link: AccountLink, password: str) -> User:
    """Use the link: the new password replaces any old one and every session ends."""
    user = link.user
    _set_password(user, password, reason="password_set")
    link.used_at = utcnow()
    db.session.flush()
    return user


def change_password(user: User, *, current: str, new: str) -> None:
    if not user.check_password(current):
        raise AccountError("Your current password is not right.")
    if new == current:
        raise AccountError("Choose a new password, not the one you have now.")
    _set_password(user, new, reason="password_changed")


def _set_password(user: User, password: str, *, reason: str) -> None:
    problem = password_problem(password, name=user.display_name, email=user.email)
    if problem:
        raise AccountError(problem)
    user.set_password(password)
    revoke_sessions(user, reason)
    db.session.flush()
