"""The document columns: every write is checked and stamped with its version, every read decoded."""

import pytest
from sqlalchemy.exc import StatementError

from practice.documents import (
    ASSESSMENT_RECORD,
    CATALOGUE_DETAILS,
    DOSAGE,
    SCREENING,
    DocumentError,
)
from practice.extensions import db
from practice.models import CatalogueItem, PlanItem
from tests.factories import make_plan, make_user, shipped_item
from tests.golden import golden
from tests.stored_json import store_json, stored_json


def test_every_document_is_stored_with_its_schema_version(app):
    with app.app_context():
        plan = make_plan(make_user())
        entry = plan.current.items[0]
        stored = [
            stored_json("assessment", "data", plan.assessment_id),
            stored_json("catalogue_item", "dosage", entry.catalogue_item_id),
            stored_json("catalogue_item", "details", entry.catalogue_item_id),
            stored_json("plan_item", "dosage", entry.id),
            stored_json("plan_item", "screening", entry.id),
        ]
    kinds = [ASSESSMENT_RECORD, DOSAGE, CATALOGUE_DETAILS, DOSAGE, SCREENING]
    assert [document["schema_version"] for document in stored] == [kind.version for kind in kinds]


def test_a_row_of_an_earlier_version_is_read_through_its_upcaster(app):
    old = golden("screening")[1, "massage"]
    with app.app_context():
        entry_id = make_plan(make_user()).current.items[0].id
        store_json("plan_item", "screening", entry_id, old)
        assert db.session.get(PlanItem, entry_id).screening == SCREENING.decode(old)


def test_a_stored_document_with_an_unknown_key_is_refused_when_read(app):
    with app.app_context():
        item_id = shipped_item("calf-stretch-wall").id
        details = stored_json("catalogue_item", "details", item_id) | {"video": "calf.mp4"}
        store_json("catalogue_item", "details", item_id, details)
        with pytest.raises(DocumentError, match=r"^catalogue_details .*\(video\) @ \$$"):
            db.session.get(CatalogueItem, item_id)


def test_a_plain_dict_is_never_written(app):
    with app.app_context():
        item = shipped_item("soft-tissue-massage", "technique")
        item.dosage = dict(item.dosage)
        with pytest.raises(StatementError, match="dosage: cannot store a dict"):
            db.session.flush()
        db.session.rollback()
