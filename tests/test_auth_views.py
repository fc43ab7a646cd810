import re
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from practice import sessions
from practice.db import utcnow
from practice.extensions import db
from practice.models import AuditEntry, User, UserSession
from tests.conftest import csrf_token_from
from tests.factories import make_user


@pytest.fixture
def user(app):
    with app.app_context():
        return make_user(email="alex@example.org", display_name="Alex Morgan").email


def test_login_page_has_labelled_fields_and_csrf_token(client):
    page = client.get("/login").get_data(as_text=True)
    assert '<label class="form-label" for="email">Email</label>' in page
    assert '<label class="form-label" for="password">Password</label>' in page
    assert csrf_token_from(page)


def test_sign_in_and_sign_out(client, auth, user):
    response = auth.login(user)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    page = client.get("/").get_data(as_text=True)
    assert "Signed in as Alex Morgan." in page
    assert "Alex Morgan" in page

    response = auth.logout()
    assert response.status_code == 302
    assert client.get("/").headers["Location"].startswith("/login")


def test_sign_in_records_the_time(app, auth, user):
    auth.login(user)
    with app.app_context():
        signed_in = db.session.scalar(db.select(User.last_sign_in_at).where(User.email == user))
    assert utcnow() - signed_in < timedelta(minutes=1)


def test_the_session_row_and_the_sign_ins_audit_entry_are_one_commit(app, auth, user):
    """One wait for the disk, and never a session nobody's audit trail shows (issue 13)."""
    commits = []
    with app.app_context():
        session_class = type(db.session())
    listener = lambda session: commits.append(session)  # noqa: E731
    event.listen(session_class, "after_commit", listener)
    try:
        assert auth.login(user).status_code == 302
    finally:
        event.remove(session_class, "after_commit", listener)
    assert len(commits) == 1
    with app.app_context():
        signed_in = db.session.scalar(select(User).where(User.email == user))
        entry = db.session.scalars(select(AuditEntry).order_by(AuditEntry.sequence.desc())).first()
        assert (entry.action, entry.actor_id) == ("sign_in", signed_in.id)
        assert db.session.scalar(select(UserSession.id).where(UserSession.user_id == signed_in.id))


def test_a_sign_in_reports_its_password_checks_time_only_when_asked(app, auth, user, monkeypatch):
    assert "Server-Timing" not in auth.login(user).headers
    auth.logout()
    monkeypatch.setitem(app.config, "SERVER_TIMING", True)
    timing = auth.login(user).headers["Server-Timing"]
    assert re.fullmatch(r"password;dur=[0-9]+\.[0-9]{3}", timing)
    assert "Server-Timing" not in auth.logout().headers  # no password was checked
    assert re.fullmatch(
        r"password;dur=[0-9.]+", auth.login("nobody@example.org").headers["Server-Timing"]
    )


def test_email_is_matched_without_regard_to_case(client, auth, user):
    assert auth.login("  ALEX@Example.org ").status_code == 302


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("alex@example.org", "wrong password"),
        ("nobody@example.org", "correct horse battery staple"),
    ],
    ids=["wrong password", "unknown email"],
)
def test_failed_sign_in_says_the_same_whatever_the_reason(client, auth, user, email, password):
    response = auth.login(email, password)
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert "The email or password is not right, or the account is not active." in page
    assert f'value="{email}"' in page  # what was typed is still there
    assert client.get("/").status_code == 302


def test_inactive_user_cannot_sign_in(app, auth):
    with app.app_context():
        email = make_user(active=False).email
    response = auth.login(email)
    assert response.status_code == 401
    assert "not active" in response.get_data(as_text=True)


def test_deactivated_user_loses_an_open_session(app, client, auth, user):
    auth.login(user)
    with app.app_context():
        db.session.scalar(db.select(User).where(User.email == user)).active = False
        db.session.commit()
    assert client.get("/").headers["Location"].startswith("/login")


def test_missing_fields_are_explained_next_to_the_fields(client):
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"email": "", "password": "", "csrf_token": token})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Enter your email address." in page
    assert "Enter your password." in page


def test_over_long_email_is_refused_with_a_message(client):
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    email = "a" * 300 + "@example.org"
    response = client.post("/login", data={"email": email, "password": "x", "csrf_token": token})
    assert response.status_code == 400
    assert "That email address is too long." in response.get_data(as_text=True)


def test_over_long_password_is_refused_without_hashing_it(client, user):
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    data = {"email": user, "password": "x" * 5000, "csrf_token": token}
    response = client.post("/login", data=data)
    assert response.status_code == 400
    assert "That password is too long." in response.get_data(as_text=True)


