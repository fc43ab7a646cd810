"""Builders for test data: ``make_<model>(**overrides)``. Call inside an app context."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from practice.auth.services import create_user, get_or_create_clinic
from practice.clinical.assessment_data import (
    AssessmentData,
    RangeOfMotion,
    SpasmPattern,
    SpasmTiming,
    Strength,
    Subjective,
)
from practice.clinical.screening import TreatmentSite
from practice.clinical.vocabulary import BodyRegion, CrampTrigger, Side
from practice.extensions import db
from practice.models import CatalogueItem, Clinic, Patient, PatientFlag, Role, TreatmentPlan, User
from practice.patients.services import PATIENT_FIELDS, add_flag, create_patient
from practice.plans import services as plan_services

DEFAULT_PASSWORD = "correct horse battery staple"
ME = "me@ours.example"  # the clinician the ``me`` fixture signs in
_sequence = itertools.count(1)

# Weak right hip and quadriceps, a stiff left ankle, night cramps in the left calf: a record
# that gives the plan builder exercises, techniques and cramp advice to propose.
PLAN_RECORD = AssessmentData(
    subjective=Subjective(presenting_complaint="Right hip weakness", nprs_now=5, nprs_worst=7),
    strength=(
        Strength("gluteus_medius", Side.LEFT, 5, force_newtons=Decimal("200")),
        Strength("gluteus_medius", Side.RIGHT, 3, force_newtons=Decimal("120")),
        Strength("quadriceps", Side.RIGHT, 3),
        Strength("quadriceps", Side.LEFT, 5),
    ),
    range_of_motion=(RangeOfMotion("ankle_dorsiflexion", Side.LEFT, 10),),
    spasms=(
        SpasmPattern(
            BodyRegion.LOWER_LEG,
            Side.LEFT,
            muscle_group="calf",
            timing=(SpasmTiming.NOCTURNAL,),
            triggers={CrampTrigger.DEHYDRATION: "Drinks 1 litre a day"},
        ),
    ),
)
PLAN_EXERCISES = ("clam-shell", "calf-stretch-wall", "glute-bridge", "ankle-pumps")


def signed_in_user() -> User:
    return db.session.scalar(select(User).where(User.email == ME))


def shipped_item(key: str, item_type: str = "exercise") -> CatalogueItem:
    """A catalogue item as shipped (the test database holds the seed catalogue)."""
    return db.session.scalar(
        select(CatalogueItem).where(
            CatalogueItem.key == key,
            CatalogueItem.item_type == item_type,
            CatalogueItem.clinic_id.is_(None),
        )
    )


# A clinic's handouts are given only with a way to contact it: builders' clinics have one.
CLINIC_CONTACT = {"phone": "020 7946 0000", "email": "reception@clinic.example"}


def make_clinic(**overrides: Any) -> Clinic:
    """A clinic with ``CLINIC_CONTACT``; pass ``phone=""`` and ``email=""`` for one without."""
    clinic, _ = get_or_create_clinic(overrides.pop("name", f"Clinic {next(_sequence)}"))
    for field, value in (CLINIC_CONTACT | overrides).items():
        setattr(clinic, field, value)
    db.session.commit()
    return clinic


def make_user(**overrides: Any) -> User:
    number = next(_sequence)
    clinic = overrides.pop("clinic", None) or make_clinic()
    active = overrides.pop("active", True)
    fields = {
        "email": f"clinician{number}@example.org",
        "display_name": f"Clinician {number}",
        "password": DEFAULT_PASSWORD,
        "role": Role.CLINICIAN,
    } | overrides
    user = create_user(clinic=clinic, **fields)
    user.active = active
    db.session.commit()
    return user


def make_patient(**overrides: Any) -> Patient:
    author = overrides.pop("author", None) or make_user(clinic=overrides.pop("clinic", None))
    number = next(_sequence)
    values = {field: "" for field in PATIENT_FIELDS} | {
        "given_names": f"Given{number}",
        "family_name": f"Family{number}",
        "date_of_birth": date(1970, 1, 1),
        "sex": "not_stated",
        "activity_level": None,
    }
    patient = create_patient(values | overrides, author=author)
    db.session.commit()
    return patient


def make_flag(patient: Patient, **overrides: Any) -> PatientFlag:
    values = {"kind": "diabetes", "recorded_on": date(2026, 1, 5)} | overrides
    flag = add_flag(patient, values, author=patient.created_by)
    db.session.commit()
    return flag


def make_assessment(patient: Patient, *, record=None, finalised: bool = False, **overrides: Any):
    """A draft (or finalised) assessment of ``patient`` holding ``record`` (an AssessmentData)."""
    from practice.assessments import services

    author = overrides.pop("author", None) or patient.created_by
    assessment = services.start_assessment(
        patient, author=author, seen_on=overrides.pop("seen_on", date(2026, 3, 2))
    )
    if record is not None:
        assessment.data = record
    for field, value in overrides.items():
        setattr(assessment, field, value)
    db.session.flush()
    if finalised:
        services.finalise(assessment, author=author)
    db.session.commit()
    return assessment


def make_plan(
    author: User,
    *,
    exercises: tuple[str, ...] = PLAN_EXERCISES,
    issue: bool = True,
    note="",
    record: AssessmentData = PLAN_RECORD,
) -> TreatmentPlan:
    """A plan for Ivy Stone (``PLAN_RECORD`` unless ``record`` is given): the exercises on her
    left side, massage of the right thigh, a pain goal and a six-week schedule; issued unless
    ``issue`` is false."""
    patient = make_patient(author=author, given_names="Ivy", family_name="Stone")
    assessment = make_assessment(patient, record=record, finalised=True)
    plan = plan_services.start_plan(assessment, author=author)
    db.session.flush()

    def lock():
        return plan.current.lock_version

    for key in exercises:
        item = shipped_item(key)
        entry = plan_services.add_item(
            plan,
            item,
            site=TreatmentSite(BodyRegion(item.body_region), Side.LEFT),
            dosage=item.dosage,
            reason="",
            author=author,
            lock=lock(),
            acknowledge_precaution=True,
        )
        entry.notes = note
    massage = shipped_item("soft-tissue-massage", "technique")
    plan_services.add_item(
        plan,
        massage,
        site=TreatmentSite(BodyRegion.THIGH, Side.RIGHT),
        dosage=massage.dosage,
        reason="",
        author=author,
        lock=lock(),
        acknowledge_precaution=True,
    )
    review = date.today() + timedelta(weeks=6)
    plan_services.add_goal(
        plan,
        measure_code="nprs_now",
        comparator="<=",
        target=Decimal(2),
        target_on=review,
        author=author,
        lock=lock(),
    )
    plan_services.set_schedule(
        plan, sessions_per_week=2, duration_weeks=6, review_on=review, author=author, lock=lock()
    )
    if issue:
        plan_services.issue(plan, author=author, lock=lock())
    db.session.commit()
    return plan
