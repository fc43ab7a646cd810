"""visit notes

A treatment session's note (subjective, objective, treatment, plan; pain before and after) tied to
the issued plan version it was written against, with when the treatment happened and when the
entry was made (10.1, 10.2); the plan items delivered at it with what was done and their
screening at the visit; the rows of the patient's exercise log; and dated addenda on a signed
note. New tables only: the way back drops them.

Revision ID: b1d4e6f8a203
Revises: 7c3e9a1f5d28
Create Date: 2026-12-01 20:00:00.000000+00:00

"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = "b1d4e6f8a203"
down_revision = "7c3e9a1f5d28"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "visit_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("plan_version_id", sa.Integer(), nullable=False),
        sa.Column("clinician_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("subjective", sa.Text(), server_default="", nullable=False),
        sa.Column("objective", sa.Text(), server_default="", nullable=False),
        sa.Column("treatment", sa.Text(), server_default="", nullable=False),
        sa.Column("plan", sa.Text(), server_default="", nullable=False),
        sa.Column("pain_before", sa.Integer(), nullable=True),
        sa.Column("pain_after", sa.Integer(), nullable=True),
        sa.Column("log_weeks", sa.Integer(), nullable=True),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("signed_by_id", sa.Integer(), nullable=True),
        sa.Column("discarded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("discarded_by_id", sa.Integer(), nullable=True),
        sa.Column("discard_reason", sa.String(length=500), server_default="", nullable=False),
        sa.Column("lock_version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'signed', 'discarded')", name=op.f("ck_visit_note_status")
        ),
        sa.CheckConstraint(
            "pain_after IS NULL OR pain_after BETWEEN 0 AND 10",
            name=op.f("ck_visit_note_pain_after"),
        ),
        sa.CheckConstraint(
            "pain_before IS NULL OR pain_before BETWEEN 0 AND 10",
            name=op.f("ck_visit_note_pain_before"),
        ),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_visit_note_clinic_id_clinic")
        ),
        sa.ForeignKeyConstraint(
            ["clinician_id"],
            ["user_account.id"],
            name=op.f("fk_visit_note_clinician_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["discarded_by_id"],
            ["user_account.id"],
            name=op.f("fk_visit_note_discarded_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_visit_note_patient_id_patient")
        ),
        sa.ForeignKeyConstraint(
            ["plan_version_id"],
            ["plan_version.id"],
            name=op.f("fk_visit_note_plan_version_id_plan_version"),
        ),
        sa.ForeignKeyConstraint(
            ["signed_by_id"],
            ["user_account.id"],
            name=op.f("fk_visit_note_signed_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_note")),
    )
    with op.batch_alter_table("visit_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_note_clinic_id"), ["clinic_id"], unique=False)
        batch_op.create_index(
            "ix_visit_note_clinician_id_status",
            ["clinician_id", "status", "occurred_at", "id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_visit_note_patient_id_occurred_at",
            ["patient_id", "occurred_at", "id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_visit_note_plan_version_id"), ["plan_version_id"], unique=False
        )

    op.create_table(
        "visit_addendum",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("visit_note_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("refers_to_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["user_account.id"],
            name=op.f("fk_visit_addendum_author_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_visit_addendum_clinic_id_clinic")
        ),
        sa.ForeignKeyConstraint(
            ["visit_note_id"],
            ["visit_note.id"],
            name=op.f("fk_visit_addendum_visit_note_id_visit_note"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_addendum")),
    )
    with op.batch_alter_table("visit_addendum", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_visit_addendum_clinic_id"), ["clinic_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_visit_addendum_visit_note_id"), ["visit_note_id"], unique=False
        )

    op.create_table(
        "visit_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("visit_note_id", sa.Integer(), nullable=False),
        sa.Column("plan_item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("site_region", sa.String(length=30), nullable=False),
        sa.Column("site_side", sa.String(length=20), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("muscles", sa.String(length=300), server_default="", nullable=False),
        sa.Column("needle_count", sa.Integer(), nullable=True),
        sa.Column("response", sa.String(length=500), server_default="", nullable=False),
        sa.Column("mode", sa.String(length=40), server_default="", nullable=False),
        sa.Column("frequency_hz", sa.Numeric(precision=8, scale=2), nullable=True),
        sa.Column("pulse_width_us", sa.Integer(), nullable=True),
        sa.Column("carrier_hz", sa.Integer(), nullable=True),
        sa.Column("intensity", sa.String(length=200), server_default="", nullable=False),
        sa.Column("exercise_action", sa.String(length=20), nullable=True),
        sa.Column(
            "new_dosage",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column(
            "screening",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("override_reason", sa.Text(), server_default="", nullable=False),
        sa.Column("acknowledged", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.CheckConstraint(
            "exercise_action IS NULL OR exercise_action IN ('reviewed', 'progressed')",
            name=op.f("ck_visit_item_exercise_action"),
        ),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_visit_item_clinic_id_clinic")
        ),
        sa.ForeignKeyConstraint(
            ["plan_item_id"], ["plan_item.id"], name=op.f("fk_visit_item_plan_item_id_plan_item")
        ),
        sa.ForeignKeyConstraint(
            ["visit_note_id"],
            ["visit_note.id"],
            name=op.f("fk_visit_item_visit_note_id_visit_note"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_item")),
    )
    with op.batch_alter_table("visit_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_item_clinic_id"), ["clinic_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_visit_item_plan_item_id"), ["plan_item_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_visit_item_visit_note_id"), ["visit_note_id"], unique=False
        )

    op.create_table(
        "visit_log_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("visit_note_id", sa.Integer(), nullable=False),
        sa.Column("plan_item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("days_done", sa.Integer(), nullable=False),
        sa.CheckConstraint("days_done >= 0", name=op.f("ck_visit_log_entry_days_done")),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_visit_log_entry_clinic_id_clinic")
        ),
        sa.ForeignKeyConstraint(
            ["plan_item_id"],
            ["plan_item.id"],
            name=op.f("fk_visit_log_entry_plan_item_id_plan_item"),
        ),
        sa.ForeignKeyConstraint(
            ["visit_note_id"],
            ["visit_note.id"],
            name=op.f("fk_visit_log_entry_visit_note_id_visit_note"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_log_entry")),
    )
    with op.batch_alter_table("visit_log_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_visit_log_entry_clinic_id"), ["clinic_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_visit_log_entry_plan_item_id"), ["plan_item_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_visit_log_entry_visit_note_id"), ["visit_note_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("visit_log_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_log_entry_visit_note_id"))
        batch_op.drop_index(batch_op.f("ix_visit_log_entry_plan_item_id"))
        batch_op.drop_index(batch_op.f("ix_visit_log_entry_clinic_id"))

    op.drop_table("visit_log_entry")
    with op.batch_alter_table("visit_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_item_visit_note_id"))
        batch_op.drop_index(batch_op.f("ix_visit_item_plan_item_id"))
        batch_op.drop_index(batch_op.f("ix_visit_item_clinic_id"))

    op.drop_table("visit_item")
    with op.batch_alter_table("visit_addendum", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_addendum_visit_note_id"))
        batch_op.drop_index(batch_op.f("ix_visit_addendum_clinic_id"))

    op.drop_table("visit_addendum")
    with op.batch_alter_table("visit_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_note_plan_version_id"))
        batch_op.drop_index("ix_visit_note_patient_id_occurred_at")
        batch_op.drop_index("ix_visit_note_clinician_id_status")
        batch_op.drop_index(batch_op.f("ix_visit_note_clinic_id"))

    op.drop_table("visit_note")
