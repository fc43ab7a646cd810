"""Many demo patients, fast: a pool of courses of care written through the services, then
stamped out with bulk inserts.

Writing one patient through the services (screening, findings, the ORM) costs about 0.08 CPU-s:
over two hours for 100,000. So ``TEMPLATES`` courses (``demo.build_demo_course``) are written
through the services inside a transaction that is rolled back, read back row by row, and copied:
each copy gets a name, contact details and a date of birth of its own, a clinic and one of its
clinicians, new ids, and every date of the course moved by the same number of days (the dates
written into texts and JSON documents too), so its rows are those the app would have written.
Patient ``index`` is always made from ``(seed, index)``: a rerun tops up to N without
duplicating, and each batch commits, so an interrupted run keeps what it made.
"""

from __future__ import annotations

import bisect
import json
import random
import re
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from psycopg import sql
from sqlalchemy import Date, Table, Text, func, insert, or_, select, type_coerce
from sqlalchemy import column as column_clause
from sqlalchemy import table as table_clause

from practice.db import JSON_OR_JSONB, JSONDocument, UTCDateTime, utcnow
from practice.demo import DEMO_CLINIC_NAME, DemoClinic, build_demo_course
from practice.demo.records import MANY_FAMILY_NAMES, MANY_GIVEN_NAMES, demo_identity, demo_patient
from practice.extensions import db
from practice.handouts.services import HandoutError, home_exercise_content, issue_handout
from practice.models import (
    Addendum,
    Assessment,
    AssessmentEvent,
    Clinic,
    Consent,
    HandoutRecord,
    OutcomeItem,
    OutcomeResponse,
    Paper,
    Patient,
    PatientFlag,
    PatientSearchToken,
    PlanEvent,
    PlanGoal,
    PlanItem,
    PlanStatus,
    PlanVersion,
    Role,
    TreatmentPlan,
    User,
)
from practice.models.patient import PatientFlagRegion
from practice.models.visit import VisitAddendum, VisitItem, VisitLogEntry, VisitNote
from practice.patients.services import search_keys

TEMPLATES = 100
"""Distinct courses of care; patient ``index`` below it follows course ``index`` itself."""
BATCH_SIZE = 2000
CLINICIANS_PER_CLINIC = 5
RECENT_DAYS = 41
"""A copy's latest finalised visit falls in the last six weeks, so that the review of the plan
made at it, six weeks on, falls after today (a handout never promises a day already past); the
treatment sessions that follow it fall by today (``records.MOST_SESSIONS``)."""

STAMPED: tuple[Table, ...] = tuple(
    model.__table__
    for model in (
        Patient,
        PatientFlag,
        PatientFlagRegion,
        Consent,
        Assessment,
        AssessmentEvent,
        Addendum,
        TreatmentPlan,
        PlanVersion,
        PlanItem,
        PlanGoal,
        PlanEvent,
        VisitNote,
        VisitItem,
        VisitLogEntry,
        VisitAddendum,
        OutcomeResponse,
        OutcomeItem,
    )
)
"""The tables of a patient's record, parents first: copied from the course a patient follows."""
NOT_STAMPED = {
    "patient_search_token": "made from each copy's own name and phone (search_keys)",
    "handout_record": "a PDF takes 0.6 s: rendered for a sample only (top_up_handouts)",
    "audit_entry": "the audit trail records requests, and generating data is not one",
    "letter_record": "a letter is a PDF like a handout: written in the app, not generated",
}
"""The other tables that refer to a patient, and why a course is not copied into them."""

STAFF_ROLES = ((Role.CLINICIAN, CLINICIANS_PER_CLINIC), (Role.ADMIN, 1), (Role.FRONT_DESK, 1))
SITE_PLACES = (
    "Northfield", "Riverside", "Harbour Road", "Old Town", "Eastgate", "Westbury", "Hillcrest",
    "Meadowbank", "Station Square", "Kingsway", "Parkside", "Millbrook", "Southend Lane",
    "Abbey Green", "Castle Street", "Brookfield", "Market Hill", "Victoria Park", "Elm Grove",
    "Queensferry", "Ashford Road", "Canal Wharf", "Bridge End", "Oakwood", "St Anne's",
)  # fmt: skip


