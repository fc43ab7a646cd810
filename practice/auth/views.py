from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from practice.auth import bp
from practice.auth.forms import SignInForm, SignOutForm
from practice.auth.services import authenticate
from practice.extensions import db
from practice.sessions import start_session

FAILED_SIGN_IN = "The email or password is not right, or the account is not active."


def _safe_next(target: str | None) -> str:
    """Only a path on this site: ``next`` must never send someone to another host."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("dashboard.index")


@bp.route("/login", methods=["GET", "POST"])
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
    start_session()
    login_user(user)
    db.session.commit()
    flash(f"Signed in as {user.display_name}.", "success")
    return redirect(_safe_next(request.args.get("next")))


@bp.post("/logout")
@login_required
def logout():
    form = SignOutForm()
    if form.validate_on_submit():
        logout_user()
        start_session()
        flash("You have signed out.", "info")
    return redirect(url_for("auth.login"))
