"""The catalogue in the database: seed synchronisation and each clinic's view of it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import BindParameter, Select, and_, bindparam, exists, func, or_, select
from sqlalchemy.orm import aliased

from practice.clinical.dosage import TechniqueDosage
from practice.db import statement_built_once, utcnow
from practice.documents import ExerciseDetails, TechniqueDetails
from practice.extensions import db
from practice.models import CatalogueItem, ItemType, User
from practice.models.catalogue import ItemKind
from practice.seed import Exercise, SeedCatalogue, Technique

# Fields of a row that the seed owns; everything a shipped row holds comes from the seed.
SEEDED_FIELDS = (
    "item_type",
    "name",
    "kind",
    "body_region",
    "description",
    "indications",
    "cramp_triggers",
    "dosage",
    "details",
    "source",
)


@dataclass
class SyncReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0

    def __str__(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.retired} retired"
        )


def technique_values(technique: Technique) -> dict[str, Any]:
    return {
        "item_type": ItemType.TECHNIQUE.value,
        "name": technique.name,
        "kind": technique.kind.value,
        "body_region": None,
        "description": technique.description,
        "indications": [kind.value for kind in technique.indications],
        "cramp_triggers": [trigger.value for trigger in technique.cramp_triggers],
        "dosage": TechniqueDosage(
            {parameter.name: parameter.value for parameter in technique.dosage}
        ),
        "details": TechniqueDetails(
            contraindications=technique.contraindications,
            precautions=technique.precautions,
            dosage_note=technique.dosage_note,
            dosage_units={parameter.name: parameter.unit for parameter in technique.dosage},
        ),
        "source": technique.source,
    }


def exercise_values(exercise: Exercise, technique_kinds: dict[str, str]) -> dict[str, Any]:
    return {
        "item_type": ItemType.EXERCISE.value,
        "name": exercise.name,
        "kind": technique_kinds[exercise.technique],
        "body_region": exercise.body_region.value,
        "description": f"Home exercise ({exercise.category.value}): {exercise.position}.",
        "indications": [kind.value for kind in exercise.indications],
        "cramp_triggers": [trigger.value for trigger in exercise.cramp_triggers],
        "dosage": exercise.dosage,
        "details": ExerciseDetails(
            category=exercise.category,
            technique=exercise.technique,
            advice_topics=exercise.advice_topics,
            position=exercise.position,
            steps=exercise.steps,
            feel=exercise.feel,
            cautions=exercise.cautions,
            equipment=exercise.equipment,
            easier=exercise.easier,
            harder=exercise.harder,
            illustration=exercise.illustration,
        ),
        "source": exercise.source,
    }


def seed_values(seed: SeedCatalogue) -> dict[tuple[str, str], dict[str, Any]]:
    """(item type, key) -> row values of every shipped item."""
    kinds = {technique.key: technique.kind.value for technique in seed.techniques}
    values = {
        (ItemType.TECHNIQUE.value, technique.key): technique_values(technique)
        for technique in seed.techniques
    }
    values |= {
        (ItemType.EXERCISE.value, exercise.key): exercise_values(exercise, kinds)
        for exercise in seed.exercises
    }
    return values


def sync_seed_catalogue(seed: SeedCatalogue) -> SyncReport:
    """Bring the shipped rows in line with the seed, by key; clinics' rows are never touched.

    A shipped item that left the seed is retired, not deleted: plans that used it keep it.
    Running it twice changes nothing.
    """
    report = SyncReport()
    wanted = seed_values(seed)
    shipped = {
        (item.item_type, item.key): item
        for item in db.session.scalars(
            select(CatalogueItem).where(CatalogueItem.clinic_id.is_(None))
        )
    }
    for (item_type, key), values in wanted.items():
        item = shipped.get((item_type, key))
        if item is None:
            db.session.add(CatalogueItem(key=key, clinic_id=None, **values))
            report.created += 1
            continue
        changed = {field: value for field, value in values.items() if getattr(item, field) != value}
        if item.retired_at is not None:
            item.retired_at = None
            changed["retired_at"] = None
        for field, value in changed.items():
            setattr(item, field, value)
        report.updated += bool(changed)
        report.unchanged += not changed
    for key, item in shipped.items():
        if key not in wanted and item.retired_at is None:
            item.retired_at = utcnow()
            report.retired += 1
    db.session.flush()
    return report


def clinic_catalogue(clinic_id: int | BindParameter, *, include_retired: bool = False) -> Select:
    """The items a clinic sees: its own rows, and shipped rows it has not replaced."""
    own = aliased(CatalogueItem)
    replaced = exists().where(
        and_(
            own.clinic_id == clinic_id,
            own.item_type == CatalogueItem.item_type,
            own.key == CatalogueItem.key,
        )
    )
    statement = select(CatalogueItem).where(
        or_(
            CatalogueItem.clinic_id == clinic_id,
            and_(CatalogueItem.clinic_id.is_(None), ~replaced),
        )
    )
    if not include_retired:
        statement = statement.where(CatalogueItem.retired_at.is_(None))
    return statement.order_by(CatalogueItem.item_type.desc(), CatalogueItem.name)


@dataclass(frozen=True)
class OutlineItem(ItemKind):
    """What proposals and the catalogue's choice list read of an item, read-only: the same
    names as ``CatalogueItem``'s, without its dosage, details or texts."""

    id: int
    key: str
    item_type: str
    name: str
    kind: str
    body_region: str | None
    indications: tuple[str, ...]
    cramp_triggers: tuple[str, ...]
    position: str | None


