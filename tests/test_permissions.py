"""The permission matrix (issue 12 point 1): every route of the URL map, asked by every role of
our clinic, by the same roles of another clinic and anonymously, answers as
``practice.permissions`` says, and the README's matrix is that table."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from werkzeug.routing import Rule

from practice import PROJECT_ROOT
from practice.models import Role
from practice.permissions import PERMISSIONS, PUBLIC, matrix_markdown, may
from tests.conftest import AuthActions, csrf_token_from
from tests.factories import make_clinic, make_records_of_every_kind, make_user, url_of

LAST = {"auth.logout"}  # signs the asking client out: asked after everything else
NOT_A_RECORD = {"key", "action", "filename", "token"}


@pytest.fixture
def clinics(app):
    """Our clinic and another, each with a user of every role and a record of every kind."""
    with app.app_context():
        found = {}
        for name in ("ours", "theirs"):
            clinic = make_clinic(name=f"{name.title()} Clinic")
            users = {
                role: make_user(email=f"{role}@{name}.example", role=role, clinic=clinic)
                for role in Role
            }
            found[name] = {
                "users": {role: user.email for role, user in users.items()},
                "records": make_records_of_every_kind(users[Role.CLINICIAN]),
            }
        return found


def _rules(app: Flask) -> list[Rule]:
    rules = sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule)
    return [rule for rule in rules if rule.endpoint not in LAST] + [
        rule for rule in rules if rule.endpoint in LAST
    ]


def _ask(client, rule: Rule, url: str, token: str | None):
    if "GET" in rule.methods:
        return client.get(url)
    return client.post(url, data={"csrf_token": token} if token else {})


def _signed_in(app, email: str):
    client = app.test_client()
    AuthActions(client).login(email)
    return client, csrf_token_from(client.get("/").get_data(as_text=True))


def test_every_endpoint_has_a_row_in_the_table(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - PUBLIC - set(PERMISSIONS) == set()
    assert set(PERMISSIONS) - endpoints == set(), "rows for pages that do not exist"


@pytest.mark.parametrize("role", list(Role))
def test_every_route_answers_each_role_of_our_clinic_as_the_table_says(app, clinics, role):
    client, token = _signed_in(app, clinics["ours"]["users"][role])
    for rule in _rules(app):
        response = _ask(client, rule, url_of(app, rule, clinics["ours"]["records"]), token)
        if may(rule.endpoint, role):
            assert response.status_code not in (401, 403), (rule.endpoint, response.status_code)
            assert response.status_code < 500, (rule.endpoint, response.status_code)
        else:
            assert response.status_code == 403, (rule.endpoint, response.status_code)
        response.close()


@pytest.mark.parametrize("role", list(Role))
def test_another_clinics_records_are_not_found_for_any_role(app, clinics, role):
    client, token = _signed_in(app, clinics["ours"]["users"][role])
    theirs = clinics["theirs"]["records"]
    for rule in _rules(app):
        if not set(rule.arguments) - NOT_A_RECORD or rule.endpoint in PUBLIC:
            continue  # no record in the URL: nothing of theirs to reach
        if rule.endpoint.startswith("catalogue."):
            continue  # a shipped item belongs to every clinic; test_catalogue_views covers
            # another clinic's own items
        response = _ask(client, rule, url_of(app, rule, theirs), token)
        expected = 404 if may(rule.endpoint, role) else 403
        assert response.status_code == expected, (rule.endpoint, response.status_code)


def test_anonymous_visitors_reach_only_the_public_pages(app, clinics):
    client = app.test_client()
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    for rule in _rules(app):
        with _ask(client, rule, url_of(app, rule, clinics["ours"]["records"]), token) as response:
            if rule.endpoint in PUBLIC:
                assert response.status_code < 500, rule.endpoint
                assert "/login" not in response.headers.get("Location", ""), rule.endpoint
            else:
                assert response.status_code == 302, (rule.endpoint, response.status_code)
                assert response.headers["Location"].startswith("/login"), rule.endpoint


def test_the_front_desk_sees_no_clinical_record_on_the_patient_page(app, clinics):
    client, _ = _signed_in(app, clinics["ours"]["users"][Role.FRONT_DESK])
    patient = clinics["ours"]["records"]["patient_id"]
    page = client.get(f"/patients/{patient}").get_data(as_text=True)
    assert "Ivy Stone" in page
    assert "Consent" in page
    assert "/handouts/" in page  # the handout given, to reprint
    for clinical in (
        "Clinical flags",
        "Start assessment",
        "Treatment plan",
        "/assessments/",
        "Download record",
        "Prevention handout",
    ):
        assert clinical not in page, clinical


def test_the_readme_holds_the_matrix():
    readme = Path(PROJECT_ROOT, "README.md").read_text(encoding="utf-8")
    assert matrix_markdown() in readme
