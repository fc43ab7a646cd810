"""The subjective section through the browser's eyes: onset, local signs and stage; medications,
temperature, weight and warning signs; the red-flag region and clearance. CSRF on, the real form,
the assessment of 2 March 2026 (``make_assessment``)."""

import html
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest

from practice.assessments import services
from practice.clinical.assessment_data import (
    AssessmentData,
    Circulation,
    LocalSign,
    Medication,
    MedicationClass,
    Oedema,
    OnsetMechanism,
    RedFlagAnswer,
    RedFlagScreen,
    Skin,
    SkinTemperature,
    Stage,
    StageRecord,
    Subjective,
)
from practice.clinical.vocabulary import BodyRegion, Side
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
    "body_chart": "front.ankle_foot.left",
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


# Medications, temperature and weight, warning signs (1.1, 1.2) -------------------------------

FRACTURE, DVT = 4, 5  # rows of the red-flag table, in the order of 1.2
FACTS = {
    "medications-0-name": "Warfarin 3 mg",
    "medications-0-medication_class": "anticoagulant",
    "medications-0-note": "atrial fibrillation",
    "medications-1-name": "Furosemide 40 mg",
    "medications-1-medication_class": "diuretic",
    "temperature_celsius": "38.1",
    "weight_kg": "72",
    "weight_loss_kg": "9",
    "weight_loss_months": "4",
    "night_pain_unrelieved": "yes",
}


def test_medications_vitals_and_warning_signs_are_saved_shown_and_suggest_flags(
    app, client, assessment_id
):
    response = post(client, assessment_id, FACTS)
    assert response.status_code == 302, response.get_data(as_text=True)

    subjective = stored_record(app, assessment_id).subjective
    assert subjective.medications == (
        Medication("Warfarin 3 mg", MedicationClass.ANTICOAGULANT, "atrial fibrillation"),
        Medication("Furosemide 40 mg", MedicationClass.DIURETIC),
    )
    assert (subjective.temperature_celsius, subjective.weight_kg) == (Decimal("38.1"), 72)
    assert (subjective.weight_loss_kg, subjective.weight_loss_months) == (9, 4)
    assert subjective.night_pain_unrelieved is True

    overview = html.unescape(client.get(f"/assessments/{assessment_id}").get_data(as_text=True))
    assert "Warfarin 3 mg" in overview
    assert "Night pain unrelieved by any position: a warning sign" in overview
    assert "Weight loss 9 kg in 4 months (11.1 % of body weight" in overview
    suggested = overview[overview.index('id="suggested-flags"') :]
    assert "Suggested flag not yet recorded: Anticoagulant or antiplatelet medication" in suggested
    assert "Fever" not in suggested  # no threshold in the reference: the value is for judgement
    assert 'name="flag-kind" value="anticoagulants"' in suggested
    assert 'name="flag-detail" value="Warfarin 3 mg (anticoagulant)"' in suggested

    form = client.get(url(assessment_id)).get_data(as_text=True)
    assert 'value="Warfarin 3 mg"' in form
    assert re.search(r'<option selected value="diuretic">', form)


def test_a_suggested_flag_is_recorded_only_when_the_clinician_submits_it(
    app, client, assessment_id
):
    assert post(client, assessment_id, FACTS).status_code == 302
    with app.app_context():
        patient = db.session.get(Assessment, assessment_id).patient
        patient_id = patient.id
        assert patient.current_flags == []
    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    suggested = overview[overview.index('id="suggested-flags"') :]
    form = suggested[suggested.index("<form") : suggested.index("</form>")]
    action = re.search(r'action="([^"]+)"', form).group(1)
    values = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
    assert action == f"/patients/{patient_id}/flags"

    assert client.post(action, data=values).status_code == 302
    with app.app_context():
        (flag,) = db.session.get(Assessment, assessment_id).patient.current_flags
        assert (flag.kind, flag.detail) == ("anticoagulants", "Warfarin 3 mg (anticoagulant)")
    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Suggested flag not yet recorded: Anticoagulant" not in overview


