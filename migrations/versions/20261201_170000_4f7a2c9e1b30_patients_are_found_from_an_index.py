"""patients are found from an index

The patient list, the search and the dashboard were table scans (``lower(name) LIKE '%word%'``,
an exact COUNT, OFFSET pages, no index in the dashboard's order). Now:

- ``patient.sort_key`` (family then given names, folded) and ``patient.reference`` (the clinic's
  own number for the patient);
- ``patient_search_token``: one row per word a patient is found by, read by prefix as one range
  of ``(clinic_id, token, sort_key, patient_id)``;
- indexes in the order each list is shown: by name, by date of birth then name, newest first.

The search columns compare in code-point order ("C" collation on PostgreSQL) so that a prefix is
one index range on both databases. Existing patients get their keys here, from the same function
the app uses (practice/patients/search_keys.py, plain Python with no app import); a later change
to what a patient is found by rebuilds the tokens in a migration of its own.

Revision ID: 4f7a2c9e1b30
Revises: 9b4e7f1c3a28
Create Date: 2026-12-01 17:00:00.000000+00:00

"""

import sqlalchemy as sa
from alembic import op

from practice.patients.search_keys import search_keys

# revision identifiers, used by Alembic.
revision = "4f7a2c9e1b30"
down_revision = "9b4e7f1c3a28"
branch_labels = None
depends_on = None

BATCH = 1000


def _search_text():
    return sa.String(250).with_variant(sa.String(250, collation="C"), "postgresql")


def upgrade():
    op.add_column(
        "patient", sa.Column("reference", sa.String(40), server_default="", nullable=False)
    )
    op.add_column(
        "patient", sa.Column("sort_key", _search_text(), server_default="", nullable=False)
    )
    op.create_table(
        "patient_search_token",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("token", _search_text(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("sort_key", _search_text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_patient_search_token_clinic_id_clinic")
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_patient_search_token_patient_id_patient"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("patient_id", "token", name=op.f("pk_patient_search_token")),
    )
    _fill_search_keys()
    op.create_index(
        "ix_patient_search_token_clinic_id_token",
        "patient_search_token",
        ["clinic_id", "token", "sort_key", "patient_id"],
    )
    op.drop_index("ix_patient_clinic_id_family_name", table_name="patient")
    op.drop_index("ix_patient_clinic_id_date_of_birth", table_name="patient")
    op.create_index("ix_patient_clinic_id_sort_key", "patient", ["clinic_id", "sort_key", "id"])
    op.create_index(
        "ix_patient_clinic_id_date_of_birth",
        "patient",
        ["clinic_id", "date_of_birth", "sort_key", "id"],
    )
    op.create_index("ix_patient_clinic_id_created_at", "patient", ["clinic_id", "created_at", "id"])


def _fill_search_keys():
    connection = op.get_bind()
    patient = sa.table(
        "patient",
        sa.column("id", sa.Integer),
        sa.column("clinic_id", sa.Integer),
        sa.column("given_names", sa.String),
        sa.column("family_name", sa.String),
        sa.column("phone", sa.String),
        sa.column("sort_key", sa.String),
    )
    token = sa.table(
        "patient_search_token",
        sa.column("patient_id", sa.Integer),
        sa.column("token", sa.String),
        sa.column("clinic_id", sa.Integer),
        sa.column("sort_key", sa.String),
    )
    last_id = 0
    while True:
        rows = connection.execute(
            sa.select(
                patient.c.id,
                patient.c.clinic_id,
                patient.c.given_names,
                patient.c.family_name,
                patient.c.phone,
            )
            .where(patient.c.id > last_id)
            .order_by(patient.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        keys = {
            row.id: search_keys(
                given_names=row.given_names,
                family_name=row.family_name,
                phone=row.phone,
                reference="",
            )
            for row in rows
        }
        connection.execute(
            patient.update().where(patient.c.id == sa.bindparam("patient_id")),
            [{"patient_id": row.id, "sort_key": keys[row.id].sort_key} for row in rows],
        )
        connection.execute(
            token.insert(),
            [
                {
                    "patient_id": row.id,
                    "token": word,
                    "clinic_id": row.clinic_id,
                    "sort_key": keys[row.id].sort_key,
                }
                for row in rows
                for word in sorted(keys[row.id].tokens)
            ],
        )
        last_id = rows[-1].id


def downgrade():
    op.drop_index("ix_patient_clinic_id_created_at", table_name="patient")
    op.drop_index("ix_patient_clinic_id_date_of_birth", table_name="patient")
    op.drop_index("ix_patient_clinic_id_sort_key", table_name="patient")
    op.create_index("ix_patient_clinic_id_date_of_birth", "patient", ["clinic_id", "date_of_birth"])
    op.create_index("ix_patient_clinic_id_family_name", "patient", ["clinic_id", "family_name"])
    op.drop_index("ix_patient_search_token_clinic_id_token", table_name="patient_search_token")
    op.drop_table("patient_search_token")
    with op.batch_alter_table("patient") as batch_op:
        batch_op.drop_column("sort_key")
        batch_op.drop_column("reference")
