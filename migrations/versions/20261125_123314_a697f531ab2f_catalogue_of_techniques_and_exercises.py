"""catalogue of techniques and exercises

Revision ID: a697f531ab2f
Revises: d21a7d3150b0
Create Date: 2026-11-25 12:33:14.047412

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a697f531ab2f"
down_revision = "d21a7d3150b0"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "catalogue_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=True),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("item_type", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("body_region", sa.String(length=30), nullable=True),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("indications", sa.JSON(), nullable=False),
        sa.Column("cramp_triggers", sa.JSON(), nullable=False),
        sa.Column("dosage", sa.JSON(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), server_default="", nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "item_type IN ('technique', 'exercise')", name=op.f("ck_catalogue_item_item_type")
        ),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_catalogue_item_clinic_id_clinic")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["user_account.id"],
            name=op.f("fk_catalogue_item_updated_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_item")),
    )
    with op.batch_alter_table("catalogue_item", schema=None) as batch_op:
        batch_op.create_index(
            "uq_catalogue_item_clinic_id_key", ["clinic_id", "item_type", "key"], unique=True
        )
        batch_op.create_index(
            "uq_catalogue_item_shipped_key",
            ["item_type", "key"],
            unique=True,
            sqlite_where=sa.text("clinic_id IS NULL"),
            postgresql_where=sa.text("clinic_id IS NULL"),
        )


def downgrade():
    with op.batch_alter_table("catalogue_item", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_catalogue_item_shipped_key",
            sqlite_where=sa.text("clinic_id IS NULL"),
            postgresql_where=sa.text("clinic_id IS NULL"),
        )
        batch_op.drop_index("uq_catalogue_item_clinic_id_key")

    op.drop_table("catalogue_item")