@dataclass(frozen=True)
class Site:
    """A clinic of the demo and the clinicians its patients are seen by."""

    clinic_id: int
    clinician_ids: tuple[int, ...]


def staff_email(number: int, role: Role, seat: int) -> str:
    """The sign-in of demo staff member ``seat`` of ``role`` in clinic ``number``."""
    host = "demo.example" if number == 0 else f"site{number}.demo.example"
    return f"{role.value.replace('_', '')}{seat}@{host}"


def site_name(number: int) -> str:
    if number == 0:
        return DEMO_CLINIC_NAME
    place = SITE_PLACES[(number - 1) % len(SITE_PLACES)]
    rounds = (number - 1) // len(SITE_PLACES)
    return f"{DEMO_CLINIC_NAME}, {place}" + (f" {rounds + 1}" if rounds else "")


def ensure_sites(demo: DemoClinic, count: int) -> list[Site]:
    """The demo clinic and ``count - 1`` more, each with its clinicians (the demo clinician is
    one of the demo clinic's), and in the others an admin and a front desk too. They all sign
    in with the demo password: its hash is computed once, for the demo users."""
    demo_clinician = next(user for user in demo.users if user.role == Role.CLINICIAN)
    password_hash = demo_clinician.password_hash
    sites = []
    for number in range(max(count, 1)):
        clinic = demo.clinic if number == 0 else _clinic(number)
        staff = [demo_clinician] if number == 0 else []
        for role, wanted in STAFF_ROLES:
            if number == 0 and role is not Role.CLINICIAN:
                continue  # the demo clinic's admin and front desk are the demo users
            for seat in range(1 + (number == 0), wanted + 1):
                staff.append(_staff(clinic, number, role, seat, password_hash))
        db.session.flush()
        sites.append(
            Site(clinic.id, tuple(user.id for user in staff if user.role == Role.CLINICIAN))
        )
    db.session.commit()
    return sites


def _clinic(number: int) -> Clinic:
    name = site_name(number)
    clinic = db.session.scalar(select(Clinic).where(Clinic.name == name))
    if clinic is None:
        # An address that cannot be anyone's (RFC 2606), as the demo clinic has.
        clinic = Clinic(name=name, email=f"reception@site{number}.demo.example")
        db.session.add(clinic)
    return clinic


def _staff(clinic: Clinic, number: int, role: Role, seat: int, password_hash: str) -> User:
    email = staff_email(number, role, seat)
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        rng = random.Random(email)  # noqa: S311 (reproducible demo data, not security)
        given = rng.choice(MANY_GIVEN_NAMES[rng.choice(["female", "male"])])
        user = User(
            clinic=clinic,
            email=email,
            display_name=f"{given} {rng.choice(MANY_FAMILY_NAMES)}",
            role=role,
        )
        db.session.add(user)
    user.password_hash = password_hash  # the demo password, renewed with the demo users'
    return user


# Reading a course back -----------------------------------------------------------------------

_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
DATE_IN_TEXT = re.compile(rf"\b(?:(\d{{4}}-\d{{2}}-\d{{2}})|(\d{{1,2}}) ({_MONTHS}) (\d{{4}}))\b")
"""The dates the services write into texts and documents: ISO in JSON, "05 Oct 2026" in
event details (``%d %b %Y``), "5 Oct 2026" in goal texts (``clinical.goals.goal_text``)."""
UNPADDED_DAYS = {("plan_goal", "text")}
"""Texts whose day has no leading zero (``clinical.goals.goal_text``)."""
TIME_STEP = timedelta(seconds=40)
"""Between two successive moments of one visit (saving, finalising, adding an item...)."""
OPENING = time(8, 0, tzinfo=UTC)


