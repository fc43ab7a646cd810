"""The bulk demo generator: copies of a few courses of care, written as the app would write them,
in clinics of their own, reproducible from the seed, topped up and resumed batch by batch."""

from __future__ import annotations

import hashlib
import re
from datetime import date, timedelta

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select

from practice import create_app
from practice.catalogue.services import sync_seed_catalogue
from practice.demo import bulk, ensure_demo_clinic
from practice.demo.records import demo_identity
from practice.extensions import db
from practice.models import (
    Assessment,
    AssessmentEvent,
    OutcomeItem,
    OutcomeResponse,
    Patient,
    PatientSearchToken,
    PlanEvent,
    PlanGoal,
    PlanItem,
    PlanVersion,
    TreatmentPlan,
    User,
)
from practice.models.visit import VisitItem, VisitLogEntry, VisitNote
from practice.patients.search_keys import words
from practice.seed import load_seed_catalogue
from tests.conftest import csrf_token_from, dispose_engines

WRITE_COURSES = bulk.build_courses
TODAY = date(2026, 11, 20)
COURSES = 4  # distinct courses; the patients after the first four are copies of them


@pytest.fixture(autouse=True, scope="module")
def _courses_written_once():
    """Writing a course through the services is the slow part, and its result is plain data:
    each course is written once for the module, every test still copies and inserts it."""
    written = {}
    build = bulk.build_courses

    def build_once(indices, seed, today):
        missing = [index for index in indices if (seed, index, today) not in written]
        for index, course in build(missing, seed, today).items():
            written[seed, index, today] = course
        return {index: written[seed, index, today] for index in indices}

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bulk, "build_courses", build_once)
        yield


def generate(instance_path, count, *, seed=5, clinics=3, **options):
    demo = ensure_demo_clinic(instance_path)
    db.session.commit()
    sites = bulk.ensure_sites(demo, clinics)
    made = bulk.top_up_patients(
        sites, count, seed=seed, today=TODAY, courses=COURSES, batch_size=5, **options
    )
    return demo, sites, made


def digest() -> str:
    """A hash of every row a patient's record is made of, in key order."""
    found = hashlib.sha256()
    for table in (*bulk.STAMPED, PatientSearchToken.__table__):
        for row in db.session.execute(select(table).order_by(*table.primary_key)):
            found.update(repr(tuple(row)).encode())
    return found.hexdigest()


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_a_multi_clinic_run_copies_each_course_row_for_row(app, instance_path):
    with app.app_context():
        _, sites, made = generate(instance_path, 14)
        assert made == 14
        patients = db.session.scalars(select(Patient).order_by(Patient.id)).all()
        assert len(patients) == 14
        assert {patient.clinic_id for patient in patients} == {site.clinic_id for site in sites}
        assert count(User, User.role == "clinician") == 3 * bulk.CLINICIANS_PER_CLINIC
        assert count(TreatmentPlan) == 14  # one plan each, from the latest assessment
        assert count(PlanItem) >= 14
        assert count(PlanGoal) >= 1
        statuses = set(db.session.scalars(select(Assessment.status)))
        assert "finalised" in statuses

        def rows_of(patient):
            plan_ids = select(TreatmentPlan.id).where(TreatmentPlan.patient_id == patient.id)
            assessment_ids = select(Assessment.id).where(Assessment.patient_id == patient.id)
            version_ids = select(PlanVersion.id).where(PlanVersion.plan_id.in_(plan_ids))
            note_ids = select(VisitNote.id).where(VisitNote.patient_id == patient.id)
            response_ids = select(OutcomeResponse.id).where(
                OutcomeResponse.patient_id == patient.id
            )
            return (
                count(Assessment, Assessment.patient_id == patient.id),
                count(AssessmentEvent, AssessmentEvent.assessment_id.in_(assessment_ids)),
                count(PlanVersion, PlanVersion.plan_id.in_(plan_ids)),
                count(PlanItem, PlanItem.plan_version_id.in_(version_ids)),
                count(PlanEvent, PlanEvent.plan_id.in_(plan_ids)),
                count(VisitNote, VisitNote.patient_id == patient.id),
                count(VisitItem, VisitItem.visit_note_id.in_(note_ids)),
                count(VisitLogEntry, VisitLogEntry.visit_note_id.in_(note_ids)),
                count(OutcomeItem, OutcomeItem.response_id.in_(response_ids)),
            )

        for index, patient in enumerate(patients[COURSES:], start=COURSES):
            course = bulk.copy_of(5, index, sites, courses=COURSES).course
            assert rows_of(patient) == rows_of(patients[course]), index


