"""Assessments: a draft, then a finalised clinical record amended only by dated addenda."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, event, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from practice.clinical.assessment_data import AssessmentData
from practice.db import JSONDocument, UTCDateTime, utcnow
from practice.documents import ASSESSMENT_RECORD
from practice.extensions import db
from practice.models.clinic import User
from practice.models.patient import Patient


class AssessmentStatus(StrEnum):
    DRAFT = "draft"
    FINALISED = "finalised"
    DISCARDED = "discarded"  # a draft started by mistake: kept, with who, when and why


LOCKED = (AssessmentStatus.FINALISED, AssessmentStatus.DISCARDED)


class FinalisedRecordError(RuntimeError):
    """A finalised assessment was about to be changed; records are amended, never overwritten."""


class Assessment(db.Model):
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'finalised', 'discarded')", name="status"),
        # The dashboard's open drafts (oldest first) and patients seen lately (latest first).
        Index(
            "ix_assessment_clinician_id_status_seen_on", "clinician_id", "status", "seen_on", "id"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    previous_assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id"))
    status: Mapped[str] = mapped_column(String(20), default=AssessmentStatus.DRAFT)
    seen_on: Mapped[date] = mapped_column(Date)  # the date of the contact (10.2 occurred_at)
    data: Mapped[AssessmentData] = mapped_column(JSONDocument(ASSESSMENT_RECORD))
    impression: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    finalised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finalised_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    discarded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    discarded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    discard_reason: Mapped[str] = mapped_column(String(500), default="", server_default="")
    # Optimistic locking: a draft saved in two tabs at once cannot silently lose one save.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's declarative API)

    patient: Mapped[Patient] = relationship()
    # Every page of an assessment names who drafted or finalised it: joins, not queries.
    clinician: Mapped[User] = relationship(foreign_keys=[clinician_id], lazy="joined")
    finalised_by: Mapped[User | None] = relationship(foreign_keys=[finalised_by_id], lazy="joined")
    discarded_by: Mapped[User | None] = relationship(foreign_keys=[discarded_by_id])
    previous_assessment: Mapped[Assessment | None] = relationship(remote_side=[id])
    addenda: Mapped[list[Addendum]] = relationship(
        back_populates="assessment", order_by="Addendum.written_at, Addendum.id"
    )
    events: Mapped[list[AssessmentEvent]] = relationship(
        back_populates="assessment", order_by="AssessmentEvent.at, AssessmentEvent.id"
    )

    @property
    def is_finalised(self) -> bool:
        return self.status == AssessmentStatus.FINALISED

    @property
    def is_draft(self) -> bool:
        return self.status == AssessmentStatus.DRAFT

    @property
    def is_discarded(self) -> bool:
        return self.status == AssessmentStatus.DISCARDED


class Addendum(db.Model):
    """A correction or late entry on a finalised assessment (10.2); never edited or deleted."""

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    refers_to_on: Mapped[date | None] = mapped_column(Date)  # the day a late entry is about
    reason: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)

    assessment: Mapped[Assessment] = relationship(back_populates="addenda")
    # An addendum is always shown with its author: one join, not a query per author.
    author: Mapped[User] = relationship(lazy="joined")


class AssessmentEvent(db.Model):
    """The audit trail of an assessment: who did what, when (10.2)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))  # None: the CLI
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(String(500), default="", server_default="")

    assessment: Mapped[Assessment] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship(lazy="joined")  # as the addendum's author

    @property
    def actor_name(self) -> str:
        return self.actor.display_name if self.actor else "command line"


@event.listens_for(Session, "before_flush")
def _refuse_changes_to_finalised_records(session: Session, _context, _instances) -> None:
    """The last line of defence: whatever the code path, a finalised (or discarded) record is
    not rewritten."""
    for instance in session.dirty:
        if isinstance(instance, Assessment):
            status = inspect(instance).attrs.status.history
            was = status.deleted[0] if status.deleted else instance.status
            if was in LOCKED and session.is_modified(instance, include_collections=False):
                raise FinalisedRecordError(f"assessment {instance.id} is {was}")
        elif isinstance(instance, Addendum) and session.is_modified(
            instance, include_collections=False
        ):
            raise FinalisedRecordError(f"addendum {instance.id} cannot be changed")
    for instance in session.deleted:
        if isinstance(instance, (Addendum, AssessmentEvent)) or (
            isinstance(instance, Assessment) and instance.status in LOCKED
        ):
            raise FinalisedRecordError(f"{type(instance).__name__} {instance.id} cannot be deleted")