def _dated_pieces(value: str, unpadded: bool) -> list[str | tuple[date, str]] | None:
    """``value`` cut around its dates, each date with the format it is written in; None when it
    holds none."""
    pieces: list[str | tuple[date, str]] = []
    last = 0
    for match in DATE_IN_TEXT.finditer(value):
        iso, day, month, year = match.groups()
        try:
            if iso:
                found, style = date.fromisoformat(iso), "iso"
            else:
                found = datetime.strptime(f"{day} {month} {year}", "%d %b %Y").date()
                style = "unpadded" if unpadded else "padded"
        except ValueError:
            continue
        pieces += [value[last : match.start()], (found, style)]
        last = match.end()
    if not pieces:
        return None
    return [*pieces, value[last:]]


def _written(day: date, style: str) -> str:
    if style == "iso":
        return day.isoformat()
    if style == "unpadded":
        return f"{day.day} {day:%b %Y}"
    return f"{day:%d %b %Y}"


@dataclass(frozen=True)
class _Row:
    """One row of a course: its constant values, and how each of the others is made for a copy:
    ``("id", table, n)`` the n-th new id of that table, ``("clinic",)``, ``("user",)``,
    ``("date", day)`` and ``("text", pieces)`` moved by the copy's shift, ``("time", visit,
    step)`` a moment of the copy's visit."""

    values: dict[str, Any]
    made: tuple[tuple[str, tuple], ...]


@dataclass(frozen=True)
class _Course:
    sex: str
    date_of_birth: date
    visits: tuple[date, ...]
    rows: dict[str, list[_Row]]
    shift: tuple[int, int]  # the days a copy may move it by, earliest and latest

    def count(self, table: str) -> int:
        return len(self.rows[table])


def _own_id(table: Table):
    keys = list(table.primary_key.columns)
    return keys[0] if len(keys) == 1 and keys[0].name == "id" else None


def _read_back(patient_ids: list[int]) -> dict[str, dict[int, list[dict[str, Any]]]]:
    """Every row of the patients' records, by table and patient, in the order they were made;
    JSON documents as stored (not decoded)."""
    rows: dict[str, dict[int, list[dict[str, Any]]]] = {}
    owner_of: dict[str, dict[int, int]] = {}  # table -> row id -> patient id
    for table in STAMPED:
        columns = [
            type_coerce(column, JSON_OR_JSONB).label(column.name)
            if isinstance(column.type, JSONDocument)
            else column
            for column in table.columns
        ]
        if table.name == "patient":
            link, owners = table.c.id, {patient_id: patient_id for patient_id in patient_ids}
        else:
            link = next(
                column
                for column in table.columns
                for key in column.foreign_keys
                if key.column.table.name in owner_of and key.column.table is not table
            )
            owners = owner_of[next(iter(link.foreign_keys)).column.table.name]
        statement = select(*columns).where(link.in_(list(owners))).order_by(*table.primary_key)
        by_patient: dict[int, list[dict[str, Any]]] = {patient_id: [] for patient_id in patient_ids}
        own_id = _own_id(table)
        owner_of[table.name] = {}
        for row in db.session.execute(statement).mappings():
            patient_id = owners[row[link.name]]
            by_patient[patient_id].append(dict(row))
            if own_id is not None:
                owner_of[table.name][row["id"]] = patient_id
        rows[table.name] = by_patient
    return rows


def _course(
    person, rows: dict[str, list[dict[str, Any]]], marks: list[tuple[datetime, date]], today: date
) -> _Course:
    """What a copy of one course is made from (``_Row``)."""
    mark_times = [moment for moment, _ in marks]
    moments: dict[int, set[datetime]] = {}
    for table in STAMPED:
        for row in rows[table.name]:
            for column in table.columns:
                value = row[column.name]
                if isinstance(column.type, UTCDateTime) and value is not None:
                    visit = bisect.bisect_right(mark_times, value) - 1
                    moments.setdefault(visit, set()).add(value)
    step_of = {
        moment: (visit, step)
        for visit, found in moments.items()
        for step, moment in enumerate(sorted(found))
    }
    index_of = {
        table.name: {row["id"]: n for n, row in enumerate(rows[table.name])}
        for table in STAMPED
        if _own_id(table) is not None
    }
    compiled = {
        table.name: [_row(table, row, index_of, step_of) for row in rows[table.name]]
        for table in STAMPED
    }
    visits = tuple(day for _, day in marks)
    return _Course(
        sex=person.sex,
        date_of_birth=person.date_of_birth,
        visits=visits,
        rows=compiled,
        shift=(
            (today - timedelta(days=RECENT_DAYS) - person.visits[-1][1]).days,
            (today - max(visits)).days,
        ),
    )


