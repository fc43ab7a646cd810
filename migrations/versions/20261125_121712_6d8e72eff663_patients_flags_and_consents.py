"""patients, flags and consents

Revision ID: 6d8e72eff663
Revises: e06b5b11995b
Create Date: 2026-11-25 12:17:12.057253

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "6d8e72eff663"
down_revision = "e06b5b11995b"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "patient",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("given_names", sa.String(length=120), nullable=False),
        sa.Column("family_name", sa.String(length=120), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=20), nullable=False),
        sa.Column("phone", sa.String(length=40), server_default="", nullable=False),
        sa.Column("email", sa.String(length=254), server_default="", nullable=False),
        sa.Column("address", sa.String(length=500), server_default="", nullable=False),
        sa.Column("referrer", sa.String(length=200), server_default="", nullable=False),
        sa.Column("general_practitioner", sa.String(length=200), server_default="", nullable=False),
        sa.Column("occupation", sa.String(length=200), server_default="", nullable=False),
        sa.Column("activity_level", sa.String(length=20), nullable=True),
        sa.Column("medications", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_patient_clinic_id_clinic")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_patient_created_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patient")),
    )
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.create_index(
            "ix_patient_clinic_id_date_of_birth", ["clinic_id", "date_of_birth"], unique=False
        )
        batch_op.create_index(
            "ix_patient_clinic_id_family_name", ["clinic_id", "family_name"], unique=False
        )

    op.create_table(
        "consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=40), nullable=False),
        sa.Column("consent_type", sa.String(length=20), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("given_by", sa.String(length=20), nullable=False),
        sa.Column("capacity_confirmed", sa.Boolean(), nullable=False),
        sa.Column("risks_discussed", sa.Text(), server_default="", nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("taken_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_consent_clinic_id_clinic")
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_consent_patient_id_patient")
        ),
        sa.ForeignKeyConstraint(
            ["taken_by_id"], ["user_account.id"], name=op.f("fk_consent_taken_by_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent")),
    )
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_clinic_id"), ["clinic_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_consent_patient_id"), ["patient_id"], unique=False)

    op.create_table(
        "patient_flag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("region", sa.String(length=30), nullable=True),
        sa.Column("side", sa.String(length=20), nullable=True),
        sa.Column("trimester", sa.Integer(), nullable=True),
        sa.Column("detail", sa.String(length=500), server_default="", nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.Column("resolved_by_id", sa.Integer(), nullable=True),
        sa.Column("resolution_note", sa.String(length=500), server_default="", nullable=False),
        sa.CheckConstraint(
            "trimester IS NULL OR trimester BETWEEN 1 AND 3", name=op.f("ck_patient_flag_trimester")
        ),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_patient_flag_clinic_id_clinic")
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_patient_flag_patient_id_patient")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_patient_flag_recorded_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["user_account.id"],
            name=op.f("fk_patient_flag_resolved_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patient_flag")),
    )
    with op.batch_alter_table("patient_flag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_patient_flag_clinic_id"), ["clinic_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_patient_flag_patient_id"), ["patient_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("patient_flag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patient_flag_patient_id"))
        batch_op.drop_index(batch_op.f("ix_patient_flag_clinic_id"))

    op.drop_table("patient_flag")
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_patient_id"))
        batch_op.drop_index(batch_op.f("ix_consent_clinic_id"))

    op.drop_table("consent")
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.drop_index("ix_patient_clinic_id_family_name")
        batch_op.drop_index("ix_patient_clinic_id_date_of_birth")

    op.drop_table("patient")