def test_the_medications_typed_at_registration_show_as_a_hint(app, client, me):
    with app.app_context():
        patient = make_patient(author=signed_in_user(), medications="Ramipril 5 mg\nAspirin 75 mg")
        assessment_id = make_assessment(patient).id

    form = client.get(url(assessment_id)).get_data(as_text=True)

    hint = form[form.index('id="registered-medications"') :][:400]
    assert "Ramipril 5 mg\nAspirin 75 mg" in hint


def test_pain_that_cannot_be_rated_is_saved_with_its_reason_and_said_in_the_findings(
    app, client, assessment_id
):
    changes = {"nprs_unratable_reason": "Advanced dementia, cannot use the scale"}
    assert post(client, assessment_id, changes).status_code == 302

    assert stored_record(app, assessment_id).subjective.nprs_unratable_reason == (
        "Advanced dementia, cannot use the scale"
    )
    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Pain not rated: the patient cannot rate pain on the NPRS reliably" in overview


MORE_REFUSED = [
    (
        {"nprs_unratable_reason": "Cannot use the scale", "nprs_now": "4"},
        "nprs_now",
        "Leave the pain scores empty: the patient cannot rate pain reliably.",
    ),
    ({"weight_loss_kg": "6"}, "weight_loss_months", "Enter over how many months"),
    ({"weight_loss_months": "3"}, "weight_loss_kg", "Enter the weight lost over these months"),
    ({"weight_kg": "0"}, "weight_kg", "Weight must be between 1 and 400 kg."),
    ({"temperature_celsius": "3.81"}, "temperature_celsius", "Temperature must be between 30"),
    ({"weight_loss_months": "0"}, "weight_loss_months", "whole number from 1 to 120"),
    (
        {"medications-0-medication_class": "statin"},
        "medications-0-name",
        "Enter the name of the medication, or clear the row.",
    ),
    (
        {"medications-0-medication_class": "opioid"},
        "medications-0-medication_class",
        "Not a valid choice.",
    ),
]


@pytest.mark.parametrize(("changes", "field", "message"), MORE_REFUSED, ids=lambda v: str(v)[:40])
def test_impossible_subjective_facts_are_refused_with_what_was_typed_kept(
    app, client, assessment_id, changes, field, message
):
    sent = SPRAIN | changes
    assert_refused_with_input_kept(
        post(client, assessment_id, sent), sent, field, message, skip=("local_signs",)
    )
    assert stored_record(app, assessment_id).subjective == Subjective()


# Red-flag region and medical clearance (1.2, 0.5) --------------------------------------------


def _red_flag(row: int, **values) -> dict:
    return {f"red_flags-{row}-{name}": value for name, value in values.items()}


POSITIVE_FRACTURE = _red_flag(
    FRACTURE,
    answer="yes",
    detail="Fell on an outstretched hand",
    action_taken="Sent for an X-ray",
    referral_to="Minor injuries unit",
    urgency="urgent",
    region="wrist_hand",
    side="left",
)


def test_a_red_flag_records_its_region_and_the_reason_names_it(app, client, assessment_id):
    assert post(client, assessment_id, POSITIVE_FRACTURE).status_code == 302

    (fracture,) = [
        screen
        for screen in stored_record(app, assessment_id).subjective.red_flags
        if screen.code == "fracture"
    ]
    assert (fracture.region, fracture.side) == (BodyRegion.WRIST_HAND, Side.LEFT)
    overview = html.unescape(client.get(f"/assessments/{assessment_id}").get_data(as_text=True))
    assert "Red flag: possible fracture (wrist and hand, left)" in overview


