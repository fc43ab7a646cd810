"""Patients, their clinical flags and their consent records. Every row belongs to a clinic."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from practice.clinical.vocabulary import BodyRegion, FlagKind
from practice.db import UTCDateTime, utcnow
from practice.extensions import db
from practice.models.clinic import EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, Clinic, User

SEARCH_TEXT = String(250).with_variant(String(250, collation="C"), "postgresql")
"""Search keys compare in code-point order on both databases, so a prefix is one index range
(search_keys.prefix_bound): SQLite's default order, and the "C" collation on PostgreSQL."""


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    INTERSEX = "intersex"
    NOT_STATED = "not_stated"


class ConsentType(StrEnum):
    """How consent was given (10.3)."""

    VERBAL = "verbal"
    WRITTEN = "written"
    ELECTRONIC = "electronic"


class ConsentScope(StrEnum):
    SINGLE_SESSION = "single_session"
    COURSE = "course"


class ConsentGivenBy(StrEnum):
    PATIENT = "patient"
    GUARDIAN = "guardian"


CONSENT_SUBJECTS = {
    "treatment": "Assessment and treatment",
    "dry_needling": "Dry needling",
    "electrotherapy": "Electrotherapy",
}
"""What a consent record covers; dry needling needs its own explicit consent (10.3)."""


class Patient(db.Model):
    __table_args__ = (
        # The patient list in name order and the date-of-birth search, each one index range in
        # the order the page shows (practice/patients/search.py); the dashboard's newest first.
        Index("ix_patient_clinic_id_sort_key", "clinic_id", "sort_key", "id"),
        Index("ix_patient_clinic_id_date_of_birth", "clinic_id", "date_of_birth", "sort_key", "id"),
        Index("ix_patient_clinic_id_created_at", "clinic_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"))
    given_names: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH))
    family_name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH))
    date_of_birth: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(20), default=Sex.NOT_STATED)
    phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    # The clinic's own number for the patient (from a previous system, an insurer): searchable.
    reference: Mapped[str] = mapped_column(String(40), default="", server_default="")
    # Family then given names folded (search_keys.sort_key), kept by the patient services.
    sort_key: Mapped[str] = mapped_column(SEARCH_TEXT, default="", server_default="")
    email: Mapped[str] = mapped_column(String(EMAIL_MAX_LENGTH), default="", server_default="")
    address: Mapped[str] = mapped_column(String(500), default="", server_default="")
    referrer: Mapped[str] = mapped_column(String(200), default="", server_default="")
    general_practitioner: Mapped[str] = mapped_column(String(200), default="", server_default="")
    occupation: Mapped[str] = mapped_column(String(200), default="", server_default="")
    activity_level: Mapped[str | None] = mapped_column(String(20))
    medications: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Optimistic locking, as drafts and plans have: two people editing the same patient's
    # details cannot silently lose one change.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    # Archived, never deleted (a clinical record is kept): hidden from the lists, still found.
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    archived_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's declarative API)

    clinic: Mapped[Clinic] = relationship()
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    archived_by: Mapped[User | None] = relationship(foreign_keys=[archived_by_id])
    flags: Mapped[list[PatientFlag]] = relationship(
        back_populates="patient", order_by="PatientFlag.recorded_on.desc(), PatientFlag.id.desc()"
    )
    consents: Mapped[list[Consent]] = relationship(
        back_populates="patient", order_by="Consent.given_on.desc(), Consent.id.desc()"
    )

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}"

    @property
    def current_flags(self) -> list[PatientFlag]:
        return [flag for flag in self.flags if flag.resolved_on is None]

    def age_on(self, day: date) -> int:
        before_birthday = (day.month, day.day) < (self.date_of_birth.month, self.date_of_birth.day)
        return day.year - self.date_of_birth.year - before_birthday


