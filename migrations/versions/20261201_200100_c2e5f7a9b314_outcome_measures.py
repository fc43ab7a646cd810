"""outcome measures

A patient's responses to an outcome instrument of section 9 (the PSFS; the instruments are
reviewed data, not tables): the instrument's code and version, the date, the total, the episode
(plan) and optionally the visit note it was recorded at; each item's score, with the activity
the patient named, as a row of ``outcome_item``. New tables only: the way back drops them.

Revision ID: c2e5f7a9b314
Revises: b1d4e6f8a203
Create Date: 2026-12-01 20:01:00.000000+00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c2e5f7a9b314"
down_revision = "b1d4e6f8a203"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outcome_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("visit_note_id", sa.Integer(), nullable=True),
        sa.Column("instrument", sa.String(length=20), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("total", sa.Numeric(precision=6, scale=2), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_outcome_response_clinic_id_clinic")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_outcome_response_created_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_outcome_response_patient_id_patient")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["treatment_plan.id"],
            name=op.f("fk_outcome_response_plan_id_treatment_plan"),
        ),
        sa.ForeignKeyConstraint(
            ["visit_note_id"],
            ["visit_note.id"],
            name=op.f("fk_outcome_response_visit_note_id_visit_note"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome_response")),
    )
    with op.batch_alter_table("outcome_response") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outcome_response_clinic_id"), ["clinic_id"], unique=False
        )
        batch_op.create_index(
            "ix_outcome_response_patient_id_instrument",
            ["patient_id", "instrument", "recorded_on", "id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_outcome_response_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_outcome_response_visit_note_id"), ["visit_note_id"], unique=False
        )

    op.create_table(
        "outcome_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("activity", sa.String(length=200), server_default="", nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.CheckConstraint("position >= 1", name=op.f("ck_outcome_item_position")),
        sa.CheckConstraint("score BETWEEN 0 AND 10", name=op.f("ck_outcome_item_score")),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_outcome_item_clinic_id_clinic")
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["outcome_response.id"],
            name=op.f("fk_outcome_item_response_id_outcome_response"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome_item")),
    )
    with op.batch_alter_table("outcome_item") as batch_op:
        batch_op.create_index(batch_op.f("ix_outcome_item_clinic_id"), ["clinic_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_outcome_item_response_id"), ["response_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("outcome_item") as batch_op:
        batch_op.drop_index(batch_op.f("ix_outcome_item_response_id"))
        batch_op.drop_index(batch_op.f("ix_outcome_item_clinic_id"))
    op.drop_table("outcome_item")
    with op.batch_alter_table("outcome_response") as batch_op:
        batch_op.drop_index(batch_op.f("ix_outcome_response_visit_note_id"))
        batch_op.drop_index(batch_op.f("ix_outcome_response_plan_id"))
        batch_op.drop_index("ix_outcome_response_patient_id_instrument")
        batch_op.drop_index(batch_op.f("ix_outcome_response_clinic_id"))
    op.drop_table("outcome_response")
