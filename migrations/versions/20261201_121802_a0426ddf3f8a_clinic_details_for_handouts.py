"""clinic details for handouts

The clinic's registration line and its logo (the image's bytes and media type) for the handout
header. Plain ALTER TABLE, not batch mode: SQLite adds and (from 3.35) drops these columns in
place, where a batch copy of ``clinic`` would break the foreign keys of every row that refers
to it.

Revision ID: a0426ddf3f8a
Revises: f0add413df67
Create Date: 2026-12-01 12:18:02.309369+00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a0426ddf3f8a"
down_revision = "f0add413df67"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "clinic",
        sa.Column("registration_line", sa.String(length=200), server_default="", nullable=False),
    )
    op.add_column("clinic", sa.Column("logo", sa.LargeBinary(), nullable=True))
    op.add_column("clinic", sa.Column("logo_media_type", sa.String(length=40), nullable=True))


def downgrade():
    op.drop_column("clinic", "logo_media_type")
    op.drop_column("clinic", "logo")
    op.drop_column("clinic", "registration_line")
