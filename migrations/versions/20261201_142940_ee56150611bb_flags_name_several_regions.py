"""flags name several regions

A flag names one or more body regions and one side: the regions move from
``patient_flag.region`` into ``patient_flag_region`` (every existing row keeps its region), and a
flag gains ``high_risk`` (a pregnancy, 7.3) and ``technique`` (the technique a patient declines,
7.5). Going down keeps the first region of each flag in body order (head to foot), the order the
app shows them in; the others are lost.

Plain ALTER TABLE, not batch mode: SQLite (from 3.35) adds and drops these columns in place,
where a batch copy of ``patient_flag`` would break the foreign keys of the rows that refer to it.

Revision ID: ee56150611bb
Revises: a0426ddf3f8a
Create Date: 2026-12-01 14:29:40.000000+00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "ee56150611bb"
down_revision = "a0426ddf3f8a"
branch_labels = None
depends_on = None

# The body regions in the order of the vocabulary at this revision (head to foot), copied here:
# a migration never imports application code.
REGION_ORDER = (
    "head", "face", "neck", "anterior_neck", "chest", "upper_back", "lower_back", "abdomen",
    "pelvis", "shoulder", "upper_arm", "elbow", "forearm", "wrist_hand", "hip", "thigh", "knee",
    "lower_leg", "ankle_foot", "whole_body",
)  # fmt: skip


def upgrade():
    op.create_table(
        "patient_flag_region",
        sa.Column("flag_id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=30), nullable=False),
        sa.ForeignKeyConstraint(
            ["flag_id"],
            ["patient_flag.id"],
            name=op.f("fk_patient_flag_region_flag_id_patient_flag"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("flag_id", "region", name=op.f("pk_patient_flag_region")),
    )
    op.execute(
        "INSERT INTO patient_flag_region (flag_id, region) "
        "SELECT id, region FROM patient_flag WHERE region IS NOT NULL AND region <> ''"
    )
    op.drop_column("patient_flag", "region")
    op.add_column(
        "patient_flag",
        sa.Column("high_risk", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column("patient_flag", sa.Column("technique", sa.String(length=40), nullable=True))


def downgrade():
    op.drop_column("patient_flag", "technique")
    op.drop_column("patient_flag", "high_risk")
    op.add_column("patient_flag", sa.Column("region", sa.String(length=30), nullable=True))
    connection = op.get_bind()
    regions: dict[int, list[str]] = {}
    for flag_id, region in connection.execute(
        sa.text("SELECT flag_id, region FROM patient_flag_region")
    ):
        regions.setdefault(flag_id, []).append(region)
    flag = sa.table("patient_flag", sa.column("id", sa.Integer), sa.column("region", sa.String))
    for flag_id, stored in regions.items():
        first = min(stored, key=lambda code: (_position(code), code))
        connection.execute(flag.update().where(flag.c.id == flag_id).values(region=first))
    op.drop_table("patient_flag_region")


def _position(code: str) -> int:
    return REGION_ORDER.index(code) if code in REGION_ORDER else len(REGION_ORDER)
