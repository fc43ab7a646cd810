"""The clinic's users page: invite, change role, deactivate, reactivate, reset, end sessions.

Who may use these routes is ``practice.permissions`` (admins); which users they may act on is
``get_owned_or_404`` (their own clinic's). A new link is shown on the page the POST returns,
never put in the flash (which travels in the cookie), and only until the page is left.
"""

from __future__ import annotations

import smtplib

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from practice import mail
from practice.auth.services import LINK_LIFETIME, AccountError
from practice.clinic import accounts, bp, services
from practice.clinic.forms import AuditFilterForm, ConfirmForm, InviteForm, RoleForm
from practice.extensions import db
from practice.models import Role, User
from practice.scoping import get_owned_or_404

LINK_HOURS = int(LINK_LIFETIME.total_seconds() // 3600)


def _render(*, invite_form: InviteForm | None = None, link=None, status: int = 200):
    clinic = current_user.clinic
    rows = [
        (user, RoleForm(prefix=f"role-{user.id}", data={"role": user.role}))
        for user in services.clinic_users(clinic)
    ]
    return render_template(
        "clinic/users.html",
        rows=rows,
        invite_form=invite_form or InviteForm(formdata=None),  # empty again once it is done
        confirm_form=ConfirmForm(),
        link=link,
        link_hours=LINK_HOURS,
    ), status


def _link(user: User, token: str, purpose: str) -> dict[str, str]:
    """The link to show, unless it was e-mailed; says which happened."""
    url = url_for("auth.set_password", token=token, _external=True)
    shown = {"user": user.display_name, "url": url, "purpose": purpose, "sent_to": ""}
    if not mail.can_send():
        return shown
    body = (
        f"Hello {user.display_name},\n\n{current_user.display_name} has {purpose} for you at "
        f"{current_user.clinic.name}. Open this link within {LINK_HOURS} hours to choose your "
        f"password; it works once:\n\n{url}\n"
    )
    try:
        mail.send(to=user.email, subject=f"Your account at {current_user.clinic.name}", body=body)
    except (OSError, smtplib.SMTPException):
        flash("The e-mail could not be sent: copy the link below and send it yourself.", "warning")
        return shown
    return shown | {"url": "", "sent_to": user.email}


@bp.get("/users")
@login_required
def users():
    return _render()


@bp.post("/users")
@login_required
def invite():
    form = InviteForm()
    if not form.validate_on_submit():
        return _render(invite_form=form, status=400)
    try:
        user, token = accounts.invite(
            email=form.email.data,
            display_name=form.display_name.data,
            role=Role(form.role.data),
            author=current_user,
        )
    except AccountError as error:
        form.email.errors.append(str(error))
        return _render(invite_form=form, status=400)
    db.session.commit()
    return _render(link=_link(user, token, "set up an account"))


@bp.post("/users/<int:user_id>/role")
@login_required
def change_role(user_id: int):
    user = get_owned_or_404(User, user_id)
    form = RoleForm(prefix=f"role-{user.id}")
    if not form.validate_on_submit():
        flash(f"{user.display_name}'s role was not changed: choose one of the roles.", "danger")
        return _render(status=400)
    return _apply(
        lambda: accounts.change_role(user, Role(form.role.data), author=current_user),
        f"{user.display_name} is now {Role(form.role.data).replace('_', ' ')}.",
    )


@bp.post("/users/<int:user_id>/deactivate")
@login_required
def deactivate(user_id: int):
    user = get_owned_or_404(User, user_id)
    return _act(
        lambda: accounts.deactivate(user, author=current_user),
        f"{user.display_name} can no longer sign in; their sessions have ended.",
    )


@bp.post("/users/<int:user_id>/reactivate")
@login_required
def reactivate(user_id: int):
    user = get_owned_or_404(User, user_id)
    return _act(lambda: accounts.reactivate(user), f"{user.display_name} can sign in again.")


@bp.post("/users/<int:user_id>/sessions/end")
@login_required
def end_sessions(user_id: int):
    user = get_owned_or_404(User, user_id)
    return _act(lambda: accounts.end_sessions(user), f"Every session of {user.display_name} ended.")


@bp.post("/users/<int:user_id>/reset")
@login_required
def reset_password(user_id: int):
    user = get_owned_or_404(User, user_id)
    if not ConfirmForm().validate_on_submit():
        return _render(status=400)
    token = accounts.reset_password(user, author=current_user)
    db.session.commit()
    return _render(link=_link(user, token, "reset the password"))


def _act(change, done: str):
    """A button's change, once its CSRF token is checked."""
    if not ConfirmForm().validate_on_submit():
        return _render(status=400)
    return _apply(change, done)


def _apply(change, done: str):
    try:
        change()
    except AccountError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return _render(status=400)
    db.session.commit()
    flash(done, "success")
    return redirect(url_for("clinic.users"))


@bp.get("/audit")
@login_required
def audit_trail():
    """The clinic's audit trail, newest first, filtered by patient, user and dates."""
    form = AuditFilterForm(request.args)
    users_of_clinic = services.clinic_users(current_user.clinic)
    form.user.choices = [("", "Anyone")] + [
        (str(user.id), user.display_name) for user in users_of_clinic
    ]
    entries = []
    if form.validate():
        entries = services.audit_entries(
            current_user.clinic,
            patient_id=form.patient.data,
            user_id=int(form.user.data) if form.user.data else None,
            since=form.since.data,
            until=form.until.data,
        )
    status = 400 if form.errors else 200
    return render_template(
        "clinic/audit.html", form=form, entries=entries, shown=services.AUDIT_PAGE_SIZE
    ), status
