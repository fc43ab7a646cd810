"""Demo data: a demo clinic, its users and the course of care of a demo patient, reproducible
from a seed. ``practice.demo.bulk`` makes many patients from these courses. Shared with tests."""

from __future__ import annotations

import math
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from practice.assessments import services as assessment_services
from practice.assessments.services import findings_of
from practice.auth.services import create_user, get_or_create_clinic
from practice.clinical.dosage import dosage_problems
from practice.clinical.goals import GoalMeasure
from practice.clinical.labels import label
from practice.clinical.outcomes import PSFS, ItemAnswer, instrument
from practice.clinical.screening import TreatmentSite, Verdict
from practice.clinical.visit_rules import (
    DAYS_PER_LOG_SHEET,
    DeliveryKind,
    ExerciseAction,
    delivery_kind,
)
from practice.clinical.vocabulary import BodyRegion, Side, TechniqueCategory
from practice.db import utcnow
from practice.demo.records import DEMO_PLAN_ITEMS, DemoPatient, DemoSession
from practice.extensions import db
from practice.models import (
    Assessment,
    Clinic,
    Patient,
    PlanItem,
    PlanVersion,
    Role,
    TreatmentPlan,
    User,
)
from practice.models.visit import VisitNote
from practice.outcomes import services as outcome_services
from practice.patients.services import PATIENT_FIELDS, add_consent, add_flag, create_patient
from practice.plans import services as plan_services
from practice.visits import services as visit_services

DEMO_CLINIC_NAME = "Demo Physiotherapy Clinic"
# Only an address that cannot be anyone's (.example is reserved, RFC 2606), so that handouts can
# be given in the demo; no street address or phone number, so that a new user meets the prompt
# to fill in the clinic settings instead of a made-up address on every handout.
DEMO_CLINIC_DETAILS = {"email": "reception@demo.example"}
DEMO_USERS = (
    ("clinician@demo.example", "Alex Morgan", Role.CLINICIAN),
    ("admin@demo.example", "Sam Patel", Role.ADMIN),
    ("frontdesk@demo.example", "Jo Reception", Role.FRONT_DESK),
)
CREDENTIALS_FILE = "demo-sign-in.txt"


@dataclass(frozen=True)
class DemoClinic:
    clinic: Clinic
    users: tuple[User, ...]
    password: str
    created: bool


def ensure_demo_clinic(instance_path: Path) -> DemoClinic:
    """The demo clinic and its users, created when absent.

    The demo password is random, never part of the code; it is kept in the instance folder so
    that ``make run`` can print it again. If that file is gone the demo users get a new one.
    """
    clinic, created = get_or_create_clinic(DEMO_CLINIC_NAME)
    if created:
        for field, value in DEMO_CLINIC_DETAILS.items():
            setattr(clinic, field, value)
    credentials = instance_path / CREDENTIALS_FILE
    password = _read_password(credentials)
    renew_password = password is None
    if renew_password:
        password = secrets.token_urlsafe(12)
    users = []
    for email, name, role in DEMO_USERS:
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            user = create_user(
                email=email, display_name=name, password=password, clinic=clinic, role=role
            )
        elif renew_password or not user.check_password(password):
            user.set_password(password)
        users.append(user)
    db.session.flush()
    _write_password(credentials, password)
    return DemoClinic(clinic=clinic, users=tuple(users), password=password, created=created)


def describe(demo: DemoClinic) -> str:
    lines = [f"Demo clinic: {demo.clinic.name}", "Sign in at http://127.0.0.1:5000/login with:"]
    lines += [f"  {user.email}  ({user.role})" for user in demo.users]
    lines.append(f"  password: {demo.password}")
    return "\n".join(lines)


def _read_password(path: Path) -> str | None:
    try:
        return path.read_text().strip() or None
    except FileNotFoundError:
        return None


