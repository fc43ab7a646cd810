import hashlib
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required

from practice import audit
from practice.auth import bp
from practice.auth.forms import ChangePasswordForm, SetPasswordForm, SignInForm, SignOutForm
from practice.auth.services import (
    AccountError,
    authenticate,
    live_link,
    set_password_from_link,
)
from practice.auth.services import (
    change_password as change_users_password,
)
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
    flash(f"Signed in as {user.display_name}.", "success")
    audit.commit_with_entry()
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


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Everyone's own password. Every session of theirs ends, this one starts afresh."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            change_users_password(
                current_user, current=form.current_password.data, new=form.new_password.data
            )
        except AccountError as error:
            field = form.current_password if "current" in str(error) else form.new_password
            field.errors.append(str(error))
        else:
            begin_session(current_user._get_current_object())
            db.session.commit()
            flash("Password changed. You were signed out everywhere else.", "success")
            return redirect(url_for("dashboard.index"))
    status = 400 if form.errors else 200
    return render_template("auth/change_password.html", form=form), status


@bp.route("/account/set-password/<token>", methods=["GET", "POST"])
def set_password(token: str):
    """The page a one-time invitation or reset link opens; it works once, for 72 hours."""
    link = live_link(token)
    if link is None:
        return render_template("auth/link_expired.html"), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            user = set_password_from_link(link, form.new_password.data)
        except AccountError as error:
            form.new_password.errors.append(str(error))
        else:
            db.session.commit()
            flash(f"Password set. Sign in with {user.email} and your new password.", "success")
            return redirect(url_for("auth.login"))
    status = 400 if form.errors else 200
    return render_template("auth/set_password.html", form=form, user=link.user), status
