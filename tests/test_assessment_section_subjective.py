"""The subjective section's onset, local signs and stage through the browser's eyes: CSRF on, the
real form, the assessment of 2 March 2026 (``make_assessment``)."""

import html
import re
from datetime import date, timedelta

import pytest

from practice.assessments import services
from practice.clinical.assessment_data import (
    AssessmentData,
    LocalSign,
    OnsetMechanism,
    Stage,
    StageRecord,
    Subjective,
)
from practice.extensions import db
from practice.models import Assessment, TreatmentPlan
from tests.conftest import csrf_token_from
from tests.factories import make_assessment, make_patient, shipped_item, signed_in_user
from tests.sections import assert_refused_with_input_kept, post_section, section_url, stored_record

SEEN = date(2026, 3, 2)


def url(assessment_id: int) -> str:
    return section_url(assessment_id, "subjective")


def post(client, assessment_id, changes: dict):
    return post_section(client, url(assessment_id), changes)


SPRAIN = {
    "presenting_complaint": "Went over on the left ankle playing football",
    "onset_on": "2026-02-28",
    "onset_mechanism": "traumatic",
    "pain_sites-0-region": "ankle_foot",
    "pain_sites-0-side": "left",
    "local_signs": ["swelling", "bruising"],
}


def test_the_derived_stage_is_saved_with_its_reason_and_shown(app, client, assessment_id):
    response = post(client, assessment_id, SPRAIN)
    assert response.status_code == 302, response.get_data(as_text=True)
    subjective = stored_record(app, assessment_id).subjective
    assert subjective.onset_mechanism is OnsetMechanism.TRAUMATIC
    assert subjective.local_signs == (LocalSign.SWELLING, LocalSign.BRUISING)
    assert subjective.stage.derived is Stage.ACUTE
    assert subjective.stage.reason.startswith("Bruising after a traumatic onset")
    assert not subjective.stage.overridden
    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    stage = overview[overview.index('id="stage"') :][:800]
    assert "Stage: Acute" in stage
    assert "fresh soft-tissue trauma" in stage
    assert "Clinical reference, section 7.1" in stage
    assert "override" not in stage
    form = client.get(url(assessment_id)).get_data(as_text=True)
    assert "Derived stage: Acute." in form


@pytest.mark.parametrize(
    ("days", "stage"),
    [(41, Stage.ACUTE), (42, Stage.SUBACUTE), (84, Stage.SUBACUTE), (85, Stage.CHRONIC)],
)
def test_the_stage_counts_from_the_assessment_date(app, client, assessment_id, days, stage):
    onset = (SEEN - timedelta(days=days)).isoformat()
    changes = {"onset_on": onset, "onset_mechanism": "insidious", "local_signs": []}
    assert post(client, assessment_id, changes).status_code == 302
    assert stored_record(app, assessment_id).subjective.stage.derived is stage


def test_the_clinician_overrides_the_stage_with_a_reason_and_both_are_kept(
    app, client, assessment_id
):
    changes = SPRAIN | {
        "onset_on": "2025-10-01",
        "local_signs": [],
        "stage_override": "acute",
        "stage_override_reason": "Re-injured it yesterday, ankle hot and swollen",
    }
    assert post(client, assessment_id, changes).status_code == 302
    assert stored_record(app, assessment_id).subjective.stage == StageRecord(
        Stage.CHRONIC,
        "Traumatic onset 21 weeks 5 days before the assessment: over 12 weeks is chronic",
        Stage.ACUTE,
        "Re-injured it yesterday, ankle hot and swollen",
        derived_on=SEEN,
        sections=("1.1",),
    )
    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    stage = overview[overview.index('id="stage"') :][:800]
    assert "Stage: Acute" in stage
    assert "override" in stage
    assert "Set by the clinician: Re-injured it yesterday" in stage
    assert "Derived: Chronic." in stage
    page = client.get(url(assessment_id)).get_data(as_text=True)
    assert re.search(r'<option selected value="acute">', page)

    cleared = {"stage_override": "", "stage_override_reason": ""}
    assert post(client, assessment_id, cleared).status_code == 302
    assert not stored_record(app, assessment_id).subjective.stage.overridden