def test_every_row_of_a_patient_is_in_the_patients_clinic(app, instance_path):
    with app.app_context():
        _, _sites, _ = generate(instance_path, 12)
        clinicians = {user.id: user.clinic_id for user in db.session.scalars(select(User))}
        for assessment in db.session.scalars(select(Assessment)):
            assert assessment.clinic_id == assessment.patient.clinic_id
            assert clinicians[assessment.clinician_id] == assessment.clinic_id
            assert {event.clinic_id for event in assessment.events} == {assessment.clinic_id}
        for plan in db.session.scalars(select(TreatmentPlan)):
            assert plan.clinic_id == plan.patient.clinic_id == plan.assessment.clinic_id
            for version in plan.versions:
                rows = [version, *version.items, *version.goals]
                assert {row.clinic_id for row in rows} == {plan.clinic_id}
            assert {event.clinic_id for event in plan.events} == {plan.clinic_id}
            assert {clinicians[event.actor_id] for event in plan.events} == {plan.clinic_id}
        for patient in db.session.scalars(select(Patient)):
            assert {flag.clinic_id for flag in patient.flags} <= {patient.clinic_id}
            assert {consent.clinic_id for consent in patient.consents} == {patient.clinic_id}
        tokens = db.session.execute(
            select(PatientSearchToken.clinic_id, Patient.clinic_id).join(
                Patient, Patient.id == PatientSearchToken.patient_id
            )
        ).all()
        assert tokens
        assert all(token == patient for token, patient in tokens)


def test_issued_plans_are_treated_at_signed_visits_with_the_psfs_rated_twice(app, instance_path):
    with app.app_context():
        generate(instance_path, 14)
        treated = 0
        for version in db.session.scalars(
            select(PlanVersion).where(PlanVersion.status == "issued")
        ):
            notes = db.session.scalars(
                select(VisitNote)
                .where(VisitNote.plan_version_id == version.id)
                .order_by(VisitNote.occurred_at)
            ).all()
            signed = [note for note in notes if note.is_signed]
            assert len(signed) >= 2, version.plan.patient_id
            assert all(note.is_draft for note in notes[len(signed) :])  # a draft comes last
            assert any(note.items for note in signed)
            rated = db.session.scalars(
                select(OutcomeResponse)
                .where(OutcomeResponse.patient_id == version.plan.patient_id)
                .order_by(OutcomeResponse.recorded_on)
            ).all()
            assert [response.visit_note_id for response in rated] == [signed[0].id, signed[-1].id]
            first, last = ([item.activity for item in r.items] for r in rated)
            assert first == last
            assert 3 <= len(first) <= 5
            assert {response.instrument for response in rated} == {"psfs"}
            treated += 1
        assert treated >= 3
        assert count(VisitNote, VisitNote.status == "draft") >= 1


