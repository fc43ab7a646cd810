"""Declarative base, column types and database-specific connection settings."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from sqlalchemy import JSON, ColumnElement, DateTime, MetaData, event, func, true
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session
from sqlalchemy.pool import Pool
from sqlalchemy.types import TypeDecorator

if TYPE_CHECKING:
    from practice.documents import DocumentKind

# Named constraints let Alembic drop and alter them on every backend (SQLite batch mode included).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SQLITE_BUSY_TIMEOUT_MS = 5000
PRIVATE_FILE = 0o600  # the database holds every patient's record: its owner alone reads it


def utcnow() -> datetime:
    return datetime.now(UTC)


Params = ParamSpec("Params")
Built = TypeVar("Built")


def statement_built_once(build: Callable[Params, Built]) -> Callable[Params, Built]:
    """``functools.cache`` for a function that builds a statement whose values are all bound
    parameters (``bindparam``), given when it is executed.

    The same statement object is then used every time, so SQLAlchemy neither builds it nor
    computes its key to the compiled-statement cache again: about 0.15-0.3 ms a statement, on
    statements that every page, or every request, runs."""
    return cache(build)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC timestamp on every backend.

    PostgreSQL keeps the zone itself; SQLite has no zone type, so values are stored as naive UTC
    and given their zone back when read.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware UTC timestamp is required")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


JSON_OR_JSONB = JSON().with_variant(JSONB(), "postgresql")
"""JSON, kept as JSONB on PostgreSQL: parsed once on write, and compared by value."""


class JSONDocument(TypeDecorator[Any]):
    """A versioned document of one kind (``practice.documents``): every read decodes and upcasts
    it, every write encodes it with the current ``schema_version``."""

    impl = JSON_OR_JSONB
    cache_ok = True

    def __init__(self, kind: DocumentKind[Any]) -> None:
        super().__init__()
        self.kind = kind

    def process_bind_param(self, value: Any, dialect) -> dict[str, Any] | None:
        return None if value is None else self.kind.encode(value)

    def process_result_value(self, value: Any, dialect) -> Any:
        return None if value is None else self.kind.decode(value)


def render_migration_item(type_: str, obj: object, autogen_context) -> str | bool:
    """Autogenerate writes our column types as plain SQLAlchemy types, so migrations never
    import application code that may change after they are written."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and isinstance(obj, JSONDocument):
        autogen_context.imports.add("from sqlalchemy.dialects import postgresql")
        return "sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')"
    return False


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def without_waiting_for_the_disk(session: Session) -> ColumnElement | None:
    """Let the transaction on ``session`` commit before its log reaches the disk.

    For the audit entries of reads alone: every GET of a record writes one, and the wait for
    the disk (an fsync, 2-4 ms here) was a fifth of the record pages' time. An application crash
    loses nothing; a crash of the machine or a power cut may lose the last such entries (never
    the clinical writes, which keep the durable default). The database stays consistent and the
    log is written in order, so the next durable commit writes all before it: the hash chain
    loses a tail at worst, never a link.

    PostgreSQL: ``synchronous_commit`` off for this transaction, by a column the caller adds to
    a statement it sends anyway (``set_config(…, true)``, the function form of ``SET LOCAL``):
    returned, since a statement of its own would be one more round trip. SQLite (write-ahead
    log): ``synchronous = NORMAL``, set here, which SQLite allows only outside a transaction and
    which stays on the connection: it goes back to FULL when the connection returns to the pool
    (``_durable_again``); None is returned. Inside a transaction begun earlier (the tests run
    inside one) SQLite keeps the durable setting.
    """
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        return _RELAXED_COMMIT
    if not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("PRAGMA synchronous = NORMAL")
        connection.info[_RELAXED] = True
    return None


_RELAXED = "practice.relaxed_durability"
_RELAXED_COMMIT = func.set_config("synchronous_commit", "off", true()).label("relaxed_commit")
_WROTE = "practice.wrote"


def wrote_nothing(session: Session) -> bool:
    """Whether the transaction under way on ``session`` has written nothing and holds nothing
    to write: no flush, no insert, update or delete statement (nor any ``text()`` statement,
    which it cannot tell from a write) since it began, and no pending change."""
    return not (session.info.get(_WROTE) or session.new or session.dirty or session.deleted)


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _flush_context) -> None:
    session.info[_WROTE] = True


@event.listens_for(Session, "do_orm_execute")
def _executed(state) -> None:
    if not state.is_select:
        state.session.info[_WROTE] = True


@event.listens_for(Session, "after_transaction_end")
def _ended(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(_WROTE, None)


def end_a_read_with_commit(sessions: scoped_session, error: BaseException | None) -> None:
    """At the end of a request on PostgreSQL, commit a transaction that only read, rather than
    let the session's close roll it back.

    psycopg prepares a statement once the connection has run it five times, so the server no
    longer parses and plans it (the plan builder's statement for the plan took 1.9 ms planned
    afresh, 0.45 ms prepared); but a rollback makes psycopg forget every statement it prepared
    on the connection and deallocate them all, since it cannot know whether the transaction
    dropped what they use. Every read that ended in a rollback (a page whose audit entry joined
    its transaction, a health check) thus cost the next requests their prepared statements. A
    commit of a transaction that wrote nothing (``wrote_nothing``) changes nothing in the
    database; one that wrote, or a request that failed, is still rolled back. On SQLite the
    driver keeps its statements through a rollback, which stays."""
    if error is not None or not sessions.registry.has():
        return
    session = sessions()
    if (
        session.in_transaction()
        and session.connection().dialect.name == "postgresql"
        and wrote_nothing(session)
    ):
        try:
            end_the_read(session)
        except SQLAlchemyError:  # the database went away after answering: the read is done
            session.rollback()


def end_the_read(session: Session) -> None:
    """End the transaction on ``session``, which wrote nothing (``wrote_nothing``), with a
    commit that leaves the session's objects as they were read, for the rest of the request.

    A rollback would expire every object the session holds (the plan builder holds seventeen,
    and expiring them was a hundredth of its work) and, on PostgreSQL, discard the statements
    prepared on the connection (``end_a_read_with_commit``)."""
    session.expire_on_commit = False
    session.commit()


@event.listens_for(Pool, "checkin")
def _durable_again(dbapi_connection, connection_record) -> None:
    if connection_record is not None and connection_record.info.pop(_RELAXED, False):
        dbapi_connection.execute("PRAGMA synchronous = FULL")


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, _connection_record) -> None:
    """Foreign keys on, write-ahead log and a busy timeout for every SQLite connection, and its
    files readable by their owner alone (SQLite creates them with the process's umask)."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    main_file = cursor.execute("PRAGMA database_list").fetchone()[2]
    cursor.close()
    for path in (main_file, f"{main_file}-wal", f"{main_file}-shm") if main_file else ():
        if os.path.exists(path):
            os.chmod(path, PRIVATE_FILE)