class PatientSearchToken(db.Model):
    """One word a patient is found by (search_keys.search_keys): a prefix of ``token`` is one
    range of the clinic's index, read in the order the results are shown."""

    __table_args__ = (
        Index(
            "ix_patient_search_token_clinic_id_token",
            "clinic_id",
            "token",
            "sort_key",
            "patient_id",
        ),
    )

    # The primary key doubles as the index that checks a patient's other words.
    patient_id: Mapped[int] = mapped_column(
        ForeignKey("patient.id", ondelete="CASCADE"), primary_key=True
    )
    token: Mapped[str] = mapped_column(SEARCH_TEXT, primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"))
    sort_key: Mapped[str] = mapped_column(SEARCH_TEXT)


class PatientFlag(db.Model):
    """A dated clinical flag that drives contraindication screening, with its body site: one or
    more regions (a wound across the wrist and forearm) and one side.

    A pregnancy carries its trimester and whether it is high-risk (7.3, 7.5); a declined
    technique names the technique (7.5 "patient unwilling"). A flag is never deleted: it is
    resolved (for example a DVT cleared by a doctor) with the date, who recorded the resolution
    and why, so the record shows what was known when.
    """

    __table_args__ = (
        CheckConstraint("trimester IS NULL OR trimester BETWEEN 1 AND 3", name="trimester"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    side: Mapped[str | None] = mapped_column(String(20))
    trimester: Mapped[int | None]
    high_risk: Mapped[bool] = mapped_column(default=False, server_default=false())
    technique: Mapped[str | None] = mapped_column(String(40))  # a TechniqueKind value
    detail: Mapped[str] = mapped_column(String(500), default="", server_default="")
    recorded_on: Mapped[date] = mapped_column(Date)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_on: Mapped[date | None] = mapped_column(Date)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    resolution_note: Mapped[str] = mapped_column(String(500), default="", server_default="")

    patient: Mapped[Patient] = relationship(back_populates="flags")
    # The patient page and the export name who recorded and resolved each flag (and who took
    # each consent): joins, not a query per clinician.
    recorded_by: Mapped[User] = relationship(foreign_keys=[recorded_by_id], lazy="joined")
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id], lazy="joined")
    region_rows: Mapped[list[PatientFlagRegion]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def flag_kind(self) -> FlagKind:
        return FlagKind(self.kind)

    @property
    def regions(self) -> tuple[str, ...]:
        """The stored region codes in body order (head to foot); a code the vocabulary does not
        know (a row written outside the app) comes last, kept as stored."""
        return tuple(sorted((row.region for row in self.region_rows), key=_region_order))


_REGION_ORDER = {region.value: index for index, region in enumerate(BodyRegion)}


def _region_order(code: str) -> tuple[int, str]:
    return _REGION_ORDER.get(code, len(_REGION_ORDER)), code


class PatientFlagRegion(db.Model):
    """One body region a flag was recorded at."""

    flag_id: Mapped[int] = mapped_column(
        ForeignKey("patient_flag.id", ondelete="CASCADE"), primary_key=True
    )
    region: Mapped[str] = mapped_column(String(30), primary_key=True)


class Consent(db.Model):
    """Consent to a technique or to treatment (10.3); withdrawn consent stays on the record."""

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    subject: Mapped[str] = mapped_column(String(40))  # a TechniqueKind value, or "treatment"
    consent_type: Mapped[str] = mapped_column(String(20))
    scope: Mapped[str] = mapped_column(String(20))
    given_by: Mapped[str] = mapped_column(String(20), default=ConsentGivenBy.PATIENT)
    capacity_confirmed: Mapped[bool]
    risks_discussed: Mapped[str] = mapped_column(Text, default="", server_default="")
    given_on: Mapped[date] = mapped_column(Date)
    taken_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_on: Mapped[date | None] = mapped_column(Date)

    patient: Mapped[Patient] = relationship(back_populates="consents")
    taken_by: Mapped[User] = relationship(lazy="joined")
