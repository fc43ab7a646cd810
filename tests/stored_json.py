"""The JSON columns as stored, read and written past their codec: what is on disk."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from practice.extensions import db

RAW_JSON = sa.JSON().with_variant(JSONB(), "postgresql")


def _table(name: str, column: str) -> sa.TableClause:
    return sa.table(name, sa.column("id", sa.Integer), sa.column(column, RAW_JSON))


def stored_json(name: str, column: str, row_id: int) -> Any:
    table = _table(name, column)
    return db.session.execute(sa.select(table.c[column]).where(table.c.id == row_id)).scalar_one()


def store_json(name: str, column: str, row_id: int, document: Any) -> None:
    table = _table(name, column)
    db.session.execute(table.update().where(table.c.id == row_id).values({column: document}))
    db.session.expire_all()
