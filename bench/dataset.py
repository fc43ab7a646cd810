"""The bench's data: the large one-clinic dataset (built by ``demo-data`` when absent) and the
records each measured page needs, which the generator does not promise, made once with the
test builders (tests/factories.py) by a clinician of the bench's own in the largest clinic."""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from flask import Flask
from sqlalchemy import func, select, text

from bench.handouts import EXERCISES
from practice import create_app
from practice.clinic.services import handout_readiness
from practice.extensions import db
from practice.handouts import services as handout_services
from practice.models import Assessment, Clinic, HandoutRecord, Paper, Patient, TreatmentPlan, User
from tests.factories import FINDINGS_RECORD, make_assessment, make_patient, make_plan, make_user

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = Path("/tmp/bench-data/practice-100k-one-clinic.db")  # noqa: S108 (shared with the generator)
DEFAULT_PATIENTS = 100_000
CLINICS = 20
BENCH_EMAIL = "bench@bench.example"
BENCH_NAME = "Bench Clinician"
# The patient whose page shows 20 assessments: 19 finalised and the draft that section saves
# write to. A name no generated patient has, so it is also the rare-name search.
RECORD_PATIENT = {"given_names": "Rosalind", "family_name": "Quarterman"}
ASSESSMENTS = 20
CONTACT_EMAIL = "reception@bench.example"  # only when the clinic has no way to be contacted


@dataclass(frozen=True)
class Fixtures:
    clinic_id: int
    patients: int  # in the clinic
    user_id: int
    email: str
    password: str  # new for every run, kept nowhere
    record_patient_id: int
    finalised_assessment_id: int
    draft_assessment_id: int
    issued_plan_id: int
    issued_version_id: int
    draft_plan_id: int
    handout_id: int
    common_prefix: str
    rare_name: str
    common_birth_date: str

    def as_json(self) -> dict[str, object]:
        return {key: value for key, value in asdict(self).items() if key != "password"}


@dataclass(frozen=True)
class Dataset:
    url: str
    work: Path  # this run's folder: the app's instance folder, gunicorn's log
    app: Flask
    fixtures: Fixtures

    @property
    def database(self) -> str:
        return self.url.partition(":")[0].partition("+")[0]

    @property
    def environment(self) -> dict[str, str]:
        """What gunicorn's workers need to serve this dataset; a sign-in's answer says how long
        its password check took (``practice.passwords``)."""
        return {
            "DATABASE_URL": self.url,
            "PRACTICE_INSTANCE_PATH": str(self.work / "instance"),
            "SERVER_TIMING": "on",
        }


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        type=Path,
        help=f"SQLite file (default: BENCH_DATABASE_URL if set, else {DEFAULT_SQLITE}); "
        "built with demo-data when it holds no patient",
    )
    parser.add_argument(
        "--patients",
        type=int,
        default=DEFAULT_PATIENTS,
        help="patients to generate when the dataset is built",
    )


def open_dataset(options: argparse.Namespace) -> Dataset:
    """The dataset the options name, built when empty, with the bench's records in it, read
    once from disk into the machine's cache."""
    url = database_url(options.database)
    work = Path(tempfile.mkdtemp(prefix="practice-bench-"))
    ensure_dataset(url, work / "instance", options.patients)
    app = bench_app(url, work / "instance")
    fixtures = prepare(app)
    with app.app_context():
        read_into_cache(url)
    return Dataset(url, work, app, fixtures)


