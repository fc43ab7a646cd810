"""users and roles in the web app

The front-desk role; one-time links for invitations and password resets (``account_link``);
the clinic's default paper and session limits. The role CHECK of ``user_account`` changes, which
SQLite can only do by copying the table (batch mode); migrations/env.py turns SQLite's foreign
keys off for the run and checks every reference afterwards, because dropping a table other
rows refer to fails while they are enforced. Clinic columns are plain ALTER TABLE, as before.

Revision ID: 24ccff2050cc
Revises: 12b77b8605e2
Create Date: 2026-12-01 14:49:45.000000+00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "24ccff2050cc"
down_revision = "12b77b8605e2"
branch_labels = None
depends_on = None

ROLES_BEFORE = "role IN ('admin', 'clinician')"
ROLES_AFTER = "role IN ('admin', 'clinician', 'front_desk')"


def _roles(check: str) -> None:
    with op.batch_alter_table("user_account") as batch_op:  # a copy on SQLite only
        batch_op.drop_constraint("role", type_="check")
        batch_op.create_check_constraint("role", check)


def upgrade():
    _roles(ROLES_AFTER)
    op.create_table(
        "account_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_account_link_created_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_account_link_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_link")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_account_link_token_hash")),
    )
    op.create_index(op.f("ix_account_link_user_id"), "account_link", ["user_id"], unique=False)
    op.add_column(
        "clinic",
        sa.Column("default_paper", sa.String(length=10), server_default="a4", nullable=False),
    )
    op.add_column("clinic", sa.Column("session_idle_minutes", sa.Integer(), nullable=True))
    op.add_column("clinic", sa.Column("session_lifetime_hours", sa.Integer(), nullable=True))


def downgrade():
    op.drop_column("clinic", "session_lifetime_hours")
    op.drop_column("clinic", "session_idle_minutes")
    op.drop_column("clinic", "default_paper")
    op.drop_index(op.f("ix_account_link_user_id"), table_name="account_link")
    op.drop_table("account_link")
    op.execute("UPDATE user_account SET role = 'clinician' WHERE role = 'front_desk'")
    _roles(ROLES_BEFORE)
