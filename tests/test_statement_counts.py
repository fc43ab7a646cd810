"""Statements per page do not grow with the rows on it (no query per plan item)."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from practice.extensions import db
from tests.factories import make_plan, signed_in_user


@contextmanager
def counted(app):
    """Count the statements sent to the database while the block runs."""
    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def count(_connection, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


FEW = ("clam-shell",)
MANY = ("clam-shell", "calf-stretch-wall", "glute-bridge", "ankle-pumps", "heel-slide")


@pytest.mark.parametrize("url", ["/plans/{plan}", "/plans/{plan}/handout", "/patients/{patient}"])
def test_a_page_costs_the_same_statements_for_one_item_or_many(app, client, me, url):
    counts = []
    for exercises in (FEW, MANY):
        with app.app_context():
            plan = make_plan(signed_in_user(), exercises=exercises)
            ids = {"plan": plan.id, "patient": plan.patient_id}
        client.get(url.format(**ids))  # warm: the first page of a plan fills caches
        with counted(app) as statements:
            assert client.get(url.format(**ids)).status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
