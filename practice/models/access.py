"""Who is signed in where, and how often sign-in has failed: rows every worker shares."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from practice.db import UTCDateTime, utcnow
from practice.extensions import db
from practice.models.clinic import User

CLIENT_ADDRESS_MAX_LENGTH = 64
USER_AGENT_MAX_LENGTH = 200


class UserSession(db.Model):
    """One signed-in browser. The cookie holds a random token; the row holds its SHA-256, so a
    copy of the database cannot be replayed as cookies. A revoked row never comes back: signing
    out, a password change or reset, deactivation and an admin ending it all set ``revoked_at``.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    client_address: Mapped[str] = mapped_column(String(CLIENT_ADDRESS_MAX_LENGTH), default="")
    user_agent: Mapped[str] = mapped_column(String(USER_AGENT_MAX_LENGTH), default="")
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_reason: Mapped[str] = mapped_column(String(40), default="", server_default="")

    user: Mapped[User] = relationship()


class AccountLinkPurpose(StrEnum):
    INVITE = "invite"  # a new colleague sets their first password
    RESET = "reset"  # an admin reset the password: the old one no longer works


class AccountLink(db.Model):
    """A one-time link that lets a user set their password. The admin copies it (or it is sent
    by e-mail); the row keeps only the token's hash, and a link is used once or expires."""

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])


class RateLimitCounter(db.Model):
    """A fixed-window counter of ``practice.rate_limits.DatabaseStorage``; ``expires_at`` is in
    seconds since the epoch, as the limits library counts."""

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[float] = mapped_column(Float)
