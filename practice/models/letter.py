"""Letters to the patient's referring doctor: what was sent, to whom, by whom, and the exact PDF."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from practice.db import UTCDateTime, utcnow
from practice.extensions import db
from practice.models.assessment import Assessment
from practice.models.clinic import User
from practice.models.patient import Patient
from practice.models.plan import PlanVersion

ADDRESSEE_MAX_LENGTH = 500
REASON_MAX_LENGTH = 2000
EXTRA_MAX_LENGTH = 4000


class LetterKind(StrEnum):
    """An onward referral (1.2) or the discharge that concludes the episode (10.1, APTA)."""

    REFERRAL = "referral"
    DISCHARGE = "discharge"


class LetterRecord(db.Model):
    """An issued letter. The PDF is kept, so a reprint gives exactly the same bytes whatever
    happened to the plan or the assessments since; what the clinician typed is kept beside it
    for the record's export, with the assessment and plan version the letter was made from."""

    __table_args__ = (
        CheckConstraint("kind IN ('referral', 'discharge')", name="kind"),
        CheckConstraint("urgency IN ('emergency', 'urgent', 'routine')", name="urgency"),
        CheckConstraint("paper IN ('a4', 'letter')", name="paper"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id"))
    plan_version_id: Mapped[int | None] = mapped_column(ForeignKey("plan_version.id"))
    kind: Mapped[str] = mapped_column(String(20))
    urgency: Mapped[str | None] = mapped_column(String(20))  # a referral's (1.2); None: discharge
    addressee: Mapped[str] = mapped_column(String(ADDRESSEE_MAX_LENGTH))
    reason: Mapped[str] = mapped_column(Text)
    extra: Mapped[str] = mapped_column(Text, default="", server_default="")
    paper: Mapped[str] = mapped_column(String(10))
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))  # for reprints
    page_count: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))

    patient: Mapped[Patient] = relationship()
    assessment: Mapped[Assessment | None] = relationship()
    plan_version: Mapped[PlanVersion | None] = relationship()
    created_by: Mapped[User] = relationship()

    @property
    def filename(self) -> str:
        return f"{self.kind}-letter-{self.patient_id}-{self.created_at:%Y%m%d}-{self.id}.pdf"
