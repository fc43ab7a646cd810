"""The clinician's day: open drafts with their age, plans due for review, patients seen lately
and today's handouts; each list the signed-in user's own (or the clinic's), read from an index."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from practice.dashboard import services
from practice.extensions import db
from practice.models import Role, User
from practice.plans import services as plan_services
from tests.factories import (
    make_assessment,
    make_handout,
    make_patient,
    make_plan,
    make_plan_version,
    make_user,
    make_visit_note,
    signed_in_user,
)
from tests.test_patient_search import _assert_served_by_an_index
from tests.test_statement_counts import counted

TODAY = datetime.now(UTC).date()


def _page(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    end = page.find("</section>", start)
    return page[start:end]


def test_open_drafts_are_the_users_own_oldest_first_with_their_age(app, client, me):
    with app.app_context():
        mine = signed_in_user()
        colleague = make_user(clinic=mine.clinic)
        old = make_patient(author=mine, given_names="Olga", family_name="Old")
        draft = make_assessment(old, seen_on=TODAY - timedelta(days=3))
        draft.created_at = datetime.now(UTC) - timedelta(days=3)
        make_assessment(make_patient(author=mine, given_names="Dana", family_name="Done"),
                        finalised=True)  # fmt: skip
        make_assessment(make_patient(author=colleague, given_names="Cole", family_name="Theirs"))
        plan = make_plan(mine, issue=False)
        discarded = make_assessment(make_patient(author=mine, family_name="Gone"))
        from practice.assessments.services import discard

        discard(discarded, author=mine, reason="Started by mistake")
        db.session.commit()
        plan_id = plan.id
    drafts = _section(_page(client), "drafts-heading")
    assert "Olga Old" in drafts
    assert "3 days" in drafts
    assert f'href="/plans/{plan_id}">Plan, version 1' in drafts
    assert drafts.index("Olga Old") < drafts.index("Ivy Stone")  # the older draft first
    for absent in ("Dana Done", "Cole Theirs", "Gone"):
        assert absent not in drafts


def test_plans_due_for_review_are_those_the_user_issued_due_within_a_week(app, client, me):
    with app.app_context():
        mine = signed_in_user()
        due = {}
        for name, days in (("Over", -2), ("Today", 0), ("Soon", 5), ("Later", 30)):
            plan = make_plan(mine, patient=make_patient(author=mine, given_names=name))
            plan.current.review_on = TODAY + timedelta(days=days)
            due[name] = plan
        superseded = make_plan(mine, patient=make_patient(author=mine, given_names="Old"))
        superseded.current.review_on = TODAY - timedelta(days=9)
        make_plan_version(superseded, author=mine)
        superseded.current.review_on = TODAY + timedelta(days=20)
        db.session.commit()
    section = _section(_page(client), "due-heading")
    assert "2 days overdue" in section
    assert "in 5 days" in section
    assert section.index("Over ") < section.index("Today ") < section.index("Soon ")
    assert "Later" not in section
    assert "Old " not in section  # its review date moved with the new version


def test_patients_seen_in_the_last_two_weeks_are_listed_once_latest_first(app, client, me):
    with app.app_context():
        mine = signed_in_user()
        twice = make_patient(author=mine, given_names="Tia", family_name="Twice")
        for days in (1, 6):
            make_assessment(twice, finalised=True, seen_on=TODAY - timedelta(days=days))
        make_assessment(make_patient(author=mine, given_names="Ray", family_name="Recent"),
                        finalised=True, seen_on=TODAY)  # fmt: skip
        make_assessment(make_patient(author=mine, given_names="Lou", family_name="Long"),
                        finalised=True, seen_on=TODAY - timedelta(days=30))  # fmt: skip
    section = _section(_page(client), "seen-heading")
    assert section.count("Tia Twice") == 1
    assert section.index("Ray Recent") < section.index("Tia Twice")
    assert "Lou Long" not in section


def test_patients_treated_at_a_signed_visit_are_seen_too(app, client, me):
    """A signed visit note counts as seeing the patient; a draft one does not yet."""
    with app.app_context():
        mine = signed_in_user()
        treated = make_plan(mine, patient=make_patient(author=mine, family_name="Treated"))
        make_visit_note(treated.current, author=mine, sign=True)
        drafted = make_plan(mine, patient=make_patient(author=mine, family_name="Drafted"))
        make_visit_note(drafted.current, author=mine)
        db.session.commit()
    section = _section(_page(client), "seen-heading")
    assert "Treated" in section
    assert "Drafted" not in section


def test_handouts_given_today_are_the_clinics(app, client, me):
    with app.app_context():
        mine = signed_in_user()
        plan = make_plan(mine)
        make_handout(plan.current, author=mine)
        yesterday = make_handout(
            make_plan(mine, patient=make_patient(author=mine, given_names="Yan")).current,
            author=mine,
        )
        yesterday.created_at = datetime.now(UTC) - timedelta(days=1, hours=1)
        make_handout(make_plan(make_user()).current)  # another clinic's
        db.session.commit()
    section = _section(_page(client), "handouts-heading")
    assert section.count("Ivy Stone") == 1
    assert "Yan" not in section


def test_front_desk_sees_no_clinical_list(app, client, auth):
    with app.app_context():
        desk = make_user(email="desk@ours.example", role=Role.FRONT_DESK)
        clinician = make_user(clinic=desk.clinic)
        make_assessment(make_patient(author=clinician, given_names="Ivy"))
        make_handout(make_plan(clinician, patient=make_patient(author=clinician)).current)
    auth.login("desk@ours.example")
    page = _page(client)
    assert "Your open drafts" not in page
    assert "Plans due for review" not in page
    assert "Handouts given today" in page


def test_the_dashboard_costs_the_same_statements_for_few_records_or_many(app, client, me):
    counts = []
    for count in (1, 6):
        with app.app_context():
            mine = signed_in_user()
            for _ in range(count):
                patient = make_patient(author=mine)
                make_assessment(patient, finalised=True, seen_on=TODAY)
                make_assessment(patient)
                plan = make_plan(mine, patient=patient)
                plan.current.review_on = TODAY
                make_handout(plan.current, author=mine)
                plan_services.revise(plan, author=mine, lock=plan.current.lock_version)
            db.session.commit()
        _page(client)
        with counted(app) as statements:
            _page(client)
        counts.append(len(statements))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize(
    "statement",
    [
        lambda user: services._draft_assessments(user),
        lambda user: services._draft_versions(user),
        lambda user: services._due_statement(user, TODAY),
        lambda user: services._assessed(user, TODAY),
        lambda user: services._treated(user, datetime.now(UTC) - timedelta(days=14)),
        lambda user: services._handouts_statement(user.clinic_id, TODAY),
    ],
    ids=[
        "draft assessments",
        "draft plans",
        "due for review",
        "assessed lately",
        "treated lately",
        "handouts today",
    ],
)
def test_every_list_reads_an_index_in_the_order_shown(app, me, statement):
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == me))
        built = statement(user)
    _assert_served_by_an_index(app, built)
