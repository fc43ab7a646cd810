"""a draft can be discarded

An assessment's status may be 'discarded' (a draft started by mistake, kept read-only with who,
when and why). The status CHECK changes, so SQLite copies ``assessment`` (batch mode; env.py
lifts and then verifies SQLite's foreign keys around it); the way back turns a discarded draft
into a draft again rather than failing.

Revision ID: 6e2c8d4b1f93
Revises: 3a9d2b7e5c61
Create Date: 2026-12-01 16:10:00.000000+00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "6e2c8d4b1f93"
down_revision = "3a9d2b7e5c61"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("assessment") as batch_op:
        batch_op.add_column(sa.Column("discarded_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("discarded_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("discard_reason", sa.String(length=500), server_default="", nullable=False)
        )
        batch_op.create_foreign_key(
            op.f("fk_assessment_discarded_by_id_user_account"),
            "user_account",
            ["discarded_by_id"],
            ["id"],
        )
        batch_op.drop_constraint("status", type_="check")
        batch_op.create_check_constraint("status", "status IN ('draft', 'finalised', 'discarded')")


def downgrade():
    op.execute("UPDATE assessment SET status = 'draft' WHERE status = 'discarded'")
    with op.batch_alter_table("assessment") as batch_op:
        batch_op.drop_constraint("status", type_="check")
        batch_op.create_check_constraint("status", "status IN ('draft', 'finalised')")
        batch_op.drop_constraint(
            op.f("fk_assessment_discarded_by_id_user_account"), type_="foreignkey"
        )
        batch_op.drop_column("discard_reason")
        batch_op.drop_column("discarded_by_id")
        batch_op.drop_column("discarded_at")
