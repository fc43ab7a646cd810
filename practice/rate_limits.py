"""A store for Flask-Limiter's counters in the app's own database, shared by every worker.

The limits library ships stores for Redis, Memcached and MongoDB, none for SQL; a clinic on one
machine has no Redis, and counting in each worker's memory let two workers accept twice the
configured failures and lost every count on a restart. ``RATELIMIT_STORAGE_URI`` selects this
store by default (``practice-database://``) and Redis when set to ``redis://…``.

Counts are kept with the request's own session and committed at once: sign-in failures are
counted after the response is built (Flask-Limiter's ``deduct_when``), when nothing else of the
request is pending. Each increment is a single upsert, atomic on both databases.
"""

from __future__ import annotations

import time
from typing import ClassVar

from limits.storage import Storage
from sqlalchemy import Row, case, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from practice.extensions import db
from practice.models import RateLimitCounter

SCHEME = "practice-database"
STORAGE_URI = f"{SCHEME}://"


class DatabaseStorage(Storage):
    STORAGE_SCHEME: ClassVar[list[str]] = [SCHEME]

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        now = time.time()
        dialect = sqlite if db.session.get_bind().dialect.name == "sqlite" else postgresql
        insert = dialect.insert(RateLimitCounter).values(
            key=key, count=amount, expires_at=now + expiry
        )
        live = RateLimitCounter.expires_at > now
        counted = insert.on_conflict_do_update(
            index_elements=[RateLimitCounter.key],
            set_={
                "count": case((live, RateLimitCounter.count + amount), else_=amount),
                "expires_at": case(
                    (live, RateLimitCounter.expires_at), else_=insert.excluded.expires_at
                ),
            },
        ).returning(RateLimitCounter.count)
        count = db.session.execute(counted).scalar_one()
        db.session.commit()
        return count

    def get(self, key: str) -> int:
        row = self._live(key)
        return row.count if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._live(key)
        return row.expires_at if row else time.time()

    def check(self) -> bool:
        db.session.execute(select(1))
        return True

    def reset(self) -> int | None:
        removed = db.session.execute(delete(RateLimitCounter)).rowcount
        db.session.commit()
        return removed

    def clear(self, key: str) -> None:
        db.session.execute(delete(RateLimitCounter).where(RateLimitCounter.key == key))
        db.session.commit()

    def _live(self, key: str) -> Row[tuple[int, float]] | None:
        return db.session.execute(
            select(RateLimitCounter.count, RateLimitCounter.expires_at).where(
                RateLimitCounter.key == key, RateLimitCounter.expires_at > time.time()
            )
        ).one_or_none()
