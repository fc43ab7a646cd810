"""Clinics and the people who sign in to them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, true
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from practice import passwords
from practice.db import UTCDateTime, utcnow
from practice.extensions import db

EMAIL_MAX_LENGTH = 254  # RFC 5321 path limit
NAME_MAX_LENGTH = 120
ADDRESS_MAX_LENGTH = 500
PHONE_MAX_LENGTH = 40
REGISTRATION_LINE_MAX_LENGTH = 200
REGISTRATION_NUMBER_MAX_LENGTH = 40


class Role(StrEnum):
    """What a user may do is the role's row of ``practice.permissions``: admins run the clinic
    (users, settings, catalogue) and no clinical record; clinicians keep the clinical records;
    front desk keeps demographics and consents and reprints handouts already given."""

    ADMIN = "admin"
    CLINICIAN = "clinician"
    FRONT_DESK = "front_desk"


ROLES_CHECK = "role IN (" + ", ".join(f"'{role}'" for role in Role) + ")"


class Clinic(db.Model):
    """A clinic and the details its handouts print (reference 8.3: "clinic details").

    The logo is kept in the row, with its media type, so that it travels with the database's
    backups and needs no file storage. ``practice.clinic.services`` sets or clears both at once
    (no CHECK constraint: adding one makes SQLite copy the table every other table refers to).
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH), unique=True)
    address: Mapped[str] = mapped_column(String(ADDRESS_MAX_LENGTH), default="", server_default="")
    phone: Mapped[str] = mapped_column(String(PHONE_MAX_LENGTH), default="", server_default="")
    email: Mapped[str] = mapped_column(String(EMAIL_MAX_LENGTH), default="", server_default="")
    registration_line: Mapped[str] = mapped_column(
        String(REGISTRATION_LINE_MAX_LENGTH), default="", server_default=""
    )
    logo: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    logo_media_type: Mapped[str | None] = mapped_column(String(40))
    default_paper: Mapped[str] = mapped_column(String(10), default="a4", server_default="a4")
    # Session limits of this clinic's users; None keeps the app's SESSION_IDLE_MINUTES and
    # SESSION_LIFETIME_HOURS.
    session_idle_minutes: Mapped[int | None]
    session_lifetime_hours: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    users: Mapped[list[User]] = relationship(back_populates="clinic")

    def __repr__(self) -> str:
        return f"<Clinic {self.id} {self.name!r}>"


class User(UserMixin, db.Model):
    __tablename__ = "user_account"  # "user" is a reserved word in PostgreSQL
    __table_args__ = (CheckConstraint(ROLES_CHECK, name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    email: Mapped[str] = mapped_column(String(EMAIL_MAX_LENGTH), unique=True)
    display_name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH))
    role: Mapped[str] = mapped_column(String(20), default=Role.CLINICIAN)
    registration_number: Mapped[str | None] = mapped_column(String(REGISTRATION_NUMBER_MAX_LENGTH))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    clinic: Mapped[Clinic] = relationship(back_populates="users")

    @staticmethod
    def normalise_email(email: str) -> str:
        return email.strip().lower()

    def set_password(self, password: str) -> None:
        self.password_hash = passwords.hash_password(password)

    def check_password(self, password: str) -> bool:
        return passwords.check_password(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses to sign in inactive users
        return self.active

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email!r}>"
