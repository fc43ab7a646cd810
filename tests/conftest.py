"""Fixtures: ``app`` (a clean database per test), ``client``, ``runner``, ``auth``.

The suite runs on SQLite by default and on the database in ``TEST_DATABASE_URL`` when set (CI
sets a throw-away PostgreSQL database). CSRF protection stays on: tests post the real token.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from practice import create_app
from practice.extensions import db
from tests.factories import DEFAULT_PASSWORD

CSRF_INPUT = re.compile(r'<input[^>]*\bname="csrf_token"[^>]*>')
VALUE = re.compile(r'\bvalue="([^"]+)"')


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


@pytest.fixture(scope="session")
def _session_app(database_url: str, instance_path: Path) -> Iterator[Flask]:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        upgrade()
    yield app
    dispose_engines(app)


@pytest.fixture
def make_app(database_url: str) -> Iterator:
    """Builds extra apps on the test database with the given config; disposes them after."""
    made: list[Flask] = []

    def make(**config) -> Flask:
        app = create_app({"SQLALCHEMY_DATABASE_URI": database_url} | config)
        made.append(app)
        return app

    yield make
    for app in made:
        dispose_engines(app)


@pytest.fixture
def app(_session_app: Flask) -> Iterator[Flask]:
    yield _session_app
    with _session_app.app_context():
        db.session.remove()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()


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
def assessment_id(app, auth) -> int:
    """A draft assessment of Ada Lovelace by the signed-in clinician me@ours.example."""
    from tests.factories import make_assessment, make_patient, make_user

    with app.app_context():
        user = make_user(email="me@ours.example")
        patient = make_patient(author=user, given_names="Ada", family_name="Lovelace")
        assessment = make_assessment(patient).id
    auth.login("me@ours.example")
    return assessment
