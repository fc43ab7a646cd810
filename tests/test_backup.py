"""Backup and restore round-trip every table (issue 12 point 9), on SQLite and on PostgreSQL,
each in throw-away databases of its own (``scratch_database``)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import make_url

from practice import create_app
from practice.backup import BackupError, backup, restore
from practice.extensions import db
from tests.conftest import dispose_engines

POSTGRES = os.environ.get("TEST_DATABASE_URL")


@pytest.fixture
def app_on(instance_path) -> Iterator[callable]:
    apps = []

    def make(url: str):
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
        apps.append(app)
        return app

    yield make
    for app in apps:
        dispose_engines(app)


def _every_row(app) -> dict[str, list[tuple]]:
    with app.app_context():
        tables = {table.name: table for table in db.metadata.sorted_tables}
        names = set(inspect(db.engine).get_table_names())
        with db.engine.connect() as connection:
            rows = {
                name: [
                    tuple(row)
                    for row in connection.execute(select(table).order_by(*table.primary_key))
                ]
                for name, table in tables.items()
            }
            rows["alembic_version"] = [
                tuple(row) for row in connection.execute(text("SELECT * FROM alembic_version"))
            ]
    assert names == set(rows), "a table is missing from the models or the database"
    return rows


def _populated(app_on, url: str):
    app = app_on(url)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["init-db"]).exit_code == 0
    result = runner.invoke(args=["demo-data", "--patients", "3"])
    assert result.exit_code == 0, result.output
    return app


def test_a_backup_restores_every_table_row_for_row(app_on, scratch_database, tmp_path):
    source = _populated(app_on, scratch_database("source"))
    output = tmp_path / "practice.backup"
    result = source.test_cli_runner().invoke(args=["backup", "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(output.stat().st_mode) == 0o600

    target = app_on(scratch_database("target"))
    result = target.test_cli_runner().invoke(args=["restore", "--input", str(output)])
    assert result.exit_code == 0, result.output

    before, after = _every_row(source), _every_row(target)
    assert before["patient"]
    assert before["assessment"]
    assert before["treatment_plan"]
    assert before == after


def test_the_copy_is_consistent_while_a_write_is_under_way(app_on, scratch_database, tmp_path):
    source = _populated(app_on, scratch_database("source"))
    before = _every_row(source)
    with source.app_context(), db.engine.connect() as writer:
        writer.execute(text("UPDATE patient SET occupation = 'half-written'"))  # not committed
        backup(db.engine, tmp_path / "copy.backup")
        writer.rollback()
    target = app_on(scratch_database("target"))
    with target.app_context():
        restore(db.engine, tmp_path / "copy.backup")
    assert _every_row(target) == before


def test_restore_refuses_a_database_that_is_not_empty(app_on, scratch_database, tmp_path):
    source = _populated(app_on, scratch_database("source"))
    with source.app_context():
        backup(db.engine, tmp_path / "copy.backup")
        with pytest.raises(BackupError, match="restore only into an empty one"):
            restore(db.engine, tmp_path / "copy.backup")


def test_restore_refuses_a_file_that_is_no_backup(app_on, scratch_database, tmp_path):
    target = app_on(scratch_database("target"))
    stray = tmp_path / "notes.txt"
    stray.write_text("not a database")
    result = target.test_cli_runner().invoke(args=["restore", "--input", str(stray)])
    assert result.exit_code != 0
    assert "is not a" in result.output
    with target.app_context():
        assert inspect(db.engine).get_table_names() == []


def test_backup_never_overwrites_a_file(app_on, scratch_database, tmp_path):
    source = app_on(scratch_database("source"))
    existing = tmp_path / "existing.backup"
    existing.write_text("keep me")
    result = source.test_cli_runner().invoke(args=["backup", "--output", str(existing)])
    assert result.exit_code != 0
    assert "already exists" in result.output
    assert existing.read_text() == "keep me"


@pytest.mark.skipif(bool(POSTGRES), reason="the files of a SQLite database")
def test_the_instance_folder_and_the_database_are_private(tmp_path, monkeypatch):
    monkeypatch.setenv("PRACTICE_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    umask = os.umask(0o022)  # the usual umask, which leaves new files readable by all
    app = create_app({"TESTING": True})
    try:
        with app.app_context():
            db.session.execute(text("CREATE TABLE probe (id INTEGER)"))
            db.session.commit()
        instance = Path(app.instance_path)
        assert stat.S_IMODE(instance.stat().st_mode) == 0o700
        database = Path(make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database)
        assert database.parent == instance
        assert stat.S_IMODE(database.stat().st_mode) == 0o600
    finally:
        os.umask(umask)
        dispose_engines(app)
