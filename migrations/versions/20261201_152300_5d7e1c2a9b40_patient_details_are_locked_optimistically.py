"""patient details are locked optimistically

``patient.version``: two people editing one patient's details at once can no longer lose a
change silently; the second save is refused with the values they typed kept. Plain ALTER TABLE:
SQLite adds the column in place (every clinical table refers to ``patient``).

Revision ID: 5d7e1c2a9b40
Revises: 24ccff2050cc
Create Date: 2026-12-01 15:23:00.000000+00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5d7e1c2a9b40"
down_revision = "24ccff2050cc"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("patient", sa.Column("version", sa.Integer(), server_default="1", nullable=False))


def downgrade():
    op.drop_column("patient", "version")
