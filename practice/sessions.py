"""Sign-in sessions the server can end: user loading, the idle and absolute limits, revocation.

The signed cookie carries a random token; ``UserSession`` keeps its hash. A session counts only
while its row is unrevoked, so signing out ends it for every copy of the cookie, and a password
change, reset or deactivation ends every session of that user (``revoke_sessions``). The idle
limit is kept in the cookie as before (the time of the last request, signed, so a client can
neither forge nor extend it); the absolute limit is counted from the row's creation.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import (
    Flask,
    current_app,
    flash,
    has_request_context,
    redirect,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user, login_user, logout_user
from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.orm import contains_eager

from practice import audit
from practice.db import statement_built_once, utcnow
from practice.extensions import db, login_manager
from practice.models import User, UserSession
from practice.models.access import CLIENT_ADDRESS_MAX_LENGTH, USER_AGENT_MAX_LENGTH

LAST_SEEN_KEY = "last_seen"
TOKEN_KEY = "session_token"  # noqa: S105 (the key of the token in the cookie, not a token)


class SessionInterface(SecureCookieSessionInterface):
    """Marks the cookie Secure whenever the request itself came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return super().get_cookie_secure(app) or (has_request_context() and request.is_secure)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The user of this cookie's unrevoked session, if they are still active and the session is
    within its absolute lifetime; one statement, with the user's clinic."""
    token = session.get(TOKEN_KEY)
    if not isinstance(token, str):
        return None
    found = db.session.execute(
        _session_user(), {"user_id": int(user_id), "token_hash": _hash(token)}
    ).one_or_none()
    if found is None or not found.User.active:
        return None
    if utcnow() - found.UserSession.created_at > session_limits(found.User).lifetime:
        _revoke(found.UserSession, "lifetime")
        db.session.commit()
        flash("You were signed out after a full working day. Please sign in again.", "info")
        return None
    return found.User


@statement_built_once
def _session_user() -> Select:
    return (
        select(User, UserSession)
        .join(UserSession, UserSession.user_id == User.id)
        .join(User.clinic)
        .options(contains_eager(User.clinic))  # every page reads the user's clinic
        .where(
            User.id == bindparam("user_id"),
            UserSession.token_hash == bindparam("token_hash"),
            UserSession.revoked_at.is_(None),
        )
    )


@dataclass(frozen=True)
class SessionLimits:
    idle: timedelta
    lifetime: timedelta


def session_limits(user: User) -> SessionLimits:
    """The user's clinic's limits (clinic settings), else the app's configured ones."""
    config = current_app.config
    clinic = user.clinic
    return SessionLimits(
        idle=timedelta(minutes=clinic.session_idle_minutes or config["SESSION_IDLE_MINUTES"]),
        lifetime=timedelta(hours=clinic.session_lifetime_hours or config["SESSION_LIFETIME_HOURS"]),
    )


def fresh_session() -> None:
    """An empty cookie session, so nothing from before carries over."""
    session.clear()
    session.permanent = True
    session[LAST_SEEN_KEY] = utcnow().timestamp()


def begin_session(user: User) -> None:
    """Sign ``user`` in on a new session row; the caller commits."""
    fresh_session()
    token = secrets.token_urlsafe(32)
    db.session.add(
        UserSession(
            token_hash=_hash(token),
            user=user,
            client_address=(request.remote_addr or "")[:CLIENT_ADDRESS_MAX_LENGTH],
            user_agent=request.user_agent.string[:USER_AGENT_MAX_LENGTH],
        )
    )
    session[TOKEN_KEY] = token
    login_user(user)
    audit.remember_actor()  # the sign-in's entry names who signed in, not who was before


def end_session(reason: str = "signed_out") -> None:
    """Revoke this browser's session and sign out; the caller commits."""
    audit.remember_actor()
    token = session.get(TOKEN_KEY)
    if isinstance(token, str):
        db.session.execute(
            update(UserSession)
            .where(UserSession.token_hash == _hash(token), UserSession.revoked_at.is_(None))
            .values(revoked_at=utcnow(), revoked_reason=reason)
        )
    logout_user()
    fresh_session()


def revoke_sessions(user: User, reason: str) -> int:
    """End every open session of ``user`` (password change or reset, deactivation, an admin);
    returns how many. The caller commits."""
    return db.session.execute(
        update(UserSession)
        .where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
        .values(revoked_at=utcnow(), revoked_reason=reason)
    ).rowcount


def _revoke(row: UserSession, reason: str) -> None:
    row.revoked_at = utcnow()
    row.revoked_reason = reason


def expire_idle_session():
    """Signs the user out when the last request was longer ago than the idle limit."""
    if not current_user.is_authenticated:
        return None
    now = utcnow().timestamp()
    idle_limit = session_limits(current_user).idle.total_seconds()
    last_seen = session.get(LAST_SEEN_KEY)
    if last_seen is None or now - float(last_seen) > idle_limit:
        actor = (current_user.id, current_user.email, current_user.clinic_id)
        end_session("idle")
        audit.record("signed_out_idle", actor=actor, client_address=request.remote_addr or "")
        db.session.commit()
        flash("You were signed out after a period of inactivity. Please sign in again.", "info")
        next_page = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("auth.login", next=next_page))
    session[LAST_SEEN_KEY] = now
    return None


def init_app(app: Flask) -> None:
    app.session_interface = SessionInterface()
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    app.before_request(expire_idle_session)
