"""Password hashing (scrypt everywhere except inside the test suite) and the password policy.

Hashing a password with scrypt takes about 50 ms, on purpose. The test suite creates a user in
most tests, so an app built by ``create_app({"TESTING": True, ...})`` hashes with one round of
PBKDF2 instead. The choice is made from the ``test_config`` argument alone, which only code can
pass: no setting in ``instance/config.py`` or the environment reaches the cheap method.
"""

from __future__ import annotations

import re
import time
from functools import cache
from typing import Any

from flask import Flask, Response, current_app, g, has_request_context
from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn

PRODUCTION_METHOD = "scrypt"
TEST_SUITE_METHOD = "pbkdf2:sha256:1"
EXTENSION_KEY = "password_hash_method"

MIN_LENGTH = 12
MIN_STRENGTH = 3
"""zxcvbn's score from 0 to 4; 3 is "safely unguessable: moderate protection from offline
slow-hash scenario" in its own words. zxcvbn (Dropbox's estimator, ported to Python) knows the
common and leaked passwords, keyboard patterns, dates, repeats and sequences, so no word list is
bundled here."""
ESTIMATED_CHARACTERS = 72  # zxcvbn refuses longer input; a longer password is only stronger
SHORTEST_PERSONAL_WORD = 3  # "Al" in a password is not a name


def password_problem(password: str, *, name: str = "", email: str = "") -> str | None:
    """Why ``password`` may not be used by the person called ``name`` with ``email``, in words
    fit to show them, or None when it may."""
    if len(password) < MIN_LENGTH:
        return f"The password must be at least {MIN_LENGTH} characters long."
    lowered = password.casefold()
    personal = _personal_words(name, email)
    if any(word in lowered for word in personal):
        return "The password must not contain your name or your e-mail address."
    estimate = zxcvbn(password[:ESTIMATED_CHARACTERS], user_inputs=sorted(personal))
    if estimate["score"] >= MIN_STRENGTH:
        return None
    feedback = estimate["feedback"]
    why = feedback["warning"] or "It follows a pattern that is easy to guess."
    advice = " ".join(feedback["suggestions"]) or "Use several words that do not go together."
    return f"That password is too easy to guess. {why} {advice}"


def _personal_words(name: str, email: str) -> set[str]:
    local_part = email.casefold().partition("@")[0]
    words = re.split(r"[^\w]+", f"{name} {local_part}".casefold())
    return {word for word in (*words, local_part) if len(word) >= SHORTEST_PERSONAL_WORD}


CHECK_SECONDS_KEY = "password_check_seconds"  # g: how long this request's check took


def init_app(app: Flask, test_config: dict[str, Any] | None) -> None:
    testing = bool(test_config and test_config.get("TESTING"))
    app.extensions[EXTENSION_KEY] = TEST_SUITE_METHOD if testing else PRODUCTION_METHOD
    app.after_request(_server_timing)


def _server_timing(response: Response) -> Response:
    """With ``SERVER_TIMING`` set, a request that checked a password says how long the check
    took, in a W3C Server-Timing header (``password;dur=…`` in milliseconds): the bench takes
    each sign-in's own check off its time, since scrypt's spread from one call to the next
    would otherwise count against the rest of the sign-in. Off by default."""
    seconds = g.get(CHECK_SECONDS_KEY)
    if seconds is not None and current_app.config.get("SERVER_TIMING"):
        response.headers["Server-Timing"] = f"password;dur={seconds * 1000:.3f}"
    return response


def _timed_check(password_hash: str, password: str) -> bool:
    start = time.perf_counter()
    matches = check_password_hash(password_hash, password)
    if has_request_context():
        spent = g.get(CHECK_SECONDS_KEY, 0.0) + time.perf_counter() - start
        setattr(g, CHECK_SECONDS_KEY, spent)
    return matches


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.extensions[EXTENSION_KEY])


def check_password(password_hash: str, password: str) -> bool:
    return _timed_check(password_hash, password)


def check_against_nobody(password: str) -> None:
    """Spend the time a real check would, so a miss does not reveal that no account exists."""
    _timed_check(_nobodys_hash(current_app.extensions[EXTENSION_KEY]), password)


@cache
def _nobodys_hash(method: str) -> str:
    return generate_password_hash("unknown user", method=method)