def _write_password(path: Path, password: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(password + "\n")


def build_demo_course(
    person: DemoPatient, clinician: User, visit: Callable[[date], None]
) -> Patient:
    """Patient ``person`` and their course of care, written through the services as a clinician
    would: flags and consent, each visit's finalised assessment, a plan built from the latest
    one, the treatment sessions of the issued plan, and a re-assessment started and not
    finalised for some. ``visit(day)`` is called as each visit begins, so that what follows can
    be dated to it (``practice.demo.bulk``)."""
    visit(person.first_seen_on)
    values = {field: "" for field in PATIENT_FIELDS} | {
        "given_names": person.given_names,
        "family_name": person.family_name,
        "date_of_birth": person.date_of_birth,
        "sex": person.sex,
        "occupation": person.occupation,
        "activity_level": person.activity_level.value,
        "medications": person.medications,
    }
    patient = create_patient(values, author=clinician)
    for flag in person.flags:
        add_flag(
            patient,
            {
                "kind": flag.kind.value,
                "regions": [region.value for region in flag.regions],
                "side": flag.side.value if flag.side else None,
                "trimester": flag.trimester,
                "high_risk": flag.high_risk,
                "technique": flag.technique.value if flag.technique else None,
                "detail": flag.detail,
                "recorded_on": person.first_seen_on,
            },
            author=clinician,
        )
    add_consent(
        patient,
        {
            "subject": "treatment",
            "consent_type": "verbal",
            "scope": "course",
            "given_by": "patient",
            "capacity_confirmed": True,
            "risks_discussed": "",
            "given_on": person.first_seen_on,
        },
        author=clinician,
    )
    latest = None
    for number, (record, seen_on) in enumerate(person.visits):
        if number:
            visit(seen_on)
        latest = _finalised_assessment(patient, clinician, record, seen_on, person.impression)
    _demo_plan(latest, clinician, issue=person.issue_plan)
    version = visit_services.current_plan_version(patient)
    for session in person.sessions if version is not None else ():
        visit(session.seen_on)
        _visit_note(version, session, person.activities, clinician)
    if person.in_progress_on is not None:
        visit(person.in_progress_on)
        assessment_services.start_assessment(
            patient, author=clinician, seen_on=person.in_progress_on
        )
    db.session.flush()
    return patient


def _finalised_assessment(patient, clinician, record, seen_on, impression) -> Assessment:
    assessment = assessment_services.start_assessment(patient, author=clinician, seen_on=seen_on)
    assessment_services.store_record(assessment, record)
    assessment.impression = impression
    db.session.flush()
    assessment_services.finalise(assessment, author=clinician)
    return assessment


def _improved_target(measure: GoalMeasure) -> tuple[str, Decimal]:
    """A demo goal: half the pain, or a tenth more range, force or distance."""
    step = max(measure.current / (2 if measure.better == "lower" else 10), Decimal(1))
    if measure.better == "lower":
        comparator, target = "<=", max(measure.current - step, measure.minimum)
    else:
        comparator, target = ">=", min(measure.current + step, measure.maximum)
    return comparator, target.to_integral_value() if measure.whole else target.quantize(step)


DEMO_PLAN_WEEKS = 6


def _demo_plan(assessment: Assessment, clinician: User, *, issue: bool) -> None:
    """A plan of the best-ranked proposals that screening does not block.

    The plan is made at the visit and reviewed six weeks later; ``practice.demo.bulk`` dates
    every course so that this falls after today (a handout never says "we will check on" a day
    already past).

    Blocked proposals stay in the builder for the clinician to see (a draft plan shows them
    with their reasons); a precaution is acknowledged as a clinician would after reading it:
    once per plan, by the first item it applies to, which covers the later ones.
    """
    plan = plan_services.start_plan(assessment, author=clinician)
    usable = [
        proposed
        for proposed in plan_services.proposals(plan)
        if proposed.result.verdict is not Verdict.CONTRAINDICATED
        # Demo patients consent to treatment only; dry needling needs its own consent (10.3).
        and proposed.item.category is not TechniqueCategory.DRY_NEEDLING
    ]
    chosen, seen = [], set()
    for proposed in usable:
        if proposed.item.id not in seen and len(chosen) < DEMO_PLAN_ITEMS:
            chosen.append(proposed)
            seen.add(proposed.item.id)
    for proposed in chosen:
        site = proposed.proposal.site
        electrotherapy = proposed.item.category is TechniqueCategory.ELECTROTHERAPY
        plan_services.add_item(
            plan,
            proposed.item,
            site=site,
            dosage=proposed.item.dosage,
            reason=proposed.proposal.reason,
            author=clinician,
            lock=plan.current.lock_version,
            acknowledge_precaution=_needs_acknowledgement(plan, proposed, site),
            electrode_placement=f"Over the {label(site.region).lower()}" if electrotherapy else "",
        )
    review_on = assessment.seen_on + timedelta(weeks=DEMO_PLAN_WEEKS)
    measure = next(
        (
            measure
            for measure in plan_services.available_goal_measures(plan)
            if measure.current  # something measured that can still improve
        ),
        None,
    )
    if measure is not None:
        comparator, target = _improved_target(measure)
        plan_services.add_goal(
            plan,
            measure_code=measure.code,
            comparator=comparator,
            target=target,
            target_on=review_on,
            author=clinician,
            lock=plan.current.lock_version,
        )
    plan_services.set_schedule(
        plan,
        sessions_per_week=1,
        duration_weeks=DEMO_PLAN_WEEKS,
        review_on=review_on,
        author=clinician,
        lock=plan.current.lock_version,
    )
    if issue and chosen and measure is not None:
        plan_services.issue(plan, author=clinician, lock=plan.current.lock_version)


def _needs_acknowledgement(
    plan: TreatmentPlan, proposed: plan_services.ScreenedProposal, site: TreatmentSite
) -> bool:
    """Whether the builder asks for the precaution tick: a precaution that no acknowledgement
    already on the plan covers (``plans.services.covering_acknowledgements``)."""
    findings = findings_of(plan.assessment)
    return (
        plan_services.screen_item(proposed.item, site, plan.assessment, findings).verdict
        is Verdict.PRECAUTION
        and plan_services.covering_acknowledgements(
            plan.current, plan.assessment, proposed.item, site, findings
        )
        is None
    )


def _visit_note(
    version: PlanVersion, session: DemoSession, activities: tuple[str, ...], clinician: User
) -> VisitNote:
    """The note of one treatment session, with the PSFS when it is rated that day, signed unless
    the session says it was left a draft.

    The session happens now: ``practice.demo.bulk`` moves every moment of a visit to its day.
    The PSFS is re-rated on the activities the outcomes form offers again (the episode's latest).
    """
    occurred_at = utcnow()
    deliveries = _deliveries(version, visit_services.screening_day(version, occurred_at.date()))
    days_done = {
        entry.id: _days_done(entry, session.log_weeks, percent)
        for entry, percent in zip(
            visit_services.home_exercises(version), session.adherence_percent, strict=False
        )
    }
    content = visit_services.NoteContent(
        occurred_at=occurred_at,
        subjective=session.subjective + (" Brought back the exercise log." if days_done else ""),
        objective="",
        treatment="",
        plan="Continue as planned; next session in a week.",
        pain_before=session.pain_before,
        pain_after=session.pain_after,
        log_weeks=session.log_weeks if days_done else None,
        deliveries=deliveries,
        days_done=days_done,
    )
    note = visit_services.start_note(version, content, author=clinician)
    if session.psfs:
        patient = version.plan.patient
        psfs = instrument(PSFS)
        named = outcome_services.previous_activities(patient, psfs, version.plan_id) or activities
        outcome_services.record_response(
            patient,
            psfs,
            recorded_on=session.seen_on,
            answers=[ItemAnswer(*answer) for answer in zip(named, session.psfs, strict=True)],
            author=clinician,
            visit=note,
        )
    if session.signed:
        visit_services.sign(note, author=clinician, expected_lock=note.lock_version)
    return note


def _deliveries(
    version: PlanVersion, day: visit_services.ScreeningDay
) -> list[visit_services.Delivery]:
    """The plan's items given as prescribed, each screened on the day as the note will be.

    What would need a written clinical reason is not given (the demo invents none); a precaution
    is acknowledged, as the clinician does after reading it. Only hands-on techniques and
    exercises are given: demo plans hold no dry needling (its own consent, 10.3) and no
    electrotherapy, whose parameters are the clinician's to record.
    """
    deliveries = []
    for entry in version.items:
        site = TreatmentSite(BodyRegion(entry.site_region), Side(entry.site_side))
        screening = visit_services.screen_delivery(entry, site, day)
        if screening.needs_reason:
            continue
        item = entry.catalogue_item
        kind = delivery_kind(item.technique_kind, is_exercise=item.is_exercise)
        delivery = visit_services.Delivery(
            entry, site, acknowledged=screening.needs_acknowledgement
        )
        if kind is DeliveryKind.EXERCISE:
            delivery.exercise_action = ExerciseAction.REVIEWED
        elif kind is DeliveryKind.HANDS_ON and (minutes := _prescribed_minutes(entry)):
            delivery.minutes = minutes
        else:
            continue
        deliveries.append(delivery)
    return deliveries


def _prescribed_minutes(entry: PlanItem) -> int | None:
    """How long a hands-on technique takes as prescribed, in whole minutes: the plan's minutes,
    else its holds and the rests between them; None when the dosage gives neither or the
    result is outside what the technique allows (``clinical.dosage``)."""
    dosage = entry.dosage
    minutes = dosage.get("minutes")
    if minutes is None and dosage.get("hold_seconds"):
        holds = dosage.get("repetitions") or 1
        seconds = dosage["hold_seconds"] * holds + (dosage.get("rest_seconds") or 0) * (holds - 1)
        minutes = math.ceil(seconds / 60)
    kind = entry.catalogue_item.technique_kind
    if minutes is None or dosage_problems({"minutes": minutes}, kind=kind):
        return None
    return int(minutes)


def _days_done(entry: PlanItem, weeks: int, percent: int) -> int:
    """The days ticked on the log: ``percent`` of the days prescribed in ``weeks``, counted as
    ``clinical.visit_rules.adherence`` counts them (every day when the dosage gives none, at
    most the seven of a sheet), so never more than the log has."""
    per_week = min(entry.dosage.get("days_per_week") or DAYS_PER_LOG_SHEET, DAYS_PER_LOG_SHEET)
    return round(per_week * weeks * percent / 100)