def test_copied_notes_and_outcomes_belong_to_their_own_patients_plan(app, instance_path):
    with app.app_context():
        generate(instance_path, 14)
        clinicians = {user.id: user.clinic_id for user in db.session.scalars(select(User))}
        for note in db.session.scalars(select(VisitNote)):
            plan = note.plan_version.plan
            assert plan.patient_id == note.patient_id
            assert note.clinic_id == plan.clinic_id == note.patient.clinic_id
            assert clinicians[note.clinician_id] == note.clinic_id
            assert note.signed_by_id in {None, note.clinician_id}
            for row in [*note.items, *note.log_entries]:
                assert row.plan_item.plan_version_id == note.plan_version_id
                assert row.clinic_id == note.clinic_id
            for entry in note.log_entries:
                assert 0 <= entry.days_done <= 7 * note.log_weeks
                assert entry.plan_item.catalogue_item.is_exercise
            assert 0 <= note.pain_after <= note.pain_before <= 10
        for response in db.session.scalars(select(OutcomeResponse)):
            note = db.session.get(VisitNote, response.visit_note_id)
            assert note.patient_id == response.patient_id
            assert note.plan_version.plan_id == response.plan_id
            assert clinicians[response.created_by_id] == response.clinic_id
            assert {item.clinic_id for item in response.items} == {response.clinic_id}
            assert all(0 <= item.score <= 10 for item in response.items)


def test_one_clinic_puts_every_patient_in_the_demo_clinic(app, instance_path):
    with app.app_context():
        demo, sites, _ = generate(instance_path, 8, one_clinic=True)
        assert len(sites) == 3
        assert set(db.session.scalars(select(Patient.clinic_id))) == {demo.clinic.id}


def test_a_copy_moves_every_date_of_its_course_together(app, instance_path):
    with app.app_context():
        generate(instance_path, 14)
        for plan in db.session.scalars(select(TreatmentPlan)):
            seen_on = plan.assessment.seen_on
            created = next(event for event in plan.events if event.action == "created")
            assert created.detail == f"from the assessment of {seen_on:%d %b %Y}"
            assert created.at.date() == seen_on
            # Reviewed six weeks after the visit it was made at, a day still to come.
            assert plan.current.review_on == seen_on + timedelta(weeks=6)
            assert plan.current.review_on > TODAY
            for goal in plan.current.goals:
                when = goal.target_on
                assert goal.text.endswith(f"by {when.day} {when:%b %Y}"), goal.text
                assert goal.target_on == plan.current.review_on
        for assessment in db.session.scalars(select(Assessment)):
            assert assessment.created_at.date() == assessment.seen_on <= TODAY
            subjective = assessment.data.subjective
            assert subjective.onset_on < assessment.seen_on
            if assessment.is_finalised:
                assert assessment.finalised_at.date() == assessment.seen_on
                assert subjective.stage.derived_on == assessment.seen_on
            times = [event.at for event in assessment.events]
            assert times == sorted(times)
        for patient in db.session.scalars(select(Patient)):
            assert patient.date_of_birth < TODAY - timedelta(days=17 * 365)
        notes = db.session.scalars(select(VisitNote)).all()
        assert notes
        for note in notes:
            # After the plan was issued, at a visit of its own, and never after today.
            assert note.plan_version.issued_at < note.occurred_at
            assert note.occurred_on <= TODAY
            assert note.occurred_at <= note.created_at
            if note.is_signed:
                assert note.created_at < note.signed_at
                assert note.signed_at.date() == note.occurred_on
        for response in db.session.scalars(select(OutcomeResponse)):
            note = db.session.get(VisitNote, response.visit_note_id)
            assert response.recorded_on == note.occurred_on


def test_the_same_seed_makes_the_same_rows(scratch_database, tmp_path, monkeypatch):
    monkeypatch.setattr(bulk, "build_courses", WRITE_COURSES)  # each run writes its own
    digests = []
    for name, seed in (("first", 5), ("second", 5), ("third", 6)):
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": scratch_database(name)})
        try:
            with app.app_context():
                upgrade()
                sync_seed_catalogue(load_seed_catalogue())
                db.session.commit()
                generate(tmp_path / name, 8, seed=seed)
                assert count(VisitNote)  # the digest covers the notes and the outcomes too
                assert count(OutcomeResponse)
                digests.append(digest())
                db.session.remove()
        finally:
            dispose_engines(app)
    assert digests[0] == digests[1]
    assert digests[2] != digests[0]


