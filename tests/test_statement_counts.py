"""The statements each main page sends to the database: an exact count per page (``COUNTS``),
the same whether the page shows one of what it lists or many (``FEW`` and ``MANY``).

A page that starts loading something per row (an N+1) fails the second check; a page that gains
any new statement fails the first, with the statements listed, so the change is a decision.

Counted: every statement the app sends while the request runs, the audit trail's included.
Not counted: SAVEPOINT and RELEASE, which appear only because each test runs inside one
transaction; in the app they are the BEGIN and COMMIT of the driver, not statements. Nor the
setting that lets a read's audit entry commit without waiting for the disk on SQLite
(``practice.db.without_waiting_for_the_disk``), sent only outside a transaction, which the tests
never are (PostgreSQL's rides on the entry's own statement).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event
from werkzeug.test import TestResponse

from practice import audit
from practice.assessments import services as assessment_services
from practice.assessments.sections import SECTIONS
from practice.extensions import db
from practice.models import Role, User
from tests.conftest import csrf_token_from
from tests.factories import (
    ME,
    ROWS_AT_MOST,
    make_assessment,
    make_consent,
    make_flag,
    make_handout,
    make_patient,
    make_plan,
    make_plan_version,
    make_user,
    record_with_rows,
    signed_in_user,
)
from tests.html_forms import form_values

TRANSACTION_CONTROL = re.compile(r"\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b")


@contextmanager
def counted(app: Flask):
    """The statements sent to the database while the block runs."""
    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def count(_connection, _cursor, statement, *_args) -> None:
        if not TRANSACTION_CONTROL.match(statement):
            statements.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


COLUMNS = re.compile(r"^SELECT .+? FROM ")


def listing(statements: list[str]) -> str:
    """One statement a line, a SELECT's column list left out: the table and the WHERE tell."""
    shown = (COLUMNS.sub("SELECT … FROM ", text)[:200] for text in statements)
    return "\n".join(f"  {number:2}. {text}" for number, text in enumerate(shown, 1))


@dataclass(frozen=True)
class Size:
    """How much of each thing a page lists there is."""

    clinicians: int  # the colleagues who wrote the rows: a row's author loaded per row shows
    assessments: int
    rows: int  # pain sites, strength, range of motion and spasm rows of each record
    addenda: int
    exercises: tuple[str, ...]  # the plan's exercises; massage of the thigh comes with them
    goals: int
    versions: int
    flags: int
    consents: int
    handouts: int
    users: int
    audit_entries: int


EIGHT_EXERCISES = (
    "clam-shell", "glute-bridge", "calf-stretch-wall", "ankle-pumps",
    "chin-tuck", "heel-slide", "sit-to-stand", "hamstring-stretch-towel",
)  # fmt: skip
"""The eight-exercise handout of the benchmark (bench/handouts.py)."""

FEW = Size(
    clinicians=1,
    assessments=1,
    rows=1,
    addenda=1,
    exercises=("clam-shell",),
    goals=1,
    versions=1,
    flags=1,
    consents=1,
    handouts=1,
    users=1,
    audit_entries=1,
)
MANY = Size(
    clinicians=4,
    assessments=20,
    rows=ROWS_AT_MOST,
    addenda=4,
    exercises=EIGHT_EXERCISES,
    goals=4,
    versions=5,
    flags=5,
    consents=5,
    handouts=5,
    users=12,
    audit_entries=60,
)


def colleagues(size: Size) -> list[User]:
    me = signed_in_user()
    return [make_user(clinic=me.clinic) for _ in range(size.clinicians)]


def nth(people: list[User], number: int) -> User:
    return people[number % len(people)]


def patient_records(size: Size) -> dict[str, int]:
    """A patient of the signed-in clinician's clinic with ``size`` of everything: finalised
    assessments a week apart with rows and addenda, then one with a plan of several versions
    and goals, handouts given of it, flags and consents, each row by one of the colleagues."""
    team = colleagues(size)
    patient = make_patient(author=team[0])
    start = date(2025, 1, 6)
    for number in range(size.assessments):
        make_assessment(
            patient,
            record=record_with_rows(size.rows),
            finalised=True,
            author=nth(team, number),
            seen_on=start + timedelta(weeks=number),
        )
    plan = make_plan(
        team[0],
        patient=patient,
        exercises=size.exercises,
        goals=size.goals,
        record=record_with_rows(size.rows),
    )
    assessment = plan.assessment
    for number in range(size.addenda):
        assessment_services.add_addendum(
            assessment,
            author=nth(team, number),
            reason="Late entry",
            text=f"Addendum {number + 1}",
            refers_to_on=None,
        )
    for number in range(size.versions - 1):
        make_plan_version(plan, author=nth(team, number + 1))
    for number in range(size.handouts):
        handout = make_handout(plan.current, author=nth(team, number))
    for number in range(size.flags):
        make_flag(patient, author=nth(team, number), recorded_on=date(2026, 1, 1 + number))
    for number in range(size.consents):
        make_consent(patient, author=nth(team, number))
    db.session.commit()
    return {
        "patient": patient.id,
        "assessment": assessment.id,
        "plan": plan.id,
        "handout": handout.id,
    }


