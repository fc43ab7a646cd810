"""The patient's export holds the whole record (issue 12 point 10): every table that holds
patient data is in it, row for row, and a new such table fails this test until it is."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Table, func, select

from practice.assessments.services import add_addendum
from practice.extensions import db
from practice.models import Patient, TreatmentPlan
from practice.patients.export import patient_record
from practice.plans import services as plan_services
from practice.visits import services as visit_services
from tests.factories import (
    make_flag,
    make_outcome_response,
    make_records_of_every_kind,
    make_visit_note,
    signed_in_user,
)

Document = dict[str, Any]


def _each(key: str) -> Callable[[Document], list]:
    return lambda document: document[key]


def _within(outer: Callable[[Document], list], key: str) -> Callable[[Document], list]:
    return lambda document: [inner for item in outer(document) for inner in item[key]]


_versions = _within(_each("plans"), "versions")
EXPORTED: dict[str, Callable[[Document], list]] = {
    "patient": lambda document: [document["patient"]],
    "patient_flag": _each("flags"),
    "patient_flag_region": _within(_each("flags"), "regions"),
    "consent": _each("consents"),
    "assessment": _each("assessments"),
    "addendum": _within(_each("assessments"), "addenda"),
    "assessment_event": _within(_each("assessments"), "history"),
    "treatment_plan": _each("plans"),
    "plan_version": _versions,
    "plan_item": _within(_versions, "items"),
    "plan_goal": _within(_versions, "goals"),
    "plan_event": _within(_each("plans"), "history"),
    "handout_record": _each("handouts"),
    "letter_record": _each("letters"),
    "visit_note": _each("visit_notes"),
    "visit_item": _within(_each("visit_notes"), "items"),
    "visit_log_entry": _within(_each("visit_notes"), "exercise_log"),
    "visit_addendum": _within(_each("visit_notes"), "addenda"),
    "outcome_response": _each("outcomes"),
    "outcome_item": _within(_each("outcomes"), "items"),
    "audit_entry": _each("audit"),
}
"""Each table that holds patient data, and where its rows are in the export."""
DERIVED = {"patient_search_token"}
"""Tables rebuilt from the patient's exported details (the words the patient is found by)."""


def _patient_tables() -> dict[str, list[list[Any]]]:
    """Every table with a chain of foreign keys to ``patient``, with that chain (the patient
    table itself has the empty chain)."""
    tables = {table.name: table for table in db.metadata.sorted_tables}
    chains: dict[str, list] = {"patient": []}
    changed = True
    while changed:
        changed = False
        for name, table in tables.items():
            if name in chains:
                continue
            # A direct key to the patient first, then by name: a table's keys are a set, and a
            # row reaches its patient by its own patient_id even where another key may be empty.
            keys = sorted(
                table.foreign_keys,
                key=lambda key: (key.column.table.name != "patient", key.parent.name),
            )
            for key in keys:
                parent = key.column.table.name
                if parent in chains and not key.parent.name.endswith("_by_id"):
                    chains[name] = [*chains[parent], (table, key)]
                    changed = True
                    break
    return chains


def test_every_table_that_holds_patient_data_is_exported():
    assert set(_patient_tables()) == set(EXPORTED) | DERIVED


def test_the_export_holds_every_row_of_a_full_record(app, client, me):
    with app.app_context():
        author = signed_in_user()
        records = make_records_of_every_kind(author)
    client.get(f"/patients/{records['patient_id']}")  # an audit entry about the patient
    with app.app_context():
        author = signed_in_user()
        plan = db.session.get(TreatmentPlan, records["plan_id"])
        plan_services.revise(plan, author=author, lock=plan.current.lock_version)
        add_addendum(
            plan.assessment,
            author=author,
            reason="Late entry",
            text="Seen limping.",
            refers_to_on=None,
        )
        patient = db.session.get(Patient, records["patient_id"])
        make_flag(
            patient, kind="local_infection_or_wound", regions=["forearm", "wrist_hand"], side="left"
        )
        make_outcome_response(patient)
        signed = make_visit_note(plan.given[-1], author=author, sign=True)
        visit_services.add_addendum(
            signed, author=author, reason="Late entry", text="Iced.", refers_to_on=None
        )
        db.session.commit()
        document = patient_record(patient)
        for name, chain in _patient_tables().items():
            if name in DERIVED:
                continue
            table = db.metadata.tables[name]
            count = _direct_count(patient.id, table, chain)
            assert len(EXPORTED[name](document)) == count, name
            assert count, f"the test record has no {name} row: it proves nothing about it"
        versions = document["plans"][0]["versions"]
        assert [version["number"] for version in versions] == [1, 2]
        assert versions[0]["items"][0]["screening"]["reasons"]
        assert document["handouts"][0]["sha256"]


def _direct_count(patient_id: int, table: Table, chain: list) -> int:
    """Rows of ``table`` belonging to the patient, following the foreign-key chain up."""
    if not chain:
        return 1
    statement = select(func.count()).select_from(table)
    current = table
    for child, key in reversed(chain):
        assert child is current
        parent = key.column.table
        if parent.name == "patient":
            return db.session.scalar(statement.where(key.parent == patient_id))
        statement = statement.join(parent, key.parent == key.column)
        current = parent
    raise AssertionError(f"{table.name} does not lead to patient")
