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
    ADMIN = "admin"
    CLINICIAN = "clinician"


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
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    users: Mapped[list[User]] = relationship(back_populates="clinic")

    def __repr__(self) -> str:
        return f"<Clinic {self.id} {self.name!r}>"


class User(UserMixin, db.Model):
    __tablename__ = "user_account"  # "user" is a reserved word in PostgreSQL
    __table_args__ = (
        CheckConstraint(f"role IN ('{Role.ADMIN}', '{Role.CLINICIAN}')", name="role"),
    )

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

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email!r}>"