def _row(table: Table, row: dict[str, Any], index_of, step_of) -> _Row:
    values: dict[str, Any] = {}
    made: list[tuple[str, tuple]] = []
    for column in table.columns:
        value = row[column.name]
        target = next(iter(column.foreign_keys)).column.table.name if column.foreign_keys else None
        if isinstance(column.type, JSONDocument) and value is not None:
            value = json.dumps(value)
        if value is None:
            values[column.name] = None
        elif column.primary_key and column.name == "id":
            made.append((column.name, ("id", table.name, index_of[table.name][value])))
        elif target in index_of:
            made.append((column.name, ("id", target, index_of[target][value])))
        elif target == "clinic":
            made.append((column.name, ("clinic",)))
        elif target == "user_account":
            made.append((column.name, ("user",)))
        elif isinstance(column.type, UTCDateTime):
            made.append((column.name, ("time", *step_of[value])))
        elif isinstance(column.type, Date):
            made.append((column.name, ("date", value)))
        elif isinstance(value, str) and (
            pieces := _dated_pieces(value, (table.name, column.name) in UNPADDED_DAYS)
        ):
            made.append((column.name, ("text", tuple(pieces))))
        else:
            values[column.name] = value
    return _Row(values, tuple(made))


def build_courses(indices: Iterable[int], seed: int, today: date) -> dict[int, _Course]:
    """Courses ``indices`` of ``seed``, written through the services in a scratch clinic and
    read back; nothing of it stays in the database."""
    indices = list(indices)
    if not indices:
        return {}
    clinic = Clinic(name=f"{DEMO_CLINIC_NAME} (courses being written)")
    author = User(
        clinic=clinic,
        email="courses@demo.invalid",
        display_name="Demo clinician",
        role=Role.CLINICIAN,
        password_hash="!",  # noqa: S106 (no password has this hash; the row is rolled back)
    )
    db.session.add_all([clinic, author])
    db.session.flush()
    written = []
    try:
        for index in indices:
            person = demo_patient(seed, index, today)
            marks: list[tuple[datetime, date]] = []

            def visit(day: date, marks=marks) -> None:
                db.session.flush()
                marks.append((utcnow(), day))

            patient = build_demo_course(person, author, visit)
            written.append((index, person, patient.id, marks))
        rows = _read_back([patient_id for _, _, patient_id, _ in written])
    finally:
        db.session.rollback()
    return {
        index: _course(
            person, {table: found[patient_id] for table, found in rows.items()}, marks, today
        )
        for index, person, patient_id, marks in written
    }


# Stamping copies -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Copy:
    """What makes patient ``index`` of a seed different from the course it follows."""

    index: int
    course: int
    site: Site
    clinician_id: int
    shift: int
    younger_by: int
    openings: tuple[int, ...]  # minutes after opening each visit starts


def copy_of(
    seed: int, index: int, sites: list[Site], *, one_clinic: bool = False, courses: int = TEMPLATES
) -> _Copy:
    """Which course patient ``index`` follows (course ``index`` itself below ``courses``), in
    which clinic and with whom, and how it is moved."""
    rng = random.Random(f"{seed}:{index}:copy")  # noqa: S311 (reproducible demo data)
    course = index if index < courses else rng.randrange(courses)
    site = sites[rng.randrange(len(sites))]
    site = sites[0] if one_clinic else site
    return _Copy(
        index=index,
        course=course,
        site=site,
        clinician_id=rng.choice(site.clinician_ids),
        shift=rng.random(),  # a fraction of the course's own range, scaled by _stamp
        younger_by=rng.randint(0, 364),
        openings=tuple(rng.randint(0, 9 * 60) for _ in range(16)),
    )


