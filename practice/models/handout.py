"""Handouts given to patients: what was given, to whom, by whom, and the exact PDF."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from practice.db import UTCDateTime, utcnow
from practice.extensions import db
from practice.models.clinic import User
from practice.models.patient import Patient
from practice.models.plan import PlanVersion


class HandoutKind(StrEnum):
    HOME_EXERCISE = "home_exercise"
    PREVENTION = "prevention"


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


class HandoutRecord(db.Model):
    """An issued handout. The PDF is kept, so a reprint gives exactly the same bytes."""

    __table_args__ = (
        CheckConstraint("kind IN ('home_exercise', 'prevention')", name="kind"),
        CheckConstraint("paper IN ('a4', 'letter')", name="paper"),
        Index("ix_handout_record_clinic_id_created_at", "clinic_id", "created_at", "id"),  # today's
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    plan_version_id: Mapped[int | None] = mapped_column(ForeignKey("plan_version.id"))
    kind: Mapped[str] = mapped_column(String(20))
    paper: Mapped[str] = mapped_column(String(10))
    large_print: Mapped[bool]
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))  # for reprints
    page_count: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))  # None: CLI

    patient: Mapped[Patient] = relationship()
    plan_version: Mapped[PlanVersion | None] = relationship()
    created_by: Mapped[User | None] = relationship()

    @property
    def given_by(self) -> str:
        return self.created_by.display_name if self.created_by else "command line"

    @property
    def filename(self) -> str:
        kind = "exercises" if self.kind == HandoutKind.HOME_EXERCISE else "prevention"
        return f"{kind}-{self.patient_id}-{self.created_at:%Y%m%d}-{self.id}.pdf"