def test_a_rerun_tops_up_without_duplicating(app, instance_path):
    with app.app_context():
        generate(instance_path, 7)
        names = db.session.execute(
            select(Patient.given_names, Patient.family_name).order_by(Patient.id)
        ).all()
        assert generate(instance_path, 7)[2] == 0
        # Fewer clinics this time: it goes on from the patients of all the demo's clinics.
        assert generate(instance_path, 9, clinics=1)[2] == 2
        patients = db.session.scalars(select(Patient).order_by(Patient.id)).all()
        assert [(patient.given_names, patient.family_name) for patient in patients[:7]] == names
        assert [patient.family_name for patient in patients[7:]] == [
            demo_identity(5, index, patient.sex).family_name
            for index, patient in enumerate(patients[7:], start=7)
        ]


class Interrupted(Exception):
    pass


def test_an_interrupted_run_keeps_its_batches_and_the_rerun_completes_it(app, instance_path):
    def stop_after_the_first_batch(written: int) -> None:
        raise Interrupted

    with app.app_context():
        with pytest.raises(Interrupted):
            generate(instance_path, 12, progress=stop_after_the_first_batch)
        db.session.rollback()
        assert count(Patient) == 5  # the first batch, committed
        _demo, _sites, made = generate(instance_path, 12)
        assert made == 7
        patients = db.session.scalars(select(Patient).order_by(Patient.id)).all()
        assert [patient.family_name for patient in patients] == [
            demo_identity(5, index, patient.sex).family_name
            for index, patient in enumerate(patients)
        ]


def test_generated_patients_are_found_by_every_word_of_their_names(app, instance_path):
    with app.app_context():
        generate(instance_path, 12)
        for patient in db.session.scalars(select(Patient)):
            tokens = set(
                db.session.scalars(
                    select(PatientSearchToken.token).where(
                        PatientSearchToken.patient_id == patient.id
                    )
                )
            )
            name_words = words(patient.given_names) + words(patient.family_name)
            assert set(name_words) <= tokens, patient.full_name
            if patient.phone:
                assert re.sub(r"\D", "", patient.phone) in tokens


def test_every_table_that_holds_a_patients_record_is_copied_or_said_why_not(app):
    owned = {"patient"}
    for table in db.metadata.sorted_tables:
        if any(key.column.table.name in owned for key in table.foreign_keys):
            owned.add(table.name)
    stamped = {table.name for table in bulk.STAMPED}
    assert owned == stamped | bulk.NOT_STAMPED.keys()


def test_the_pages_of_a_generated_patient_answer(app, client, instance_path):
    with app.app_context():
        demo, _sites, _ = generate(instance_path, 6, clinics=1, one_clinic=True)
        copies = db.session.scalars(select(Patient).order_by(Patient.id).offset(COURSES)).all()
        pages = []
        for patient in copies:
            pages.append(f"/patients/{patient.id}")
            plan = db.session.scalar(
                select(TreatmentPlan).where(TreatmentPlan.patient_id == patient.id)
            )
            pages += [f"/assessments/{plan.assessment_id}", f"/plans/{plan.id}"]
            if plan.current.status == "issued":
                pages.append(f"/plans/{plan.id}/handout")
            notes = db.session.scalars(
                select(VisitNote.id).where(VisitNote.patient_id == patient.id)
            )
            pages += [f"/visits/{note_id}" for note_id in notes]
        password = demo.password
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    client.post(
        "/login",
        data={"email": "clinician@demo.example", "password": password, "csrf_token": token},
    )
    assert any(page.endswith("/handout") for page in pages)
    assert any(page.startswith("/visits/") for page in pages)
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
