"""Outcome-measure responses (section 9): a patient's scores on an instrument on a date.

The instruments themselves are reviewed data (``practice.clinical.outcomes``); a response stores
the instrument's code and version, the date, each item's score (and, for the PSFS, the
activity the patient named) and the total worked out when it was recorded.

Why child rows rather than a JSON document: each item is one typed score with a range the
database checks, the activities are read back as plain text to pre-fill the next re-rating of
the same episode, and a plan goal on one activity reads one row; there is nothing nested that a
document would keep together.

A response belongs to an episode of care: ``plan_id`` is the plan it was recorded under (the
visit note's plan, or the patient's latest plan when recorded from the patient page; None
before any plan, e.g. the baseline at the first assessment).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from practice.clinical.outcomes import ACTIVITY_MAX_LENGTH
from practice.db import UTCDateTime, utcnow
from practice.extensions import db
from practice.models.clinic import User


class OutcomeResponse(db.Model):
    __table_args__ = (
        # The patient page's chart and the pre-fill of a re-rating read a patient's responses
        # of one instrument in date order.
        Index(
            "ix_outcome_response_patient_id_instrument",
            "patient_id",
            "instrument",
            "recorded_on",
            "id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("treatment_plan.id"), index=True)
    visit_note_id: Mapped[int | None] = mapped_column(ForeignKey("visit_note.id"), index=True)
    instrument: Mapped[str] = mapped_column(String(20))  # an OutcomeInstrument code
    version: Mapped[str] = mapped_column(String(40))
    recorded_on: Mapped[date] = mapped_column(Date)
    total: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))

    created_by: Mapped[User] = relationship()
    items: Mapped[list[OutcomeItem]] = relationship(
        back_populates="response", order_by="OutcomeItem.position"
    )


class OutcomeItem(db.Model):
    """One item of a response: its position, the activity named (PSFS; empty otherwise), and
    the score."""

    __table_args__ = (
        CheckConstraint("score BETWEEN 0 AND 10", name="score"),  # every instrument of 9 here
        CheckConstraint("position >= 1", name="position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("outcome_response.id"), index=True)
    position: Mapped[int]
    activity: Mapped[str] = mapped_column(
        String(ACTIVITY_MAX_LENGTH), default="", server_default=""
    )
    score: Mapped[int]

    response: Mapped[OutcomeResponse] = relationship(back_populates="items")
