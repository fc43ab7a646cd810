"""letters to the referrer

The letter_record table: referral and discharge letters to the patient's referring doctor, each
with what the clinician typed, the assessment and plan version it was made from, and its PDF.

Revision ID: d3f6a8b0c425
Revises: c2e5f7a9b314
Create Date: 2026-12-01 20:02:00.000000+00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d3f6a8b0c425"
down_revision = "c2e5f7a9b314"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "letter_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=True),
        sa.Column("plan_version_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("urgency", sa.String(length=20), nullable=True),
        sa.Column("addressee", sa.String(length=500), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("extra", sa.Text(), server_default="", nullable=False),
        sa.Column("paper", sa.String(length=10), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind IN ('referral', 'discharge')", name=op.f("ck_letter_record_kind")),
        sa.CheckConstraint("paper IN ('a4', 'letter')", name=op.f("ck_letter_record_paper")),
        sa.CheckConstraint(
            "urgency IN ('emergency', 'urgent', 'routine')", name=op.f("ck_letter_record_urgency")
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_letter_record_assessment_id_assessment"),
        ),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_letter_record_clinic_id_clinic")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_letter_record_created_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_letter_record_patient_id_patient")
        ),
        sa.ForeignKeyConstraint(
            ["plan_version_id"],
            ["plan_version.id"],
            name=op.f("fk_letter_record_plan_version_id_plan_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_record")),
    )
    with op.batch_alter_table("letter_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letter_record_clinic_id"), ["clinic_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_letter_record_patient_id"), ["patient_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("letter_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letter_record_patient_id"))
        batch_op.drop_index(batch_op.f("ix_letter_record_clinic_id"))

    op.drop_table("letter_record")
