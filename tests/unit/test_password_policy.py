"""The password policy (issue 12 point 3): long, not common, not repetitive, not personal."""

from __future__ import annotations

import pytest

from practice.passwords import MIN_LENGTH, password_problem

PERSON = {"name": "Alex Morgan", "email": "a.morgan@clinic.example"}


@pytest.mark.parametrize(
    "password",
    ["123456789012", "aaaaaaaaaaaa", "passwordpass", "Password1234", " " * 16, "qwertyuiopas"],
)
def test_the_measured_weak_passwords_are_refused_with_a_reason(password):
    problem = password_problem(password, **PERSON)
    assert problem is not None
    assert problem.startswith("That password is too easy to guess.")
    assert len(problem) > len("That password is too easy to guess. ")  # it says why


def test_a_short_password_is_refused_first():
    assert password_problem("x7$Lq!9z", **PERSON) == (
        f"The password must be at least {MIN_LENGTH} characters long."
    )
    assert password_problem("k" * (MIN_LENGTH - 1), **PERSON).startswith("The password must be")


@pytest.mark.parametrize(
    "password", ["alexmorgan2026!", "Kettle-MORGAN-41", "a.morgan-summit-41", "41-kettle-alex-sun"]
)
def test_a_password_holding_the_name_or_e_mail_is_refused(password):
    assert password_problem(password, **PERSON) == (
        "The password must not contain your name or your e-mail address."
    )


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery staple",
        "kettle-quiet-mango-41",
        "Tr0ub4dor&3xyz",
        "é" * 2 + "ß-Ωmega-Λ7",
    ],
)
def test_a_strong_password_is_accepted(password):
    assert password_problem(password, **PERSON) is None


def test_a_very_long_password_is_judged_by_its_start():
    assert password_problem("kettle-quiet-mango-41" + "z" * 1000, **PERSON) is None
