"""Sign-in sessions: user loading, Secure cookies over HTTPS, and the idle time-out."""

from __future__ import annotations

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
from flask_login import current_user, logout_user

from practice.db import utcnow
from practice.extensions import db, login_manager
from practice.models import User

LAST_SEEN_KEY = "last_seen"


class SessionInterface(SecureCookieSessionInterface):
    """Marks the cookie Secure whenever the request itself came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return super().get_cookie_secure(app) or (has_request_context() and request.is_secure)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    user = db.session.get(User, int(user_id))
    # A user deactivated by an admin loses every open session at their next request.
    return user if user is not None and user.active else None


def start_session() -> None:
    """Called just before sign-in: a fresh session, so nothing from before carries over."""
    session.clear()
    session.permanent = True
    session[LAST_SEEN_KEY] = utcnow().timestamp()


def expire_idle_session():
    """Signs the user out when the last request was longer ago than the idle limit.

    The time of the last request travels in the signed session cookie, so a client can neither
    forge nor extend it; the cookie's own lifetime expires it in the browser too.
    """
    if not current_user.is_authenticated:
        return None
    now = utcnow().timestamp()
    idle_limit = current_app.config["SESSION_IDLE_MINUTES"] * 60
    last_seen = session.get(LAST_SEEN_KEY)
    if last_seen is None or now - float(last_seen) > idle_limit:
        logout_user()
        session.clear()
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
