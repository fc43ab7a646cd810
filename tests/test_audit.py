"""The audit trail (issue 12 point 5): every read and write of patient data and every sign-in
is an entry; the entries are append-only and chained by hash; audit-verify finds any change."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select, text, update
from sqlalchemy.exc import DBAPIError

from practice import audit
from practice.db import wrote_nothing
from practice.extensions import db
from practice.models import AuditEntry, HandoutRecord, Patient
from tests.conftest import AuthActions, append_only_lifted
from tests.factories import (
    DEFAULT_PASSWORD,
    ME,
    make_patient,
    make_records_of_every_kind,
    signed_in_user,
)
from tests.html_forms import form_values


@pytest.fixture
def records(app, me):
    with app.app_context():
        return make_records_of_every_kind(signed_in_user())


def _entries(app, **where) -> list[AuditEntry]:
    with app.app_context():
        statement = select(AuditEntry).filter_by(**where).order_by(AuditEntry.sequence)
        found = list(db.session.scalars(statement))
        db.session.expunge_all()
        return found


def test_the_url_tables_name_real_pages(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert set(audit.READS) - endpoints == set()
    assert set(audit.WRITES) - endpoints == set()


def test_every_route_that_writes_is_audited(app):
    writes = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    assert writes - set(audit.WRITES) == set()


def test_every_read_of_patient_data_is_recorded_with_who_what_and_where(app, client, records):
    patient, plan = records["patient_id"], records["plan_id"]
    for url in (
        f"/patients/{patient}",
        f"/assessments/{records['assessment_id']}",
        f"/plans/{plan}",
        f"/plans/{plan}/handout",
        f"/handouts/{records['record_id']}.pdf",
        f"/patients/{patient}/export.json",
    ):
        assert client.get(url, environ_base={"REMOTE_ADDR": "203.0.113.7"}).status_code == 200
    entries = _entries(app, patient_id=patient)
    assert [entry.action for entry in entries] == [
        "view_patient",
        "view_assessment",
        "view_plan",
        "view_handout_print_page",
        "download_handout",
        "export_patient",
    ]
    assert {entry.actor_name for entry in entries} == {ME}
    assert {entry.client_address for entry in entries} == {"203.0.113.7"}
    assert entries[1].record_type == "assessment"
    assert entries[1].record_id == records["assessment_id"]


def test_an_export_of_a_patient_with_no_assessments_is_recorded(app, client, me):
    with app.app_context():
        patient = make_patient(author=signed_in_user()).id
    assert client.get(f"/patients/{patient}/export.json").status_code == 200
    assert [entry.action for entry in _entries(app, patient_id=patient)] == ["export_patient"]


def test_a_search_is_recorded_without_its_query(app, client, me):
    client.get("/patients/?q=Lovelace")
    (entry,) = _entries(app, action="search_patients")
    assert "Lovelace" not in entry.detail


def test_sign_ins_failed_sign_ins_and_sign_outs_are_recorded(app, client, me, auth):
    auth.logout()
    AuthActions(client).login(ME, "not the password")
    AuthActions(client).login(ME, DEFAULT_PASSWORD)
    actions = [(entry.action, entry.actor_name) for entry in _entries(app)]
    assert actions == [
        ("sign_in", ME),
        ("sign_out", ME),
        ("sign_in_failed", ""),
        ("sign_in", ME),
    ]
    failed = _entries(app, action="sign_in_failed")[0]
    assert failed.detail == f"account tried: {ME}"
    assert "not the password" not in failed.detail


def test_a_patient_edit_keeps_the_old_values_but_no_clinical_text(app, client, records):
    url = f"/patients/{records['patient_id']}/edit"
    values = form_values(client.get(url).get_data(as_text=True), "patient-form")
    changes = {"phone": "020 7946 0999", "medications": "Warfarin 5 mg"}
    assert client.post(url, data=values | changes).status_code == 302
    (entry,) = _entries(app, action="edit_patient")
    assert entry.detail == '{"old_values": {"medications": null, "phone": ""}}'


def test_a_refused_write_is_not_recorded(app, client, records):
    url = f"/patients/{records['patient_id']}/edit"
    values = form_values(client.get(url).get_data(as_text=True), "patient-form")
    assert client.post(url, data=values | {"given_names": ""}).status_code == 400
    assert _entries(app, action="edit_patient") == []


def _verify(runner):
    return runner.invoke(args=["audit-verify"])


def _chain(client, records, reads: int = 4) -> None:
    for _ in range(reads):
        client.get(f"/patients/{records['patient_id']}")


def test_a_clean_chain_verifies(app, client, records, runner):
    _chain(client, records)
    result = _verify(runner)
    assert result.exit_code == 0, result.output
    assert "each unchanged and in order" in result.output


def test_the_database_refuses_to_change_or_delete_an_entry(app, client, records):
    _chain(client, records, reads=1)
    with app.app_context():
        for statement in ("UPDATE audit_entry SET action = 'x'", "DELETE FROM audit_entry"):
            with pytest.raises(DBAPIError, match="append-only"), db.session.begin_nested():
                db.session.execute(text(statement))


@pytest.mark.parametrize(
    ("tampering", "found"),
    [
        (
            "UPDATE audit_entry SET actor_name = 'someone else' WHERE sequence = 2",
            "row 2: was changed",
        ),
        ("DELETE FROM audit_entry WHERE sequence = 2", "row 2 is missing"),
        ("DELETE FROM audit_entry WHERE sequence = 5", "the chain should end at row 5"),
        ("UPDATE audit_entry SET sequence = sequence + 100 WHERE sequence = 3", "row 3 is missing"),
        (
            "INSERT INTO audit_entry (sequence, at, actor_name, action, record_type,"
            " client_address, detail, previous_hash, hash) SELECT 6, at, 'forger',"
            " 'view_patient', '', '', '', hash, hash FROM audit_entry WHERE sequence = 5",
            "row 6: was changed",
        ),
    ],
    ids=["changed", "deleted", "cut off", "reordered", "inserted"],
)
def test_audit_verify_finds_every_kind_of_tampering(app, client, records, runner, tampering, found):
    _chain(client, records)  # the sign-in and four reads: rows 1 to 5
    with app.app_context(), append_only_lifted():
        db.session.execute(text(tampering))
        db.session.commit()
    result = _verify(runner)
    assert result.exit_code != 0
    assert found in result.output, result.output


def test_a_stored_pdf_altered_in_the_database_is_not_served(app, client, records):
    with app.app_context():
        record = db.session.get(HandoutRecord, records["record_id"])
        record.pdf = b"%PDF-1.7 something else"
        db.session.commit()
    response = client.get(f"/handouts/{records['record_id']}.pdf")
    assert response.status_code == 409
    assert "no longer matches the fingerprint" in response.get_data(as_text=True)
    assert b"something else" not in response.data


def test_an_admin_filters_the_clinics_trail_by_patient_user_and_date(app, client, records):
    from practice.models import Role
    from tests.factories import make_user

    client.get(f"/patients/{records['patient_id']}")
    with app.app_context():
        make_user(email="admin@ours.example", role=Role.ADMIN, clinic=signed_in_user().clinic)
        me_id = signed_in_user().id
    admin = app.test_client()
    AuthActions(admin).login("admin@ours.example")
    page = admin.get(f"/clinic/audit?patient={records['patient_id']}&user={me_id}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "View patient" in text
    assert ME in text
    everything = admin.get("/clinic/audit")
    assert everything.status_code == 200
    assert "View patient" in everything.get_data(as_text=True)
    empty = admin.get("/clinic/audit?since=2099-01-01")
    assert empty.status_code == 200
    assert "No entries match." in empty.get_data(as_text=True)
    assert admin.get("/clinic/audit?user=not-a-user").status_code == 400


def test_an_entry_names_the_most_specific_record_of_its_url(app, client, records):
    url = f"/patients/{records['patient_id']}/flags/{records['flag_id']}/resolve"
    assert client.get(url).status_code == 200
    (entry,) = _entries(app, action="view_flag")
    assert (entry.record_type, entry.record_id) == ("flag", records["flag_id"])
    assert entry.patient_id == records["patient_id"]


def test_a_reads_entry_joins_the_reads_transaction_on_postgresql_only(app, client, records):
    """PostgreSQL: the read and its entry are one transaction (fewer round trips). SQLite: the
    read ends first, since a write-ahead-log reader on an old snapshot may not start writing."""
    begun = []
    with app.app_context():
        session_class = type(db.session())
        dialect = db.engine.dialect.name
    listener = lambda session, transaction, connection: begun.append(transaction)  # noqa: E731
    event.listen(session_class, "after_begin", listener)
    try:
        assert client.get(f"/plans/{records['plan_id']}").status_code == 200
    finally:
        event.remove(session_class, "after_begin", listener)
    assert len(begun) == (1 if dialect == "postgresql" else 2)
    assert _entries(app, record_type="plan", record_id=records["plan_id"])[-1].action == "view_plan"


def test_a_transaction_wrote_nothing_until_a_flush_a_write_or_a_pending_change(app, me):
    with app.app_context():
        patient = make_patient(clinic=signed_in_user().clinic)
        db.session.commit()
        db.session.scalar(select(Patient.id).limit(1))
        assert wrote_nothing(db.session())
        patient.given_names = "Changed"
        assert not wrote_nothing(db.session())  # pending
        db.session.flush()
        assert not wrote_nothing(db.session())  # flushed, not yet committed
        db.session.rollback()
        assert wrote_nothing(db.session())
        db.session.execute(update(Patient).where(Patient.id == patient.id).values(phone="1"))
        assert not wrote_nothing(db.session())
        db.session.rollback()
        db.session.execute(text("SELECT 1"))
        assert not wrote_nothing(db.session())  # text() could be a write
        db.session.rollback()


def test_only_a_reads_entry_commits_without_waiting_for_the_disk(app, client, records):
    """PostgreSQL: the read's entry turns synchronous commit off in the statement that takes its
    number (no statement of its own); a write's entry keeps the durable default."""
    sent = []
    with app.app_context():
        engine, dialect = db.engine, db.engine.dialect.name
    listener = lambda conn, cursor, statement, *rest: sent.append(statement)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        assert client.get(f"/plans/{records['plan_id']}").status_code == 200
        read = [statement for statement in sent if "audit_head" in statement]
        sent.clear()
        url = f"/patients/{records['patient_id']}/edit"
        form = form_values(client.get(url).get_data(as_text=True), "patient-form")
        sent.clear()
        assert client.post(url, data=form | {"phone": "020 7946 0998"}).status_code == 302
        write = [statement for statement in sent if "audit_head" in statement]
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(read) == len(write) == 1  # the number taken (a trigger moves the head)
    assert ("set_config" in read[0]) == (dialect == "postgresql")
    assert "set_config" not in write[0]
    assert not any("synchronous_commit TO" in statement for statement in sent)


def test_a_write_left_for_its_entry_is_committed_even_when_no_entry_is_written(app, me):
    """commit_with_entry hands the view's commit to the audit: a response that gets no entry
    (here a refusal) must not lose the write silently."""
    with app.app_context():
        patient_id = make_patient(clinic=signed_in_user().clinic).id
        db.session.commit()
    with app.test_request_context("/login", method="POST"):
        db.session.get(Patient, patient_id).phone = "020 7946 0997"
        audit.commit_with_entry()
        audit._audit(app.response_class(status=400))
        db.session.rollback()
        assert db.session.get(Patient, patient_id).phone == "020 7946 0997"