def _stamp(copy: _Copy, course: _Course, next_id: dict[str, int], seed: int, out) -> None:
    earliest, latest = course.shift
    shift = timedelta(days=earliest + round(copy.shift * (latest - earliest)))
    starts = [
        datetime.combine(day + shift, OPENING)
        + timedelta(minutes=copy.openings[number % len(copy.openings)])
        for number, day in enumerate(course.visits)
    ]
    base = dict(next_id)
    for table in STAMPED:
        rows = out[table.name]
        for row in course.rows[table.name]:
            values = row.values.copy()
            for name, (kind, *args) in row.made:
                if kind == "id":
                    values[name] = base[args[0]] + args[1]
                elif kind == "clinic":
                    values[name] = copy.site.clinic_id
                elif kind == "user":
                    values[name] = copy.clinician_id
                elif kind == "time":
                    values[name] = starts[args[0]] + args[1] * TIME_STEP
                elif kind == "date":
                    values[name] = args[0] + shift
                else:
                    values[name] = "".join(
                        piece if isinstance(piece, str) else _written(piece[0] + shift, piece[1])
                        for piece in args[0]
                    )
            rows.append(values)
        if table.name in next_id:
            next_id[table.name] += course.count(table.name)
    patient = out["patient"][-1]
    who = demo_identity(seed, copy.index, course.sex)
    keys = search_keys(
        given_names=who.given_names,
        family_name=who.family_name,
        phone=who.phone,
        reference=who.reference,
    )
    patient.update(
        given_names=who.given_names,
        family_name=who.family_name,
        phone=who.phone,
        reference=who.reference,
        email=who.email,
        date_of_birth=course.date_of_birth + shift + timedelta(days=copy.younger_by),
        sort_key=keys.sort_key,
    )
    out["patient_search_token"] += [
        {
            "patient_id": patient["id"],
            "token": token,
            "clinic_id": patient["clinic_id"],
            "sort_key": keys.sort_key,
        }
        for token in sorted(keys.tokens)
    ]


def _inserts() -> dict[str, Any]:
    """An INSERT for each table that takes its JSON documents already written as text, so no
    row's document is encoded again."""
    return {
        table.name: insert(
            table_clause(
                table.name,
                *(
                    column_clause(
                        each.name, Text() if isinstance(each.type, JSONDocument) else each.type
                    )
                    for each in table.columns
                ),
            )
        )
        for table in (*STAMPED, PatientSearchToken.__table__)
    }


def _next_ids() -> dict[str, int]:
    return {
        table.name: (db.session.scalar(select(func.max(_own_id(table)))) or 0) + 1
        for table in STAMPED
        if _own_id(table) is not None
    }


def _insert(connection, out: dict[str, list[dict[str, Any]]]) -> None:
    statements = _inserts()
    for name, rows in out.items():
        if rows:
            connection.execute(statements[name], rows)


def _copy(dbapi_connection, out: dict[str, list[dict[str, Any]]]) -> None:
    """PostgreSQL's COPY: several times faster than INSERTs over the loopback."""
    with dbapi_connection.cursor() as cursor:
        for name, rows in out.items():
            if not rows:
                continue
            names = list(rows[0])
            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(name), sql.SQL(", ").join(map(sql.Identifier, names))
            )
            with cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row([row[each] for each in names])


def _move_sequences(connection) -> None:
    """The ids were given, so each PostgreSQL sequence is moved past them."""
    for table in STAMPED:
        own_id = _own_id(table)
        if own_id is not None:
            sequence = func.pg_get_serial_sequence(table.name, own_id.name)
            maximum = select(func.max(own_id)).scalar_subquery()
            connection.execute(select(func.setval(sequence, maximum)))


