"""Fixtures: ``app`` (the session's database, each test in a rolled-back transaction),
``client``, ``runner``, ``auth``.

The suite runs on SQLite by default and on the database in ``TEST_DATABASE_URL`` when set (CI
sets a throw-away PostgreSQL database). CSRF protection stays on: tests post the real token.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from flask_sqlalchemy.session import Session as FlaskSQLAlchemySession
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ProgrammingError

from practice import create_app
from practice.catalogue.services import sync_seed_catalogue
from practice.extensions import db
from practice.seed import load_seed_catalogue
from tests.factories import (
    DEFAULT_PASSWORD,
    ME,
    make_assessment,
    make_patient,
    make_user,
    signed_in_user,
)

CSRF_INPUT = re.compile(r'<input[^>]*\bname="csrf_token"[^>]*>')
VALUE = re.compile(r'\bvalue="([^"]+)"')
DROP_ATTEMPTS = 20  # half a second apart


def csrf_token_from(html: str) -> str:
    """The token of the first form in the page, as a browser would send it."""
    field = CSRF_INPUT.search(html)
    assert field, "no CSRF token in the page"
    return VALUE.search(field.group(0)).group(1)


def reset_postgresql(url: str) -> None:
    """Empty the throw-away test database; refuses any database not named as one for tests."""
    if "test" not in (make_url(url).database or ""):
        raise pytest.UsageError(f"TEST_DATABASE_URL must name a test database, not {url!r}")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        reset_postgresql(url)
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


_SQLITE_APPEND_ONLY = (
    "CREATE TRIGGER audit_entry_no_{event} BEFORE {EVENT} ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
)


@contextmanager
def append_only_lifted() -> Iterator[None]:
    """Lift the audit trail's append-only triggers, as only someone with the database's own
    access could: for cleaning up committed test data, and for tampering tests."""
    sqlite = db.engine.dialect.name == "sqlite"
    if sqlite:
        for event in ("update", "delete"):
            db.session.execute(text(f"DROP TRIGGER audit_entry_no_{event}"))
    else:
        db.session.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only"))
    try:
        yield
    finally:
        if sqlite:
            for event in ("update", "delete"):
                statement = _SQLITE_APPEND_ONLY.format(event=event, EVENT=event.upper())
                db.session.execute(text(statement))
        else:
            db.session.execute(
                text("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only")
            )


@pytest.fixture
def scratch_database(tmp_path: Path) -> Iterator:
    """Makes empty databases of the kind under test, outside the session's one, and drops them
    afterwards. On PostgreSQL they sit beside TEST_DATABASE_URL's database, so its role needs
    CREATEDB (``.ci/run`` grants it)."""
    made: list[str] = []
    server_url = os.environ.get("TEST_DATABASE_URL")

    def make(name: str) -> str:
        if not server_url:
            return f"sqlite:///{tmp_path / name}.sqlite3"
        url = make_url(server_url)
        database = f"{url.database}_{name}"
        with _postgresql_server(url) as connection:
            _drop_database(connection, database)
            connection.execute(text(f'CREATE DATABASE "{database}"'))
        made.append(database)
        return url.set(database=database).render_as_string(hide_password=False)

    yield make
    if made:
        with _postgresql_server(make_url(server_url)) as connection:
            for database in made:
                _drop_database(connection, database)


def _drop_database(connection: Connection, database: str) -> None:
    """Drop a scratch database and any connection a test left open to it (FORCE). FORCE, run
    by a role that is not a superuser, may not end an autovacuum worker that has started in
    the database after a test filled it; the worker is soon done, so the drop is tried again."""
    for attempt in range(DROP_ATTEMPTS):
        try:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            return
        except ProgrammingError:  # InsufficientPrivilege: the autovacuum worker's
            if attempt == DROP_ATTEMPTS - 1:
                raise
            time.sleep(0.5)


@contextmanager
def _postgresql_server(url) -> Iterator[Connection]:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def instance_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("instance")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PRACTICE_INSTANCE_PATH", str(path))
        yield path


def dispose_engines(app: Flask) -> None:
    """Close pooled connections, so none is left open when the test session ends."""
    with app.app_context():
        db.engine.dispose()


def _sqlite_transactions_that_nest(engine: Engine) -> None:
    """SQLAlchemy's recipe for SAVEPOINT on pysqlite: the driver's own transaction handling
    would commit at the first RELEASE SAVEPOINT, so SQLAlchemy emits BEGIN itself.

    For the test engine only: the app keeps the driver's default, which never holds a read
    transaction open between its statements.
    """

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection, _record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN")


@pytest.fixture(scope="session")
def _session_app(database_url: str, instance_path: Path) -> Iterator[Flask]:
    """One app and one schema for the whole run, holding the seed catalogue as init-db does."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        upgrade()
        sync_seed_catalogue(load_seed_catalogue())
        db.session.commit()
        db.session.remove()
        # db.session is one registry for every app, so this holds for make_app's apps too.
        db.session.configure(join_transaction_mode="create_savepoint")
        db.engine.dispose()
        if db.engine.dialect.name == "sqlite":
            _sqlite_transactions_that_nest(db.engine)
    yield app
    dispose_engines(app)


