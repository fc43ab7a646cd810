"""an audit trail chained by hash

``audit_entry`` (append-only: triggers on both databases refuse an UPDATE or a DELETE) and
``audit_head``, the one row that holds the chain's length and last hash, created at the start
of the chain.

Revision ID: 8c1f4e6a2d17
Revises: 5d7e1c2a9b40
Create Date: 2026-12-01 15:35:00.000000+00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "8c1f4e6a2d17"
down_revision = "5d7e1c2a9b40"
branch_labels = None
depends_on = None

GENESIS_HASH = "0" * 64
APPEND_ONLY = "the audit trail is append-only"


def upgrade():
    op.create_table(
        "audit_entry",
        sa.Column("sequence", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=254), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("record_type", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("patient_id", sa.Integer(), nullable=True),
        sa.Column("client_address", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("previous_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["user_account.id"], name=op.f("fk_audit_entry_actor_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_audit_entry_clinic_id_clinic")
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_audit_entry_patient_id_patient")
        ),
        sa.PrimaryKeyConstraint("sequence", name=op.f("pk_audit_entry")),
    )
    op.create_index("ix_audit_entry_actor_id", "audit_entry", ["actor_id"], unique=False)
    op.create_index("ix_audit_entry_clinic_id_at", "audit_entry", ["clinic_id", "at"], unique=False)
    op.create_index("ix_audit_entry_patient_id", "audit_entry", ["patient_id"], unique=False)
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.bulk_insert(head, [{"id": 1, "sequence": 0, "last_hash": GENESIS_HASH}])
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_entry_no_{event.lower()} BEFORE {event} ON audit_entry "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
            "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()"
        )


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER audit_entry_no_{event}")
    else:
        op.execute("DROP TRIGGER audit_entry_append_only ON audit_entry")
        op.execute("DROP FUNCTION audit_entry_append_only()")
    op.drop_table("audit_head")
    op.drop_index("ix_audit_entry_patient_id", table_name="audit_entry")
    op.drop_index("ix_audit_entry_clinic_id_at", table_name="audit_entry")
    op.drop_index("ix_audit_entry_actor_id", table_name="audit_entry")
    op.drop_table("audit_entry")
