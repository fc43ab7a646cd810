import itertools

from sqlalchemy import func, inspect, select

from practice.demo import CREDENTIALS_FILE, DEMO_CLINIC_NAME, bulk
from practice.extensions import db
from practice.models import Clinic, User
from tests.factories import make_clinic, make_user


def _user(app, email):
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        return user and (user.display_name, user.role, user.clinic.name, user.registration_number)


def test_init_db_twice_changes_nothing(app, runner):
    with app.app_context():
        tables_before = sorted(inspect(db.engine).get_table_names())
    for _ in range(2):
        result = runner.invoke(args=["init-db"])
        assert result.exit_code == 0, result.output
        assert "Database is up to date." in result.output
    with app.app_context():
        assert sorted(inspect(db.engine).get_table_names()) == tables_before


def test_create_user_reads_the_password_from_stdin_and_creates_the_clinic(app, runner):
    result = runner.invoke(
        args=[
            "create-user",
            "Jo@Example.org",
            "--name",
            "Jo Bloggs",
            "--role",
            "admin",
            "--clinic",
            "Northside Physio",
            "--registration-number",
            "PH12345",
            "--password-stdin",
        ],
        input="a long enough password\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created clinic 'Northside Physio'." in result.output
    assert _user(app, "jo@example.org") == ("Jo Bloggs", "admin", "Northside Physio", "PH12345")


def test_create_user_joins_an_existing_clinic(app, runner):
    with app.app_context():
        make_clinic(name="Northside Physio")
    result = runner.invoke(
        args=[
            "create-user",
            "sam@example.org",
            "--name",
            "Sam",
            "--clinic",
            "Northside Physio",
            "--password-stdin",
        ],
        input="a long enough password\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created clinic '" not in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Clinic)) == 1
    assert _user(app, "sam@example.org")[1] == "clinician"


def test_create_user_prompts_for_the_password_twice(app, runner, auth):
    result = runner.invoke(
        args=["create-user", "kim@example.org", "--name", "Kim", "--clinic", "Eastside"],
        input="prompted password 1\nprompted password 1\n",
    )
    assert result.exit_code == 0, result.output
    assert auth.login("kim@example.org", "prompted password 1").status_code == 302


def test_create_user_refuses_a_short_password_and_writes_nothing(app, runner):
    result = runner.invoke(
        args=[
            "create-user",
            "kim@example.org",
            "--name",
            "Kim",
            "--clinic",
            "Eastside",
            "--password-stdin",
        ],
        input="short\n",
    )
    assert result.exit_code == 1
    assert "at least 12 characters" in result.output
    assert _user(app, "kim@example.org") is None
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Clinic)) == 0


def test_create_user_refuses_a_duplicate_email(app, runner):
    with app.app_context():
        make_user(email="kim@example.org")
    result = runner.invoke(
        args=[
            "create-user",
            "KIM@example.org",
            "--name",
            "Kim",
            "--clinic",
            "Eastside",
            "--password-stdin",
        ],
        input="a long enough password\n",
    )
    assert result.exit_code == 1
    assert "already exists" in result.output


def test_create_user_refuses_an_unknown_role(runner):
    result = runner.invoke(
        args=[
            "create-user",
            "kim@example.org",
            "--name",
            "Kim",
            "--clinic",
            "E",
            "--role",
            "god",
            "--password-stdin",
        ],
        input="a long enough password\n",
    )
    assert result.exit_code == 2
    assert "'god' is not one of 'admin', 'clinician'" in result.output


