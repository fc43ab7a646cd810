"""The main journey (new patient -> finalised assessment -> issued plan -> handout PDF) costs no
more than it did when issue 14 point 4 was measured: bench/journey.py, on this app."""

from bench.journey import run_journey
from practice.extensions import db
from practice.models import HandoutRecord, PlanStatus, TreatmentPlan
from tests.factories import DEFAULT_PASSWORD, make_user

# Measured with `.venv/bin/python -m bench.journey` on 1 December 2026 (issue 14 point 4):
# 16 page loads, 67 pointer actions and 90 keystrokes (bench/results/journey.json); 17, 70 and
# 90 on 27a8666, before it (bench/results/journey-before-27a8666.json).
MOST_PAGE_LOADS = 16
MOST_POINTER_ACTIONS = 67


def test_the_main_journey_takes_no_more_steps_than_measured(app, page):
    with app.app_context():
        make_user(email="journey@example.org")
        db.session.commit()

    tally = run_journey(page, email="journey@example.org", password=DEFAULT_PASSWORD)

    with app.app_context():
        (plan,) = db.session.scalars(db.select(TreatmentPlan)).all()
        assert plan.current.status == PlanStatus.ISSUED
        assert plan.assessment.is_finalised
        assert db.session.scalar(db.select(HandoutRecord.plan_version_id)) == plan.current.id
    assert [stage.name for stage in tally.stages] == [
        "new patient", "assessment", "finalise", "plan", "handout",
    ]  # fmt: skip
    assert tally.total("page_loads") <= MOST_PAGE_LOADS, tally.as_json()
    assert tally.total("pointer_actions") <= MOST_POINTER_ACTIONS, tally.as_json()
