"""Treatment plans: versions that are drafted, issued to the patient, and superseded.

A plan belongs to the finalised assessment it was built from. Once a version is issued it is
never edited again: a change makes the next version, and the issued one stays readable.
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
    UniqueConstraint,
    and_,
    or_,
    select,
)
from sqlalchemy.orm import Mapped, aliased, column_property, mapped_column, relationship

from practice.clinical.dosage import Dosage
from practice.db import JSONDocument, UTCDateTime, utcnow
from practice.documents import DOSAGE, SCREENING, Screening
from practice.extensions import db
from practice.models.assessment import Assessment, AssessmentStatus
from practice.models.catalogue import CatalogueItem
from practice.models.clinic import User
from practice.models.patient import Patient


class PlanStatus(StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    SUPERSEDED = "superseded"
    DISCARDED = "discarded"  # a draft set aside, with who, when and why; never given


GIVEN = (PlanStatus.ISSUED, PlanStatus.SUPERSEDED)
"""The statuses of a version the patient was given."""


_own = aliased(Assessment)
_later = aliased(Assessment)


class TreatmentPlan(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))

    # The patient's latest finalised assessment when it is a later one than the plan's (goals are
    # checked against it), else None: read with the plan on its pages (``plans.services.
    # WITH_VERSIONS``), so the usual answer, the plan's own assessment, costs no query.
    later_assessment_id: Mapped[int | None] = column_property(
        select(_later.id)
        .where(
            _own.id == assessment_id,
            _later.patient_id == patient_id,
            _later.status == AssessmentStatus.FINALISED,
            _later.id != assessment_id,
            or_(
                _later.seen_on > _own.seen_on,
                and_(_later.seen_on == _own.seen_on, _later.finalised_at > _own.finalised_at),
            ),
        )
        .order_by(_later.seen_on.desc(), _later.finalised_at.desc())
        .limit(1)
        .scalar_subquery(),
        deferred=True,
    )

    # Every plan page shows the patient: a join, not a query of its own.
    patient: Mapped[Patient] = relationship(lazy="joined")
    assessment: Mapped[Assessment] = relationship()
    created_by: Mapped[User] = relationship()
    versions: Mapped[list[PlanVersion]] = relationship(
        back_populates="plan", order_by="PlanVersion.number"
    )
    events: Mapped[list[PlanEvent]] = relationship(
        back_populates="plan", order_by="PlanEvent.at, PlanEvent.id"
    )

    @property
    def current(self) -> PlanVersion:
        """The newest version not discarded (a discarded revision hands back to the issued
        version before it); a plan whose only version was discarded keeps that one."""
        kept = [version for version in self.versions if version.status != PlanStatus.DISCARDED]
        return (kept or self.versions)[-1]

    @property
    def given(self) -> list[PlanVersion]:
        """The versions the patient was given, oldest first."""
        return [version for version in self.versions if version.status in GIVEN]


class PlanVersion(db.Model):
    __table_args__ = (
        UniqueConstraint("plan_id", "number"),
        CheckConstraint("status IN ('draft', 'issued', 'superseded', 'discarded')", name="status"),
        # The dashboard's open drafts and plans due for review, each in the order shown.
        Index(
            "ix_plan_version_created_by_id_status", "created_by_id", "status", "created_at", "id"
        ),
        Index("ix_plan_version_issued_by_id_status", "issued_by_id", "status", "review_on", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("treatment_plan.id"), index=True)
    number: Mapped[int]
    status: Mapped[str] = mapped_column(String(20), default=PlanStatus.DRAFT)
    sessions_per_week: Mapped[int | None]
    duration_weeks: Mapped[int | None]
    review_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    discarded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    discarded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    discard_reason: Mapped[str] = mapped_column(String(500), default="", server_default="")
    # Optimistic locking: two clinicians editing one draft cannot overwrite each other.
    lock_version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": lock_version}  # noqa: RUF012 (SQLAlchemy's declarative API)

    plan: Mapped[TreatmentPlan] = relationship(back_populates="versions")
    # The plan page and the export name who made and issued each version: joins, not a query
    # per clinician (the same holds for the users of items and events below).
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id], lazy="joined")
    issued_by: Mapped[User | None] = relationship(foreign_keys=[issued_by_id], lazy="joined")
    discarded_by: Mapped[User | None] = relationship(foreign_keys=[discarded_by_id])
    items: Mapped[list[PlanItem]] = relationship(
        back_populates="version", order_by="PlanItem.position, PlanItem.id"
    )
    goals: Mapped[list[PlanGoal]] = relationship(back_populates="version", order_by="PlanGoal.id")

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT


class PlanItem(db.Model):
    """A technique or home exercise on a plan, with its site, dosage and screening verdict."""

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    plan_version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id"), index=True)
    catalogue_item_id: Mapped[int] = mapped_column(ForeignKey("catalogue_item.id"))
    position: Mapped[int]
    site_region: Mapped[str] = mapped_column(String(30))
    site_side: Mapped[str] = mapped_column(String(20))
    electrode_placement: Mapped[str] = mapped_column(String(200), default="", server_default="")
    dosage: Mapped[Dosage] = mapped_column(JSONDocument(DOSAGE))
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")  # "addresses: …"
    verdict: Mapped[str] = mapped_column(String(20))
    screening: Mapped[Screening] = mapped_column(JSONDocument(SCREENING))
    override_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    added_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))

    version: Mapped[PlanVersion] = relationship(back_populates="items")
    # Every page that shows an item shows its catalogue entry: one join, not a query per item.
    catalogue_item: Mapped[CatalogueItem] = relationship(lazy="joined")
    acknowledged_by: Mapped[User | None] = relationship(
        foreign_keys=[acknowledged_by_id], lazy="joined"
    )
    added_by: Mapped[User] = relationship(foreign_keys=[added_by_id], lazy="joined")


class PlanGoal(db.Model):
    """A measurable goal: a target value of a measured finding by a date."""

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    plan_version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id"), index=True)
    measure: Mapped[str] = mapped_column(String(80))  # a goals.GoalMeasure code
    label: Mapped[str] = mapped_column(String(200))
    comparator: Mapped[str] = mapped_column(String(2))
    target: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    unit: Mapped[str] = mapped_column(String(20), default="", server_default="")
    baseline: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    target_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(String(300))

    version: Mapped[PlanVersion] = relationship(back_populates="goals")


class PlanEvent(db.Model):
    """The plan's history: who added, overrode, acknowledged, issued or revised what."""

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("treatment_plan.id"), index=True)
    version_number: Mapped[int]
    actor_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="", server_default="")

    plan: Mapped[TreatmentPlan] = relationship(back_populates="events")
    actor: Mapped[User] = relationship(lazy="joined")
