"""Random, unicode, over-long and malformed posts to every form of the app (issue 12 point 7):
never a 500, and a refused post leaves no row behind.

Each form is read from its page as a browser sees it (every field and the options of each
choice) and posted with Hypothesis-drawn values: any text, control characters, a megabyte,
numbers out of range, dates that do not exist, choices that were never offered, and hidden
fields (codes, versions) altered.
``EXAMPLES`` posts are made per form; set ``FUZZ_EXAMPLES`` for a longer hunt.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from practice.assessments.sections import SECTIONS
from practice.extensions import db
from practice.models import Role
from tests.conftest import AuthActions, csrf_token_from
from tests.factories import (
    make_assessment,
    make_patient,
    make_plan,
    make_records_of_every_kind,
    make_user,
    signed_in_user,
)
from tests.html_forms import PostForm, post_forms

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))

ODD_TEXT = st.sampled_from(
    [
        "",
        " ",
        "-1",
        "0",
        "1e308",
        "NaN",
        "Infinity",
        "9" * 40,
        "2026-13-45",
        "0000-00-00",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "\x00",
        "a\x00b",
        "\u202e\u2066",
        "x" * 100_000,
        "ß" * 3000,
    ]
)
ANY_TEXT = st.one_of(ODD_TEXT, st.text(max_size=40))


@dataclass(frozen=True)
class FormPage:
    name: str
    url: str
    role: Role


def _pages(records: dict, draft_assessment: int, draft_plan: int) -> list[FormPage]:
    clinician = [
        FormPage("new patient", "/patients/new", Role.CLINICIAN),
        FormPage("patient details", f"/patients/{records['patient_id']}/edit", Role.CLINICIAN),
        FormPage("patient page", f"/patients/{records['patient_id']}", Role.CLINICIAN),
        FormPage("draft plan", f"/plans/{draft_plan}", Role.CLINICIAN),
        FormPage("issued plan", f"/plans/{records['plan_id']}", Role.CLINICIAN),
        FormPage("assessment", f"/assessments/{draft_assessment}", Role.CLINICIAN),
        FormPage("own password", "/account/password", Role.CLINICIAN),
    ] + [
        FormPage(
            f"section {key}", f"/assessments/{draft_assessment}/sections/{key}", Role.CLINICIAN
        )
        for key in SECTIONS
    ]
    admin = [
        FormPage("clinic settings", "/clinic/settings", Role.ADMIN),
        FormPage("new exercise", "/catalogue/new?type=exercise", Role.ADMIN),
        FormPage("new technique", "/catalogue/new?type=technique", Role.ADMIN),
        # Last: a drawn role change may take the asking admin's own rights away.
        FormPage("users", "/clinic/users", Role.ADMIN),
    ]
    return clinician + admin


def _row_count() -> int:
    """Rows in every table, in one statement."""
    counts = [
        select(func.count()).select_from(table).scalar_subquery()
        for table in db.metadata.sorted_tables
    ]
    total = counts[0]
    for count in counts[1:]:
        total = total + count
    return db.session.scalar(select(total))


def _values(form: PostForm) -> st.SearchStrategy[dict[str, str]]:
    fields = {name: ANY_TEXT for name in form.text_fields}
    for name, value in form.hidden.items():
        if name != "csrf_token":  # a hidden code or version, as sent or altered
            fields[name] = st.one_of(st.just(value), ANY_TEXT)
    for name, options in form.choices.items():
        offered = [option for option in options if option] or [""]
        fields[name] = st.one_of(st.sampled_from(offered), ANY_TEXT)  # offered, or tampered
    return st.fixed_dictionaries(fields)


@pytest.fixture
def pages(app, me):
    with app.app_context():
        author = signed_in_user()
        records = make_records_of_every_kind(author)
        draft_assessment = make_assessment(make_patient(author=author)).id
        draft_plan = make_plan(author, issue=False).id
        make_user(email="admin@fuzz.example", role=Role.ADMIN, clinic=author.clinic)
        return _pages(records, draft_assessment, draft_plan)


def test_no_form_answers_500_or_keeps_half_a_refused_post(app, client, pages):
    admin = app.test_client()
    AuthActions(admin).login("admin@fuzz.example")
    clients = {Role.CLINICIAN: client, Role.ADMIN: admin}
    posted = []
    for page in pages:
        asking = clients[page.role]
        html = asking.get(page.url).get_data(as_text=True)
        forms = [form for form in post_forms(html, page.url) if form.text_fields or form.choices]
        for form in forms:
            _hammer(app, asking, page, form)
            posted.append(f"{page.name} -> {form.action}")
    print(f"{len(posted)} forms x {EXAMPLES} examples")
    assert len(posted) >= 20


def _hammer(app, asking, page: FormPage, form: PostForm) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(values=_values(form))
    def post(values):
        # A drawn change may end the asking session (a role change): then it posts signed out.
        token = csrf_token_from(asking.get("/", follow_redirects=True).get_data(as_text=True))
        data = values | {"csrf_token": token}
        with app.app_context():
            before = _row_count()
        response = asking.post(form.action, data=data)
        status = response.status_code
        assert status < 500, (page.name, form.action, status)
        if status >= 400:
            with app.app_context():
                assert _row_count() == before, (page.name, form.action, status)

    post()
