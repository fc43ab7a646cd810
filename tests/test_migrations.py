"""Migrations are code: one head, upgrade from empty gives the models' schema, downgrade works.

Runs on SQLite (a fresh file) and, under TEST_DATABASE_URL, in a fresh PostgreSQL schema.
"""

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from practice import create_app
from practice.documents import KINDS
from practice.extensions import db
from practice.models import Assessment, CatalogueItem, PlanItem
from tests.golden import golden
from tests.stored_json import RAW_JSON, stored_json

SCHEMA = "migration_test"


@pytest.fixture
def empty_database_url(database_url: str, tmp_path) -> Iterator[str]:
    if make_url(database_url).get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    url = make_url(database_url).update_query_dict({"options": f"-csearch_path={SCHEMA}"})
    yield url.render_as_string(hide_password=False)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {SCHEMA} CASCADE"))
    engine.dispose()


@pytest.fixture
def empty_app(empty_database_url: str) -> Iterator[Flask]:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def _differences_from_models() -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def _tables() -> set[str]:
    return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_there_is_one_head(empty_app):
    config = empty_app.extensions["migrate"].migrate.get_config()
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def test_upgrade_from_empty_gives_exactly_the_models_schema(empty_app):
    assert _tables() == set()
    upgrade()
    assert _tables() == set(db.metadata.tables)
    assert _differences_from_models() == []


def test_downgrade_to_base_removes_everything_and_upgrade_works_again(empty_app):
    upgrade()
    downgrade(revision="base")
    assert _tables() == set()
    upgrade()
    assert _differences_from_models() == []


def test_file_names_sort_in_the_order_the_migrations_were_made(empty_app):
    """Each file starts with the date and time it was made: listing the folder reads the chain."""
    config = empty_app.extensions["migrate"].migrate.get_config()
    scripts = ScriptDirectory.from_config(config)
    chain = [script.path for script in reversed(list(scripts.walk_revisions()))]
    names = [Path(path).name for path in chain]
    assert names == sorted(names)
    assert all(re.fullmatch(r"\d{8}_\d{6}_[0-9a-f]{12}_\w+\.py", name) for name in names), names


DOCUMENTS_REVISION = "f0add413df67"  # versioned json documents
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
# (table, column, row id, document kind, golden variant) of each document the test stores
DOCUMENT_ROWS = [
    ("assessment", "data", 1, "assessment_record", "claudication"),
    ("catalogue_item", "dosage", 1, "dosage", "technique"),
    ("catalogue_item", "details", 1, "catalogue_details", "technique"),
    ("catalogue_item", "dosage", 2, "dosage", "exercise"),
    ("catalogue_item", "details", 2, "catalogue_details", "exercise"),
    ("plan_item", "dosage", 1, "dosage", "technique_prescribed"),
    ("plan_item", "screening", 1, "screening", "massage"),
    ("plan_item", "dosage", 2, "dosage", "exercise_prescribed"),
    ("plan_item", "screening", 2, "screening", "massage"),
]
_COLUMN_TYPES = {
    datetime: sa.DateTime(timezone=True),
    date: sa.Date(),
    dict: RAW_JSON,
    list: RAW_JSON,
}


def _insert(table: str, **values) -> None:
    columns = [sa.column(name, _COLUMN_TYPES.get(type(value))) for name, value in values.items()]
    db.session.execute(sa.table(table, *columns).insert().values(values))


def _v1(kind: str, variant: str):
    return golden(kind)[1, variant]