def draft_records(size: Size) -> dict[str, int]:
    """A draft re-assessment with ``size.rows`` rows in each repeating section (the section
    pages list only the rows of the record)."""
    team = colleagues(size)
    patient = make_patient(author=team[0])
    make_assessment(patient, record=record_with_rows(size.rows), finalised=True)
    draft = make_assessment(patient, record=record_with_rows(size.rows), author=nth(team, 1))
    return {"draft": draft.id}


def draft_plan_records(size: Size) -> dict[str, int]:
    """A plan whose current version is a draft (the plan builder), after ``size.versions - 1``
    issued versions."""
    team = colleagues(size)
    patient = make_patient(author=team[0])
    plan = make_plan(
        team[0],
        patient=patient,
        exercises=size.exercises,
        goals=size.goals,
        record=record_with_rows(size.rows),
        issue=size.versions > 1,
    )
    for number in range(size.versions - 1):
        make_plan_version(plan, author=nth(team, number + 1), issue=number < size.versions - 2)
    return {"plan": plan.id}


def clinic_records(size: Size) -> dict[str, int]:
    """A clinic of ``size.users`` users and ``size.audit_entries`` audit entries, run by the
    admin the page is seen by."""
    me = signed_in_user()
    team = [me] + [make_user(clinic=me.clinic) for _ in range(size.users - 1)]
    patient = make_patient(author=me)
    for number in range(size.audit_entries):
        someone = nth(team, number)
        audit.record(
            "view_patient",
            actor=(someone.id, someone.email, someone.clinic_id),
            record_type="patient",
            record_id=patient.id,
            patient_id=patient.id,
        )
    db.session.commit()
    return {"patient": patient.id}


def caseload_records(size: Size) -> dict[str, int]:
    """Patients to list (two pages of them with many), each with a flag, and the signed-in
    clinician's day: draft assessments, plans due for review seen today, handouts given today
    (``size.versions`` of each)."""
    me, team = signed_in_user(), colleagues(size)
    for number in range(size.assessments + 10):
        patient = make_patient(author=nth(team, number), family_name=f"Walker{number:02d}")
        make_flag(patient, author=nth(team, number))
    for number in range(size.versions):
        patient = make_patient(author=me, family_name="Walker")
        make_assessment(patient, author=me)
        plan = make_plan(me, patient=patient, exercises=("clam-shell",))
        plan.current.review_on = date.today()
        make_assessment(patient, author=me, finalised=True, seen_on=date.today())
        make_handout(plan.current, author=nth(team, number))
    db.session.commit()
    return {}


# A visit is prepared with the records' ids (reading the page a POST is made from, as a browser
# does) and returns the request to count.
Visit = Callable[[FlaskClient, dict[str, int]], Callable[[], TestResponse]]


def get(url: str) -> Visit:
    return lambda client, ids: lambda: client.get(url.format(**ids))


def post_from(page: str, url: str, values: Callable[[str], dict[str, str]]) -> Visit:
    """POST ``url`` with ``values(page)``, read from the page the form is on."""

    def prepare(client: FlaskClient, ids: dict[str, int]):
        html = client.get(page.format(**ids)).get_data(as_text=True)
        return lambda: client.post(url.format(**ids), data=values(html))

    return prepare


_saves = itertools.count(1)


def section_form(html: str) -> dict[str, str]:
    """The section as the page shows it, with something changed: a save that writes."""
    return form_values(html) | {"presenting_complaint": f"Right hip pain, save {next(_saves)}"}


LOCK = re.compile(r'name="lock" value="(\d+)"')


def schedule_form(html: str) -> dict[str, str]:
    return {
        "csrf_token": csrf_token_from(html),
        "lock": LOCK.search(html).group(1),
        "sessions_per_week": "2",
        "duration_weeks": "6",
        "review_on": (date.today() + timedelta(weeks=6)).isoformat(),
    }


def handout_form(html: str) -> dict[str, str]:
    return {"csrf_token": csrf_token_from(html), "paper": "a4"}


@dataclass(frozen=True)
class Page:
    name: str
    records: Callable[[Size], dict[str, int]]
    visit: Visit
    status: int = 200
    role: Role = Role.CLINICIAN