REFUSED = [
    (
        {"onset_on": (date.today() + timedelta(days=1)).isoformat()},
        "onset_on",
        "This date cannot be in the future.",
    ),
    ({"onset_on": "2026-03-03"}, "onset_on", "The onset cannot be after the assessment date"),
    (
        {"stage_override": "chronic", "stage_override_reason": ""},
        "stage_override_reason",
        "Give the reason for overriding the derived stage.",
    ),
    (
        {"stage_override": "", "stage_override_reason": "It feels chronic"},
        "stage_override",
        "Choose the stage, or clear the reason.",
    ),
    (
        {"stage_override": "acute", "stage_override_reason": "sure"},
        "stage_override",
        "The derived stage is already acute",
    ),
]


@pytest.mark.parametrize(("changes", "field", "message"), REFUSED, ids=lambda v: str(v)[:30])
def test_impossible_values_are_refused_with_what_was_typed_kept(
    app, client, assessment_id, changes, field, message
):
    sent = SPRAIN | changes
    page = assert_refused_with_input_kept(
        post(client, assessment_id, sent), sent, field, message, skip=("local_signs",)
    )
    checked = re.findall(r'<input checked[^>]*name="local_signs"[^>]*value="(\w+)"', page)
    assert checked == ["swelling", "bruising"]
    assert stored_record(app, assessment_id).subjective.stage is None


def _plan_for(client, app, assessment_id) -> int:
    page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    started = client.post(
        f"/assessments/{assessment_id}/plans", data={"csrf_token": csrf_token_from(page)}
    )
    assert started.status_code == 302
    return int(started.headers["Location"].rsplit("/", 1)[1])


def _add(client, app, plan_id, key, region, side):
    with app.app_context():
        item_id = shipped_item(key, "technique").id
        lock = db.session.get(TreatmentPlan, plan_id).current.lock_version
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    data = {"csrf_token": csrf_token_from(page), "lock": lock, "item_id": str(item_id)}
    return client.post(
        f"/plans/{plan_id}/items", data=data | {"site_region": region, "site_side": side}
    )


@pytest.mark.parametrize("key", ["superficial-heat", "soft-tissue-massage", "static-stretch"])
def test_an_acute_record_blocks_the_acute_stage_techniques_at_the_involved_site_only(
    app, client, assessment_id, key
):
    """7.1, 7.3, 7.9: no flag added by hand; the derived acute stage puts it at the left ankle."""
    assert post(client, assessment_id, SPRAIN).status_code == 302
    with app.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        services.finalise(assessment, author=assessment.clinician)
        assert assessment.patient.current_flags == []
        db.session.commit()
    plan_id = _plan_for(client, app, assessment_id)

    blocked = _add(client, app, plan_id, key, "ankle_foot", "left")
    assert blocked.status_code == 400
    shown = html.unescape(blocked.get_data(as_text=True))
    assert "contraindicated: acute inflammation" in shown
    assert "recorded: acute stage derived from bruising after a traumatic onset" in shown
    assert _add(client, app, plan_id, key, "ankle_foot", "right").status_code == 302


def test_a_stage_pre_filled_from_an_earlier_assessment_is_not_shown_as_this_ones(app, client, me):
    earlier = StageRecord(Stage.SUBACUTE, "Onset 7 weeks before", derived_on=date(2026, 1, 5))
    record = AssessmentData(subjective=Subjective(stage=earlier))
    with app.app_context():
        patient = make_patient(author=signed_in_user())
        assessment_id = make_assessment(patient, record=record).id
    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Stage not derived for this assessment yet" in overview
    assert "Stage: Subacute" not in overview