class _Batches:
    """Writes each batch and commits it before the next is written, then tells ``progress``.

    On PostgreSQL a batch's COPY runs in a thread while the next batch is stamped, so that the
    server's work and ours overlap on two cores; the thread uses the session's connection only
    while the main thread leaves it alone, and the main thread commits."""

    def __init__(self, progress: Callable[[int], None] | None) -> None:
        self.progress = progress
        self.pending: tuple[Future, int] | None = None
        threaded = db.session.connection().dialect.name == "postgresql"
        self.writer = ThreadPoolExecutor(max_workers=1) if threaded else None

    def write(self, out: dict[str, list[dict[str, Any]]], size: int) -> None:
        self.finish()
        connection = db.session.connection()
        if self.writer is None:
            _insert(connection, out)
            self._commit(size)
        else:
            dbapi_connection = connection.connection.dbapi_connection
            self.pending = (self.writer.submit(_copy, dbapi_connection, out), size)

    def finish(self) -> None:
        if self.pending is not None:
            written, size = self.pending
            self.pending = None
            written.result()
            _move_sequences(db.session.connection())
            self._commit(size)

    def _commit(self, size: int) -> None:
        db.session.commit()
        if self.progress is not None:
            self.progress(size)

    def __enter__(self) -> _Batches:
        return self

    def __exit__(self, kind, error, traceback) -> None:
        try:
            if kind is None:
                self.finish()
            elif self.pending is not None:
                wait([self.pending[0]])  # the connection is ours again before the rollback
        finally:
            if self.writer is not None:
                self.writer.shutdown()
            if kind is not None:
                db.session.rollback()


def generated_count() -> int:
    """The patients of every clinic of the demo, however many a run before asked for: a rerun
    goes on from there."""
    demo_clinics = select(Clinic.id).where(
        or_(
            Clinic.name == DEMO_CLINIC_NAME,
            Clinic.name.startswith(f"{DEMO_CLINIC_NAME}, ", autoescape=True),
        )
    )
    return db.session.scalar(
        select(func.count()).select_from(Patient).where(Patient.clinic_id.in_(demo_clinics))
    )


def top_up_patients(
    sites: list[Site],
    count: int,
    *,
    seed: int,
    today: date,
    one_clinic: bool = False,
    courses: int = TEMPLATES,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Top the demo's clinics up to ``count`` patients, a batch at a time, each committed;
    ``progress(n)`` hears of each batch of n written. Returns how many were made."""
    existing = generated_count()
    copies = [
        copy_of(seed, index, sites, one_clinic=one_clinic, courses=courses)
        for index in range(existing, count)
    ]
    built = build_courses(sorted({copy.course for copy in copies}), seed, today)
    next_id = _next_ids()
    with _Batches(progress) as batches:
        for start in range(0, len(copies), batch_size):
            out: dict[str, list[dict[str, Any]]] = {
                name: [] for name in (*(table.name for table in STAMPED), "patient_search_token")
            }
            batch = copies[start : start + batch_size]
            for copy in batch:
                _stamp(copy, built[copy.course], next_id, seed, out)
            batches.write(out, len(batch))
    return len(copies)


def top_up_handouts(sites: list[Site], count: int) -> int:
    """Give the home-exercise handout of ``count`` issued plans in all (a PDF takes about 0.6 s,
    so only a sample has one), as their clinician would on the day of issue."""
    clinic_ids = [site.clinic_id for site in sites]
    existing = db.session.scalar(
        select(func.count())
        .select_from(HandoutRecord)
        .where(HandoutRecord.clinic_id.in_(clinic_ids))
    )
    made = 0
    candidates = db.session.scalars(
        select(PlanVersion)
        .where(
            PlanVersion.clinic_id.in_(clinic_ids),
            PlanVersion.status == PlanStatus.ISSUED,
            ~select(HandoutRecord.id)
            .where(HandoutRecord.plan_version_id == PlanVersion.id)
            .exists(),
        )
        .order_by(PlanVersion.id)
        .limit(max(0, count - existing) * 3)  # some plans hold no home exercise
    ).all()
    for version in candidates:
        if existing + made >= count:
            break
        try:
            content = home_exercise_content(version, therapist=version.issued_by)
        except HandoutError:
            continue
        patient = version.plan.patient
        record = issue_handout(
            content,
            patient=patient,
            version=version,
            paper=Paper(patient.clinic.default_paper),
            author=version.issued_by,
        )
        record.created_at = version.issued_at + timedelta(minutes=5)
        db.session.commit()
        made += 1
    return made
