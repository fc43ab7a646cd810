"""Builders for test data: ``make_<model>(**overrides)``. Call inside an app context."""

from __future__ import annotations

import itertools
from typing import Any

from practice.auth.services import create_user, get_or_create_clinic
from practice.extensions import db
from practice.models import Clinic, Role, User

DEFAULT_PASSWORD = "correct horse battery staple"
_sequence = itertools.count(1)


def make_clinic(**overrides: Any) -> Clinic:
    clinic, _ = get_or_create_clinic(overrides.pop("name", f"Clinic {next(_sequence)}"))
    for field, value in overrides.items():
        setattr(clinic, field, value)
    db.session.commit()
    return clinic


def make_user(**overrides: Any) -> User:
    number = next(_sequence)
    clinic = overrides.pop("clinic", None) or make_clinic()
    active = overrides.pop("active", True)
    fields = {
        "email": f"clinician{number}@example.org",
        "display_name": f"Clinician {number}",
        "password": DEFAULT_PASSWORD,
        "role": Role.CLINICIAN,
    } | overrides
    user = create_user(clinic=clinic, **fields)
    user.active = active
    db.session.commit()
    return user
