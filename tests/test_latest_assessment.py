"""The latest finalised assessment since a plan's own (``latest_finalised_since``) is the one
``latest_finalised`` gives, whichever of the patient's assessments that is."""

from datetime import date

import pytest

from practice.assessments.services import latest_finalised, latest_finalised_since
from tests.factories import make_assessment, make_patient

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
def test_the_latest_since_a_plans_assessment_is_the_latest_finalised(app, others, latest):
    with app.app_context():
        patient = make_patient()
        own = make_assessment(patient, finalised=True, seen_on=OWN)
        made = [
            make_assessment(patient, finalised=finalised, seen_on=seen_on)
            for seen_on, finalised in others
        ]
        expected = own if latest == "own" else made[latest]
        assert latest_finalised_since(own) is expected
        assert latest_finalised(patient) is expected
