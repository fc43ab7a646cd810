"""the audit head follows its entries

A trigger moves the audit head's last hash to each entry as it is inserted, so appending to the
chain is two statements (take the number, insert the entry) instead of three: every audited
request pays for it, and on PostgreSQL each statement is a round trip.

Revision ID: e5a7c9d1f236
Revises: d3f6a8b0c425
Create Date: 2026-12-02 14:00:00.000000+00:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "e5a7c9d1f236"
down_revision = "d3f6a8b0c425"
branch_labels = None
depends_on = None

# The chain has one head row, id 1 (practice.audit.HEAD_ID).
MOVE_HEAD = "UPDATE audit_head SET last_hash = NEW.hash WHERE id = 1"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER audit_entry_moves_head AFTER INSERT ON audit_entry "
            f"BEGIN {MOVE_HEAD}; END"
        )
    else:
        op.execute(
            "CREATE FUNCTION audit_entry_moves_head() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN {MOVE_HEAD}; RETURN NULL; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_entry_moves_head AFTER INSERT ON audit_entry "
            "FOR EACH ROW EXECUTE FUNCTION audit_entry_moves_head()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER audit_entry_moves_head")
    else:
        op.execute("DROP TRIGGER audit_entry_moves_head ON audit_entry")
        op.execute("DROP FUNCTION audit_entry_moves_head()")
