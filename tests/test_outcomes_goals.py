"""Plan goals on outcome measures: the PSFS (its mean or one activity) and pain before treatment
at the visits, offered by the plan builder and met by the latest of the plan's episode."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from practice.assessments.services import latest_finalised
from practice.clinical.goals import Better, goal_met
from practice.clinical.outcomes import ItemAnswer, outcome_goal_measures
from practice.extensions import db
from practice.models import TreatmentPlan
from practice.plans import services as plan_services
from tests.factories import (
    make_outcome_response,
    make_plan,
    make_plan_version,
    make_visit_note,
    signed_in_user,
)

D = Decimal
ACTIVITIES = ("Climbing stairs", "Kneeling to garden", "Walking the dog")


def test_outcome_measures_offer_visit_pain_always_and_the_psfs_once_recorded():
    assert [m.code for m in outcome_goal_measures([], None, None)] == ["visit_nprs"]
    measures = outcome_goal_measures(
        [ItemAnswer(text, score) for text, score in zip(ACTIVITIES, (2, 3, 5), strict=True)],
        D("3.33"),
        6,
    )
    by_code = {measure.code: measure for measure in measures}
    assert list(by_code) == [
        "visit_nprs",
        "psfs_mean",
        "psfs_activity:1",
        "psfs_activity:2",
        "psfs_activity:3",
    ]
    pain, mean, kneeling = by_code["visit_nprs"], by_code["psfs_mean"], by_code["psfs_activity:2"]
    assert (pain.current, pain.better, pain.whole) == (D(6), Better.LOWER, True)
    assert (mean.current, mean.better, mean.whole) == (D("3.33"), Better.HIGHER, False)
    assert (kneeling.goal_name, kneeling.current) == ("PSFS: Kneeling to garden", D(3))
    assert all((m.minimum, m.maximum, m.section) == (D(0), D(10), "9") for m in measures)


@pytest.mark.parametrize(
    ("code", "comparator", "target", "value", "met"),
    [
        ("psfs_mean", ">=", D(6), D("6.00"), True),
        ("psfs_mean", ">=", D(6), D("5.99"), False),
        ("psfs_activity:2", ">=", D(7), D(7), True),
        ("visit_nprs", "<=", D(2), D(3), False),
        ("visit_nprs", "<=", D(2), None, None),
    ],
)
def test_goal_met_reads_the_outcome_codes(code, comparator, target, value, met):
    assert goal_met(code, comparator, target, value) is met


@pytest.fixture
def draft(app, me):
    """A draft plan of Ivy Stone with a PSFS recorded under it and a signed visit of the issued
    version before it (pain 5 before treatment)."""
    with app.app_context():
        author = signed_in_user()
        plan = make_plan(author)
        make_visit_note(plan.current, author=author, sign=True)
        make_outcome_response(plan.patient, scores=(2, 3, 5), activities=ACTIVITIES)
        make_plan_version(plan, author=author, issue=False)
        return plan.id


def test_the_plan_builder_offers_the_outcome_goals(app, client, draft):
    page = client.get(f"/plans/{draft}").get_data(as_text=True)
    assert '<option value="visit_nprs">Pain before treatment at visits (NPRS) (now 5)' in page
    assert '<option value="psfs_mean">PSFS, mean of the activities (now 3.33)' in page
    assert '<option value="psfs_activity:3">PSFS: Walking the dog (now 5)' in page


def test_a_psfs_goal_is_met_by_the_latest_psfs_of_the_episode(app, draft):
    with app.app_context():
        author = signed_in_user()
        plan = db.session.get(TreatmentPlan, draft)
        review = date.today() + timedelta(weeks=6)
        for code, comparator, target in (
            ("psfs_mean", ">=", D(6)),
            ("psfs_activity:2", ">=", D(5)),
            ("visit_nprs", "<=", D(2)),
        ):
            plan_services.add_goal(
                plan,
                measure_code=code,
                comparator=comparator,
                target=target,
                target_on=review,
                author=author,
                lock=plan.current.lock_version,
            )
        goals = {goal.measure: goal for goal in plan.current.goals}
        assert goals["psfs_mean"].baseline == D("3.33")
        assert goals["psfs_mean"].text.startswith(
            f"PSFS, mean of the activities ≥ 6 by {review.day} "
        )
        assert goals["psfs_activity:2"].label == "PSFS: Kneeling to garden"
        make_outcome_response(
            plan.patient, scores=(6, 5, 7), activities=ACTIVITIES, recorded_on=date(2026, 3, 30)
        )
        latest = latest_finalised(plan.patient)
        progress = {
            item.goal.measure: item
            for item in plan_services.goal_progress(plan, plan.current, latest)
        }
    assert (progress["psfs_mean"].latest, progress["psfs_mean"].met) == (D("6.00"), True)
    assert progress["psfs_mean"].measured_on == date(2026, 3, 30)
    assert (progress["psfs_activity:2"].latest, progress["psfs_activity:2"].met) == (D(5), True)
    assert (progress["visit_nprs"].latest, progress["visit_nprs"].met) == (D(5), False)
    assert progress["nprs_now"].latest is None  # the assessment goal: not re-assessed yet


def test_a_goal_on_an_outcome_is_checked_like_any_other(app, draft):
    with app.app_context():
        plan = db.session.get(TreatmentPlan, draft)
        with pytest.raises(plan_services.PlanError, match="must be between 0 and 10"):
            plan_services.add_goal(
                plan,
                measure_code="psfs_mean",
                comparator=">=",
                target=D(11),
                target_on=date.today() + timedelta(weeks=6),
                author=signed_in_user(),
                lock=plan.current.lock_version,
            )