def test_demo_data_creates_the_clinic_once_and_prints_a_working_sign_in(
    app, runner, auth, instance_path
):
    first = runner.invoke(args=["demo-data", "--seed", "7"])
    second = runner.invoke(args=["demo-data", "--seed", "7"])
    assert first.exit_code == second.exit_code == 0
    assert first.output == second.output
    password = first.output.split("password: ")[1].split()[0]
    assert (instance_path / CREDENTIALS_FILE).read_text().strip() == password
    with app.app_context():
        clinic = db.session.scalar(select(Clinic).where(Clinic.name == DEMO_CLINIC_NAME))
        # The demo users, and colleagues of the demo clinician who see demo patients too.
        assert sorted(user.role for user in clinic.users) == [
            "admin",
            *["clinician"] * bulk.CLINICIANS_PER_CLINIC,
            "front_desk",
        ]
    assert auth.login("clinician@demo.example", password).status_code == 302


def test_demo_data_renews_a_lost_password(app, runner, auth, instance_path):
    runner.invoke(args=["demo-data"])
    (instance_path / CREDENTIALS_FILE).unlink()
    result = runner.invoke(args=["demo-data"])
    password = result.output.split("password: ")[1].split()[0]
    assert auth.login("admin@demo.example", password).status_code == 302


def test_demo_data_creates_varied_patients_once(app, runner):
    from practice.models import Assessment, Patient, PatientFlag

    for _ in range(2):
        result = runner.invoke(args=["demo-data", "--patients", "5", "--seed", "3"])
        assert result.exit_code == 0, result.output
    assert "Demo patients: 0 created, 5 in the demo clinic (seed 3)." in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Patient)) == 5
        assert db.session.scalar(select(func.count()).select_from(PatientFlag)) >= 1
        assessments = db.session.scalars(select(Assessment)).all()
        # Finalised visits, and for some a re-assessment started and not finalised yet.
        assert {assessment.status for assessment in assessments} <= {"finalised", "draft"}
        patients_assessed = {
            assessment.patient_id for assessment in assessments if assessment.is_finalised
        }
        assert len(patients_assessed) == 5
        records = [assessment.data for assessment in assessments]
    for section in ("posture", "strength", "range_of_motion", "special_tests", "spasms"):
        assert any(getattr(record, section) for record in records), section
    assert any(record.subjective.presenting_complaint for record in records)
    assert any(record.circulation.ankle_pressures for record in records)
    assert any(record.lifestyle.work_posture for record in records)


def test_demo_patients_are_reproducible_from_the_seed():
    from datetime import date

    from practice.demo.records import demo_patient

    today = date(2026, 11, 25)
    same = [demo_patient(3, index, today) for index in range(5)]
    assert same == [demo_patient(3, index, today) for index in range(5)]
    assert same != [demo_patient(4, index, today) for index in range(5)]


def test_export_patient_writes_the_whole_record(app, runner, tmp_path):
    import json

    from practice.models import AssessmentEvent, Patient

    runner.invoke(args=["demo-data", "--patients", "1", "--seed", "3"])
    with app.app_context():
        patient = db.session.scalar(select(Patient))
        patient_id, family_name = patient.id, patient.family_name
    output = tmp_path / "record.json"
    result = runner.invoke(args=["export-patient", str(patient_id), "--output", str(output)])
    assert result.exit_code == 0, result.output
    record = json.loads(output.read_text())
    assert record["patient"]["family_name"] == family_name
    assert record["assessments"][0]["findings"]
    with app.app_context():
        detail = db.session.scalar(
            select(AssessmentEvent.detail).where(AssessmentEvent.action == "exported")
        )
    assert detail == "command line"


def test_export_of_an_unknown_patient_is_an_error(runner, tmp_path):
    result = runner.invoke(args=["export-patient", "4242", "--output", str(tmp_path / "x.json")])
    assert result.exit_code == 1
    assert "There is no patient with id 4242." in result.output
    assert not (tmp_path / "x.json").exists()


