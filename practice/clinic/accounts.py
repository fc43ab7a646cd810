"""The clinic's users as its admins manage them: invite, role, deactivate, reset, end sessions.

Every change that takes access away ends the user's sessions at once (``revoke_sessions``);
no change may leave a clinic without an active admin. Services flush; the view commits.
"""

from __future__ import annotations

from sqlalchemy import func, select

from practice.auth.services import (
    NO_PASSWORD,
    AccountError,
    create_user,
    issue_link,
)
from practice.extensions import db
from practice.models import AccountLinkPurpose, Role, User
from practice.sessions import revoke_sessions


def invite(*, email: str, display_name: str, role: Role, author: User) -> tuple[User, str]:
    """A new colleague in the admin's clinic, and the token of the link that sets their
    password (72 hours, once)."""
    user = create_user(
        email=email, display_name=display_name, password=None, clinic=author.clinic, role=role
    )
    return user, issue_link(user, AccountLinkPurpose.INVITE, author=author)


def change_role(user: User, role: Role, *, author: User) -> None:
    if role is not Role.ADMIN:
        _keep_an_admin(user, author, "change the role of")
    user.role = role
    revoke_sessions(user, "role_changed")  # the next page is seen with the new role's rights
    db.session.flush()


def deactivate(user: User, *, author: User) -> None:
    _keep_an_admin(user, author, "deactivate")
    user.active = False
    revoke_sessions(user, "deactivated")
    db.session.flush()


def reactivate(user: User) -> None:
    """Their old sessions stay ended: they sign in again."""
    user.active = True
    db.session.flush()


def reset_password(user: User, *, author: User) -> str:
    """The old password stops working and every session ends; the token sets a new one."""
    user.password_hash = NO_PASSWORD
    revoke_sessions(user, "password_reset")
    return issue_link(user, AccountLinkPurpose.RESET, author=author)


def end_sessions(user: User) -> int:
    return revoke_sessions(user, "ended_by_admin")


def _keep_an_admin(user: User, author: User, action: str) -> None:
    if user.role != Role.ADMIN or not user.active:
        return
    others = select(func.count(User.id)).where(
        User.clinic_id == user.clinic_id,
        User.role == Role.ADMIN,
        User.active.is_(True),
        User.id != user.id,
    )
    if not db.session.scalar(others):
        who = "yourself" if user.id == author.id else user.display_name
        raise AccountError(
            f"You cannot {action} {who}: the clinic would have no active admin. "
            "Make another user an admin first."
        )