def test_sign_in_without_csrf_token_is_refused(client, user):
    response = client.post(
        "/login", data={"email": user, "password": "correct horse battery staple"}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "This form has expired or was sent from somewhere else" in page
    assert "Traceback" not in page
    assert client.get("/").status_code == 302


def test_sign_in_with_a_token_from_another_session_is_refused(app, client, user):
    other_client = app.test_client()
    foreign_token = csrf_token_from(other_client.get("/login").get_data(as_text=True))
    client.get("/login")
    data = {"email": user, "password": "correct horse battery staple", "csrf_token": foreign_token}
    assert client.post("/login", data=data).status_code == 400


def test_sign_out_needs_csrf_token(client, auth, user):
    auth.login(user)
    assert client.post("/logout").status_code == 400
    assert client.get("/").status_code == 200


def test_sign_out_by_get_is_not_allowed(client, auth, user):
    auth.login(user)
    response = client.get("/logout")
    assert response.status_code == 405
    assert "This page cannot be used that way." in response.get_data(as_text=True)


def test_session_is_renewed_at_sign_in(client, auth, user):
    client.get("/login")
    with client.session_transaction() as session:
        session["planted"] = "before sign-in"
    auth.login(user)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"]


def test_session_cookie_is_httponly_and_samesite_lax(client, auth, user):
    response = auth.login(user)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_session_cookie_is_secure_over_https(app, user):
    client = app.test_client()
    page = client.get("/login", base_url="https://localhost").get_data(as_text=True)
    data = {"email": user, "password": "correct horse battery staple"}
    response = client.post(
        "/login",
        data=data | {"csrf_token": csrf_token_from(page)},
        base_url="https://localhost",
        headers={"Referer": "https://localhost/login"},  # Flask-WTF checks it over HTTPS
    )
    assert response.status_code == 302
    assert "Secure" in response.headers["Set-Cookie"]


def test_session_expires_after_idle_time(client, auth, user, monkeypatch):
    auth.login(user)
    assert client.get("/").status_code == 200
    later = utcnow() + timedelta(minutes=31)
    monkeypatch.setattr(sessions, "utcnow", lambda: later)
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "signed out after a period of inactivity" in page


def test_activity_keeps_the_session_alive(client, auth, user, monkeypatch):
    auth.login(user)
    start = utcnow()
    for minutes in (20, 40, 60):
        moment = start + timedelta(minutes=minutes)
        monkeypatch.setattr(sessions, "utcnow", lambda moment=moment: moment)
        assert client.get("/").status_code == 200


def test_next_parameter_cannot_leave_the_site(client, user):
    page = client.get("/login").get_data(as_text=True)
    data = {"email": user, "password": "correct horse battery staple"}
    data["csrf_token"] = csrf_token_from(page)
    response = client.post("/login?next=//evil.example/steal", data=data)
    assert response.headers["Location"] == "/"


def test_next_parameter_returns_to_the_page_asked_for(client, user):
    page = client.get("/login").get_data(as_text=True)
    data = {"email": user, "password": "correct horse battery staple"}
    data["csrf_token"] = csrf_token_from(page)
    assert client.post("/login?next=/?tab=1", data=data).headers["Location"] == "/?tab=1"


def test_pages_need_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


@pytest.fixture
def limited_client(app, make_app):
    """A client of an app allowing 2 failed sign-ins per account and 3 per address a minute."""
    limited = make_app(
        TESTING=True,
        SIGN_IN_LIMIT_PER_ACCOUNT="2 per minute",
        SIGN_IN_LIMIT_PER_ADDRESS="3 per minute",
    )
    with app.app_context():
        make_user(email="alex@example.org")
        make_user(email="sam@example.org")
    return limited.test_client()


def _sign_in(client, email, password):
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token})


def test_repeated_failed_sign_ins_are_slowed_down(limited_client):
    for _ in range(2):
        assert _sign_in(limited_client, "alex@example.org", "wrong").status_code == 401
    response = _sign_in(limited_client, "alex@example.org", "correct horse battery staple")
    assert response.status_code == 429
    assert "Too many attempts in a short time." in response.get_data(as_text=True)


def test_the_limit_is_per_account_then_per_address(limited_client):
    for _ in range(2):
        _sign_in(limited_client, "alex@example.org", "wrong")
    assert _sign_in(limited_client, "sam@example.org", "wrong").status_code == 401
    assert _sign_in(limited_client, "sam@example.org", "wrong").status_code == 429


def test_successful_sign_ins_are_never_limited(limited_client):
    for _ in range(4):
        response = _sign_in(limited_client, "alex@example.org", "correct horse battery staple")
        assert response.status_code == 302
        token = csrf_token_from(limited_client.get("/").get_data(as_text=True))
        limited_client.post("/logout", data={"csrf_token": token})
