import hashlib
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required

from practice.auth import bp
from practice.auth.forms import SignInForm, SignOutForm
from practice.auth.services import authenticate
from practice.extensions import db, limiter
from practice.sessions import begin_session, end_session

FAILED_SIGN_IN = "The email or password is not right, or the account is not active."


def _safe_next(target: str | None) -> str:
    """Only a path on this site: ``next`` must never send someone to another host."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("dashboard.index")


def _account() -> str:
    """Failures count against the account whatever address they come from. The key holds the
    e-mail's hash: a fixed length whatever was typed, and no address book in the counter table."""
    email = (request.form.get("email") or "").strip().lower()
    return f"account:{hashlib.sha256(email.encode()).hexdigest()}"


def _address() -> str:
    """The client's address: behind TRUSTED_PROXIES, the one the nearest proxy saw."""
    return f"address:{get_remote_address()}"


def _failed(response) -> bool:
    """Only failed attempts count: a clinic's staff signing in all morning are never limited."""
    return response.status_code != 302


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["SIGN_IN_LIMIT_PER_ACCOUNT"],
    key_func=_account,
    methods=["POST"],
    deduct_when=_failed,
)
@limiter.limit(
    lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"],
    key_func=_address,
    methods=["POST"],
    deduct_when=_failed,
)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = SignInForm()
    if not form.validate_on_submit():
        status = 400 if form.errors else 200
        return render_template("auth/login.html", form=form), status
    user = authenticate(form.email.data, form.password.data)
    if user is None:
        flash(FAILED_SIGN_IN, "danger")
        return render_template("auth/login.html", form=form), 401
    begin_session(user)
    db.session.commit()
    flash(f"Signed in as {user.display_name}.", "success")
    return redirect(_safe_next(request.args.get("next")))


@bp.post("/logout")
@login_required
def logout():
    form = SignOutForm()
    if form.validate_on_submit():
        end_session()
        db.session.commit()
        flash("You have signed out.", "info")
    return redirect(url_for("auth.login"))