_OUTLINE_COLUMNS = (
    CatalogueItem.id,
    CatalogueItem.key,
    CatalogueItem.item_type,
    CatalogueItem.name,
    CatalogueItem.kind,
    CatalogueItem.body_region,
    CatalogueItem.indications,
    CatalogueItem.cramp_triggers,
    CatalogueItem.position,
)


@statement_built_once
def _outline_statement() -> Select:
    return clinic_catalogue(bindparam("clinic_id")).with_only_columns(*_OUTLINE_COLUMNS)


@statement_built_once
def _revision_statement() -> Select:
    """What changes whenever a row the clinic sees changes: every write sets ``updated_at``
    (retiring too), an insert raises the count and the highest id, a delete the count."""
    return select(
        func.count(), func.max(CatalogueItem.id), func.max(CatalogueItem.updated_at)
    ).where(
        or_(CatalogueItem.clinic_id == bindparam("clinic_id"), CatalogueItem.clinic_id.is_(None))
    )


_outlines: dict[int, tuple[tuple, tuple[OutlineItem, ...]]] = {}


def clinic_catalogue_outline(clinic_id: int) -> tuple[OutlineItem, ...]:
    """``clinic_catalogue`` of the clinic as outlines, in its order.

    The plan builder reads the whole catalogue on every view. A worker keeps the last outline
    of each clinic with the catalogue's revision it was read at, and reads the rows again only
    when the revision in the database differs: one small query instead of 73 rows, and never
    an outline older than the database, whichever server read it first."""
    parameters = {"clinic_id": clinic_id}
    revision = tuple(db.session.execute(_revision_statement(), parameters).one())
    kept = _outlines.get(clinic_id)
    if kept is not None and kept[0] == revision:
        return kept[1]
    outline = tuple(
        OutlineItem(*plain, tuple(indications), tuple(cramp_triggers), position)
        for *plain, indications, cramp_triggers, position in db.session.execute(
            _outline_statement(), parameters
        )
    )
    _outlines[clinic_id] = (revision, outline)
    return outline


def visible_item(clinic_id: int, item_id: int) -> CatalogueItem | None:
    """An item the clinic may see: its own or a shipped one (retired ones included)."""
    item = db.session.get(CatalogueItem, item_id)
    if item is None or item.clinic_id not in (None, clinic_id):
        return None
    return item


def clinic_copy(item: CatalogueItem, *, clinic_id: int, author: User) -> CatalogueItem:
    """The clinic's own row for ``item``: itself if it is the clinic's, else a new copy."""
    if item.clinic_id == clinic_id:
        return item
    existing = db.session.scalar(
        select(CatalogueItem).where(
            CatalogueItem.clinic_id == clinic_id,
            CatalogueItem.item_type == item.item_type,
            CatalogueItem.key == item.key,
        )
    )
    if existing is not None:
        return existing
    copy = CatalogueItem(
        clinic_id=clinic_id,
        key=item.key,
        updated_by_id=author.id,
        **{field: getattr(item, field) for field in SEEDED_FIELDS},
    )
    db.session.add(copy)
    return copy


