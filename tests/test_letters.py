"""Letters to the referring doctor (issue 14 point 5): the form, the preview, the PDF through the
handouts' wrapper, the record and its reprint, who may reach them, and bad input."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from practice.assessments.services import findings_of
from practice.extensions import db
from practice.models import AuditEntry, LetterRecord, Patient, Role, TreatmentPlan
from practice.models.letter import REASON_MAX_LENGTH
from practice.plans import services as plan_services
from tests.conftest import csrf_token_from
from tests.factories import (
    FINDINGS_RECORD,
    PLAN_RECORD,
    make_assessment,
    make_clinic,
    make_letter,
    make_patient,
    make_plan,
    make_user,
    signed_in_user,
)
from tests.html_forms import form_values

REFERRER = "Dr Rhea Patel, Riverside Surgery"
REASON = "Pain in the left calf has not settled; please assess for a vascular cause."


@pytest.fixture
def plan_id(app, me) -> int:
    """Ivy Stone's issued plan (pain now 5, goal ≤ 2), then a re-assessment with pain now 1:
    the goal is met at the latest finalised assessment."""
    with app.app_context():
        plan = make_plan(signed_in_user())
        plan.patient.referrer = REFERRER
        later = replace(PLAN_RECORD, subjective=replace(PLAN_RECORD.subjective, nprs_now=1))
        make_assessment(plan.patient, record=later, finalised=True, seen_on=date(2026, 4, 6))
        return plan.id


def _patient_of(app, plan_id: int) -> int:
    with app.app_context():
        return db.session.get(TreatmentPlan, plan_id).patient_id


def _letters(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(LetterRecord))


def _typed(client, patient_id: int, **values) -> dict[str, str]:
    page = client.get(f"/patients/{patient_id}/letters/new").get_data(as_text=True)
    return {
        "csrf_token": csrf_token_from(page),
        "kind": "referral",
        "addressee": REFERRER,
        "urgency": "urgent",
        "reason": REASON,
        "extra": "",
        "paper": "a4",
    } | values


def _issue(client, patient_id: int, **values):
    return client.post(f"/patients/{patient_id}/letters", data=_typed(client, patient_id, **values))


def _text(document: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(document))
    return reader, " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_form_takes_the_addressee_from_the_referrer_and_the_urgency_from_the_red_flags(
    app, client, me
):
    with app.app_context():
        patient = make_patient(author=signed_in_user(), referrer=REFERRER)
        make_assessment(patient, record=FINDINGS_RECORD, finalised=True)  # DVT, urgent
        patient_id = patient.id
    page = client.get(f"/patients/{patient_id}/letters/new?kind=discharge").get_data(as_text=True)
    values = form_values(page, "letter-form")
    assert (values["kind"], values["addressee"], values["urgency"]) == (
        "discharge",
        REFERRER,
        "urgent",
    )


def test_the_letter_pdf_holds_the_reason_findings_plan_items_and_goal_progress(
    app, client, plan_id
):
    patient_id = _patient_of(app, plan_id)
    response = _issue(client, patient_id, extra="She prefers morning appointments.")
    assert response.status_code == 302, response.get_data(as_text=True)
    pdf = client.get(response.headers["Location"])
    assert pdf.mimetype == "application/pdf"
    reader, text = _text(pdf.get_data())
    assert 1 <= len(reader.pages) <= 2
    width, height = (float(value) for value in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)
    with app.app_context():
        plan = db.session.get(TreatmentPlan, plan_id)
        patient = plan.patient
        record = db.session.scalar(select(LetterRecord))
        assert record.page_count == len(reader.pages)
        assert record.plan_version_id == plan.current.id
        latest = record.assessment
        assert latest.seen_on == date(2026, 4, 6)  # the re-assessment: the latest finalised
        findings = [item.summary for item in findings_of(latest)]
        items = [entry.catalogue_item.name for entry in plan.current.items]
        goals = [goal.text for goal in plan.current.goals]
        clinic = patient.clinic
    for expected in (
        "Referral letter",
        "Dr Rhea Patel, Riverside Surgery",
        "Ivy Stone",
        "Urgent",
        REASON,
        "She prefers morning appointments.",
        "Right hip weakness",  # the presenting complaint
        "Met: 1 at the assessment of 6 April 2026.",
        "Alex Morgan",
        clinic.name,
        clinic.phone,
        *findings,
        *items,
        *goals,
    ):
        assert " ".join(expected.split()) in text, expected


def test_a_reprint_is_the_same_letter_after_the_plan_changes(app, client, plan_id):
    patient_id = _patient_of(app, plan_id)
    location = _issue(client, patient_id).headers["Location"]
    first = client.get(location).get_data()
    with app.app_context():
        plan = db.session.get(TreatmentPlan, plan_id)
        author = signed_in_user()
        version = plan_services.revise(plan, author=author, lock=plan.current.lock_version)
        plan_services.add_goal(
            plan,
            measure_code="nprs_worst",
            comparator="<=",
            target=Decimal(2),
            target_on=date.today() + timedelta(weeks=4),
            author=author,
            lock=version.lock_version,
        )
        plan_services.issue(plan, author=author, lock=version.lock_version)
        db.session.commit()
    again = client.get(location)
    assert again.get_data() == first
    _, text = _text(again.get_data())
    assert "Worst pain" not in text  # the goal added since is not in the letter issued before


def test_the_preview_shows_the_letter_and_saves_nothing(app, client, plan_id):
    patient_id = _patient_of(app, plan_id)
    response = client.post(
        f"/patients/{patient_id}/letters/preview", data=_typed(client, patient_id)
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<main>" in page
    assert REASON in page
    assert f'action="/patients/{patient_id}/letters"' in page  # issue, with what was typed
    assert f'name="reason" value="{REASON}"' in page
    assert "data-print-page" in page
    assert _letters(app) == 0


def test_changing_the_letter_brings_back_what_was_typed(app, client, plan_id):
    patient_id = _patient_of(app, plan_id)
    typed = _typed(client, patient_id, addressee="Dr Li\nHill Surgery", extra="Seen twice.")
    response = client.post(f"/patients/{patient_id}/letters/new", data=typed)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    values = form_values(page, "letter-form")
    assert {name: values[name] for name in ("addressee", "reason", "extra")} == {
        "addressee": "Dr Li\nHill Surgery",
        "reason": REASON,
        "extra": "Seen twice.",
    }
    assert _letters(app) == 0


def test_a_discharge_letter_needs_no_plan_and_prints_on_the_paper_chosen(app, client, me):
    with app.app_context():
        patient = make_patient(author=signed_in_user(), given_names="Ada", family_name="Ng")
        make_assessment(patient, record=PLAN_RECORD, finalised=True)
        patient_id = patient.id
    response = _issue(
        client,
        patient_id,
        kind="discharge",
        urgency="",
        reason="Did not attend after assessment.",
        paper="letter",
    )
    assert response.status_code == 302
    reader, text = _text(client.get(response.headers["Location"]).get_data())
    width, height = (float(value) for value in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (612, 792)  # US Letter, as chosen
    assert "Discharge letter" in text
    assert "Reason for discharge Did not attend after assessment." in text
    assert "Ada Ng was discharged from our care" in text
    assert "Treatment plan" not in text
    with app.app_context():
        record = db.session.scalar(select(LetterRecord))
        assert (record.kind, record.urgency, record.plan_version_id, record.paper) == (
            "discharge",
            None,
            None,
            "letter",
        )


LONG = "x" * (REASON_MAX_LENGTH + 1)
TEXT_FIELDS = ("addressee", "reason", "extra")  # kept as typed, less the spaces around


@pytest.mark.parametrize(
    ("values", "referrer", "message"),
    [
        (
            {"addressee": ""},
            "",
            "Type who the letter goes to: the patient has no referrer recorded.",
        ),
        ({"addressee": "  "}, REFERRER, "Type who the letter goes to."),
        ({"reason": "   "}, REFERRER, "Write the reason for the referral."),
        ({"reason": "", "kind": "discharge"}, REFERRER, "Write the reason for the discharge."),
        ({"urgency": ""}, REFERRER, "Choose how urgent the referral is."),
        ({"reason": LONG}, REFERRER, f"Keep this to {REASON_MAX_LENGTH} characters or fewer."),
        ({"addressee": "x" * 501}, REFERRER, "Keep this to 500 characters or fewer."),
        ({"urgency": "whenever"}, REFERRER, "Not a valid choice."),
        ({"kind": "thank_you"}, REFERRER, "Not a valid choice."),
    ],
)
@pytest.mark.parametrize("step", ["preview", "issue"])
def test_bad_input_is_refused_with_what_was_typed_kept_and_nothing_saved(
    app, client, plan_id, values, referrer, message, step
):
    patient_id = _patient_of(app, plan_id)
    with app.app_context():
        db.session.get(Patient, patient_id).referrer = referrer
        db.session.commit()
    url = f"/patients/{patient_id}/letters" + ("/preview" if step == "preview" else "")
    typed = _typed(client, patient_id, extra="Kept as typed.", **values)
    response = client.post(url, data=typed)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    kept = form_values(page, "letter-form")
    typed_text = {name: value for name, value in values.items() if name in TEXT_FIELDS}
    assert {name: kept[name] for name in typed_text} == {
        name: value.strip() for name, value in typed_text.items()
    }
    assert kept["extra"] == "Kept as typed."
    assert "Nothing was saved" in page
    assert _letters(app) == 0


def test_a_referral_without_a_finalised_assessment_says_what_is_missing(app, client, me):
    with app.app_context():
        patient = make_patient(author=signed_in_user(), referrer=REFERRER)
        make_assessment(patient)  # a draft only
        patient_id = patient.id
    form = client.get(f"/patients/{patient_id}/letters/new").get_data(as_text=True)
    assert "finalise the assessment first" in form  # said before anything is typed
    response = _issue(client, patient_id, extra="Kept as typed.")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "A referral letter gives the findings of a finalised assessment" in page
    assert "Nothing was saved" in page
    assert f'href="/patients/{patient_id}"' in page  # where to finish or start one
    assert form_values(page, "letter-form")["extra"] == "Kept as typed."
    assert _letters(app) == 0


def test_a_clinic_the_doctor_cannot_reply_to_sends_no_letter(app, client, plan_id):
    patient_id = _patient_of(app, plan_id)
    with app.app_context():
        clinic = signed_in_user().clinic
        clinic.phone, clinic.email = "", ""
        db.session.commit()
    response = _issue(client, patient_id)
    assert response.status_code == 400
    assert "the doctor needs a way to reply" in response.get_data(as_text=True)
    assert _letters(app) == 0


def test_issuing_is_audited_listed_on_the_patient_page_and_exported(app, client, plan_id):
    patient_id = _patient_of(app, plan_id)
    client.post(f"/patients/{patient_id}/letters/preview", data=_typed(client, patient_id))
    location = _issue(client, patient_id).headers["Location"]
    client.get(location)
    with app.app_context():
        record = db.session.scalar(select(LetterRecord))
        actions = [
            (entry.action, entry.record_type, entry.record_id)
            for entry in db.session.scalars(
                select(AuditEntry)
                .where(AuditEntry.patient_id == patient_id)
                .order_by(AuditEntry.sequence)
            )
        ]
    assert ("view_letter_preview", "patient", patient_id) in actions
    assert ("issue_letter", "letter", record.id) in actions
    assert ("download_letter", "letter", record.id) in actions
    page = client.get(f"/patients/{patient_id}").get_data(as_text=True)
    assert f'href="/letters/{record.id}.pdf"' in page
    assert "Referral letter (urgent)" in page
    exported = client.get(f"/patients/{patient_id}/export.json").get_json()["letters"]
    assert [(item["id"], item["reason"], item["urgency"]) for item in exported] == [
        (record.id, REASON, "urgent")
    ]


@pytest.mark.parametrize("role", [Role.ADMIN, Role.FRONT_DESK])
def test_only_clinicians_write_or_read_letters(app, client, auth, role):
    with app.app_context():
        clinician = make_user()
        patient = make_patient(author=clinician, referrer=REFERRER)
        make_assessment(patient, record=PLAN_RECORD, finalised=True)
        letter = make_letter(patient, author=clinician)
        other = make_user(clinic=clinician.clinic, role=role)
        patient_id, letter_id, email = patient.id, letter.id, other.email
    auth.login(email)
    token = csrf_token_from(client.get("/").get_data(as_text=True))
    assert client.get(f"/patients/{patient_id}/letters/new").status_code == 403
    assert client.get(f"/letters/{letter_id}.pdf").status_code == 403
    for url in (f"/patients/{patient_id}/letters", f"/patients/{patient_id}/letters/preview"):
        assert client.post(url, data={"csrf_token": token}).status_code == 403
    page = client.get(f"/patients/{patient_id}").get_data(as_text=True)
    assert "/letters/" not in page


def test_another_clinics_letters_are_not_found(app, client, me):
    with app.app_context():
        theirs = make_user(clinic=make_clinic(name="Theirs"))
        patient = make_patient(author=theirs)
        make_assessment(patient, record=PLAN_RECORD, finalised=True)
        letter_id = make_letter(patient, author=theirs).id
        patient_id = patient.id
    assert client.get(f"/letters/{letter_id}.pdf").status_code == 404
    assert client.get(f"/patients/{patient_id}/letters/new").status_code == 404


def test_an_altered_pdf_is_not_served(app, client, me):
    with app.app_context():
        patient = make_patient(author=signed_in_user())
        letter = make_letter(patient, author=signed_in_user())
        letter.pdf = b"%PDF-1.7 something else"
        db.session.commit()
        letter_id = letter.id
    response = client.get(f"/letters/{letter_id}.pdf")
    assert response.status_code == 409
    assert "altered" in response.get_data(as_text=True)
