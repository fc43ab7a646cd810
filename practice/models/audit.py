"""The audit trail: who did what to which record, when and from where, chained by hash."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from practice.db import UTCDateTime
from practice.extensions import db


class AuditEntry(db.Model):
    """One audited action. Rows are only ever added (database triggers refuse an UPDATE or a
    DELETE), and each holds the SHA-256 of its own fields and of the row before it, so
    ``flask audit-verify`` finds a row changed, deleted, inserted or reordered behind the
    triggers' back. ``detail`` never holds a password, a search query or clinical free text."""

    __table_args__ = (
        Index("ix_audit_entry_clinic_id_at", "clinic_id", "at"),
        Index("ix_audit_entry_patient_id", "patient_id"),
        Index("ix_audit_entry_actor_id", "actor_id"),
    )

    sequence: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    clinic_id: Mapped[int | None] = mapped_column(ForeignKey("clinic.id"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    actor_name: Mapped[str] = mapped_column(String(254), default="")
    action: Mapped[str] = mapped_column(String(40))
    record_type: Mapped[str] = mapped_column(String(40), default="")
    record_id: Mapped[int | None]
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patient.id"))
    client_address: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(db.Model):
    """The one row that says how long the chain is and what its last hash was: taking the next
    sequence number updates it first, so two workers can never append to the same link. Its
    last hash is moved to each new entry by a trigger (migration e5a7c9d1f236)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    sequence: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str] = mapped_column(String(64))
