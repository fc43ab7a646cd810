"""patients can be archived

``patient.archived_at`` and ``archived_by_id``: an archived patient is hidden from the lists
and searches unless asked for; nothing of the record is deleted (retention, see README).

Revision ID: 3a9d2b7e5c61
Revises: 8c1f4e6a2d17
Create Date: 2026-12-01 16:00:00.000000+00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "3a9d2b7e5c61"
down_revision = "8c1f4e6a2d17"
branch_labels = None
depends_on = None


def upgrade():
    # A foreign key on SQLite means copying the table (batch mode); migrations/env.py lifts
    # SQLite's foreign-key checks for that and verifies every reference before committing.
    with op.batch_alter_table("patient") as batch_op:
        batch_op.add_column(sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("archived_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_patient_archived_by_id_user_account"),
            "user_account",
            ["archived_by_id"],
            ["id"],
        )


def downgrade():
    with op.batch_alter_table("patient") as batch_op:
        batch_op.drop_constraint(op.f("fk_patient_archived_by_id_user_account"), type_="foreignkey")
        batch_op.drop_column("archived_by_id")
        batch_op.drop_column("archived_at")
