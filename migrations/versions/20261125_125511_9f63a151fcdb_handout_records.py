"""handout records

Revision ID: 9f63a151fcdb
Revises: 2ea631699aee
Create Date: 2026-11-25 12:55:11.863498

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "9f63a151fcdb"
down_revision = "2ea631699aee"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "handout_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("plan_version_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("paper", sa.String(length=10), nullable=False),
        sa.Column("large_print", sa.Boolean(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('home_exercise', 'prevention')", name=op.f("ck_handout_record_kind")
        ),
        sa.CheckConstraint("paper IN ('a4', 'letter')", name=op.f("ck_handout_record_paper")),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_handout_record_clinic_id_clinic")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_handout_record_created_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_handout_record_patient_id_patient")
        ),
        sa.ForeignKeyConstraint(
            ["plan_version_id"],
            ["plan_version.id"],
            name=op.f("fk_handout_record_plan_version_id_plan_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handout_record")),
    )
    with op.batch_alter_table("handout_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_handout_record_clinic_id"), ["clinic_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_handout_record_patient_id"), ["patient_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("handout_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handout_record_patient_id"))
        batch_op.drop_index(batch_op.f("ix_handout_record_clinic_id"))

    op.drop_table("handout_record")