def update_item(item: CatalogueItem, values: dict[str, Any], *, clinic_id: int, author: User):
    target = clinic_copy(item, clinic_id=clinic_id, author=author)
    for field, value in values.items():
        setattr(target, field, value)
    target.updated_by_id = author.id
    db.session.flush()
    return target


def retire_item(item: CatalogueItem, *, clinic_id: int, author: User) -> CatalogueItem:
    target = clinic_copy(item, clinic_id=clinic_id, author=author)
    target.retired_at = utcnow()
    target.updated_by_id = author.id
    db.session.flush()
    return target


def restore_item(item: CatalogueItem, *, author: User) -> None:
    item.retired_at = None
    item.updated_by_id = author.id
    db.session.flush()


def create_item(values: dict[str, Any], *, clinic_id: int, author: User) -> CatalogueItem:
    """A clinic's own item, under a key that no shipped or clinic item uses."""
    item = CatalogueItem(
        clinic_id=clinic_id, key=_free_key(values["name"]), updated_by_id=author.id, **values
    )
    db.session.add(item)
    db.session.flush()
    return item


def _free_key(name: str) -> str:
    base = "clinic-" + ("-".join(re.findall(r"[a-z0-9]+", name.lower())) or "item")
    taken = set(
        db.session.scalars(select(CatalogueItem.key).where(CatalogueItem.key.startswith(base)))
    )
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


class Provenance(StrEnum):
    """Where an item in a clinic's catalogue comes from, as the list and detail pages badge it."""

    SHIPPED = "shipped"
    EDITED = "edited for this clinic"
    OWN = "clinic's own"


def shipped_items() -> dict[tuple[str, str], CatalogueItem]:
    """(item type, key) -> shipped row, retired ones included."""
    return {
        (item.item_type, item.key): item
        for item in db.session.scalars(
            select(CatalogueItem).where(CatalogueItem.clinic_id.is_(None))
        )
    }


def provenance(item: CatalogueItem, shipped: dict[tuple[str, str], CatalogueItem]) -> Provenance:
    """A clinic row standing in for a shipped item counts as edited only if it differs from it.

    Retiring a shipped item makes an unchanged copy, which is still the shipped item.
    """
    if item.is_shipped:
        return Provenance.SHIPPED
    original = shipped.get((item.item_type, item.key))
    if original is None:
        return Provenance.OWN
    if any(getattr(item, field) != getattr(original, field) for field in SEEDED_FIELDS):
        return Provenance.EDITED
    return Provenance.SHIPPED


def clinic_version(item: CatalogueItem, clinic_id: int) -> CatalogueItem:
    """The row that stands for ``item`` in the clinic: its own copy of a shipped item, if any."""
    if not item.is_shipped:
        return item
    own = db.session.scalar(
        select(CatalogueItem).where(
            CatalogueItem.clinic_id == clinic_id,
            CatalogueItem.item_type == item.item_type,
            CatalogueItem.key == item.key,
        )
    )
    return own or item


@dataclass(frozen=True)
class CatalogueFilter:
    """What the catalogue list is narrowed to; an empty value does not narrow it."""

    words: str = ""
    item_type: str = ""
    category: str = ""
    body_region: str = ""
    indication: str = ""


def filter_items(items: Iterable[CatalogueItem], wanted: CatalogueFilter) -> list[CatalogueItem]:
    """The items that match every filter, and whose name or description holds every word.

    The catalogue is about a hundred rows, so this runs in Python over ``clinic_catalogue``.
    """
    words = wanted.words.casefold().split()
    return [
        item
        for item in items
        if (not wanted.item_type or item.item_type == wanted.item_type)
        and (not wanted.category or item.category == wanted.category)
        and (not wanted.body_region or item.body_region == wanted.body_region)
        and (not wanted.indication or wanted.indication in item.indications)
        and all(word in f"{item.name} {item.description}".casefold() for word in words)
    ]
