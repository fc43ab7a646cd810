"""Migrations are code: one head, upgrade from empty gives the models' schema, downgrade works.

Runs on SQLite (a fresh file) and, under TEST_DATABASE_URL, in a fresh PostgreSQL schema.
"""

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from practice import create_app
from practice.extensions import db

SCHEMA = "migration_test"


@pytest.fixture
def empty_database_url(database_url: str, tmp_path) -> Iterator[str]:
    if make_url(database_url).get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    url = make_url(database_url).update_query_dict({"options": f"-csearch_path={SCHEMA}"})
    yield url.render_as_string(hide_password=False)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {SCHEMA} CASCADE"))
    engine.dispose()


@pytest.fixture
def empty_app(empty_database_url: str) -> Iterator[Flask]:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def _differences_from_models() -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def _tables() -> set[str]:
    return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_there_is_one_head(empty_app):
    config = empty_app.extensions["migrate"].migrate.get_config()
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def test_upgrade_from_empty_gives_exactly_the_models_schema(empty_app):
    assert _tables() == set()
    upgrade()
    assert _tables() == set(db.metadata.tables)
    assert _differences_from_models() == []


def test_downgrade_to_base_removes_everything_and_upgrade_works_again(empty_app):
    upgrade()
    downgrade(revision="base")
    assert _tables() == set()
    upgrade()
    assert _differences_from_models() == []
