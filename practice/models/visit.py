"""Visit notes: what happened at one treatment session of an issued plan (10.1, 10.2).

A note is drafted by its author, then signed; a signed note never changes and is amended only
by dated addenda, as an assessment is. A draft started by mistake is discarded, kept read-only
with who, when and why. The techniques and exercises delivered are rows of their own, each tied
to the item of the plan version the note was written against, with the screening at the visit.

Why child rows rather than one JSON document: every delivered item points at a plan item (a
foreign key the database checks), the parameters are few typed columns per kind, and an
outcome-measure or letter query can read them with plain SQL. The one nested value, a progressed
exercise's new dosage, is the plan's own versioned ``DOSAGE`` document.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    event,
    inspect,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from practice.clinical.dosage import Dosage
from practice.db import JSONDocument, UTCDateTime, utcnow
from practice.documents import DOSAGE, SCREENING, Screening
from practice.extensions import db
from practice.models.assessment import FinalisedRecordError
from practice.models.clinic import User
from practice.models.patient import Patient
from practice.models.plan import PlanItem, PlanVersion


class VisitNoteStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    DISCARDED = "discarded"  # a draft set aside, with who, when and why; never signed


class VisitNote(db.Model):
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'signed', 'discarded')", name="status"),
        CheckConstraint("pain_before IS NULL OR pain_before BETWEEN 0 AND 10", name="pain_before"),
        CheckConstraint("pain_after IS NULL OR pain_after BETWEEN 0 AND 10", name="pain_after"),
        # The dashboard's open drafts, oldest first.
        Index("ix_visit_note_clinician_id_status", "clinician_id", "status", "occurred_at", "id"),
        # The patient's timeline, newest first.
        Index("ix_visit_note_patient_id_occurred_at", "patient_id", "occurred_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    plan_version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id"), index=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)  # when the treatment happened
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)  # when entered
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    status: Mapped[str] = mapped_column(String(20), default=VisitNoteStatus.DRAFT)
    subjective: Mapped[str] = mapped_column(Text, default="", server_default="")
    objective: Mapped[str] = mapped_column(Text, default="", server_default="")
    treatment: Mapped[str] = mapped_column(Text, default="", server_default="")
    plan: Mapped[str] = mapped_column(Text, default="", server_default="")
    pain_before: Mapped[int | None]  # NPRS 0-10 (9)
    pain_after: Mapped[int | None]
    log_weeks: Mapped[int | None]  # weekly exercise-log sheets brought back (8.3, 8.5)
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    discarded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    discarded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    discard_reason: Mapped[str] = mapped_column(String(500), default="", server_default="")
    # Optimistic locking: a draft saved in two tabs at once cannot silently lose one save.
    lock_version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": lock_version}  # noqa: RUF012 (SQLAlchemy's declarative API)

    patient: Mapped[Patient] = relationship()
    plan_version: Mapped[PlanVersion] = relationship()
    # Every page of a note names who wrote and signed it: joins, not queries.
    clinician: Mapped[User] = relationship(foreign_keys=[clinician_id], lazy="joined")
    signed_by: Mapped[User | None] = relationship(foreign_keys=[signed_by_id], lazy="joined")
    discarded_by: Mapped[User | None] = relationship(foreign_keys=[discarded_by_id])
    items: Mapped[list[VisitItem]] = relationship(
        back_populates="note", order_by="VisitItem.position, VisitItem.id"
    )
    log_entries: Mapped[list[VisitLogEntry]] = relationship(
        back_populates="note", order_by="VisitLogEntry.position, VisitLogEntry.id"
    )
    addenda: Mapped[list[VisitAddendum]] = relationship(
        back_populates="note", order_by="VisitAddendum.written_at, VisitAddendum.id"
    )

    @property
    def is_draft(self) -> bool:
        return self.status == VisitNoteStatus.DRAFT

    @property
    def is_signed(self) -> bool:
        return self.status == VisitNoteStatus.SIGNED

    @property
    def is_discarded(self) -> bool:
        return self.status == VisitNoteStatus.DISCARDED

    @property
    def occurred_on(self) -> date:
        return self.occurred_at.date()


class VisitItem(db.Model):
    """One plan item delivered at the visit, with what was actually done and its screening.

    The columns used depend on the technique's delivery kind (``clinical.visit_rules``): dry
    needling (muscles, needle count, response), electrical stimulation (mode, frequency, pulse
    width, carrier, intensity, minutes and the electrode placement as the site), hands-on
    techniques (site and minutes), exercises (reviewed or progressed, with the new dosage).
    """

    __table_args__ = (
        CheckConstraint(
            "exercise_action IS NULL OR exercise_action IN ('reviewed', 'progressed')",
            name="exercise_action",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    visit_note_id: Mapped[int] = mapped_column(ForeignKey("visit_note.id"), index=True)
    plan_item_id: Mapped[int] = mapped_column(ForeignKey("plan_item.id"), index=True)
    position: Mapped[int]
    site_region: Mapped[str] = mapped_column(String(30))
    site_side: Mapped[str] = mapped_column(String(20))
    minutes: Mapped[int | None]
    muscles: Mapped[str] = mapped_column(String(300), default="", server_default="")
    needle_count: Mapped[int | None]
    response: Mapped[str] = mapped_column(String(500), default="", server_default="")
    mode: Mapped[str] = mapped_column(String(40), default="", server_default="")
    frequency_hz: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    pulse_width_us: Mapped[int | None]
    carrier_hz: Mapped[int | None]
    intensity: Mapped[str] = mapped_column(String(200), default="", server_default="")
    exercise_action: Mapped[str | None] = mapped_column(String(20))
    new_dosage: Mapped[Dosage | None] = mapped_column(JSONDocument(DOSAGE))
    verdict: Mapped[str] = mapped_column(String(20))
    screening: Mapped[Screening] = mapped_column(JSONDocument(SCREENING))
    override_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    acknowledged: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")

    note: Mapped[VisitNote] = relationship(back_populates="items")
    # Every page that shows a delivered item names it: one join, not a query per item.
    plan_item: Mapped[PlanItem] = relationship(lazy="joined")


class VisitLogEntry(db.Model):
    """One row of the paper exercise log the patient brought back: a home exercise of the plan
    version and the days it was done, out of the 7 days of each weekly sheet (8.3, 8.5)."""

    __table_args__ = (CheckConstraint("days_done >= 0", name="days_done"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    visit_note_id: Mapped[int] = mapped_column(ForeignKey("visit_note.id"), index=True)
    plan_item_id: Mapped[int] = mapped_column(ForeignKey("plan_item.id"), index=True)
    position: Mapped[int]
    days_done: Mapped[int]

    note: Mapped[VisitNote] = relationship(back_populates="log_entries")
    plan_item: Mapped[PlanItem] = relationship(lazy="joined")


class VisitAddendum(db.Model):
    """A correction or late entry on a signed note (10.2); never edited or deleted. The same
    fields as an assessment's addendum, written with the same form."""

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    visit_note_id: Mapped[int] = mapped_column(ForeignKey("visit_note.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    refers_to_on: Mapped[date | None] = mapped_column(Date)  # the day a late entry is about
    reason: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)

    note: Mapped[VisitNote] = relationship(back_populates="addenda")
    author: Mapped[User] = relationship(lazy="joined")


LOCKED = (VisitNoteStatus.SIGNED, VisitNoteStatus.DISCARDED)
_KEPT_WITH_NOTE = (VisitItem, VisitLogEntry, VisitAddendum)


@event.listens_for(Session, "before_flush")
def _refuse_changes_to_signed_notes(session: Session, _context, _instances) -> None:
    """The last line of defence, as for assessments: whatever the code path, a signed (or
    discarded) note, its delivered items and its addenda are not rewritten or deleted."""
    for instance in session.dirty:
        if isinstance(instance, VisitNote):
            status = inspect(instance).attrs.status.history
            was = status.deleted[0] if status.deleted else instance.status
            if was in LOCKED and session.is_modified(instance, include_collections=False):
                raise FinalisedRecordError(f"visit note {instance.id} is {was}")
        elif isinstance(instance, _KEPT_WITH_NOTE) and session.is_modified(
            instance, include_collections=False
        ):
            note = instance.note
            if isinstance(instance, VisitAddendum) or note.status in LOCKED:
                raise FinalisedRecordError(f"{type(instance).__name__} {instance.id} is kept")
    for instance in session.deleted:
        if isinstance(instance, VisitAddendum) or (
            isinstance(instance, VisitNote | VisitItem | VisitLogEntry)
            and (instance if isinstance(instance, VisitNote) else instance.note).status in LOCKED
        ):
            raise FinalisedRecordError(f"{type(instance).__name__} {instance.id} cannot be deleted")
