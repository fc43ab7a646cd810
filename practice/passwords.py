"""Password hashing: scrypt everywhere except inside the test suite.

Hashing a password with scrypt takes about 50 ms, on purpose. The test suite creates a user in
most tests, so an app built by ``create_app({"TESTING": True, ...})`` hashes with one round of
PBKDF2 instead. The choice is made from the ``test_config`` argument alone, which only code can
pass: no setting in ``instance/config.py`` or the environment reaches the cheap method.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from flask import Flask, current_app
from werkzeug.security import check_password_hash, generate_password_hash

PRODUCTION_METHOD = "scrypt"
TEST_SUITE_METHOD = "pbkdf2:sha256:1"
EXTENSION_KEY = "password_hash_method"


def init_app(app: Flask, test_config: dict[str, Any] | None) -> None:
    testing = bool(test_config and test_config.get("TESTING"))
    app.extensions[EXTENSION_KEY] = TEST_SUITE_METHOD if testing else PRODUCTION_METHOD


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.extensions[EXTENSION_KEY])


def check_password(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)


def check_against_nobody(password: str) -> None:
    """Spend the time a real check would, so a miss does not reveal that no account exists."""
    check_password_hash(_nobodys_hash(current_app.extensions[EXTENSION_KEY]), password)


@cache
def _nobodys_hash(method: str) -> str:
    return generate_password_hash("unknown user", method=method)
