"""a draft plan version can be discarded

A plan version's status may be 'discarded' (a draft set aside with who, when and why; never given
to the patient). The status CHECK changes, so SQLite copies ``plan_version`` (batch mode under
env.py's reference check); the way back turns a discarded version into a draft again.

Revision ID: 9b4e7f1c3a28
Revises: 6e2c8d4b1f93
Create Date: 2026-12-01 16:20:00.000000+00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "9b4e7f1c3a28"
down_revision = "6e2c8d4b1f93"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("plan_version") as batch_op:
        batch_op.add_column(sa.Column("discarded_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("discarded_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("discard_reason", sa.String(length=500), server_default="", nullable=False)
        )
        batch_op.create_foreign_key(
            op.f("fk_plan_version_discarded_by_id_user_account"),
            "user_account",
            ["discarded_by_id"],
            ["id"],
        )
        batch_op.drop_constraint("status", type_="check")
        batch_op.create_check_constraint(
            "status", "status IN ('draft', 'issued', 'superseded', 'discarded')"
        )


def downgrade():
    op.execute("UPDATE plan_version SET status = 'draft' WHERE status = 'discarded'")
    with op.batch_alter_table("plan_version") as batch_op:
        batch_op.drop_constraint("status", type_="check")
        batch_op.create_check_constraint("status", "status IN ('draft', 'issued', 'superseded')")
        batch_op.drop_constraint(
            op.f("fk_plan_version_discarded_by_id_user_account"), type_="foreignkey"
        )
        batch_op.drop_column("discard_reason")
        batch_op.drop_column("discarded_by_id")
        batch_op.drop_column("discarded_at")
