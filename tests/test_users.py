"""Users in the web app (issue 12 point 1): invite, set a password from a one-time link,
reset, deactivate, reactivate, change a role, end sessions, change one's own password; and the
clinic's default paper and session limits."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from practice.db import utcnow
from practice.extensions import db
from practice.models import AccountLink, Clinic, Role, User, UserSession
from tests.conftest import AuthActions, csrf_token_from
from tests.factories import DEFAULT_PASSWORD, make_clinic, make_user

ADMIN = "admin@ours.example"
CLINICIAN = "clinician@ours.example"
NEW_PASSWORD = "kettle-quiet-mango-41"
LINK = re.compile(r'id="link-url" type="text" readonly value="([^"]+)"')


@pytest.fixture
def ours(app):
    with app.app_context():
        clinic = make_clinic(name="Ours")
        make_user(email=ADMIN, role=Role.ADMIN, clinic=clinic, display_name="Sam Admin")
        make_user(email=CLINICIAN, clinic=clinic, display_name="Alex Clinician")
        return clinic.id


@pytest.fixture
def admin(app, ours):
    client = app.test_client()
    AuthActions(client).login(ADMIN)
    return client


def _token(client, url="/clinic/users") -> str:
    return csrf_token_from(client.get(url).get_data(as_text=True))


def _user(app, email) -> User:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        db.session.expunge(user)
        return user


def _invite(admin, **values):
    data = {
        "csrf_token": _token(admin),
        "display_name": "Jo Front",
        "email": "jo@ours.example",
        "role": "front_desk",
    } | values
    return admin.post("/clinic/users", data=data)


def _link_path(response) -> str:
    found = LINK.search(response.get_data(as_text=True))
    assert found, "no link shown"
    return html.unescape(found.group(1)).removeprefix("http://localhost")


def _set_password(client, path, password=NEW_PASSWORD, confirm=None):
    token = csrf_token_from(client.get(path).get_data(as_text=True))
    data = {"csrf_token": token, "new_password": password, "confirm": confirm or password}
    return client.post(path, data=data)


def _signs_in(app, email, password) -> bool:
    return AuthActions(app.test_client()).login(email, password).status_code == 302


def test_an_invited_colleague_sets_a_password_once_and_signs_in(app, admin):
    response = _invite(admin)
    assert response.status_code == 200
    path = _link_path(response)
    assert "72 hours" in response.get_data(as_text=True)
    assert not _signs_in(app, "jo@ours.example", "")  # no password until they choose one

    newcomer = app.test_client()
    assert "Choose your password" in newcomer.get(path).get_data(as_text=True)
    assert _set_password(newcomer, path).status_code == 302
    assert _signs_in(app, "jo@ours.example", NEW_PASSWORD)
    assert _user(app, "jo@ours.example").role == Role.FRONT_DESK
    assert newcomer.get(path).status_code == 404  # used once

    with app.app_context():
        assert not any(link.token_hash in path for link in db.session.scalars(select(AccountLink)))


def test_a_link_expires_after_72_hours(app, admin):
    path = _link_path(_invite(admin))
    with app.app_context():
        link = db.session.scalar(select(AccountLink))
        link.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    response = app.test_client().get(path)
    assert response.status_code == 404
    assert "Ask your clinic's admin for a new link" in response.get_data(as_text=True)


def test_a_weak_password_on_the_link_page_is_refused_with_why(app, admin):
    path = _link_path(_invite(admin))
    response = _set_password(app.test_client(), path, password="Password1234")
    assert response.status_code == 400
    assert "too easy to guess" in response.get_data(as_text=True)
    response = _set_password(app.test_client(), path, confirm="something-else-entirely")
    assert "The two passwords are not the same." in response.get_data(as_text=True)


def test_an_invitation_to_an_e_mail_already_used_keeps_what_was_typed(app, admin):
    response = _invite(admin, email=CLINICIAN, display_name="Alex Again")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "already exists" in page
    assert 'value="Alex Again"' in page


def test_an_invitation_is_e_mailed_when_smtp_is_configured(app, admin, monkeypatch):
    sent = []

    class Server:
        def __init__(self, host, port, timeout):
            sent.append({"host": host, "port": port})

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            sent[-1]["tls"] = True

        def login(self, user, password):
            sent[-1]["login"] = user

        def send_message(self, message):
            sent[-1]["message"] = message

    monkeypatch.setattr("smtplib.SMTP", Server)
    app.config.update(MAIL_SERVER="smtp.clinic.example", MAIL_FROM="practice@clinic.example")
    try:
        response = _invite(admin)
    finally:
        app.config.update(MAIL_SERVER="")
    page = response.get_data(as_text=True)
    assert "was e-mailed to jo@ours.example" in page
    assert LINK.search(page) is None  # not shown when sent
    message = sent[0]["message"]
    assert sent[0]["host"] == "smtp.clinic.example"
    assert sent[0]["tls"]
    assert message["To"] == "jo@ours.example"
    assert "/account/set-password/" in message.get_content()


def _act(admin, app, action, email=CLINICIAN):
    user_id = _user(app, email).id
    return admin.post(f"/clinic/users/{user_id}/{action}", data={"csrf_token": _token(admin)})


def test_deactivation_ends_every_session_and_reactivation_revives_none(app, admin):
    colleague = app.test_client()
    AuthActions(colleague).login(CLINICIAN)
    assert colleague.get("/").status_code == 200
    assert _act(admin, app, "deactivate").status_code == 302
    assert colleague.get("/").status_code == 302
    assert not _signs_in(app, CLINICIAN, DEFAULT_PASSWORD)
    assert _act(admin, app, "reactivate").status_code == 302
    assert colleague.get("/").status_code == 302  # the old cookie stays dead
    assert _signs_in(app, CLINICIAN, DEFAULT_PASSWORD)


def test_a_reset_stops_the_old_password_and_gives_a_new_link(app, admin):
    colleague = app.test_client()
    AuthActions(colleague).login(CLINICIAN)
    response = _act(admin, app, "reset")
    path = _link_path(response)
    assert colleague.get("/").status_code == 302
    assert not _signs_in(app, CLINICIAN, DEFAULT_PASSWORD)
    assert _set_password(app.test_client(), path).status_code == 302
    assert _signs_in(app, CLINICIAN, NEW_PASSWORD)


def test_ending_sessions_signs_a_user_out_everywhere(app, admin):
    browsers = [app.test_client() for _ in range(2)]
    for browser in browsers:
        AuthActions(browser).login(CLINICIAN)
    assert _act(admin, app, "sessions/end").status_code == 302
    assert [browser.get("/").status_code for browser in browsers] == [302, 302]
    with app.app_context():
        reasons = {row.revoked_reason for row in db.session.scalars(select(UserSession))}
    assert "ended_by_admin" in reasons


def test_a_role_change_applies_at_once(app, admin):
    colleague = app.test_client()
    AuthActions(colleague).login(CLINICIAN)
    user_id = _user(app, CLINICIAN).id
    token = _token(admin)
    data = {"csrf_token": token, f"role-{user_id}-role": "front_desk"}
    assert admin.post(f"/clinic/users/{user_id}/role", data=data).status_code == 302
    assert _user(app, CLINICIAN).role == Role.FRONT_DESK
    AuthActions(colleague).login(CLINICIAN)
    assert colleague.get("/assessments/1").status_code == 403


def test_the_last_admin_cannot_leave_the_clinic_without_one(app, admin):
    response = _act(admin, app, "deactivate", email=ADMIN)
    assert response.status_code == 400
    assert "the clinic would have no active admin" in response.get_data(as_text=True)
    assert _user(app, ADMIN).active
    user_id = _user(app, ADMIN).id
    data = {"csrf_token": _token(admin), f"role-{user_id}-role": "clinician"}
    assert admin.post(f"/clinic/users/{user_id}/role", data=data).status_code == 400
    assert _user(app, ADMIN).role == Role.ADMIN


def test_an_admin_cannot_reach_another_clinics_users(app, admin):
    with app.app_context():
        stranger = make_user(clinic=make_clinic(name="Theirs")).id
    token = _token(admin)
    for action in ("deactivate", "reactivate", "reset", "sessions/end", "role"):
        response = admin.post(f"/clinic/users/{stranger}/{action}", data={"csrf_token": token})
        assert response.status_code == 404, action


def _change(client, current, new, confirm=None):
    token = _token(client, "/account/password")
    data = {
        "csrf_token": token,
        "current_password": current,
        "new_password": new,
        "confirm": confirm or new,
    }
    return client.post("/account/password", data=data)


def test_everyone_changes_their_own_password_and_other_sessions_end(app, ours):
    here, elsewhere = app.test_client(), app.test_client()
    for browser in (here, elsewhere):
        AuthActions(browser).login(CLINICIAN)
    assert _change(here, DEFAULT_PASSWORD, NEW_PASSWORD).status_code == 302
    assert here.get("/").status_code == 200  # this browser carries on
    assert elsewhere.get("/").status_code == 302
    assert _signs_in(app, CLINICIAN, NEW_PASSWORD)
    assert not _signs_in(app, CLINICIAN, DEFAULT_PASSWORD)


@pytest.mark.parametrize(
    ("current", "new", "message"),
    [
        ("wrong password", NEW_PASSWORD, "Your current password is not right."),
        (DEFAULT_PASSWORD, "aaaaaaaaaaaa", "too easy to guess"),
        (DEFAULT_PASSWORD, DEFAULT_PASSWORD, "not the one you have now"),
        (DEFAULT_PASSWORD, "short", "at least 12 characters"),
    ],
)
def test_a_refused_password_change_says_why_and_changes_nothing(app, ours, current, new, message):
    client = app.test_client()
    AuthActions(client).login(CLINICIAN)
    response = _change(client, current, new)
    assert response.status_code == 400
    assert message in html.unescape(response.get_data(as_text=True))
    assert _signs_in(app, CLINICIAN, DEFAULT_PASSWORD)


def _settings(admin) -> dict[str, str]:
    page = admin.get("/clinic/settings").get_data(as_text=True)
    from tests.html_forms import form_values

    return form_values(page, "clinic-form")


def test_the_clinic_sets_its_default_paper_and_session_limits(app, admin, ours):
    values = _settings(admin) | {
        "default_paper": "letter",
        "session_idle_minutes": "10",
        "session_lifetime_hours": "8",
    }
    assert admin.post("/clinic/settings", data=values).status_code == 302
    with app.app_context():
        clinic = db.session.get(Clinic, ours)
        assert (clinic.default_paper, clinic.session_idle_minutes) == ("letter", 10)
        assert clinic.session_lifetime_hours == 8


@pytest.mark.parametrize(
    ("field", "value"), [("session_idle_minutes", "1"), ("session_lifetime_hours", "48")]
)
def test_session_limits_outside_their_range_are_refused(app, admin, field, value):
    values = _settings(admin) | {field: value}
    response = admin.post("/clinic/settings", data=values)
    assert response.status_code == 400
    assert "or leave it empty for the app's setting" in html.unescape(
        response.get_data(as_text=True)
    )


def test_the_clinics_idle_limit_signs_its_users_out(app, ours, monkeypatch):
    with app.app_context():
        db.session.get(Clinic, ours).session_idle_minutes = 5
        db.session.commit()
    client = app.test_client()
    AuthActions(client).login(CLINICIAN)
    later = utcnow() + timedelta(minutes=6)
    monkeypatch.setattr("practice.sessions.utcnow", lambda: later)
    assert client.get("/").status_code == 302
