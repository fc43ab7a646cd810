"""The latest finalised assessment since a plan's own (``plans.services.latest_finalised_since``,
from the plan's ``later_assessment_id``) is the one ``latest_finalised`` gives, whichever of the
patient's assessments that is, however the plan was loaded."""

from datetime import date

import pytest
from sqlalchemy import select

from practice.assessments.services import latest_finalised
from practice.extensions import db
from practice.models import TreatmentPlan
from practice.plans import services as plan_services
from tests.factories import make_assessment, make_patient, make_user

OWN = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("others", "latest"),
    [
        ([], "own"),
        ([(date(2026, 2, 1), True)], "own"),  # an earlier one
        ([(date(2026, 4, 1), True)], 0),  # a later one
        ([(OWN, True)], 0),  # the same day, finalised after it
        ([(date(2026, 4, 1), False)], "own"),  # a later draft is not a record yet
        ([(date(2026, 5, 1), True), (date(2026, 4, 1), True)], 0),  # the latest of two
        ([(date(2026, 2, 1), True), (date(2026, 4, 1), True)], 1),
    ],
)
@pytest.mark.parametrize(
    "loading", [plan_services.WITH_VERSIONS, ()], ids=["with the plan", "on its own"]
)
def test_the_latest_since_a_plans_assessment_is_the_latest_finalised(app, others, latest, loading):
    with app.app_context():
        author = make_user()
        patient = make_patient(author=author)
        own = make_assessment(patient, finalised=True, seen_on=OWN)
        plan_id = plan_services.start_plan(own, author=author).id
        made = [
            make_assessment(patient, finalised=finalised, seen_on=seen_on)
            for seen_on, finalised in others
        ]
        db.session.commit()
        expected = own if latest == "own" else made[latest]
        db.session.expire_all()
        plan = (
            db.session.scalars(
                select(TreatmentPlan).where(TreatmentPlan.id == plan_id).options(*loading)
            )
            .unique()
            .one()
        )
        assert plan_services.latest_finalised_since(plan) == expected
        assert latest_finalised(patient) == expected
