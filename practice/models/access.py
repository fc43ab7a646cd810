"""Who is signed in where, and how often sign-in has failed: rows every worker shares."""

from __future__ import annotations

from datetime import datetime

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


class RateLimitCounter(db.Model):
    """A fixed-window counter of ``practice.rate_limits.DatabaseStorage``; ``expires_at`` is in
    seconds since the epoch, as the limits library counts."""

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[float] = mapped_column(Float)
