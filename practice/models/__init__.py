"""All models, one module per domain, re-exported so Alembic sees the whole schema."""

from practice.models.clinic import Clinic, Role, User

__all__ = ["Clinic", "Role", "User"]
