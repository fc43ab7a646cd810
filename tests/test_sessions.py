"""Sessions the server can end (issue 12 point 2) and sign-in limits every worker shares
(point 4; two worker processes are in test_shared_sign_in_limits.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from practice.extensions import db
from practice.models import RateLimitCounter, User, UserSession
from practice.sessions import revoke_sessions
from tests.conftest import csrf_token_from
from tests.factories import DEFAULT_PASSWORD, ME, make_user


def _sign_in(client, email=ME, password=DEFAULT_PASSWORD, **kwargs):
    token = csrf_token_from(client.get("/login", **kwargs).get_data(as_text=True))
    data = {"email": email, "password": password, "csrf_token": token}
    return client.post("/login", data=data, **kwargs)


def _signed_in(client) -> bool:
    return client.get("/").status_code == 200


def _copy_of(app, client):
    """Another browser holding a copy of ``client``'s session cookie."""
    thief = app.test_client()
    thief.set_cookie(app.config["SESSION_COOKIE_NAME"], client.get_cookie("session").value)
    return thief


def _sessions_of(app, email=ME) -> list[UserSession]:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        return list(db.session.scalars(select(UserSession).where(UserSession.user_id == user.id)))


def test_sign_out_ends_the_session_for_every_copy_of_the_cookie(app, client, me, auth):
    thief = _copy_of(app, client)
    assert _signed_in(thief)
    auth.logout()
    assert not _signed_in(thief)
    assert not _signed_in(client)
    assert [row.revoked_reason for row in _sessions_of(app)] == ["signed_out"]


def test_a_session_ends_after_its_absolute_lifetime_however_busy(app, client, me):
    assert _signed_in(client)
    with app.app_context():
        row = db.session.scalar(select(UserSession))
        row.created_at -= timedelta(hours=app.config["SESSION_LIFETIME_HOURS"], minutes=1)
        db.session.commit()
    response = client.get("/", follow_redirects=True)
    assert "signed out after a full working day" in response.get_data(as_text=True)
    assert [row.revoked_reason for row in _sessions_of(app)] == ["lifetime"]


def test_just_inside_the_lifetime_the_session_holds(app, client, me):
    with app.app_context():
        row = db.session.scalar(select(UserSession))
        row.created_at -= timedelta(hours=app.config["SESSION_LIFETIME_HOURS"], minutes=-1)
        db.session.commit()
    assert _signed_in(client)


def test_revoking_a_users_sessions_ends_every_browser_and_reactivation_revives_none(
    app, client, me
):
    second = app.test_client()
    _sign_in(second)
    assert _signed_in(client)
    assert _signed_in(second)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == ME))
        user.active = False
        assert revoke_sessions(user, "deactivated") == 2
        db.session.commit()
        user.active = True  # reactivated: the old cookies stay dead
        db.session.commit()
    assert not _signed_in(client)
    assert not _signed_in(second)
    assert _sign_in(app.test_client()).status_code == 302  # a new sign-in works


def test_the_session_row_holds_no_usable_token(app, client, me):
    cookie = client.get_cookie("session").value
    (row,) = _sessions_of(app)
    assert len(row.token_hash) == 64
    assert row.token_hash not in cookie


# Sign-in limits ------------------------------------------------------------------------------

LIMITS = {"SIGN_IN_LIMIT_PER_ACCOUNT": "3 per minute", "SIGN_IN_LIMIT_PER_ADDRESS": "5 per minute"}


@pytest.fixture
def accounts(app):
    with app.app_context():
        make_user(email="alex@example.org")
        make_user(email="sam@example.org")


def test_a_restarted_worker_keeps_the_count(make_app, accounts):
    before = make_app(TESTING=True, **LIMITS).test_client()
    for _ in range(3):
        _sign_in(before, "alex@example.org", "wrong")
    after = make_app(TESTING=True, **LIMITS).test_client()
    assert _sign_in(after, "alex@example.org", "wrong").status_code == 429


def test_the_account_limit_holds_whatever_the_address(make_app, accounts):
    client = make_app(TESTING=True, **LIMITS).test_client()
    for number in range(3):
        address = {"environ_base": {"REMOTE_ADDR": f"203.0.113.{number}"}}
        assert _sign_in(client, "alex@example.org", "wrong", **address).status_code == 401
    address = {"environ_base": {"REMOTE_ADDR": "203.0.113.99"}}
    assert _sign_in(client, "alex@example.org", "wrong", **address).status_code == 429


def test_a_shared_address_still_lets_another_account_sign_in(make_app, accounts):
    client = make_app(TESTING=True, **LIMITS).test_client()
    for _ in range(3):
        _sign_in(client, "alex@example.org", "wrong")
    assert _sign_in(client, "alex@example.org", DEFAULT_PASSWORD).status_code == 429
    assert _sign_in(client, "sam@example.org", DEFAULT_PASSWORD).status_code == 302


def test_behind_a_trusted_proxy_each_client_has_its_own_address_limit(make_app, accounts):
    client = make_app(TESTING=True, TRUSTED_PROXIES=1, **LIMITS).test_client()
    for number in range(5):
        forwarded = {"headers": {"X-Forwarded-For": f"198.51.100.{number}"}}
        email = f"nobody{number}@example.org"
        assert _sign_in(client, email, "wrong", **forwarded).status_code == 401
    with client.application.app_context():
        keys = set(db.session.scalars(select(RateLimitCounter.key)))
    assert {key for key in keys if "198.51.100." in key}, keys
    assert not any("127.0.0.1" in key for key in keys)


def test_without_trusted_proxies_a_forwarded_address_is_not_believed(make_app, accounts):
    client = make_app(TESTING=True, **LIMITS).test_client()
    for number in range(5):
        forwarded = {"headers": {"X-Forwarded-For": f"198.51.100.{number}"}}
        _sign_in(client, f"nobody{number}@example.org", "wrong", **forwarded)
    forwarded = {"headers": {"X-Forwarded-For": "198.51.100.77"}}
    assert _sign_in(client, "sam@example.org", "wrong", **forwarded).status_code == 429