PAGES = [
    Page("dashboard", caseload_records, get("/")),
    Page("patient list", caseload_records, get("/patients/")),
    Page("patient list, last page", caseload_records, get("/patients/?page=last")),
    Page("patient search", caseload_records, get("/patients/?q=walk")),
    Page("patient page", patient_records, get("/patients/{patient}")),
    Page("patient export (JSON)", patient_records, get("/patients/{patient}/export.json")),
    Page("assessment page", patient_records, get("/assessments/{assessment}")),
    Page("assessment comparison", patient_records, get("/assessments/{assessment}/compare")),
    *(
        Page(f"section {key}", draft_records, get(f"/assessments/{{draft}}/sections/{key}"))
        for key in SECTIONS
    ),
    Page(
        "section save (subjective)",
        draft_records,
        post_from(
            "/assessments/{draft}/sections/subjective",
            "/assessments/{draft}/sections/subjective",
            section_form,
        ),
        status=302,
    ),
    Page("issued plan", patient_records, get("/plans/{plan}")),
    Page("plan builder", draft_plan_records, get("/plans/{plan}")),
    Page(
        "plan save (schedule)",
        draft_plan_records,
        post_from("/plans/{plan}", "/plans/{plan}/schedule", schedule_form),
        status=302,
    ),
    Page("print page", patient_records, get("/plans/{plan}/handout")),
    Page("reprint", patient_records, get("/handouts/{handout}.pdf")),
    Page(
        "prevention print page",
        patient_records,
        get("/patients/{patient}/prevention-handout"),
    ),
    Page(
        "handout PDF (rendered)",
        patient_records,
        post_from("/plans/{plan}/handout", "/plans/{plan}/handout", handout_form),
        status=302,
    ),
    Page("clinic audit trail", clinic_records, get("/clinic/audit"), role=Role.ADMIN),
    Page("clinic users", clinic_records, get("/clinic/users"), role=Role.ADMIN),
]

COUNTS = {
    "dashboard": 10,
    "patient list": 3,
    "patient list, last page": 3,
    "patient search": 5,
    "patient page": 14,
    "patient export (JSON)": 23,
    "assessment page": 12,
    "assessment comparison": 8,
    **{f"section {key}": 6 for key in SECTIONS},
    "section save (subjective)": 6,
    "issued plan": 9,
    "plan builder": 10,
    "plan save (schedule)": 6,
    "print page": 8,
    "handout PDF (rendered)": 10,
    "reprint": 5,
    "prevention print page": 7,
    "clinic audit trail": 5,
    "clinic users": 2,
}
"""The statements of one request to each page, the audit trail's included."""


def test_every_main_page_has_its_count():
    assert {page.name for page in PAGES} == set(COUNTS)


def _groups() -> list[tuple[Callable, Role, list[Page]]]:
    """The pages by the records they show (and the role that sees them), in ``PAGES`` order:
    each set of records is built once for all its pages, which keeps this test fast."""
    groups: dict[tuple[Callable, Role], list[Page]] = {}
    for page in PAGES:
        groups.setdefault((page.records, page.role), []).append(page)
    return [(records, role, pages) for (records, role), pages in groups.items()]


@pytest.mark.parametrize(
    ("records", "role", "pages"), _groups(), ids=[records.__name__ for records, *_ in _groups()]
)
def test_pages_cost_their_statements_for_few_rows_or_many(app, client, auth, records, role, pages):
    """Each page once with few rows and once with many; a page that saves (a POST) comes after
    the pages that only read, so what it writes weighs on the few and the many alike."""
    with app.app_context():
        make_user(email=ME, role=role)
    auth.login(ME)
    seen: dict[str, dict[Size, list[str]]] = {page.name: {} for page in pages}
    for size in (FEW, MANY):
        with app.app_context():
            ids = records(size)
        for page in pages:
            page.visit(client, ids)()  # warm: the first request fills the app's caches
            request = page.visit(client, ids)
            with counted(app) as statements:
                response = request()
            assert response.status_code == page.status, (
                page.name,
                response.get_data(as_text=True)[:500],
            )
            seen[page.name][size] = statements
    problems = []
    for name, counts in seen.items():
        few, many = counts[FEW], counts[MANY]
        if len(few) != len(many):
            problems.append(
                f"{name}: {len(few)} statements with few rows, {len(many)} with many\n"
                f"few:\n{listing(few)}\nmany:\n{listing(many)}"
            )
        elif len(many) != COUNTS[name]:
            problems.append(
                f"{name}: {len(many)} statements, COUNTS says {COUNTS[name]}\n{listing(many)}"
            )
    assert not problems, "\n\n".join(problems)
