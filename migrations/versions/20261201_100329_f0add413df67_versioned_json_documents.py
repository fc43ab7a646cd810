"""versioned json documents

Every stored JSON document gets a ``schema_version``: version 1 is the shape stored until now,
without one, and version 2 adds it; the screening reasons, a bare list until now, move into an
object. On PostgreSQL the JSON columns become JSONB.

The upcasting is copied from ``practice.documents`` as it was at this revision: a migration never
imports application code.

Revision ID: f0add413df67
Revises: 9f63a151fcdb
Create Date: 2026-12-01 10:03:29.007987+00:00

"""

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = "f0add413df67"
down_revision = "9f63a151fcdb"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def _stamped(fields: dict[str, Any]) -> dict[str, Any]:
    return {"schema_version": 2, **fields}


def _unstamped(document: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in document.items() if name != "schema_version"}


def _reasons_stamped(reasons: list[dict[str, str]]) -> dict[str, Any]:
    return {"schema_version": 2, "reasons": reasons}


def _reasons_unstamped(document: dict[str, Any]) -> list[dict[str, str]]:
    return document["reasons"]


# (table, column, version 1 -> 2, version 2 -> 1)
DOCUMENTS = (
    ("assessment", "data", _stamped, _unstamped),
    ("catalogue_item", "dosage", _stamped, _unstamped),
    ("catalogue_item", "details", _stamped, _unstamped),
    ("plan_item", "dosage", _stamped, _unstamped),
    ("plan_item", "screening", _reasons_stamped, _reasons_unstamped),
)
# Every JSON column: the documents, and two lists of codes that are not documents.
JSON_COLUMNS = [(table, column) for table, column, *_ in DOCUMENTS] + [
    ("catalogue_item", "indications"),
    ("catalogue_item", "cramp_triggers"),
]
TYPES = {"json": sa.JSON(), "jsonb": postgresql.JSONB(astext_type=sa.Text())}


def _version(document: Any) -> int:
    return document.get("schema_version", 1) if isinstance(document, dict) else 1


def _rewrite(table_name: str, column: str, change, *, from_version: int) -> None:
    """Apply ``change`` to each document of the column that is at ``from_version``."""
    table = sa.table(table_name, sa.column("id", sa.Integer), sa.column(column, JSON))
    bind = op.get_bind()
    rows = bind.execute(sa.select(table.c.id, table.c[column])).all()
    changed = [
        {"row_id": row_id, "document": change(document)}
        for row_id, document in rows
        if _version(document) == from_version
    ]
    if changed:
        bind.execute(
            table.update()
            .where(table.c.id == sa.bindparam("row_id"))
            .values({column: sa.bindparam("document", type_=JSON)}),
            changed,
        )


def _convert_columns(to: str, *, from_: str) -> None:
    """On PostgreSQL, every JSON column to type ``to``; SQLite has one JSON type."""
    if op.get_bind().dialect.name != "postgresql":
        return
    for table_name, column in JSON_COLUMNS:
        op.alter_column(
            table_name,
            column,
            type_=TYPES[to],
            existing_type=TYPES[from_],
            existing_nullable=False,
            postgresql_using=f"{column}::{to}",
        )


def upgrade():
    _convert_columns("jsonb", from_="json")
    for table_name, column, upcast, _ in DOCUMENTS:
        _rewrite(table_name, column, upcast, from_version=1)


def downgrade():
    for table_name, column, _, downcast in DOCUMENTS:
        _rewrite(table_name, column, downcast, from_version=2)
    _convert_columns("json", from_="jsonb")
