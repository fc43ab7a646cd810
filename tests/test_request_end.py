"""How a request's transaction ends (``practice.db.end_a_read_with_commit``, run when the
request's app context ends): a read keeps the statements the connection has prepared on
PostgreSQL; a transaction that wrote without committing leaves nothing behind, on either
database."""

import pytest
from sqlalchemy import func, select, text

from practice.extensions import db
from practice.models import Clinic

PREPARED_AFTER = 5  # psycopg prepares a statement on its fifth run on the connection


def _clinics_named(name: str) -> int:
    return db.session.scalar(select(func.count()).where(Clinic.name == name))


def test_a_read_keeps_the_statements_prepared_on_postgresql(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("psycopg's prepared statements")
        for _ in range(PREPARED_AFTER + 1):
            _clinics_named("Anyone")
    # A rollback here made psycopg deallocate every prepared statement (DEALLOCATE ALL).
    with app.app_context():
        prepared = db.session.scalar(text("SELECT count(*) FROM pg_prepared_statements"))
    assert prepared > 0


def test_a_request_that_wrote_without_committing_leaves_nothing(app):
    with app.app_context():
        db.session.add(Clinic(name="Left behind"))
        db.session.flush()
    with app.app_context():
        assert _clinics_named("Left behind") == 0
