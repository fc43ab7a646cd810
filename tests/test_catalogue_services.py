"""The catalogue in the database: seed sync by key, and each clinic's own view of it."""

import dataclasses

import pytest
from sqlalchemy import delete, event, func, select

from practice.catalogue.services import (
    clinic_catalogue,
    clinic_catalogue_outline,
    create_item,
    retire_item,
    sync_seed_catalogue,
    update_item,
)
from practice.extensions import db
from practice.models import CatalogueItem
from practice.seed import load_seed_catalogue
from tests.factories import make_user

SEED = load_seed_catalogue()
SHIPPED = len(SEED.techniques) + len(SEED.exercises)


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


def _item(key, item_type="exercise", clinic_id=None):
    return db.session.scalar(
        select(CatalogueItem).where(
            CatalogueItem.key == key,
            CatalogueItem.item_type == item_type,
            CatalogueItem.clinic_id.is_(None)
            if clinic_id is None
            else CatalogueItem.clinic_id == clinic_id,
        )
    )


def _names(clinic_id, **kwargs):
    return {item.name for item in db.session.scalars(clinic_catalogue(clinic_id, **kwargs))}


def test_sync_creates_every_item_once(ctx):
    db.session.execute(delete(CatalogueItem))  # the test database holds the seed already
    assert sync_seed_catalogue(SEED).created == SHIPPED
    again = sync_seed_catalogue(SEED)
    assert (again.created, again.updated, again.unchanged) == (0, 0, SHIPPED)
    assert db.session.scalar(select(func.count()).select_from(CatalogueItem)) == SHIPPED


def test_an_exercise_and_a_technique_may_share_a_key(ctx):
    sync_seed_catalogue(SEED)
    exercise, technique = (
        _item("relaxed-breathing", "exercise"),
        _item("relaxed-breathing", "technique"),
    )
    assert exercise.id != technique.id
    assert (exercise.is_exercise, technique.is_exercise) == (True, False)


def test_sync_updates_changed_items_and_retires_removed_ones(ctx):
    sync_seed_catalogue(SEED)
    first, *rest = SEED.exercises
    changed = dataclasses.replace(SEED, exercises=(dataclasses.replace(first, name="Renamed"),))
    report = sync_seed_catalogue(changed)
    assert (report.updated, report.retired) == (1, len(rest))
    assert _item(first.key).name == "Renamed"
    assert _item(rest[0].key).is_retired
    report = sync_seed_catalogue(SEED)
    assert not _item(rest[0].key).is_retired
    assert _item(first.key).name == first.name


def test_sync_never_touches_a_clinics_edit(ctx):
    sync_seed_catalogue(SEED)
    admin = make_user(role="admin")
    shipped = _item("calf-stretch-wall")
    own = update_item(
        shipped, {"name": "Our calf stretch"}, clinic_id=admin.clinic_id, author=admin
    )
    db.session.commit()
    changed = dataclasses.replace(
        SEED,
        exercises=tuple(
            dataclasses.replace(item, name="Seed calf stretch")
            if item.key == "calf-stretch-wall"
            else item
            for item in SEED.exercises
        ),
    )
    sync_seed_catalogue(changed)
    assert own.name == "Our calf stretch"
    assert _item("calf-stretch-wall").name == "Seed calf stretch"


def test_a_clinics_edit_stands_in_for_the_shipped_item_in_that_clinic_only(ctx):
    sync_seed_catalogue(SEED)
    ours, theirs = make_user(), make_user()
    shipped = _item("calf-stretch-wall")
    update_item(shipped, {"name": "Our calf stretch"}, clinic_id=ours.clinic_id, author=ours)
    assert "Our calf stretch" in _names(ours.clinic_id)
    assert shipped.name not in _names(ours.clinic_id)
    assert shipped.name in _names(theirs.clinic_id)
    assert "Our calf stretch" not in _names(theirs.clinic_id)


def test_custom_items_get_a_free_key_and_stay_in_their_clinic(ctx):
    sync_seed_catalogue(SEED)
    ours, theirs = make_user(), make_user()
    shipped = _item("calf-stretch-wall")
    values = dict(
        item_type="exercise",
        name="Calf stretch wall",
        kind="static_stretch",
        body_region="lower_leg",
        description="",
        indications=["muscle_tightness"],
        cramp_triggers=[],
        dosage=shipped.dosage,
        details=shipped.details,
        source="Clinic protocol",
    )
    first = create_item(values, clinic_id=ours.clinic_id, author=ours)
    second = create_item(values, clinic_id=ours.clinic_id, author=ours)
    assert (first.key, second.key) == ("clinic-calf-stretch-wall", "clinic-calf-stretch-wall-2")
    assert len(db.session.scalars(clinic_catalogue(ours.clinic_id)).all()) == SHIPPED + 2
    assert "Calf stretch wall" not in _names(theirs.clinic_id)