def test_demo_data_builds_plans_some_with_techniques_the_flags_block(app, runner):
    from datetime import date

    from practice.models import PlanVersion, TreatmentPlan
    from practice.plans.services import proposals

    result = runner.invoke(args=["demo-data", "--patients", "10", "--seed", "1"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        statuses = set(db.session.scalars(select(PlanVersion.status)))
        assert "issued" in statuses
        plans = db.session.scalars(select(TreatmentPlan)).all()
        assert all(plan.current.items for plan in plans)
        # Issued today, so the handout never promises a check on a day already past.
        today = date.today()
        assert all(plan.current.review_on > today for plan in plans)
        assert all(goal.target_on > today for plan in plans for goal in plan.current.goals)
        blocked = {
            (plan.patient_id, proposed.item.key)
            for plan in plans
            for proposed in proposals(plan)
            if proposed.result.verdict == "contraindicated"
        }
    assert len({patient for patient, _ in blocked}) >= 2


def test_demo_sessions_follow_the_issued_plan_week_by_week():
    from datetime import date, timedelta

    from practice.demo.records import MOST_SESSIONS, demo_patient

    today = date(2026, 11, 25)
    people = [demo_patient(3, index, today) for index in range(40)]
    assert all(not person.sessions for person in people if not person.issue_plan)
    treated = [person for person in people if person.sessions]
    assert treated
    assert any(not person.sessions[-1].signed for person in treated)
    for person in treated:
        sessions = person.sessions
        issued_on = person.visits[-1][1]  # the plan is made at the latest assessment
        days = [issued_on] + [session.seen_on for session in sessions]
        assert all(6 <= (later - earlier).days <= 8 for earlier, later in itertools.pairwise(days))
        assert 2 <= len(sessions) <= MOST_SESSIONS
        assert sessions[-1].seen_on - issued_on < timedelta(days=bulk.RECENT_DAYS)
        signed = [session for session in sessions if session.signed]
        assert list(sessions[: len(signed)]) == signed  # only the last may be a draft
        pains = [session.pain_before for session in sessions]
        assert pains == sorted(pains, reverse=True)
        assert pains[0] <= person.visits[-1][0].subjective.nprs_now
        assert all(0 <= session.pain_after <= session.pain_before for session in sessions)
        rated = [session.psfs for session in sessions if session.psfs]
        assert [len(scores) for scores in rated] == [len(person.activities)] * 2
        assert rated == [signed[0].psfs, signed[-1].psfs]
        assert 3 <= len(person.activities) <= 5
        assert all(0 <= first <= last <= 10 for first, last in zip(*rated, strict=True))


def test_the_export_of_a_demo_patient_holds_their_visit_notes_and_psfs(app, runner, tmp_path):
    import json

    from practice.models.visit import VisitNote

    runner.invoke(args=["demo-data", "--patients", "3", "--seed", "3"])
    with app.app_context():
        patient_id = db.session.scalar(select(VisitNote.patient_id).limit(1))
        assert patient_id is not None
        notes = db.session.scalar(
            select(func.count()).select_from(VisitNote).where(VisitNote.patient_id == patient_id)
        )
    output = tmp_path / "record.json"
    result = runner.invoke(args=["export-patient", str(patient_id), "--output", str(output)])
    assert result.exit_code == 0, result.output
    record = json.loads(output.read_text())
    exported = record["visit_notes"]
    assert len(exported) == notes
    assert exported[0]["status"] == "signed"
    assert exported[0]["items"]
    assert exported[0]["pain_before"] is not None
    psfs = [response for response in record["outcomes"] if response["instrument"] == "psfs"]
    assert len(psfs) == 2
    assert psfs[0]["visit_note_id"] == exported[0]["id"]
    assert [item["activity"] for item in psfs[0]["items"]] == [
        item["activity"] for item in psfs[1]["items"]
    ]


def test_the_demo_clinicians_dashboard_shows_a_draft_visit_note(app, runner, client, auth):
    result = runner.invoke(args=["demo-data", "--patients", "20"])
    assert result.exit_code == 0, result.output
    password = result.output.split("password: ")[1].split()[0]
    auth.login("clinician@demo.example", password)
    page = client.get("/").get_data(as_text=True)
    drafts = page[page.index('id="drafts-heading"') :]
    assert "Visit note, " in drafts
