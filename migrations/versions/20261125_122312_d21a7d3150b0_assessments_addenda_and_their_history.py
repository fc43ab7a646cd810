"""assessments, addenda and their history

Revision ID: d21a7d3150b0
Revises: 6d8e72eff663
Create Date: 2026-11-25 12:23:12.144838

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d21a7d3150b0"
down_revision = "6d8e72eff663"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("clinician_id", sa.Integer(), nullable=False),
        sa.Column("previous_assessment_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("seen_on", sa.Date(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("impression", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finalised_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finalised_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("status IN ('draft', 'finalised')", name=op.f("ck_assessment_status")),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_assessment_clinic_id_clinic")
        ),
        sa.ForeignKeyConstraint(
            ["clinician_id"],
            ["user_account.id"],
            name=op.f("fk_assessment_clinician_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["finalised_by_id"],
            ["user_account.id"],
            name=op.f("fk_assessment_finalised_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_assessment_patient_id_patient")
        ),
        sa.ForeignKeyConstraint(
            ["previous_assessment_id"],
            ["assessment.id"],
            name=op.f("fk_assessment_previous_assessment_id_assessment"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment")),
    )
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessment_clinic_id"), ["clinic_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assessment_patient_id"), ["patient_id"], unique=False)

    op.create_table(
        "addendum",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("refers_to_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessment.id"], name=op.f("fk_addendum_assessment_id_assessment")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["user_account.id"], name=op.f("fk_addendum_author_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_addendum_clinic_id_clinic")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_addendum")),
    )
    with op.batch_alter_table("addendum", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_addendum_assessment_id"), ["assessment_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_addendum_clinic_id"), ["clinic_id"], unique=False)

    op.create_table(
        "assessment_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.String(length=500), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["user_account.id"],
            name=op.f("fk_assessment_event_actor_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_assessment_event_assessment_id_assessment"),
        ),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_assessment_event_clinic_id_clinic")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_event")),
    )
    with op.batch_alter_table("assessment_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assessment_event_assessment_id"), ["assessment_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_assessment_event_clinic_id"), ["clinic_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("assessment_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessment_event_clinic_id"))
        batch_op.drop_index(batch_op.f("ix_assessment_event_assessment_id"))

    op.drop_table("assessment_event")
    with op.batch_alter_table("addendum", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_addendum_clinic_id"))
        batch_op.drop_index(batch_op.f("ix_addendum_assessment_id"))

    op.drop_table("addendum")
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessment_patient_id"))
        batch_op.drop_index(batch_op.f("ix_assessment_clinic_id"))

    op.drop_table("assessment")
