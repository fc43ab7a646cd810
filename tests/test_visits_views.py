"""Visit notes: drafted against the issued plan, screened again on the day, signed, amended."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from practice.clinical.screening import TreatmentSite
from practice.clinical.vocabulary import BodyRegion, Side
from practice.db import utcnow
from practice.extensions import db
from practice.models import FinalisedRecordError, Patient, PlanVersion, Role
from practice.models.visit import VisitItem, VisitLogEntry, VisitNote
from practice.plans import services as plan_services
from practice.visits import services as visit_services
from tests.conftest import csrf_token_from
from tests.factories import (
    make_consent,
    make_flag,
    make_plan,
    make_user,
    make_visit_note,
    shipped_item,
    signed_in_user,
)
from tests.html_forms import invalid_fields


def _notes() -> int:
    return db.session.scalar(select(func.count()).select_from(VisitNote))


@pytest.fixture
def plan(app, me):
    """Ivy Stone's issued plan (four home exercises, massage of the right thigh) by the
    signed-in clinician; returns (patient id, version id, {catalogue key: plan item id})."""
    with app.app_context():
        made = make_plan(signed_in_user())
        version = made.current
        return made.patient_id, version.id, {e.catalogue_item.key: e.id for e in version.items}


RIGHT_THIGH = TreatmentSite(BodyRegion.THIGH, Side.RIGHT)


def _plan_with_item(
    author,
    *,
    key="tens-conventional",
    kind="technique",
    site=RIGHT_THIGH,
    electrode_placement="either side of the sore area",
):
    """An issued plan with one more item (TENS over the right thigh unless told) besides the
    usual ones."""
    made = make_plan(author, issue=False)
    item = shipped_item(key, kind)
    plan_services.add_item(
        made,
        item,
        site=site,
        dosage=item.dosage,
        reason="",
        author=author,
        lock=made.current.lock_version,
        acknowledge_precaution=True,
        override_reason="as planned",
        electrode_placement=electrode_placement,
    )
    plan_services.issue(made, author=author, lock=made.current.lock_version)
    db.session.commit()
    return made


def _form(client, patient_id: int, version_id: int, **fields) -> dict:
    page = client.get(f"/patients/{patient_id}/visits/new").get_data(as_text=True)
    now = utcnow()
    return {
        "csrf_token": csrf_token_from(page),
        "plan_version": str(version_id),
        "occurred_on": now.date().isoformat(),
        "occurred_time": now.strftime("%H:%M"),
        "subjective": "Hip easier on stairs.",
        "pain_before": "5",
        "pain_after": "3",
    } | fields


def _massage(items: dict[str, int], minutes: str = "15") -> dict:
    massage = items["soft-tissue-massage"]
    return {"delivered": [str(massage)], f"item-{massage}-minutes": minutes}


def test_a_patient_without_an_issued_plan_is_told_so_with_a_link_to_the_plan(app, client, me):
    with app.app_context():
        made = make_plan(signed_in_user(), issue=False)
        patient_id, plan_id = made.patient_id, made.id
    page = client.get(f"/patients/{patient_id}/visits/new").get_data(as_text=True)
    assert "no issued plan" in page
    assert f'href="/plans/{plan_id}"' in page
    assert 'id="visit-form"' not in page


def test_the_form_offers_the_items_of_the_issued_version_and_the_rows_of_the_log(app, client, plan):
    patient_id, _version_id, items = plan
    page = client.get(f"/patients/{patient_id}/visits/new").get_data(as_text=True)
    for item_id in items.values():
        assert f'name="delivered" value="{item_id}"' in page
    for key in ("clam-shell", "calf-stretch-wall", "glute-bridge", "ankle-pumps"):
        assert f'name="log-{items[key]}"' in page
    assert f'name="log-{items["soft-tissue-massage"]}"' not in page  # a technique: no log row


def test_a_note_is_saved_as_a_draft_signed_and_then_amended_only_by_addenda(app, client, plan):
    patient_id, version_id, items = plan
    bridge = items["glute-bridge"]
    data = _form(client, patient_id, version_id) | _massage(items)
    data["delivered"] = [*data["delivered"], str(bridge)]
    data |= {f"item-{bridge}-action": "reviewed", "log_weeks": "2", f"log-{bridge}": "6"}
    response = client.post(f"/patients/{patient_id}/visits", data=data)
    assert response.status_code == 302, invalid_fields(response.get_data(as_text=True))
    note_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        note = db.session.get(VisitNote, note_id)
        assert (note.status, note.pain_before, note.pain_after, note.log_weeks) == (
            "draft",
            5,
            3,
            2,
        )
        assert note.plan_version_id == version_id
        assert note.created_at >= note.occurred_at  # entered after the treatment (10.1)
        assert [(i.plan_item_id, i.minutes, i.exercise_action) for i in note.items] == [
            (items["soft-tissue-massage"], 15, None),
            (bridge, None, "reviewed"),
        ]
        assert [(e.plan_item_id, e.days_done) for e in note.log_entries] == [(bridge, 6)]
    page = client.get(f"/visits/{note_id}").get_data(as_text=True)
    # The glute bridge is prescribed 3 days a week: 6 days of 2 weeks' 6 prescribed is 100 %.
    assert "6 of 14" in page
    assert "100 % · adherent" in page

    token = csrf_token_from(page)
    with app.app_context():
        lock = db.session.get(VisitNote, note_id).lock_version
    unconfirmed = client.post(f"/visits/{note_id}/sign", data={"csrf_token": token, "lock": lock})
    assert unconfirmed.status_code == 400
    assert "Tick to confirm" in unconfirmed.get_data(as_text=True)
    signed = client.post(
        f"/visits/{note_id}/sign", data={"csrf_token": token, "lock": lock, "confirm": "y"}
    )
    assert signed.status_code == 302
    with app.app_context():
        note = db.session.get(VisitNote, note_id)
        assert note.status == "signed"
        assert note.signed_by.email == "me@ours.example"

    edit = client.get(f"/visits/{note_id}/edit")
    assert edit.status_code == 302  # a signed note is never edited
    tampered = client.post(f"/visits/{note_id}/edit", data=data | {"csrf_token": token})
    assert tampered.status_code == 409
    addendum = client.post(
        f"/visits/{note_id}/addenda",
        data={"csrf_token": token, "reason": "Late entry", "text": "Also advised ice."},
    )
    assert addendum.status_code == 302
    page = client.get(f"/visits/{note_id}").get_data(as_text=True)
    assert "Also advised ice." in page
    assert "Late entry" in page
    with app.app_context():
        note = db.session.get(VisitNote, note_id)
        assert note.subjective == "Hip easier on stairs."  # unchanged by the refused edit
        note.subjective = "rewritten"
        with pytest.raises(FinalisedRecordError):
            db.session.flush()
        db.session.rollback()


def test_a_technique_not_on_the_plan_is_a_form_error_and_nothing_is_saved(app, client, plan):
    patient_id, version_id, _items = plan
    with app.app_context():
        other = make_plan(signed_in_user()).current.items[0].id  # another patient's plan item
    data = _form(client, patient_id, version_id) | {"delivered": [str(other)]}
    response = client.post(f"/patients/{patient_id}/visits", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "is not on version 1 of the plan" in page
    assert "Hip easier on stairs." in page  # what was typed is kept
    with app.app_context():
        assert _notes() == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"frequency_hz": "200"}, "Frequency 200 Hz is outside 50-150 Hz"),
        ({"pulse_width_us": "300"}, "Pulse width 300 µs is outside 50-250 µs"),
        ({"mode": "tens_acupuncture_like", "frequency_hz": "100"}, "outside 1-10 Hz"),
        ({"frequency_hz": ""}, "Enter the frequency given"),
    ],
)
def test_stimulation_parameters_outside_the_reference_ranges_are_refused(
    app, client, me, fields, message
):
    with app.app_context():
        made = _plan_with_item(signed_in_user())
        patient_id, version_id = made.patient_id, made.current.id
        tens = next(e.id for e in made.current.items if e.catalogue_item.kind == "tens")
    typed = {"mode": "tens_conventional", "frequency_hz": "100", "pulse_width_us": "80"}
    typed |= {"minutes": "30", "intensity": "strong tingling", "site_region": "thigh"}
    typed |= {"site_side": "right"} | fields
    data = _form(client, patient_id, version_id) | {"delivered": [str(tens)]}
    data |= {f"item-{tens}-{name}": value for name, value in typed.items()}
    response = client.post(f"/patients/{patient_id}/visits", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page
    if "outside" in message:
        assert "(7.6)" in page  # the range's section is named
    assert 'value="strong tingling"' in page
    with app.app_context():
        assert _notes() == 0
    ok = data | {
        f"item-{tens}-{name}": value for name, value in typed.items() if name not in fields
    }
    ok |= {f"item-{tens}-mode": "tens_conventional", f"item-{tens}-frequency_hz": "100"}
    ok |= {f"item-{tens}-pulse_width_us": "80", f"item-{tens}-minutes": "30"}
    assert client.post(f"/patients/{patient_id}/visits", data=ok).status_code == 302
    with app.app_context():
        item = db.session.scalar(select(VisitItem))
        assert (item.mode, int(item.frequency_hz), item.pulse_width_us, item.minutes) == (
            "tens_conventional",
            100,
            80,
            30,
        )


@pytest.mark.parametrize(
    ("weeks", "days", "refused"), [("1", "7", False), ("1", "8", True), ("2", "14", False)]
)
def test_adherence_beyond_the_days_in_the_log_is_refused(app, client, plan, weeks, days, refused):
    patient_id, version_id, items = plan
    clam = items["clam-shell"]
    data = _form(client, patient_id, version_id) | {"log_weeks": weeks, f"log-{clam}": days}
    response = client.post(f"/patients/{patient_id}/visits", data=data)
    with app.app_context():
        assert _notes() == (0 if refused else 1)
    if refused:
        page = response.get_data(as_text=True)
        assert response.status_code == 400
        assert "8 days is more than the log has: 1 weekly sheet of 7 days is 7 days." in page
        assert f'name="log-{clam}" inputmode="numeric" value="8"' in page


def test_more_log_sheets_than_the_programme_has_weeks_are_refused(app, client, plan):
    patient_id, version_id, _items = plan  # a six-week plan: six weekly sheets
    data = _form(client, patient_id, version_id) | {"log_weeks": "7"}
    response = client.post(f"/patients/{patient_id}/visits", data=data)
    assert response.status_code == 400
    assert "The log is printed for 6 weeks" in response.get_data(as_text=True)


def test_a_flag_recorded_since_the_plan_was_issued_blocks_until_a_reason_is_written(
    app, client, plan
):
    patient_id, version_id, items = plan
    with app.app_context():
        patient = db.session.get(Patient, patient_id)
        make_flag(patient, kind="dvt", region="thigh", side="right", recorded_on=date.today())
    massage = items["soft-tissue-massage"]
    page = client.get(f"/patients/{patient_id}/visits/new").get_data(as_text=True)
    assert "Contraindicated since the plan was issued" in page  # shown before anything is typed
    data = _form(client, patient_id, version_id) | _massage(items)
    response = client.post(f"/patients/{patient_id}/visits", data=data)
    assert response.status_code == 400
    assert "contraindicated for this patient on" in response.get_data(as_text=True)
    with app.app_context():
        assert _notes() == 0
    data[f"item-{massage}-override_reason"] = "Vascular team cleared: scan negative today."
    assert client.post(f"/patients/{patient_id}/visits", data=data).status_code == 302
    with app.app_context():
        item = db.session.scalar(select(VisitItem))
        assert item.verdict == "contraindicated"
        assert item.override_reason == "Vascular team cleared: scan negative today."


def test_a_flag_recorded_after_the_visit_day_does_not_act_on_it(app, client, plan):
    patient_id, version_id, items = plan
    with app.app_context():
        patient = db.session.get(Patient, patient_id)
        make_flag(patient, kind="dvt", region="thigh", side="right", recorded_on=date.today())
    yesterday = utcnow() - timedelta(days=1)
    data = _form(client, patient_id, version_id) | _massage(items)
    data |= {"occurred_on": yesterday.date().isoformat()}
    response = client.post(f"/patients/{patient_id}/visits", data=data)
    # The plan was issued today: a visit yesterday is refused for that, not for the flag.
    assert "cannot be before version 1 of the plan was issued" in response.get_data(as_text=True)


def test_a_new_precaution_needs_an_acknowledgement(app, client, plan):
    patient_id, version_id, items = plan
    with app.app_context():
        make_flag(db.session.get(Patient, patient_id), kind="anticoagulants")
    massage = items["soft-tissue-massage"]
    data = _form(client, patient_id, version_id) | _massage(items)
    response = client.post(f"/patients/{patient_id}/visits", data=data)
    assert response.status_code == 400
    assert "Acknowledge the precaution" in response.get_data(as_text=True)
    data[f"item-{massage}-acknowledged"] = "y"
    assert client.post(f"/patients/{patient_id}/visits", data=data).status_code == 302


def test_dry_needling_needs_a_current_consent_on_the_visit_day(app, client, me):
    with app.app_context():
        author = signed_in_user()
        made = make_plan(author, issue=False)
        consent = make_consent(made.patient, author=author)
        consent.subject = "dry_needling"
        db.session.commit()
        item = shipped_item("dry-needling", "technique")
        plan_services.add_item(
            made,
            item,
            site=TreatmentSite(BodyRegion.THIGH, Side.RIGHT),
            dosage=item.dosage,
            reason="",
            author=author,
            lock=made.current.lock_version,
            acknowledge_precaution=True,
            override_reason="as planned",
        )
        plan_services.issue(made, author=author, lock=made.current.lock_version)
        consent.withdrawn_on = date.today()  # withdrawn since the plan was built
        db.session.commit()
        patient_id, version_id = made.patient_id, made.current.id
        needling = next(e.id for e in made.current.items if e.catalogue_item.kind == "dry_needling")
    data = _form(client, patient_id, version_id) | {"delivered": [str(needling)]}
    data |= {f"item-{needling}-muscles": "vastus lateralis", f"item-{needling}-needle_count": "2"}
    data |= {f"item-{needling}-response": "local twitch"}
    response = client.post(f"/patients/{patient_id}/visits", data=data)
    assert response.status_code == 400
    assert "Dry needling needs the patient&#39;s explicit consent" in response.get_data(
        as_text=True
    )
    with app.app_context():
        assert _notes() == 0


def test_a_progressed_exercise_keeps_its_new_dosage_checked_as_the_plan_checks_it(
    app, client, plan
):
    patient_id, version_id, items = plan
    bridge = items["glute-bridge"]
    data = _form(client, patient_id, version_id) | {"delivered": [str(bridge)]}
    data |= {f"item-{bridge}-action": "progressed", f"item-{bridge}-dosage-sets": "40"}
    data |= {f"item-{bridge}-dosage-reps": "12", f"item-{bridge}-dosage-side": "not_applicable"}
    response = client.post(f"/patients/{patient_id}/visits", data=data)
    assert response.status_code == 400
    assert "Sets must be between 1 and 12" in response.get_data(as_text=True)
    data[f"item-{bridge}-dosage-sets"] = "3"
    assert client.post(f"/patients/{patient_id}/visits", data=data).status_code == 302
    with app.app_context():
        item = db.session.scalar(select(VisitItem))
        assert (item.exercise_action, item.new_dosage.sets, item.new_dosage.reps) == (
            "progressed",
            3,
            12,
        )


def test_a_draft_is_edited_by_its_author_only_and_can_be_discarded(app, client, auth, plan):
    _patient_id, version_id, _items = plan
    with app.app_context():
        note = make_visit_note(db.session.get(PlanVersion, version_id), author=signed_in_user())
        note_id = note.id
        colleague = make_user(clinic=signed_in_user().clinic).email
    page = client.get(f"/visits/{note_id}/edit").get_data(as_text=True)
    assert "Soft-tissue massage." in page
    token = csrf_token_from(page)
    refused = client.post(f"/visits/{note_id}/discard", data={"csrf_token": token})
    assert refused.status_code == 400
    auth.logout()
    auth.login(colleague)
    page = client.get(f"/visits/{note_id}").get_data(as_text=True)
    assert "only its author can change or sign it" in page
    assert client.get(f"/visits/{note_id}/edit").status_code == 302
    auth.logout()
    auth.login("me@ours.example")
    token = csrf_token_from(client.get(f"/visits/{note_id}").get_data(as_text=True))
    response = client.post(
        f"/visits/{note_id}/discard",
        data={"csrf_token": token, "discard-csrf_token": token, "discard-reason": "Wrong patient"},
    )
    assert response.status_code == 302
    with app.app_context():
        note = db.session.get(VisitNote, note_id)
        assert (note.status, note.discard_reason) == ("discarded", "Wrong patient")


def test_front_desk_and_another_clinic_cannot_reach_a_note(app, client, auth, plan):
    patient_id, version_id, _items = plan
    with app.app_context():
        me_user = signed_in_user()
        note_id = make_visit_note(db.session.get(PlanVersion, version_id), author=me_user).id
        desk = make_user(clinic=me_user.clinic, role=Role.FRONT_DESK).email
        stranger = make_user().email
    auth.logout()
    auth.login(desk)
    assert client.get(f"/visits/{note_id}").status_code == 403
    assert client.get(f"/patients/{patient_id}/visits/new").status_code == 403
    assert "Visit note" not in client.get(f"/patients/{patient_id}").get_data(as_text=True)
    auth.logout()
    auth.login(stranger)
    assert client.get(f"/visits/{note_id}").status_code == 404
    assert client.get(f"/patients/{patient_id}/visits/new").status_code == 404


def test_notes_are_on_the_timeline_in_the_export_and_a_draft_on_the_dashboard(app, client, plan):
    patient_id, version_id, _items = plan
    with app.app_context():
        version = db.session.get(PlanVersion, version_id)
        draft = make_visit_note(version, author=signed_in_user())
        signed = make_visit_note(version, author=signed_in_user(), sign=True)
        draft_id, signed_id = draft.id, signed.id
    page = client.get(f"/patients/{patient_id}").get_data(as_text=True)
    assert f'href="/visits/{draft_id}"' in page
    assert f'href="/visits/{signed_id}"' in page
    exported = client.get(f"/patients/{patient_id}/export.json").get_json()
    notes = {note["id"]: note for note in exported["visit_notes"]}
    assert notes[signed_id]["status"] == "signed"
    assert notes[signed_id]["items"][0]["minutes"] == 15
    assert notes[signed_id]["exercise_log"][0]["days_done"] == 5
    dashboard = client.get("/").get_data(as_text=True)
    assert f'href="/visits/{draft_id}"' in dashboard
    assert f'href="/visits/{signed_id}"' not in dashboard


def test_signing_refuses_a_draft_whose_screening_changed_since_it_was_saved(app, plan):
    _patient_id, version_id, _items = plan
    with app.app_context():
        author = signed_in_user()
        note = make_visit_note(db.session.get(PlanVersion, version_id), author=author)
        make_flag(note.patient, kind="dvt", region="thigh", side="right", recorded_on=date.today())
        with pytest.raises(visit_services.NoteError, match="screens differently now"):
            visit_services.sign(note, author=author, expected_lock=note.lock_version)
        db.session.rollback()
        assert db.session.get(VisitNote, note.id).status == "draft"
        assert db.session.scalar(select(func.count()).select_from(VisitLogEntry)) == 4


def test_the_adherence_threshold_is_the_clinic_s_own_when_configured(app, client, plan):
    _patient_id, version_id, _items = plan
    with app.app_context():
        note_id = make_visit_note(
            db.session.get(PlanVersion, version_id), author=signed_in_user()
        ).id
    # Five days of the seven prescribed a week is 71 %: below 8.5's 80 %, above a clinic's 70 %.
    assert "71 % · below the threshold" in client.get(f"/visits/{note_id}").get_data(as_text=True)
    app.config["VISIT_ADHERENCE_THRESHOLD_PERCENT"] = 70
    try:
        page = client.get(f"/visits/{note_id}").get_data(as_text=True)
        assert "Adherent from 70 %" in page
        assert "71 % · adherent" in page
        app.config["VISIT_ADHERENCE_THRESHOLD_PERCENT"] = 170
        with app.app_context(), pytest.raises(ValueError, match="1 to 100"):
            visit_services.adherence_rule()
    finally:
        del app.config["VISIT_ADHERENCE_THRESHOLD_PERCENT"]


def test_a_site_whose_side_does_not_apply_is_written_without_a_side(app, client, me):
    with app.app_context():
        author = signed_in_user()
        neck = TreatmentSite(BodyRegion.NECK, Side.NOT_APPLICABLE)
        made = _plan_with_item(author, key="soft-tissue-massage", site=neck, electrode_placement="")
        version = made.current
        massage = next(entry for entry in version.items if entry.site_region == "neck")
        delivery = visit_services.Delivery(entry=massage, site=neck, minutes=10)
        note = make_visit_note(version, author=author, deliveries=[delivery])
        patient_id, note_id, plan_id = made.patient_id, note.id, made.id
    form = client.get(f"/patients/{patient_id}/visits/new").get_data(as_text=True)
    assert "Site on the plan: Neck." in form
    assert "Site on the plan: Thigh, right." in form
    shown = client.get(f"/visits/{note_id}").get_data(as_text=True)
    assert "Site: Neck · 10 min" in shown
    plan_page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert re.search(r'<div class="small text-muted">Neck\s*</div>', plan_page)
    assert "Soft-tissue massage at neck<" in plan_page  # its history line, without a code
    for page in (form, shown, plan_page):
        assert "(not applicable)" not in page  # the side select still offers "Not applicable"
