"""A read's audit entry commits without waiting for the disk; everything else still waits.

Run on a connection of its own, outside the tests' one transaction, since SQLite changes the
setting only between transactions."""

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from practice.db import without_waiting_for_the_disk

SQLITE_NORMAL, SQLITE_FULL = 1, 2


@pytest.fixture
def engine(database_url: str, tmp_path) -> Iterator[Engine]:
    url = (
        f"sqlite:///{tmp_path / 'durability.sqlite3'}"
        if database_url.startswith("sqlite")
        else database_url
    )
    engine = create_engine(url, pool_size=1, max_overflow=0)
    yield engine
    engine.dispose()


def _setting(connection) -> object:
    if connection.dialect.name == "postgresql":
        return connection.exec_driver_sql("SHOW synchronous_commit").scalar()
    return connection.exec_driver_sql("PRAGMA synchronous").scalar()


def test_the_relaxed_commit_holds_for_its_transaction_only(engine):
    durable = "on" if engine.dialect.name == "postgresql" else SQLITE_FULL
    relaxed = "off" if engine.dialect.name == "postgresql" else SQLITE_NORMAL
    with Session(engine) as session:
        assert _setting(session.connection()) == durable
        session.rollback()
        relaxed_commit = without_waiting_for_the_disk(session)
        if relaxed_commit is not None:  # PostgreSQL: a column of a statement sent anyway
            session.execute(select(relaxed_commit))
        assert _setting(session.connection()) == relaxed
        first = session.connection().connection.dbapi_connection
        session.execute(text("SELECT 1"))
        session.commit()
        # The same connection from the pool (it holds one), durable again for what comes next.
        assert session.connection().connection.dbapi_connection is first
        assert _setting(session.connection()) == durable
