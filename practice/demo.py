"""Demo data: a demo clinic with its users, reproducible from a seed. Shared with the tests."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from practice.auth.services import create_user, get_or_create_clinic
from practice.extensions import db
from practice.models import Clinic, Role, User

DEMO_CLINIC_NAME = "Demo Physiotherapy Clinic"
DEMO_CLINIC_DETAILS = {
    "address": "1 Example Street, Exampletown",
    "phone": "01234 567890",
    "email": "reception@demo.example",
}
DEMO_USERS = (
    ("clinician@demo.example", "Alex Morgan", Role.CLINICIAN),
    ("admin@demo.example", "Sam Patel", Role.ADMIN),
)
CREDENTIALS_FILE = "demo-sign-in.txt"


@dataclass(frozen=True)
class DemoClinic:
    clinic: Clinic
    users: tuple[User, ...]
    password: str
    created: bool


def ensure_demo_clinic(instance_path: Path) -> DemoClinic:
    """The demo clinic and its users, created when absent.

    The demo password is random, never part of the code; it is kept in the instance folder so
    that ``make run`` can print it again. If that file is gone the demo users get a new one.
    """
    clinic, created = get_or_create_clinic(DEMO_CLINIC_NAME)
    if created:
        for field, value in DEMO_CLINIC_DETAILS.items():
            setattr(clinic, field, value)
    credentials = instance_path / CREDENTIALS_FILE
    password = _read_password(credentials)
    renew_password = password is None
    if renew_password:
        password = secrets.token_urlsafe(12)
    users = []
    for email, name, role in DEMO_USERS:
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            user = create_user(
                email=email, display_name=name, password=password, clinic=clinic, role=role
            )
        elif renew_password or not user.check_password(password):
            user.set_password(password)
        users.append(user)
    db.session.flush()
    _write_password(credentials, password)
    return DemoClinic(clinic=clinic, users=tuple(users), password=password, created=created)


def describe(demo: DemoClinic) -> str:
    lines = [f"Demo clinic: {demo.clinic.name}", "Sign in at http://127.0.0.1:5000/login with:"]
    lines += [f"  {user.email}  ({user.role})" for user in demo.users]
    lines.append(f"  password: {demo.password}")
    return "\n".join(lines)


def _read_password(path: Path) -> str | None:
    try:
        return path.read_text().strip() or None
    except FileNotFoundError:
        return None


def _write_password(path: Path, password: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(password + "\n")