def read_into_cache(url: str) -> None:
    """Read the whole database once, so the bench measures the app and not the disk.

    A machine that has just started (or whose cache was reclaimed) holds none of the 2.4 GB
    dataset in memory: measured here, the 50-clinician load on PostgreSQL then waited on data
    file reads (p95 2.4 s once every clinician had signed in) and gave p95 58 ms once the files
    had been read. A server in production keeps its working set in memory (see the README's
    deployment section); so does the bench, by reading every table, the documents PostgreSQL
    keeps out of line (TOAST) included, and for SQLite the file."""
    started = time.monotonic()
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        with path.open("rb") as file:
            while file.read(1 << 20):
                pass
        print(f"read {path.name} into the cache in {time.monotonic() - started:.1f} s", flush=True)
        return
    db.session.execute(text("SET LOCAL enable_indexscan = off"))
    db.session.execute(text("SET LOCAL enable_indexonlyscan = off"))
    db.session.execute(text("SET LOCAL enable_bitmapscan = off"))
    columns = db.session.execute(
        text(
            "SELECT table_name, string_agg("
            "  CASE WHEN data_type IN ('json', 'jsonb') THEN format('count(%I::text)', column_name)"
            "  END, ', ')"
            " FROM information_schema.columns WHERE table_schema = current_schema()"
            " GROUP BY table_name ORDER BY table_name"
        )
    ).all()
    for table, documents in columns:
        reads = ", ".join(filter(None, ["count(*)", documents]))
        db.session.execute(text(f'SELECT {reads} FROM "{table}"'))  # noqa: S608 -- catalogue names
    db.session.rollback()
    print(
        f"read {len(columns)} tables into PostgreSQL's cache in {time.monotonic() - started:.1f} s",
        flush=True,
    )


def database_url(sqlite_file: Path | None) -> str:
    """``BENCH_DATABASE_URL`` (PostgreSQL, say), else the SQLite file given or the default."""
    if sqlite_file is None and os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    return f"sqlite:///{(sqlite_file or DEFAULT_SQLITE).resolve()}"


def flask_command(url: str, instance: Path, *arguments: str, quiet: bool = False) -> str:
    """Run ``flask --app practice ARGUMENTS`` on this database; its output when ``quiet``."""
    environment = os.environ | {"DATABASE_URL": url, "PRACTICE_INSTANCE_PATH": str(instance)}
    command = [str(Path(sys.executable).with_name("flask")), "--app", "practice", *arguments]
    if not quiet:
        print("$", " ".join(command[1:]), flush=True)
    done = subprocess.run(  # noqa: S603 (the project's own command)
        command, cwd=PROJECT, env=environment, check=True, capture_output=quiet, text=True
    )
    return done.stdout or ""


def demo_data_arguments(url: str, instance: Path, patients: int) -> list[str]:
    """``demo-data`` for ``patients`` patients, all in one clinic of a 20-clinic practice (its
    staff in every clinic) where the command can."""
    usage = flask_command(url, instance, "demo-data", "--help", quiet=True)
    arguments = ["demo-data", "--patients", str(patients)]
    if "--clinics" in usage:
        arguments += ["--clinics", str(CLINICS)]
    if "--one-clinic" in usage:
        arguments.append("--one-clinic")
    return arguments


