"""The catalogue of techniques and home exercises: shipped items and each clinic's own.

A shipped item has no clinic and is kept in step with the seed files by ``init-db``. An item
is known by its type and key: an exercise and a technique may share a key (relaxed breathing).
A clinic never changes a shipped row: editing or retiring one creates the clinic's own row with
the same key, which then stands in for it in that clinic, so a seed update cannot clobber it.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text, type_coerce
from sqlalchemy.orm import Mapped, column_property, mapped_column

from practice.clinical.dosage import Dosage
from practice.clinical.vocabulary import CATEGORY_OF_KIND, TechniqueCategory, TechniqueKind
from practice.db import JSON_OR_JSONB, JSONDocument, UTCDateTime, utcnow
from practice.documents import CATALOGUE_DETAILS, DOSAGE, CatalogueDetails
from practice.extensions import db


class ItemType(StrEnum):
    TECHNIQUE = "technique"
    EXERCISE = "exercise"


class ItemKind:
    """What an item's type and kind tell: the same for a row and for its outline
    (``catalogue.services.OutlineItem``)."""

    item_type: str
    kind: str

    @property
    def is_exercise(self) -> bool:
        return self.item_type == ItemType.EXERCISE

    @property
    def technique_kind(self) -> TechniqueKind:
        return TechniqueKind(self.kind)

    @property
    def category(self) -> TechniqueCategory:
        return CATEGORY_OF_KIND[self.technique_kind]


class CatalogueItem(ItemKind, db.Model):
    __table_args__ = (
        CheckConstraint("item_type IN ('technique', 'exercise')", name="item_type"),
        # One shipped row per type and key, and one per type and key in each clinic.
        Index(
            "uq_catalogue_item_shipped_key",
            "item_type",
            "key",
            unique=True,
            sqlite_where=text("clinic_id IS NULL"),
            postgresql_where=text("clinic_id IS NULL"),
        ),
        Index("uq_catalogue_item_clinic_id_key", "clinic_id", "item_type", "key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int | None] = mapped_column(ForeignKey("clinic.id"))
    key: Mapped[str] = mapped_column(String(80))
    item_type: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))  # TechniqueKind: what screening applies
    body_region: Mapped[str | None] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    indications: Mapped[list[str]] = mapped_column(JSON_OR_JSONB)  # FindingKind values
    cramp_triggers: Mapped[list[str]] = mapped_column(JSON_OR_JSONB)  # CrampTrigger values
    # The document classes of its item type: TechniqueDosage and TechniqueDetails, or the
    # exercise ones.
    dosage: Mapped[Dosage] = mapped_column(JSONDocument(DOSAGE))
    details: Mapped[CatalogueDetails] = mapped_column(JSONDocument(CATALOGUE_DETAILS))
    # An exercise's starting position, read from its details by the database: proposals rank on
    # it (``clinical.proposals.done_sitting``) and need nothing else of the documents, whose
    # decoding for every item was the larger part of the plan builder.
    position: Mapped[str | None] = column_property(
        type_coerce(details, JSON_OR_JSONB)["position"].as_string()
    )
    source: Mapped[str] = mapped_column(Text, default="", server_default="")
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    @property
    def is_shipped(self) -> bool:
        return self.clinic_id is None

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None