def _rows_of_version_1() -> None:
    """A clinic's assessment, two catalogue items and a plan using both, as stored before
    documents were versioned."""
    stamps = {"created_at": NOW, "updated_at": NOW}
    _insert("clinic", id=1, name="Old Clinic", created_at=NOW)
    _insert(
        "user_account",
        id=1,
        clinic_id=1,
        email="old@example.org",
        display_name="Old Physio",
        role="clinician",
        password_hash="-",
        created_at=NOW,
    )
    _insert(
        "patient",
        id=1,
        clinic_id=1,
        given_names="Olive",
        family_name="Old",
        date_of_birth=date(1950, 5, 1),
        sex="female",
        created_by_id=1,
        **stamps,
    )
    _insert(
        "assessment",
        id=1,
        clinic_id=1,
        patient_id=1,
        clinician_id=1,
        status="finalised",
        seen_on=date(2026, 11, 2),
        data=_v1("assessment_record", "claudication"),
        **stamps,
    )
    for row_id, item_type, key, kind, region in (
        (1, "technique", "tens-conventional", "tens", None),
        (2, "exercise", "calf-stretch-wall", "static_stretch", "lower_leg"),
    ):
        _insert(
            "catalogue_item",
            id=row_id,
            key=key,
            item_type=item_type,
            name=key,
            kind=kind,
            body_region=region,
            indications=["pain"],
            cramp_triggers=[],
            dosage=_v1("dosage", item_type),
            details=_v1("catalogue_details", item_type),
            **stamps,
        )
    _insert(
        "treatment_plan",
        id=1,
        clinic_id=1,
        patient_id=1,
        assessment_id=1,
        created_at=NOW,
        created_by_id=1,
    )
    _insert(
        "plan_version",
        id=1,
        clinic_id=1,
        plan_id=1,
        number=1,
        status="draft",
        created_at=NOW,
        created_by_id=1,
    )
    for row_id, item_type in ((1, "technique"), (2, "exercise")):
        _insert(
            "plan_item",
            id=row_id,
            clinic_id=1,
            plan_version_id=1,
            catalogue_item_id=row_id,
            position=row_id,
            site_region="lower_leg",
            site_side="left",
            dosage=_v1("dosage", f"{item_type}_prescribed"),
            verdict="contraindicated",
            screening=_v1("screening", "massage"),
            added_by_id=1,
        )
    db.session.commit()


def _stored_documents() -> list:
    documents = [stored_json(table, column, row_id) for table, column, row_id, *_ in DOCUMENT_ROWS]
    db.session.rollback()  # ends the read: on PostgreSQL the next migration waits for its locks
    return documents


def _golden_documents(version: int) -> list:
    return [golden(kind)[version, variant] for *_, kind, variant in DOCUMENT_ROWS]


def test_the_documents_migration_versions_the_stored_rows_and_back(empty_app):
    config = empty_app.extensions["migrate"].migrate.get_config()
    before = ScriptDirectory.from_config(config).get_revision(DOCUMENTS_REVISION).down_revision
    upgrade(revision=before)
    _rows_of_version_1()

    upgrade(revision=DOCUMENTS_REVISION)
    assert _stored_documents() == _golden_documents(2)
    downgrade(revision=before)
    assert _stored_documents() == _golden_documents(1)

    upgrade()
    kinds = {kind.name: kind for kind in KINDS}
    models = {"assessment": Assessment, "catalogue_item": CatalogueItem, "plan_item": PlanItem}
    for table, column, row_id, kind, variant in DOCUMENT_ROWS:
        value = getattr(db.session.get(models[table], row_id), column)
        assert value == kinds[kind].decode(golden(kind)[2, variant]), (table, column, row_id)


REGIONS_REVISION = "ee56150611bb"  # flags name several regions


def _flag_row(row_id: int, kind: str, region: str | None, side: str | None) -> None:
    _insert(
        "patient_flag",
        id=row_id,
        clinic_id=1,
        patient_id=1,
        kind=kind,
        region=region,
        side=side,
        recorded_on=date(2026, 11, 2),
        recorded_by_id=1,
        created_at=NOW,
    )


def _flag_regions() -> dict[int, set[str]]:
    rows = db.session.execute(text("SELECT flag_id, region FROM patient_flag_region")).all()
    db.session.rollback()
    regions: dict[int, set[str]] = {}
    for flag_id, region in rows:
        regions.setdefault(flag_id, set()).add(region)
    return regions


def _single_regions() -> dict[int, str | None]:
    rows = db.session.execute(text("SELECT id, region FROM patient_flag ORDER BY id")).all()
    db.session.rollback()
    return dict(rows)