def ensure_dataset(url: str, instance: Path, patients: int) -> None:
    """Bring the database to the newest schema (a reused dataset too: the bench measures the
    indexes of the code it runs), then build the dataset if it holds no patient yet."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    flask_command(url, instance, "init-db", quiet=True)
    app = bench_app(url, instance)
    with app.app_context():
        has_patients = bool(db.session.scalar(select(func.count()).select_from(Patient)))
        db.engine.dispose()
    if not has_patients:
        flask_command(url, instance, *demo_data_arguments(url, instance, patients))


def bench_app(url: str, instance: Path) -> Flask:
    os.environ["PRACTICE_INSTANCE_PATH"] = str(instance)
    return create_app({"SQLALCHEMY_DATABASE_URI": url})


def prepare(app: Flask) -> Fixtures:
    """Find or make every record the bench reads or writes; safe to run again and again."""
    with app.app_context():
        clinic_id, patients = db.session.execute(
            select(Patient.clinic_id, func.count())
            .group_by(Patient.clinic_id)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
        clinic = db.session.get(Clinic, clinic_id)
        if not handout_readiness(clinic).can_be_contacted:
            clinic.email = CONTACT_EMAIL
        password = secrets.token_urlsafe(18)
        user = db.session.scalar(select(User).where(User.email == BENCH_EMAIL))
        if user is None:
            user = make_user(
                email=BENCH_EMAIL, display_name=BENCH_NAME, password=password, clinic=clinic
            )
        else:
            user.set_password(password)
        db.session.commit()
        record_patient, finalised, draft = _record_patient(user)
        issued, draft_plan, handout = _plans(user)
        return Fixtures(
            clinic_id=clinic_id,
            patients=patients,
            user_id=user.id,
            email=BENCH_EMAIL,
            password=password,
            record_patient_id=record_patient.id,
            finalised_assessment_id=finalised.id,
            draft_assessment_id=draft.id,
            issued_plan_id=issued.id,
            issued_version_id=issued.current.id,
            draft_plan_id=draft_plan.id,
            handout_id=handout.id,
            common_prefix=_common_family_name(clinic_id)[:3].lower(),
            rare_name=RECORD_PATIENT["family_name"].lower(),
            common_birth_date=_common_birth_date(clinic_id).isoformat(),
        )


def _record_patient(user):
    patient = db.session.scalar(
        select(Patient).where(
            Patient.created_by_id == user.id,
            Patient.family_name == RECORD_PATIENT["family_name"],
        )
    )
    if patient is None:
        patient = make_patient(author=user, date_of_birth=date(1961, 4, 9), **RECORD_PATIENT)
    assessments = db.session.scalars(
        select(Assessment).where(Assessment.patient_id == patient.id).order_by(Assessment.id)
    ).all()
    finalised = [item for item in assessments if not item.is_draft]
    drafts = [item for item in assessments if item.is_draft]
    for number in range(len(finalised), ASSESSMENTS - 1):
        if drafts:
            raise RuntimeError(f"patient {patient.id}: a draft stands before the finalised ones")
        finalised.append(
            make_assessment(
                patient, record=FINDINGS_RECORD, finalised=True, seen_on=date(2024, 1, 1 + number)
            )
        )
    if not drafts:
        drafts.append(make_assessment(patient, record=FINDINGS_RECORD, seen_on=date(2025, 6, 2)))
    return patient, finalised[-1], drafts[0]


def _plans(user):
    plans = db.session.scalars(
        select(TreatmentPlan)
        .join(Patient, TreatmentPlan.patient_id == Patient.id)
        .where(Patient.created_by_id == user.id, TreatmentPlan.created_by_id == user.id)
        .order_by(TreatmentPlan.id)
    ).all()
    issued = next((plan for plan in plans if not plan.current.is_draft), None)
    issued = issued or make_plan(user, exercises=EXERCISES)
    draft = next((plan for plan in plans if plan.current.is_draft), None)
    draft = draft or make_plan(user, issue=False)
    handout = db.session.scalar(
        select(HandoutRecord).where(HandoutRecord.plan_version_id == issued.current.id).limit(1)
    )
    if handout is None:
        content = handout_services.home_exercise_content(issued.current, therapist=user)
        handout = handout_services.issue_handout(
            content, patient=issued.patient, version=issued.current, paper=Paper.A4, author=user
        )
        db.session.commit()
    return issued, draft, handout


def _common_family_name(clinic_id: int) -> str:
    return db.session.scalar(
        select(Patient.family_name)
        .where(Patient.clinic_id == clinic_id)
        .group_by(Patient.family_name)
        .order_by(func.count().desc(), Patient.family_name)
        .limit(1)
    )


def _common_birth_date(clinic_id: int) -> date:
    return db.session.scalar(
        select(Patient.date_of_birth)
        .where(Patient.clinic_id == clinic_id)
        .group_by(Patient.date_of_birth)
        .order_by(func.count().desc(), Patient.date_of_birth)
        .limit(1)
    )
