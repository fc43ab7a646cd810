"""Recording the PSFS from the patient page or a visit note, the bad input it refuses, and the
outcome charts of the patient page (issue 14, point 2)."""

import html
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from practice.assessments.services import assessment_lines
from practice.clinical.assessment_data import AssessmentData, Subjective
from practice.extensions import db
from practice.models import AuditEntry, OutcomeItem, Patient, PlanVersion, Role
from practice.outcomes import services
from tests.factories import (
    make_assessment,
    make_outcome_response,
    make_patient,
    make_plan,
    make_user,
    make_visit_note,
    signed_in_user,
)
from tests.html_forms import form_values, invalid_fields

ACTIVITIES = ("Climbing stairs", "Kneeling to garden", "Walking the dog")


@pytest.fixture
def plan(app, me):
    """Ivy Stone's issued plan (her finalised assessment scored pain now 5), by the clinician."""
    with app.app_context():
        found = make_plan(signed_in_user())
        return {"patient": found.patient_id, "plan": found.id, "version": found.current.id}


def _version(plan):
    return db.session.get(PlanVersion, plan["version"])


def url(patient_id: int, **query) -> str:
    extra = "&".join(f"{key}={value}" for key, value in query.items())
    return f"/patients/{patient_id}/outcomes/new" + (f"?{extra}" if extra else "")


def typed(page: str, rows, recorded_on: str = "2026-03-09") -> dict[str, str]:
    """The form of ``page`` with ``rows`` of (activity, score) typed into its first rows."""
    values = form_values(page, "outcome-form") | {"recorded_on": recorded_on}
    for number, (activity, score) in enumerate(rows):
        values[f"items-{number}-activity"] = activity
        values[f"items-{number}-score"] = str(score)
    return values


def post(client, patient_id: int, rows, **query):
    page = client.get(url(patient_id, **query)).get_data(as_text=True)
    return client.post(url(patient_id, **query), data=typed(page, rows))


def stored(app, patient_id: int) -> list[tuple]:
    """Each response as (instrument, date, total, plan, visit, [(activity, score)])."""
    with app.app_context():
        return [
            (
                response.instrument,
                response.recorded_on,
                response.total,
                response.plan_id,
                response.visit_note_id,
                [(item.activity, item.score) for item in response.items],
            )
            for response in services.patient_responses(db.session.get(Patient, patient_id))
        ]


def test_a_psfs_is_recorded_with_its_mean_and_the_episode(app, client, plan):
    response = post(client, plan["patient"], zip(ACTIVITIES, (3, 4, 4), strict=True))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/patients/{plan['patient']}#outcomes")
    assert stored(app, plan["patient"]) == [
        (
            "psfs",
            date(2026, 3, 9),
            Decimal("3.67"),
            plan["plan"],
            None,
            list(zip(ACTIVITIES, (3, 4, 4), strict=True)),
        )
    ]
    with app.app_context():
        entry = db.session.scalars(select(AuditEntry).order_by(AuditEntry.sequence.desc())).first()
        assert (entry.action, entry.record_type) == ("record_outcome", "outcome_response")
        assert entry.patient_id == plan["patient"]


def test_the_form_says_what_the_scores_mean_and_where_the_scale_comes_from(app, client, plan):
    page = html.unescape(client.get(url(plan["patient"])).get_data(as_text=True))
    assert "0</strong> (unable)" in page
    assert "10</strong> (pre-injury level)" in page
    assert "Free to use (Stratford 1995)." in page
    assert "section 9" in page


def test_a_re_rating_starts_from_the_activities_of_the_same_episode(app, client, plan):
    with app.app_context():
        patient = db.session.get(Patient, plan["patient"])
        make_outcome_response(
            patient, activities=("Old activity", "B", "C"), recorded_on=date(2026, 3, 1)
        )
        make_outcome_response(patient, activities=ACTIVITIES, recorded_on=date(2026, 3, 3))
    values = form_values(client.get(url(plan["patient"])).get_data(as_text=True), "outcome-form")
    assert [values[f"items-{n}-activity"] for n in range(5)] == [*ACTIVITIES, "", ""]
    assert all(values[f"items-{n}-score"] == "" for n in range(5))


def test_a_new_episode_does_not_inherit_another_plans_activities(app, client, me):
    with app.app_context():
        author = signed_in_user()
        first = make_plan(author)
        make_outcome_response(first.patient, activities=ACTIVITIES)
        make_plan(author, patient=first.patient)  # a new plan: a new episode
        patient_id = first.patient_id
    values = form_values(client.get(url(patient_id)).get_data(as_text=True), "outcome-form")
    assert values["items-0-activity"] == ""


