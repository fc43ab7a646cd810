"""The patient list and the patient search, answered from indexes and paged by keyset.

Every shape reads one index range in the order the page shows, and stops after a page:

- no query: ``patient (clinic_id, sort_key, id)``, the list in name order;
- a date of birth alone: ``patient (clinic_id, date_of_birth, sort_key, id)``;
- words: ``patient_search_token (clinic_id, token, sort_key, patient_id)``, a prefix range of the
  longest word, each other word checked by the token primary key ``(patient_id, token)``.

A page is the rows after (or before) the last key shown, never an OFFSET, and nothing counts
the whole result: the page says whether there is more. The same B-tree plan on SQLite and on
PostgreSQL gives the same results on both, which FTS5 (SQLite alone, no name order) or trigram
indexes (PostgreSQL alone, sorted after matching) would not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import Select, and_, delete, exists, insert, select, tuple_
from sqlalchemy.orm import aliased

from practice.extensions import db
from practice.models import Patient, PatientSearchToken
from practice.patients.search_keys import prefix_bound, search_keys


def refresh_search_keys(patient: Patient) -> None:
    """Store what the patient is found by, after their names, phone or reference changed."""
    keys = search_keys(
        given_names=patient.given_names,
        family_name=patient.family_name,
        phone=patient.phone,
        reference=patient.reference,
    )
    patient.sort_key = keys.sort_key
    db.session.flush()
    db.session.execute(
        delete(PatientSearchToken).where(PatientSearchToken.patient_id == patient.id)
    )
    if keys.tokens:
        db.session.execute(
            insert(PatientSearchToken),
            [
                {
                    "patient_id": patient.id,
                    "token": token,
                    "clinic_id": patient.clinic_id,
                    "sort_key": keys.sort_key,
                }
                for token in sorted(keys.tokens)
            ],
        )


class Direction(StrEnum):
    AFTER = "after"
    BEFORE = "before"


@dataclass(frozen=True)
class Position:
    """Where a page starts: after or before a key; before no key at all is the last page."""

    direction: Direction
    key: tuple[str | int, ...] | None


FIRST_PAGE = Position(Direction.AFTER, None)
LAST_PAGE = Position(Direction.BEFORE, None)


@dataclass(frozen=True)
class PatientQuery:
    clinic_id: int
    words: tuple[str, ...] = ()
    born_on: date | None = None
    include_archived: bool = False

    @property
    def key_length(self) -> int:
        """A position's key: (token, sort_key, id) for a word search, else (sort_key, id)."""
        return 3 if self.words else 2


@dataclass(frozen=True)
class PatientPage:
    patients: list[Patient]
    previous: Position | None
    next: Position | None

    @property
    def is_only_page(self) -> bool:
        return self.previous is None and self.next is None


def patient_page(query: PatientQuery, position: Position, size: int) -> PatientPage:
    """The ``size`` patients at ``position``, with the positions of the pages either side."""
    statement, key_columns = _statement(query)
    backwards = position.direction is Direction.BEFORE
    if position.key is not None:
        if len(position.key) != len(key_columns):
            raise ValueError("This page position belongs to another search.")
        bound = tuple_(*key_columns)
        statement = statement.where(
            bound < tuple(position.key) if backwards else bound > tuple(position.key)
        )
    order = [column.desc() for column in key_columns] if backwards else key_columns
    rows = db.session.execute(statement.order_by(*order).limit(size + 1)).all()
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    patients = [row[0] for row in rows]
    if not rows:
        return PatientPage([], None, None)
    first_key, last_key = _key(rows[0]), _key(rows[-1])
    at_start = (backwards and not more) or (not backwards and position.key is None)
    at_end = (not backwards and not more) or (backwards and position.key is None)
    return PatientPage(
        patients,
        previous=None if at_start else Position(Direction.BEFORE, first_key),
        next=None if at_end else Position(Direction.AFTER, last_key),
    )


def newest_patients_statement(clinic_id: int, count: int) -> Select:
    """The clinic's most recently added patients, newest first: one range of
    ``patient (clinic_id, created_at, id)`` read backwards."""
    return (
        select(Patient)
        .where(Patient.clinic_id == clinic_id)
        .order_by(Patient.created_at.desc(), Patient.id.desc())
        .limit(count)
    )


def _key(row: Sequence) -> tuple[str | int, ...]:
    return tuple(row[1:])


def _statement(query: PatientQuery) -> tuple[Select, list]:
    if query.words:
        return _word_statement(query)
    key_columns = [Patient.sort_key, Patient.id]
    statement = select(Patient, *key_columns).where(Patient.clinic_id == query.clinic_id)
    if query.born_on is not None:
        statement = statement.where(Patient.date_of_birth == query.born_on)
    return _unarchived(statement, query), key_columns


def _word_statement(query: PatientQuery) -> tuple[Select, list]:
    """Patients with a word starting with each query word, in the order of the word matched
    first: the longest query word drives the index range (the fewest rows to read)."""
    token = aliased(PatientSearchToken)
    driving = max(query.words, key=len)
    key_columns = [token.token, token.sort_key, token.patient_id]
    statement = (
        select(Patient, *key_columns)
        .select_from(token)
        .join(Patient, Patient.id == token.patient_id)
        .where(token.clinic_id == query.clinic_id, *_prefix(token, driving))
        # A patient with two words starting with it ("Ann Annabel") is shown once, at the first.
        .where(~_has_word(token, driving, before=token.token))
    )
    for word in query.words:
        if word != driving:
            statement = statement.where(_has_word(token, word))
    if query.born_on is not None:
        statement = statement.where(Patient.date_of_birth == query.born_on)
    return _unarchived(statement, query), key_columns


def _prefix(token, word: str) -> tuple:
    return token.token >= word, token.token < prefix_bound(word)


def _has_word(token, word: str, *, before=None):
    other = aliased(PatientSearchToken)
    conditions = [other.patient_id == token.patient_id, *_prefix(other, word)]
    if before is not None:
        conditions.append(other.token < before)
    return exists().where(and_(*conditions))


def _unarchived(statement: Select, query: PatientQuery) -> Select:
    if query.include_archived:
        return statement
    return statement.where(Patient.archived_at.is_(None))