@contextmanager
def inside_one_transaction(app: Flask) -> Iterator[Connection]:
    """Everything the test does in the database happens on one connection, inside a transaction
    that is rolled back at the end: each test starts from the session's data.

    Sessions (of ``app`` and of any app ``make_app`` builds) are bound to that connection and
    join its transaction with a SAVEPOINT, so the app's commits and rollbacks work as usual; the
    engine hands out the same connection to migrations and inspection.
    """
    with app.app_context():
        engine = db.engine
        db.session.remove()
    connection = engine.connect()
    outer = connection.begin()
    try:
        with (
            mock.patch.object(FlaskSQLAlchemySession, "get_bind", return_value=connection),
            mock.patch.object(engine, "connect", return_value=connection),
            mock.patch.object(connection, "close"),
        ):
            yield connection
            with app.app_context():
                db.session.remove()
    finally:
        outer.rollback()
        connection.close()


@pytest.fixture
def app(_session_app: Flask) -> Iterator[Flask]:
    with inside_one_transaction(_session_app):
        yield _session_app


@pytest.fixture
def make_app(app: Flask, database_url: str) -> Iterator:
    """Builds extra apps with the given config; their sessions work in the test's transaction."""
    made: list[Flask] = []

    def make(**config) -> Flask:
        extra = create_app({"SQLALCHEMY_DATABASE_URI": database_url} | config)
        made.append(extra)
        return extra

    yield make
    for extra in made:
        dispose_engines(extra)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


class AuthActions:
    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def login(self, email: str, password: str = DEFAULT_PASSWORD, follow_redirects: bool = False):
        token = csrf_token_from(self._client.get("/login").get_data(as_text=True))
        return self._client.post(
            "/login",
            data={"email": email, "password": password, "csrf_token": token},
            follow_redirects=follow_redirects,
        )

    def logout(self):
        token = csrf_token_from(self._client.get("/").get_data(as_text=True))
        return self._client.post("/logout", data={"csrf_token": token})


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


@pytest.fixture
def me(app, auth) -> str:
    """Signs in a clinician, Alex Morgan (``factories.ME``); returns the email."""
    with app.app_context():
        make_user(email=ME, display_name="Alex Morgan")
    auth.login(ME)
    return ME


@pytest.fixture
def assessment(app, me):
    """Makes a draft assessment, holding ``record``, of a new patient of the signed-in clinician;
    returns its id."""

    def make(record=None) -> int:
        with app.app_context():
            patient = make_patient(author=signed_in_user())
            return make_assessment(patient, record=record).id

    return make


@pytest.fixture
def assessment_id(app, me) -> int:
    """A draft assessment of Ada Lovelace by the signed-in clinician."""
    with app.app_context():
        patient = make_patient(author=signed_in_user(), given_names="Ada", family_name="Lovelace")
        return make_assessment(patient).id
