"""Only advice that applies: what the handouts print for a calf patient and a patient on
warfarin, and what the plan page and the patient page tell the clinician was left off."""

from dataclasses import replace
from html import unescape

import pytest

from practice.clinical.assessment_data import SpasmPattern, SpasmTiming
from practice.clinical.vocabulary import BodyRegion, CrampTrigger, Side
from practice.extensions import db
from practice.handouts.services import home_exercise_content, prevention_content
from practice.models import TreatmentPlan
from practice.seed import load_seed_catalogue
from tests.factories import PLAN_RECORD, make_flag, make_plan, signed_in_user

# PLAN_RECORD's calf cramps, with mineral deficiency as a trigger too: the advice names leafy
# greens (calcium) and spinach (magnesium), 6.3.
MINERAL_RECORD = replace(
    PLAN_RECORD,
    spasms=(
        SpasmPattern(
            BodyRegion.LOWER_LEG,
            Side.LEFT,
            muscle_group="calf",
            timing=(SpasmTiming.NOCTURNAL,),
            triggers={
                CrampTrigger.DEHYDRATION: "Drinks 1 litre a day",
                CrampTrigger.MINERAL_DEFICIENCY: "Little fruit or vegetables",
            },
        ),
    ),
)


def _seek_help_text(key: str) -> str:
    return next(item.text for item in load_seed_catalogue().red_flags if item.key == key)


def _printed(content) -> str:
    return " ".join(content.patient_texts())


@pytest.fixture
def calf_plan_id(app, me) -> int:
    """Ivy Stone: calf cramps, weak hip and thigh, a stiff ankle; leg exercises, thigh massage."""
    with app.app_context():
        return make_plan(signed_in_user()).id


@pytest.fixture
def warfarin_plan_id(app, me) -> int:
    with app.app_context():
        plan = make_plan(signed_in_user(), record=MINERAL_RECORD)
        make_flag(plan.patient, kind="anticoagulants", detail="warfarin")
        return plan.id


def test_a_calf_patient_is_warned_about_the_calf_not_the_neck_or_bladder(app, calf_plan_id):
    with app.app_context():
        plan = db.session.get(TreatmentPlan, calf_plan_id)
        for content in (
            home_exercise_content(plan.current, therapist=None),
            prevention_content(plan.patient, therapist=None),
        ):
            assert _seek_help_text("calf-swelling-warmth") in content.seek_help
            assert _seek_help_text("chest-pain") in content.seek_help
            assert _seek_help_text("neck-dizziness") not in content.seek_help
            assert _seek_help_text("bladder-bowel-saddle") not in content.seek_help
            assert "dizzy" not in _printed(content)
            assert "bladder" not in _printed(content)


def test_a_patient_on_warfarin_gets_no_leafy_greens(app, warfarin_plan_id):
    with app.app_context():
        plan = db.session.get(TreatmentPlan, warfarin_plan_id)
        content = prevention_content(plan.patient, therapist=None)
        titles = [block.title for block in content.advice]
        assert "Eat a wide mix of foods" in titles  # the rest of the mineral advice stays
        assert "leafy greens" not in _printed(content)
        assert "spinach" not in _printed(content)
        # The exercise handout carries no trigger advice at all (that is the prevention one's).
        assert not home_exercise_content(plan.current, therapist=None).advice


def test_without_the_flag_the_leafy_greens_are_printed(app, me):
    with app.app_context():
        plan = make_plan(signed_in_user(), record=MINERAL_RECORD)
        assert "leafy greens" in _printed(prevention_content(plan.patient, therapist=None))


@pytest.mark.parametrize("page", ["plan", "patient"])
def test_the_clinician_is_told_what_was_left_off_and_why(app, client, warfarin_plan_id, page):
    with app.app_context():
        plan = db.session.get(TreatmentPlan, warfarin_plan_id)
        url = f"/plans/{plan.id}" if page == "plan" else f"/patients/{plan.patient_id}"
    html = unescape(client.get(url).get_data(as_text=True))
    assert "Left off the handout for this patient" in html
    assert "Not on the handout: “Calcium is in milk, yoghurt and cheese." in html
    assert "patient takes anticoagulants" in html
    assert "no advice on vitamin K" in html


@pytest.mark.parametrize("page", ["plan", "patient"])
def test_nothing_left_off_shows_no_note(app, client, calf_plan_id, page):
    with app.app_context():
        plan = db.session.get(TreatmentPlan, calf_plan_id)
        url = f"/plans/{plan.id}" if page == "plan" else f"/patients/{plan.patient_id}"
    response = client.get(url)
    assert response.status_code == 200
    assert "Left off the handout" not in response.get_data(as_text=True)