def test_a_baseline_before_any_plan_is_re_rated_under_the_plan(app, client, me):
    with app.app_context():
        patient = make_patient(author=signed_in_user())
        make_outcome_response(patient, activities=ACTIVITIES)  # no plan yet
        make_plan(signed_in_user(), patient=patient)
        patient_id = patient.id
    values = form_values(client.get(url(patient_id)).get_data(as_text=True), "outcome-form")
    assert values["items-2-activity"] == ACTIVITIES[2]


SIX = [(f"Activity {n}", 5) for n in range(6)]


@pytest.mark.parametrize(
    ("rows", "invalid", "message"),
    [
        (
            [(ACTIVITIES[0], 11), (ACTIVITIES[1], 4), (ACTIVITIES[2], 4)],
            {"items-0-score"},
            "A score is a whole number from 0 to 10.",
        ),
        (
            [(ACTIVITIES[0], -1), (ACTIVITIES[1], 4), (ACTIVITIES[2], 4)],
            {"items-0-score"},
            "A score is a whole number from 0 to 10.",
        ),
        (
            [(ACTIVITIES[0], "seven"), (ACTIVITIES[1], 4), (ACTIVITIES[2], 4)],
            {"items-0-score"},
            "Not a valid integer",
        ),
        (
            [(ACTIVITIES[0], 4), ("", 4), (ACTIVITIES[2], 4)],
            {"items-1-activity"},
            "Name the activity",
        ),
        (
            [(ACTIVITIES[0], 4), (ACTIVITIES[1], ""), (ACTIVITIES[2], 4)],
            {"items-1-score"},
            "Give a score",
        ),
        (
            [(ACTIVITIES[0], 4), (ACTIVITIES[1], 4)],
            set(),
            "The PSFS has 3 to 5 activities; 2 filled in.",
        ),
        (SIX, set(), "The PSFS has 3 to 5 activities; 6 filled in."),
    ],
    ids=["above 10", "below 0", "not a number", "no activity", "no score", "two", "six"],
)
def test_bad_input_is_refused_on_the_form_with_everything_typed_kept(
    app, client, plan, rows, invalid, message
):
    response = post(client, plan["patient"], rows)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html.unescape(page)
    assert invalid_fields(page) == invalid
    values = form_values(page, "outcome-form")
    for number, (activity, score) in enumerate(rows):
        assert values[f"items-{number}-activity"] == activity
        assert values[f"items-{number}-score"] == str(score)
    assert values["recorded_on"] == "2026-03-09"
    assert stored(app, plan["patient"]) == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(OutcomeItem)) == 0


def test_a_date_in_the_future_is_refused(app, client, plan):
    page = client.get(url(plan["patient"])).get_data(as_text=True)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = client.post(
        url(plan["patient"]), data=typed(page, zip(ACTIVITIES, (3, 4, 4), strict=True), tomorrow)
    )
    assert response.status_code == 400
    assert invalid_fields(response.get_data(as_text=True)) == {"recorded_on"}
    assert stored(app, plan["patient"]) == []


def test_pain_is_not_asked_on_the_form(app, client, plan):
    assert client.get(url(plan["patient"], instrument="nprs")).status_code == 404
    assert client.get(url(plan["patient"], instrument="grc")).status_code == 404


def test_a_response_is_tied_to_a_visit_note_of_the_patient(app, client, plan):
    with app.app_context():
        note = make_visit_note(_version(plan), author=signed_in_user())
        note_id, occurred_on = note.id, note.occurred_on
    page = client.get(url(plan["patient"], visit=note_id)).get_data(as_text=True)
    assert form_values(page, "outcome-form")["recorded_on"] == occurred_on.isoformat()
    response = client.post(
        url(plan["patient"], visit=note_id),
        data=typed(page, zip(ACTIVITIES, (5, 5, 5), strict=True), occurred_on.isoformat()),
    )
    assert response.status_code == 302
    [(_, on, total, plan_id, visit_id, _)] = stored(app, plan["patient"])
    assert (on, total, plan_id, visit_id) == (occurred_on, Decimal("5.00"), plan["plan"], note_id)


def test_a_visit_note_of_another_patient_or_clinic_is_not_found(app, client, plan):
    with app.app_context():
        note = make_visit_note(_version(plan), author=signed_in_user())
        other = make_patient(author=signed_in_user())
        theirs = make_plan(make_user())
        their_note = make_visit_note(theirs.current, author=theirs.created_by)
        ids = (note.id, other.id, their_note.id, theirs.patient_id)
    note_id, other_id, their_note_id, their_patient = ids
    assert client.get(url(other_id, visit=note_id)).status_code == 404
    assert client.get(url(plan["patient"], visit=their_note_id)).status_code == 404
    assert client.get(url(their_patient)).status_code == 404
    page = client.get(url(plan["patient"])).get_data(as_text=True)
    response = client.post(
        url(other_id, visit=note_id), data=typed(page, zip(ACTIVITIES, (3, 4, 4), strict=True))
    )
    assert response.status_code == 404
    assert stored(app, other_id) == []


