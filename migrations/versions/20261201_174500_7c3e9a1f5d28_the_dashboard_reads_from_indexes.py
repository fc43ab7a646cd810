"""the dashboard reads from indexes

The clinician's day (open drafts, plans due for review, patients seen lately, handouts given
today): one index per list, in the order the dashboard shows it.

Revision ID: 7c3e9a1f5d28
Revises: 4f7a2c9e1b30
Create Date: 2026-12-01 17:45:00.000000+00:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "7c3e9a1f5d28"
down_revision = "4f7a2c9e1b30"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_assessment_clinician_id_status_seen_on", "assessment",
     ["clinician_id", "status", "seen_on", "id"]),
    ("ix_plan_version_created_by_id_status", "plan_version",
     ["created_by_id", "status", "created_at", "id"]),
    ("ix_plan_version_issued_by_id_status", "plan_version",
     ["issued_by_id", "status", "review_on", "id"]),
    ("ix_handout_record_clinic_id_created_at", "handout_record", ["clinic_id", "created_at", "id"]),
)  # fmt: skip


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