def test_retired_items_leave_the_catalogue_but_stay_listed_on_request(ctx):
    sync_seed_catalogue(SEED)
    user = make_user()
    shipped = _item("calf-stretch-wall")
    retire_item(shipped, clinic_id=user.clinic_id, author=user)
    assert shipped.name not in _names(user.clinic_id)
    assert shipped.name in _names(user.clinic_id, include_retired=True)
    assert not shipped.is_retired  # the shipped row itself is untouched


def test_the_outline_reads_each_exercises_position_as_its_details_hold_it(ctx):
    """Proposals rank on the position read by path (``CatalogueItem.position``) and never decode
    the details: the path must stay the one the documents are stored with."""
    clinic_id = make_user().clinic_id
    outline = clinic_catalogue_outline(clinic_id)
    assert not hasattr(outline[0], "details")  # the outline leaves the documents out
    positions = {item.id: item.position for item in outline if item.is_exercise}
    assert len(positions) == len(SEED.exercises)
    assert {item.position for item in outline if not item.is_exercise} == {None}
    whole = db.session.scalars(clinic_catalogue(clinic_id)).all()  # the same rows, decoded
    assert positions == {item.id: item.details.position for item in whole if item.is_exercise}
    assert [item.id for item in outline] == [item.id for item in whole]


def _outline_statements(clinic_id: int) -> tuple[list[str], list[str]]:
    statements = []
    listen = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        names = [item.name for item in clinic_catalogue_outline(clinic_id)]
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)
    return names, statements


def test_a_kept_outline_is_read_again_whenever_the_catalogue_changes(ctx):
    """A worker keeps each clinic's outline with the catalogue's revision: unchanged, one small
    query answers; after any write it reads the rows again, so no server shows an old one."""
    user = make_user()
    clinic_id, first = user.clinic_id, _outline_statements(user.clinic_id)[0]
    names, statements = _outline_statements(clinic_id)
    assert (names, len(statements)) == (first, 1)  # the revision only

    shipped = _item("calf-stretch-wall")
    changes = [
        lambda: update_item(
            shipped, {"name": "Calf stretch at the wall"}, clinic_id=clinic_id, author=user
        ),  # a clinic copy replaces the shipped row
        lambda: update_item(
            _item("calf-stretch-wall", clinic_id=clinic_id),
            {"name": "Calf stretch, wall"},
            clinic_id=clinic_id,
            author=user,
        ),  # the copy changed in place
        lambda: retire_item(shipped, clinic_id=clinic_id, author=user),
        lambda: create_item(
            {**_values_of(shipped), "name": "Our own stretch"}, clinic_id=clinic_id, author=user
        ),
    ]
    for change in changes:
        change()
        names, statements = _outline_statements(clinic_id)
        assert len(statements) == 2  # the revision, then the rows
        assert names == [item.name for item in db.session.scalars(clinic_catalogue(clinic_id))]
    assert "Our own stretch" in names
    assert "Calf stretch, wall" not in names  # retired


def test_a_kept_outline_is_read_again_after_an_upgrade_changes_the_seed(ctx):
    """An upgrade syncs the seed into the shipped rows: a worker's outline must follow."""
    clinic_id = make_user().clinic_id
    _outline_statements(clinic_id)  # kept
    first = SEED.exercises[0]
    renamed = dataclasses.replace(
        SEED,
        exercises=(dataclasses.replace(first, name="Renamed by the seed"), *SEED.exercises[1:]),
    )
    assert sync_seed_catalogue(renamed).updated == 1
    names, statements = _outline_statements(clinic_id)
    assert len(statements) == 2
    assert "Renamed by the seed" in names
    assert first.name not in names


def _values_of(item: CatalogueItem) -> dict:
    return {
        field: getattr(item, field)
        for field in ("item_type", "kind", "body_region", "indications", "cramp_triggers")
    } | {"dosage": item.dosage, "details": item.details}
