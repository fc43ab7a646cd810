"""The one place where patient data is limited to the signed-in user's clinic.

Every query of clinic-owned rows goes through ``clinic_scoped`` or ``get_owned_or_404``; another
clinic's id is then indistinguishable from an id that does not exist.
"""

from __future__ import annotations

from typing import Any, TypeVar

from flask import abort, g
from flask_login import current_user
from sqlalchemy import Select, bindparam, select

from practice.db import statement_built_once
from practice.extensions import db

ModelT = TypeVar("ModelT")


class NoClinicError(RuntimeError):
    """Raised when clinic-scoped data is asked for without a signed-in user."""


def current_clinic_id() -> int:
    if not current_user or not current_user.is_authenticated:
        raise NoClinicError("clinic-scoped data needs a signed-in user")
    return current_user.clinic_id


def clinic_scoped(statement: Select[Any], model: type) -> Select[Any]:
    """``statement`` limited to rows of ``model`` that belong to the signed-in user's clinic."""
    return statement.where(_clinic_column(model) == current_clinic_id())


def _clinic_column(model: type):
    try:
        return model.clinic_id
    except AttributeError:
        raise TypeError(f"{model.__name__} has no clinic_id and cannot be clinic-scoped") from None


def get_owned_or_404(model: type[ModelT], object_id: int, *, loading: tuple = ()) -> ModelT:
    """The record with this id in the signed-in user's clinic, loaded with the ``loading``
    options (``joinedload(…)`` of what its page reads: one statement, not one more each);
    404 for a record of another clinic as for one that does not exist."""
    found = (
        db.session.execute(
            _owned(model, loading), {"clinic_id": current_clinic_id(), "object_id": object_id}
        )
        .unique()  # a joined collection gives one row per member
        .scalar_one_or_none()
    )
    if found is None:
        abort(404)
    # The request's audit entry names the record's patient from here, with no query of its own.
    g.setdefault(PATIENTS_OF_RECORDS, {})[model, object_id] = getattr(found, "patient_id", None)
    return found


@statement_built_once
def _owned(model: type, loading: tuple) -> Select[Any]:
    return (
        select(model)
        .where(_clinic_column(model) == bindparam("clinic_id"), model.id == bindparam("object_id"))
        .options(*loading)
    )


PATIENTS_OF_RECORDS = "patients_of_records"
"""``g`` key: (model, id) of each record ``get_owned_or_404`` found, to its patient's id."""
