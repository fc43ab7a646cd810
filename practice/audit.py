"""The audit trail, written in one place: after every request, from ``READS`` and ``WRITES``.

Every read and write of patient data, every sign-in (and failed one), sign-out and every change
to users, the clinic and the catalogue is one ``AuditEntry``: who, when, what, which record and
patient, which clinic, from which address. The rows form a hash chain (each row's SHA-256 covers
its fields and the previous row's hash), and ``verify`` walks it. Views add only what the
request cannot tell: ``note(detail=…)`` (for example the old values of patient details), never a
password, a search query or clinical free text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from flask import Flask, Response, g, request
from flask_login import current_user
from sqlalchemy import ColumnElement, Insert, Update, insert, inspect, select, update

from practice.db import (
    end_the_read,
    statement_built_once,
    utcnow,
    without_waiting_for_the_disk,
    wrote_nothing,
)
from practice.extensions import db
from practice.models import (
    Assessment,
    AuditEntry,
    AuditHead,
    HandoutRecord,
    LetterRecord,
    TreatmentPlan,
)
from practice.models.access import CLIENT_ADDRESS_MAX_LENGTH
from practice.scoping import PATIENTS_OF_RECORDS

GENESIS_HASH = "0" * 64
HEAD_ID = 1

READS: Mapping[str, str] = MappingProxyType(
    {
        "patients.index": "search_patients",  # only with a search; the query is never stored
        "patients.show": "view_patient",
        "patients.edit": "view_patient_details",
        "patients.resolve_flag": "view_flag",
        "patients.export": "export_patient",
        "assessments.show": "view_assessment",
        "assessments.edit_section": "view_assessment_section",
        "assessments.compare": "compare_assessments",
        "plans.show": "view_plan",
        "handouts.plan_print_page": "view_handout_print_page",
        "handouts.prevention_print_page": "view_handout_print_page",
        "handouts.download": "download_handout",
        "visits.new": "view_visit_note_form",
        "visits.show": "view_visit_note",
        "visits.edit": "view_visit_note_form",
        "outcomes.record": "view_outcome_form",  # the form pre-fills the last activities
        "letters.new": "view_letter_form",
        "letters.download": "download_letter",
        "clinic.audit_trail": "view_audit_trail",
    }
)
"""Reads of patient data, audited when the GET succeeds."""

WRITES: Mapping[str, str] = MappingProxyType(
    {
        "patients.create": "create_patient",
        "patients.edit": "edit_patient",
        "patients.archive": "archive_patient",
        "patients.restore": "restore_patient",
        "patients.add_flag": "add_flag",
        "patients.resolve_flag": "resolve_flag",
        "patients.add_consent": "add_consent",
        "patients.withdraw_consent": "withdraw_consent",
        "assessments.start": "start_assessment",
        "assessments.edit_section": "save_assessment_section",
        "assessments.finalise": "finalise_assessment",
        "assessments.discard": "discard_assessment",
        "assessments.add_addendum": "add_addendum",
        "plans.start": "start_plan",
        "plans.add_item": "add_plan_item",
        "plans.item_action": "change_plan_item",
        "plans.add_goal": "add_plan_goal",
        "plans.remove_goal": "remove_plan_goal",
        "plans.schedule": "set_plan_schedule",
        "plans.issue": "issue_plan",
        "plans.revise": "revise_plan",
        "plans.discard": "discard_plan_draft",
        "handouts.issue_plan_handout": "give_handout",
        "handouts.issue_prevention_handout": "give_handout",
        "visits.create": "start_visit_note",
        "visits.edit": "save_visit_note",
        "visits.sign": "sign_visit_note",
        "visits.discard": "discard_visit_note",
        "visits.add_addendum": "add_visit_addendum",
        "outcomes.record": "record_outcome",
        "letters.new": "view_letter_form",  # back from the preview: shows, writes nothing
        "letters.preview": "view_letter_preview",  # a POST that saves nothing
        "letters.issue": "issue_letter",
        # Accounts, the clinic and the catalogue.
        "auth.login": "sign_in",
        "auth.logout": "sign_out",
        "auth.change_password": "change_own_password",
        "auth.set_password": "set_password_from_link",
        "clinic.settings": "change_clinic_settings",
        "clinic.update_therapist": "change_therapist_details",
        "clinic.invite": "invite_user",
        "clinic.change_role": "change_role",
        "clinic.deactivate": "deactivate_user",
        "clinic.reactivate": "reactivate_user",
        "clinic.reset_password": "reset_password",
        "clinic.end_sessions": "end_user_sessions",
        "catalogue.create": "create_catalogue_item",
        "catalogue.edit": "edit_catalogue_item",
        "catalogue.retire": "retire_catalogue_item",
        "catalogue.restore": "restore_catalogue_item",
    }
)
"""Writes, audited when the POST was not refused; a sign-in whether it succeeded or not."""

_RECORD_ARGUMENTS = (  # the most specific first: a flag's page is about the flag
    "assessment_id",
    "plan_id",
    "record_id",
    "letter_id",
    "flag_id",
    "consent_id",
    "item_id",
    "goal_id",
    "user_id",
    "patient_id",
)


def note(
    *,
    detail: str = "",
    record_type: str = "",
    record_id: int | None = None,
    patient_id: int | None = None,
) -> None:
    """What the request cannot tell, for this request's entry: a detail (no clinical free
    text), or the record a POST created (its id is in no URL yet)."""
    g.audit_detail = detail
    if record_type:
        g.audit_record = (record_type, record_id, patient_id)


COMMIT_WITH_ENTRY = "audit_commit_with_entry"  # g: the request's write waits for its entry


def commit_with_entry() -> None:
    """Leave the request's write for its audit entry's commit, instead of committing it first:
    the two land together or not at all, with one wait for the disk instead of two. For a view
    whose write is always audited once it succeeds (a sign-in)."""
    g.setdefault(COMMIT_WITH_ENTRY, True)


def remember_actor() -> None:
    """Who is signed in, for this request's entry: at the start of every request, while the user
    is as loaded (a view's commit expires it, and reading it then would be one more query),
    after a sign-in, and before a sign-out, so the sign-out entry still says who."""
    if current_user.is_authenticated:
        g.audit_actor = (current_user.id, current_user.email, current_user.clinic_id)


def record(
    action: str,
    *,
    actor: tuple[int | None, str, int | None],
    record_type: str = "",
    record_id: int | None = None,
    patient_id: int | None = None,
    client_address: str = "",
    detail: str = "",
    durable: bool = True,
) -> None:
    """Append one entry to the chain; the caller commits, without waiting for the disk when
    not ``durable`` (the entry of a read: ``db.without_waiting_for_the_disk``). Taking the next
    sequence number updates the head row first, which serialises writers on SQLite and
    PostgreSQL alike."""
    take_number, append = _chain_statements()
    relaxed = None if durable else without_waiting_for_the_disk(db.session())
    head = db.session.execute(take_number if relaxed is None else _returning(relaxed)).one()
    actor_id, actor_name, clinic_id = actor
    fields = {
        "sequence": head.sequence,
        "at": utcnow(),
        "clinic_id": clinic_id,
        "actor_id": actor_id,
        "actor_name": actor_name,
        "action": action,
        "record_type": record_type,
        "record_id": record_id,
        "patient_id": patient_id,
        "client_address": client_address[:CLIENT_ADDRESS_MAX_LENGTH],
        "detail": detail,
        "previous_hash": head.last_hash,
    }
    fields["hash"] = _hash_of(fields)
    db.session.execute(append, fields)  # a trigger moves the head's last hash to it


@statement_built_once
def _chain_statements() -> tuple[Update, Insert]:
    """The two statements every audited request pays for: Core statements on the tables (the
    ORM's bookkeeping for an object nobody reads back cost about a millisecond). The head's last
    hash follows each inserted entry by a trigger (migration e5a7c9d1f236), which saved a third
    statement."""
    head_table, entry_table = AuditHead.__table__, AuditEntry.__table__
    take_number = (
        update(head_table)
        .where(head_table.c.id == HEAD_ID)
        .values(sequence=head_table.c.sequence + 1)
        .returning(head_table.c.sequence, head_table.c.last_hash)
    )
    return take_number, insert(entry_table)


@statement_built_once
def _returning(relaxed_commit: ColumnElement) -> Update:
    """The number-taking statement that also returns (so sets) ``relaxed_commit``."""
    return _chain_statements()[0].returning(relaxed_commit)


HASHED_FIELDS = (
    "sequence", "at", "clinic_id", "actor_id", "actor_name", "action", "record_type",
    "record_id", "patient_id", "client_address", "detail", "previous_hash",
)  # fmt: skip


def entry_hash(entry: AuditEntry) -> str:
    return _hash_of({name: getattr(entry, name) for name in HASHED_FIELDS})


def _hash_of(fields: Mapping[str, Any]) -> str:
    chosen = {name: fields[name] for name in HASHED_FIELDS}
    chosen["at"] = chosen["at"].isoformat(timespec="microseconds")
    canonical = json.dumps(chosen, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Break:
    """Where the chain is broken, in words fit for the person running the check."""

    sequence: int
    problem: str


def verify(entries: Iterable[AuditEntry], head: AuditHead) -> list[Break]:
    """Every place the chain does not hold: a row changed (its hash), deleted or inserted (the
    sequence or the link to the row before), reordered, or cut off at the end (the head)."""
    breaks = []
    expected_sequence, previous = 1, GENESIS_HASH
    for entry in entries:
        if entry.sequence != expected_sequence:
            breaks.append(
                Break(
                    entry.sequence,
                    f"row {expected_sequence} is missing or out of order "
                    f"(found row {entry.sequence} where row {expected_sequence} should be)",
                )
            )
        if entry.previous_hash != previous:
            breaks.append(
                Break(
                    entry.sequence,
                    "does not follow the row before it (deleted, inserted or reordered rows)",
                )
            )
        if entry_hash(entry) != entry.hash:
            breaks.append(Break(entry.sequence, "was changed after it was written"))
        expected_sequence, previous = entry.sequence + 1, entry.hash
    if head.sequence != expected_sequence - 1 or head.last_hash != previous:
        breaks.append(
            Break(
                head.sequence,
                f"the chain should end at row {head.sequence}, but its last row is "
                f"{expected_sequence - 1}: rows were removed from the end or added after it",
            )
        )
    return breaks


def _audit(response: Response) -> Response:
    endpoint = request.endpoint or ""
    status = response.status_code
    if request.method == "GET":
        action = READS.get(endpoint)
        searched = endpoint != "patients.index" or bool(
            request.args.get("q") or request.args.get("dob")
        )
        if action is None or status != 200 or not searched:
            return response  # not a read of patient data, a failed one, or the bare list
    else:
        action = WRITES.get(endpoint)
        if action == "sign_in" and status in (302, 401):
            action = "sign_in" if status == 302 else "sign_in_failed"
        elif action is None or status >= 400:
            if g.get(COMMIT_WITH_ENTRY):
                db.session.commit()  # the view's write is its own, whatever the entry
            return response  # not audited, or a refused write that changed nothing
    # Who acted is read before a rollback expires the signed-in user: no query to reload it.
    actor = _actor(query=False)
    if g.get("audit_record"):
        record_type, record_id, patient_id = g.audit_record
    else:
        record_type, record_id = _record_of()
        patient_id = _loaded_patient_of(record_type, record_id)  # before a rollback expires it
    # Nothing of the request is left pending in this entry's commit, but a write the view left
    # for it (commit_with_entry) or, on PostgreSQL, a read that wrote nothing (_joins_the_read).
    # Otherwise a read that wrote nothing ends first (on SQLite, so that the entry's transaction
    # begins on the newest snapshot), anything else is rolled back.
    session = db.session()
    joins = g.get(COMMIT_WITH_ENTRY) or (request.method == "GET" and _joins_the_read(session))
    if not joins and request.method == "GET" and wrote_nothing(session):
        end_the_read(session)
    elif not joins:
        session.rollback()
    if patient_id is None:
        patient_id = _patient_of(record_type, record_id)
    record(
        action,
        durable=request.method != "GET",
        actor=actor or _actor(query=True),
        record_type=record_type,
        record_id=record_id,
        patient_id=patient_id,
        client_address=request.remote_addr or "",
        detail=g.get("audit_detail", "") or _failed_sign_in_detail(action),
    )
    db.session.commit()
    return response


def _joins_the_read(session) -> bool:
    """Whether a read's entry is written in the read's own transaction: on PostgreSQL when the
    request wrote nothing, which saves three round trips (the read's end, the pool's ping of the
    connection taken again, a new begin; the plan builder in-process went 32.9 -> 26.5 ms).
    Not on SQLite: a reader in write-ahead-log mode whose snapshot is older than another
    connection's commit may not start writing (SQLITE_BUSY_SNAPSHOT, which no busy timeout
    waits out), so the read ends first and the entry's transaction begins on the newest
    snapshot."""
    return (
        session.in_transaction()
        and session.connection().dialect.name == "postgresql"
        and wrote_nothing(session)
    )


def _actor(*, query: bool) -> tuple[int | None, str, int | None] | None:
    """Who acted; without ``query``, None when that would reload the signed-in user (a commit
    expired it)."""
    if g.get("audit_actor"):
        return g.audit_actor
    if not current_user.is_authenticated:
        return None, "", None
    user = current_user._get_current_object()
    if not query and inspect(user).unloaded & {"id", "email", "clinic_id"}:
        return None
    return user.id, user.email, user.clinic_id


def _failed_sign_in_detail(action: str) -> str:
    """A failed sign-in names the account tried (never the password typed)."""
    if action != "sign_in_failed":
        return ""
    return "account tried: " + (request.form.get("email") or "").strip().lower()[:254]


def _record_of() -> tuple[str, int | None]:
    arguments = request.view_args or {}
    for name in _RECORD_ARGUMENTS:
        if name in arguments:
            kind = name.removesuffix("_id")
            if request.endpoint and request.endpoint.startswith("catalogue."):
                kind = "catalogue_item"
            return kind, arguments[name]
    return "", None


_PATIENT_OF: dict[str, Any] = {
    "assessment": Assessment,
    "plan": TreatmentPlan,
    "record": HandoutRecord,
    "letter": LetterRecord,
}


def _loaded_patient_of(record_type: str, record_id: int | None) -> int | None:
    """The record's patient without a query, when the request found the record through
    ``scoping.get_owned_or_404``."""
    return g.get(PATIENTS_OF_RECORDS, {}).get((_PATIENT_OF.get(record_type), record_id))


def _patient_of(record_type: str, record_id: int | None) -> int | None:
    arguments = request.view_args or {}
    if "patient_id" in arguments:
        return arguments["patient_id"]
    model = _PATIENT_OF.get(record_type)
    if model is None or record_id is None:
        return None
    return db.session.scalar(select(model.patient_id).where(model.id == record_id))


def init_app(app: Flask) -> None:
    app.before_request(remember_actor)  # after the session's checks (practice.sessions)
    app.after_request(_audit)
