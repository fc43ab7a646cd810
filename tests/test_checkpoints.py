"""SQLite's log is copied into the database file after a response, not inside a commit (issue 13:
an automatic checkpoint held one sign-in in fifty for half a second)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from practice import checkpoints
from practice.extensions import db


@pytest.fixture
def engine(tmp_path: Path, monkeypatch) -> Iterator[Engine]:
    """A database in write-ahead-log mode (as every SQLite connection of the app) with one
    table, its creation checkpointed, and this worker's last checkpoint long ago."""
    engine = create_engine(f"sqlite:///{tmp_path / 'log.sqlite3'}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE note (body BLOB)")
    checkpoints.checkpoint_if_committed(engine)
    monkeypatch.setattr(checkpoints, "_last_checkpoint", [float("-inf")])
    yield engine
    engine.dispose()


def _write(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO note VALUES (:body)"), {"body": b"x" * 200_000})


def _database_file_size(tmp_path: Path) -> int:
    return (tmp_path / "log.sqlite3").stat().st_size


def test_a_commit_is_copied_into_the_database_file_by_the_checkpoint(engine, tmp_path):
    _write(engine)
    before = _database_file_size(tmp_path)  # the new pages are in the log only
    assert checkpoints.checkpoint_if_committed(engine)
    assert _database_file_size(tmp_path) > before + 150_000


def test_no_checkpoint_without_a_commit_or_within_a_second_of_the_last(engine, tmp_path):
    assert not checkpoints.checkpoint_if_committed(engine)  # nothing committed since
    _write(engine)
    assert checkpoints.checkpoint_if_committed(engine)
    _write(engine)
    size = _database_file_size(tmp_path)
    assert not checkpoints.checkpoint_if_committed(engine)  # one a second at most
    assert _database_file_size(tmp_path) == size


def test_the_app_checkpoints_once_the_response_is_closed_on_sqlite_only(app, client, monkeypatch):
    closed = []
    monkeypatch.setattr(checkpoints, "checkpoint_if_committed", closed.append)
    response = client.get("/healthz")
    assert closed == []  # not before the response has been sent
    response.close()
    with app.app_context():
        expected = [db.engine] if db.engine.dialect.name == "sqlite" else []
    assert closed == expected


def test_a_failed_checkpoint_is_logged_not_raised(engine, tmp_path, caplog):
    _write(engine)
    unreachable = create_engine(f"sqlite:///{tmp_path / 'missing-folder' / 'log.sqlite3'}")
    assert not checkpoints.checkpoint_if_committed(unreachable)  # the response is already sent
    assert "checkpoint after the response failed" in caplog.text