def test_a_clearance_is_recorded_on_a_positive_red_flag_and_shown(app, client, assessment_id):
    assert post(client, assessment_id, POSITIVE_FRACTURE).status_code == 302
    page = client.get(url(assessment_id)).get_data(as_text=True)
    assert f'id="red_flags-{FRACTURE}-cleared_on"' in page
    assert f'id="red_flags-{DVT}-cleared_on"' not in page  # only a "yes" is cleared

    clearance = _red_flag(
        FRACTURE,
        cleared_on="2026-03-05",
        cleared_by="Dr Patel, minor injuries unit",
        clearance_note="X-ray: no fracture",
    )
    assert post(client, assessment_id, clearance).status_code == 302

    (fracture,) = [
        screen
        for screen in stored_record(app, assessment_id).subjective.red_flags
        if screen.code == "fracture"
    ]
    assert fracture.cleared
    assert (fracture.cleared_on, fracture.clearance_note) == (
        date(2026, 3, 5),
        "X-ray: no fracture",
    )
    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Medically cleared on 05 Mar 2026 by Dr Patel, minor injuries unit" in overview


CLEARANCE_REFUSED = [
    (
        _red_flag(FRACTURE, cleared_on="2026-03-05"),
        f"red_flags-{FRACTURE}-cleared_by",
        "Enter who cleared it",
    ),
    (
        _red_flag(FRACTURE, cleared_by="Dr Patel"),
        f"red_flags-{FRACTURE}-cleared_on",
        "Enter the date the red flag was medically cleared.",
    ),
    (
        _red_flag(
            FRACTURE,
            cleared_on=(date.today() + timedelta(days=2)).isoformat(),
            cleared_by="Dr Patel",
        ),
        f"red_flags-{FRACTURE}-cleared_on",
        "This date cannot be in the future.",
    ),
    (
        _red_flag(DVT, answer="no", cleared_on="2026-03-05", cleared_by="Dr Patel"),
        f"red_flags-{DVT}-cleared_on",
        "Only a positive red flag is cleared",
    ),
]


@pytest.mark.parametrize(
    ("changes", "field", "message"), CLEARANCE_REFUSED, ids=lambda v: str(v)[:40]
)
def test_an_incomplete_clearance_is_refused_with_what_was_typed_kept(
    app, client, assessment_id, changes, field, message
):
    sent = POSITIVE_FRACTURE | changes
    assert_refused_with_input_kept(post(client, assessment_id, sent), sent, field, message)
    assert stored_record(app, assessment_id).subjective == Subjective()


def test_saving_the_subjective_section_keeps_the_cramp_referral_rules(app, client, me):
    raised = RedFlagScreen("cramps_frequent", RedFlagAnswer.YES, detail="calf cramps (left)")
    record = AssessmentData(subjective=Subjective(red_flags=(raised,)))
    with app.app_context():
        patient = make_patient(author=signed_in_user())
        assessment_id = make_assessment(patient, record=record).id

    page = client.get(url(assessment_id)).get_data(as_text=True)
    assert "cramps_frequent" not in page  # asked here are the red flags of 1.2 only
    assert post(client, assessment_id, {}).status_code == 302

    kept = stored_record(app, assessment_id).subjective.red_flags
    assert raised in kept
    assert len(kept) == 9  # the eight of 1.2 and the raised cramp rule


def test_warm_skin_and_oedema_in_the_circulation_section_make_the_saved_stage_acute(
    app, client, me
):
    circulation = Circulation(
        skin=(Skin(BodyRegion.ANKLE_FOOT, Side.LEFT, temperature=SkinTemperature.WARM),),
        oedema=(Oedema(BodyRegion.ANKLE_FOOT, Side.LEFT, pitting=True, grade=2),),
    )
    with app.app_context():
        patient = make_patient(author=signed_in_user())
        record = AssessmentData(circulation=circulation)
        assessment_id = make_assessment(patient, record=record).id
    changes = SPRAIN | {"onset_on": "2025-10-01", "onset_mechanism": "insidious", "local_signs": []}

    form = post(client, assessment_id, changes)

    assert form.status_code == 302
    stage = stored_record(app, assessment_id).subjective.stage
    assert stage.derived is Stage.ACUTE
    assert stage.reason.startswith(
        "Warmth and oedema at the site (warm skin at the ankle and foot (left), oedema at the "
        "ankle and foot (left), recorded in the circulation section)"
    )
    overview = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "Stage: Acute" in overview