@pytest.mark.parametrize("role", [Role.ADMIN, Role.FRONT_DESK])
def test_only_clinicians_record_outcomes(app, client, auth, plan, role):
    with app.app_context():
        email = make_user(clinic=signed_in_user().clinic, role=role).email
    auth.logout()
    auth.login(email)
    assert client.get(url(plan["patient"])).status_code == 403
    page = client.get(f"/patients/{plan['patient']}").get_data(as_text=True)
    assert 'id="outcomes"' not in page


def test_the_patient_page_charts_pain_from_assessments_and_visits_and_the_psfs(app, client, plan):
    with app.app_context():
        author = signed_in_user()
        patient = db.session.get(Patient, plan["patient"])
        for days, (before, after) in enumerate(((4, 2), (3, 1))):
            make_visit_note(
                _version(plan),
                author=author,
                sign=True,
                pain_before=before,
                pain_after=after,
                occurred_at=_version(plan).issued_at + timedelta(days=days + 1),
            )
        make_visit_note(_version(plan), author=author, pain_before=9)  # a draft: not charted
        make_outcome_response(
            patient, scores=(2, 3, 4), activities=ACTIVITIES, recorded_on=date(2026, 3, 2)
        )
        make_outcome_response(
            patient, scores=(6, 6, 7), activities=ACTIVITIES, recorded_on=date(2026, 3, 30)
        )
    page = html.unescape(client.get(f"/patients/{plan['patient']}").get_data(as_text=True))
    assert page.count('role="img"') == 2
    assert "Assessment, pain now: 1 score, 5 on" in page
    assert "Visit, pain before treatment: 2 scores, 4 on" in page
    assert "Visit, pain after treatment: 2 scores, 2 on" in page
    assert ">before 3</text>" in page
    assert ">after 1</text>" in page
    assert "9 on" not in page  # the draft's pain
    # Pain now 5 at the assessment to 3 before treatment at the last visit: 2 down, the MCID.
    assert "−2 points (−40 %) since the baseline of 5: meets the MCID" in page
    assert "+3.33 points (+111 %) since the baseline of 3: meets the MCID (2 points)" in page
    assert page.count("Meets MCID</span>") == 2
    assert "Walking the dog: <strong>7</strong> (first 4)" in page
    assert (
        "<caption>Function (PSFS mean) over time (PSFS mean 0-10, higher = better)</caption>"
        in page
    )


def test_a_patient_with_no_scores_gets_empty_charts_and_a_way_to_record(app, client, me):
    with app.app_context():
        patient_id = make_patient(author=signed_in_user()).id
    page = client.get(f"/patients/{patient_id}").get_data(as_text=True)
    assert page.count("No scores yet") == 4  # in each chart and its description
    assert f'href="/patients/{patient_id}/outcomes/new"' in page


def test_the_assessment_pain_is_read_from_the_stored_record_as_the_codec_writes_it(app, me):
    """The chart reads pain now by its path in the stored document; a change of the document's
    shape that moved it fails here."""
    with app.app_context():
        patient = make_patient(author=signed_in_user())
        for day, score in ((2, 7), (9, None), (16, 3)):
            record = AssessmentData(subjective=Subjective(nprs_now=score))
            make_assessment(patient, record=record, finalised=True, seen_on=date(2026, 3, day))
        make_assessment(patient, record=AssessmentData(subjective=Subjective(nprs_now=9)))  # draft
        points = services.assessment_pains(assessment_lines(patient))
    assert [(point.on, point.value) for point in points] == [
        (date(2026, 3, 2), Decimal(7)),
        (date(2026, 3, 16), Decimal(3)),
    ]


def test_the_export_holds_each_response_with_its_activities(app, client, plan):
    with app.app_context():
        patient = db.session.get(Patient, plan["patient"])
        make_outcome_response(patient, scores=(1, 2, 4), activities=ACTIVITIES)
    document = client.get(f"/patients/{plan['patient']}/export.json").get_json()
    [response] = document["outcomes"]
    assert (response["instrument"], response["version"]) == ("psfs", "Stratford 1995")
    assert (response["recorded_on"], response["total"]) == ("2026-03-02", "2.33")
    assert response["plan_id"] == plan["plan"]
    assert [(item["activity"], item["score"]) for item in response["items"]] == list(
        zip(ACTIVITIES, (1, 2, 4), strict=True)
    )