def test_the_regions_migration_keeps_every_flags_region_and_back(empty_app):
    config = empty_app.extensions["migrate"].migrate.get_config()
    before = ScriptDirectory.from_config(config).get_revision(REGIONS_REVISION).down_revision
    upgrade(revision=before)
    _rows_of_version_1()
    _flag_row(1, "dvt", "lower_leg", "left")
    _flag_row(2, "diabetes", None, None)
    _flag_row(3, "recent_fracture", "not_a_region", "left")  # written outside the app: kept
    db.session.commit()

    upgrade(revision=REGIONS_REVISION)
    assert _flag_regions() == {1: {"lower_leg"}, 3: {"not_a_region"}}
    db.session.execute(
        text("INSERT INTO patient_flag_region (flag_id, region) VALUES (1, 'ankle_foot')")
    )
    db.session.execute(text("INSERT INTO patient_flag_region (flag_id, region) VALUES (1, 'knee')"))
    db.session.commit()

    downgrade(revision=before)
    assert _single_regions() == {1: "knee", 2: None, 3: "not_a_region"}  # first in body order
    upgrade()
    assert _flag_regions() == {1: {"knee"}, 3: {"not_a_region"}}


ROLES_REVISION = "24ccff2050cc"  # users and roles in the web app: user_account is rebuilt


def test_the_roles_migration_keeps_every_user_and_what_refers_to_them(empty_app):
    """On SQLite the role CHECK changes by copying user_account, which every clinical table
    refers to: the copy keeps the rows and the references, front desk can be stored after it,
    and the way back turns front desk into clinician rather than failing."""
    upgrade(revision=f"{ROLES_REVISION}-1")
    _insert("clinic", id=1, name="Old Clinic", created_at=NOW)
    for user_id, role in ((1, "admin"), (2, "clinician")):
        _insert(
            "user_account",
            id=user_id,
            clinic_id=1,
            email=f"user{user_id}@example.org",
            display_name=f"User {user_id}",
            role=role,
            password_hash="-",
            created_at=NOW,
        )
    _insert(
        "patient",
        id=1,
        clinic_id=1,
        given_names="Ada",
        family_name="Lovelace",
        date_of_birth=date(1970, 1, 1),
        sex="not_stated",
        created_by_id=2,
        created_at=NOW,
        updated_at=NOW,
    )
    db.session.commit()

    upgrade(revision=ROLES_REVISION)
    users = db.session.execute(text("SELECT id, role FROM user_account ORDER BY id")).all()
    assert [tuple(user) for user in users] == [(1, "admin"), (2, "clinician")]
    assert db.session.execute(text("SELECT created_by_id FROM patient")).scalar_one() == 2
    db.session.execute(text("UPDATE user_account SET role = 'front_desk' WHERE id = 2"))
    db.session.commit()
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(text("UPDATE user_account SET role = 'owner' WHERE id = 2"))
    db.session.rollback()
    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1

    downgrade(revision=f"{ROLES_REVISION}-1")
    users = db.session.execute(text("SELECT id, role FROM user_account ORDER BY id")).all()
    assert [tuple(user) for user in users] == [(1, "admin"), (2, "clinician")]


SEARCH_REVISION = "4f7a2c9e1b30"  # patients are found from an index


def test_the_search_migration_gives_every_patient_its_search_keys_and_back(empty_app):
    config = empty_app.extensions["migrate"].migrate.get_config()
    before = ScriptDirectory.from_config(config).get_revision(SEARCH_REVISION).down_revision
    upgrade(revision=before)
    _rows_of_version_1()
    db.session.execute(text("UPDATE patient SET phone = '020 7946 0001', given_names = 'Zoë'"))
    db.session.commit()

    upgrade(revision=SEARCH_REVISION)
    tokens = db.session.execute(
        text("SELECT patient_id, token, clinic_id, sort_key FROM patient_search_token")
    ).all()
    sort_key = db.session.scalar(text("SELECT sort_key FROM patient WHERE id = 1"))
    db.session.rollback()
    assert sort_key == "old\x01zoe"
    assert sorted(row.token for row in tokens) == ["0001", "02079460001", "79460001", "old", "zoe"]
    assert {(row.patient_id, row.clinic_id, row.sort_key) for row in tokens} == {(1, 1, sort_key)}

    downgrade(revision=before)
    assert "patient_search_token" not in _tables()
    assert "sort_key" not in {
        column["name"] for column in inspect(db.engine).get_columns("patient")
    }
    upgrade()
    assert not _differences_from_models()
