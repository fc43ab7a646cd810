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

from sqlalchemy import Select, and_, bindparam, delete, exists, insert, select, tuple_
from sqlalchemy.orm import aliased

from practice.db import statement_built_once
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
    rows = db.session.execute(*page_statement(query, position, size)).all()
    backwards = position.direction is Direction.BEFORE
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


def page_statement(
    query: PatientQuery, position: Position, size: int
) -> tuple[Select, dict[str, object]]:
    """The statement of one page (``size`` rows and one more, to tell whether there is more)
    and the values it is run with."""
    if position.key is not None and len(position.key) != query.key_length:
        raise ValueError("This page position belongs to another search.")
    driving, others = _words(query)
    shape = _Shape(
        other_words=None if driving is None else len(others),
        born=query.born_on is not None,
        include_archived=query.include_archived,
        backwards=position.direction is Direction.BEFORE,
        keyed=position.key is not None,
        size=size,
    )
    return _page_statement(shape), _parameters(query, driving, others, position)


@dataclass(frozen=True)
class _Shape:
    """What a page's statement looks like; the values it is run with are bound parameters."""

    other_words: int | None  # None: no words (the list, or a date of birth alone)
    born: bool
    include_archived: bool
    backwards: bool
    keyed: bool  # starts after (or before) a key, not at an end
    size: int


def _words(query: PatientQuery) -> tuple[str | None, list[str]]:
    """The word that drives the index range (the longest: the fewest rows to read) and the
    others, each checked by the token primary key."""
    if not query.words:
        return None, []
    driving = max(query.words, key=len)
    return driving, [word for word in query.words if word != driving]


def _parameters(
    query: PatientQuery, driving: str | None, others: list[str], position: Position
) -> dict[str, object]:
    values: dict[str, object] = {"clinic_id": query.clinic_id, "born_on": query.born_on}
    for name, word in [("driving", driving), *((f"word_{n}", w) for n, w in enumerate(others))]:
        if word is not None:
            values[name], values[f"{name}_end"] = word, prefix_bound(word)
    for number, value in enumerate(position.key or ()):
        values[f"key_{number}"] = value
    return values


@statement_built_once
def _page_statement(shape: _Shape) -> Select:
    """One page of one shape, built once: each word is ``:word_N`` up to ``:word_N_end``
    (``prefix_bound``), the page starts after (or before) ``:key_0``, ``:key_1``…"""
    if shape.other_words is None:
        key_columns = [Patient.sort_key, Patient.id]
        statement = select(Patient, *key_columns).where(Patient.clinic_id == bindparam("clinic_id"))
    else:
        token = aliased(PatientSearchToken)
        key_columns = [token.token, token.sort_key, token.patient_id]
        statement = (
            select(Patient, *key_columns)
            .select_from(token)
            .join(Patient, Patient.id == token.patient_id)
            .where(token.clinic_id == bindparam("clinic_id"), *_prefix(token, "driving"))
            # A patient with two words starting with it ("Ann Annabel") is shown once, at the
            # first.
            .where(~_has_word(token, "driving", before=token.token))
        )
        for number in range(shape.other_words):
            statement = statement.where(_has_word(token, f"word_{number}"))
    if shape.born:
        statement = statement.where(Patient.date_of_birth == bindparam("born_on"))
    if not shape.include_archived:
        statement = statement.where(Patient.archived_at.is_(None))
    if shape.keyed:
        bound = tuple_(*key_columns)
        key = tuple_(
            *(
                bindparam(f"key_{number}", type_=column.type)
                for number, column in enumerate(key_columns)
            )
        )
        statement = statement.where(bound < key if shape.backwards else bound > key)
    order = [column.desc() for column in key_columns] if shape.backwards else key_columns
    return statement.order_by(*order).limit(shape.size + 1)


def _prefix(token, word: str) -> tuple:
    """The tokens starting with the bound word ``word`` (parameter names, not values)."""
    return token.token >= bindparam(word), token.token < bindparam(f"{word}_end")


def _has_word(token, word: str, *, before=None):
    other = aliased(PatientSearchToken)
    conditions = [other.patient_id == token.patient_id, *_prefix(other, word)]
    if before is not None:
        conditions.append(other.token < before)
    return exists().where(and_(*conditions))
