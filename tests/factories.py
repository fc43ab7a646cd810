"""Builders for test data: ``make_<model>(**overrides)``. Call inside an app context."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from practice.auth.services import create_user, get_or_create_clinic
from practice.clinical.assessment_data import (
    AnklePressures,
    AssessmentData,
    BodySite,
    CapillaryRefill,
    Circulation,
    Claudication,
    Oedema,
    Posture,
    Pulse,
    RangeOfMotion,
    RedFlagAnswer,
    RedFlagScreen,
    ReportedAbi,
    Skin,
    SkinColour,
    SpasmPattern,
    SpasmTiming,
    SpecialTest,
    Strength,
    Subjective,
    VaricoseVeins,
)
from practice.clinical.catalogues import Urgency
from practice.clinical.reference import PulseScale
from practice.clinical.screening import TreatmentSite
from practice.clinical.vocabulary import BodyRegion, CrampTrigger, PostureDeviation, Severity, Side
from practice.extensions import db
from practice.models import (
    CatalogueItem,
    Clinic,
    Consent,
    HandoutRecord,
    Patient,
    PatientFlag,
    PlanVersion,
    Role,
    TreatmentPlan,
    User,
)
from practice.patients.services import PATIENT_FIELDS, add_consent, add_flag, create_patient
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

# A record that gives a finding of nearly every kind: a red flag with its action, pain with all
# three scores, posture and a lower crossed pattern, weakness and asymmetry, range of motion
# against disputed and unconfirmed normals, every muscle-length cut-off (the ankle pair on both
# sides of 18°), hypermobility, ABIs computed and reported, pulses, refill, oedema, skin, veins.
FINDINGS_RECORD = AssessmentData(
    subjective=Subjective(
        presenting_complaint="Low back and left calf pain",
        pain_sites=(BodySite(BodyRegion.LOWER_BACK), BodySite(BodyRegion.LOWER_LEG, Side.LEFT)),
        nprs_now=5,
        nprs_best=2,
        nprs_worst=8,
        red_flags=(
            RedFlagScreen(
                "dvt",
                RedFlagAnswer.YES,
                "Swollen warm left calf",
                action_taken="GP phoned, treatment of the leg stopped",
                referral_to="GP",
                urgency=Urgency.URGENT,
                region=BodyRegion.LOWER_LEG,
                side=Side.LEFT,
            ),
        ),
    ),
    posture=(
        Posture(PostureDeviation.ANTERIOR_PELVIC_TILT, Severity.MODERATE),
        Posture(PostureDeviation.LUMBAR_HYPERLORDOSIS, Severity.MILD),
    ),
    strength=(
        Strength("gluteus_maximus", Side.LEFT, 5, force_newtons=Decimal("210")),
        Strength("gluteus_maximus", Side.RIGHT, 4, force_newtons=Decimal("160")),
        Strength("deep_abdominals", Side.BILATERAL, 3),
    ),
    range_of_motion=(
        RangeOfMotion("hip_extension", Side.LEFT, 10),
        RangeOfMotion("hip_extension", Side.RIGHT, 20),
        RangeOfMotion("thoracolumbar_flexion", Side.NOT_APPLICABLE, 60),
        RangeOfMotion("knee_flexion", Side.RIGHT, 120, 130),
    ),
    special_tests=(
        SpecialTest("straight_leg_raise", Side.LEFT, measured_value=Decimal(70)),
        SpecialTest("active_knee_extension", Side.LEFT, measured_value=Decimal(30)),
        SpecialTest("thomas", Side.LEFT, True, Decimal(15), component="iliopsoas"),
        SpecialTest("thomas", Side.RIGHT, measured_value=Decimal(70), component="rectus_femoris"),
        SpecialTest("ankle_dorsiflexion_knee_straight", Side.LEFT, measured_value=Decimal(12)),
        SpecialTest("ankle_dorsiflexion_knee_bent", Side.LEFT, measured_value=Decimal(22)),
        SpecialTest("beighton", Side.NOT_APPLICABLE, measured_value=Decimal(5)),
    ),
    circulation=Circulation(
        pulses=(Pulse("dorsalis_pedis", Side.RIGHT, 1, PulseScale.ZERO_TO_FOUR),),
        capillary_refill=(CapillaryRefill(Decimal("3.5"), BodyRegion.ANKLE_FOOT, Side.RIGHT),),
        brachial_right_mmhg=140,
        ankle_pressures=(AnklePressures(Side.RIGHT, dorsalis_pedis_mmhg=98),),
        reported_abi=(ReportedAbi(Side.LEFT, Decimal("1.45")),),
        oedema=(Oedema(BodyRegion.ANKLE_FOOT, Side.LEFT, True, 2),),
        skin=(Skin(BodyRegion.LOWER_LEG, Side.RIGHT, SkinColour.PALLOR, trophic_changes=True),),
        claudication=(Claudication(Side.RIGHT, 200, 400),),
        varicose_veins=(VaricoseVeins(Side.LEFT, symptoms="aching by evening"),),
    ),
    spasms=PLAN_RECORD.spasms,
)


# The rows ``record_with_rows`` takes its first ``count`` from, one list per repeating section.
_ROWS = {
    "pain_sites": (
        BodySite(BodyRegion.LOWER_BACK),
        BodySite(BodyRegion.LOWER_LEG, Side.LEFT),
        BodySite(BodyRegion.THIGH, Side.RIGHT),
        BodySite(BodyRegion.HIP, Side.LEFT),
        BodySite(BodyRegion.KNEE, Side.RIGHT),
        BodySite(BodyRegion.ANKLE_FOOT, Side.LEFT),
    ),
    "strength": (
        *PLAN_RECORD.strength,
        *FINDINGS_RECORD.strength[:2],
    ),
    "range_of_motion": (
        *FINDINGS_RECORD.range_of_motion,
        RangeOfMotion("ankle_dorsiflexion", Side.LEFT, 10),
        RangeOfMotion("ankle_dorsiflexion", Side.RIGHT, 15),
    ),
    "spasms": tuple(
        SpasmPattern(region, side, muscle_group=group, timing=(SpasmTiming.NOCTURNAL,))
        for region, side, group in (
            (BodyRegion.LOWER_LEG, Side.LEFT, "calf"),
            (BodyRegion.LOWER_LEG, Side.RIGHT, "calf"),
            (BodyRegion.ANKLE_FOOT, Side.LEFT, None),
            (BodyRegion.THIGH, Side.RIGHT, None),
        )
    ),
}
ROWS_AT_MOST = min(len(rows) for rows in _ROWS.values())


def record_with_rows(count: int) -> AssessmentData:
    """``PLAN_RECORD`` with ``count`` (at most ``ROWS_AT_MOST``) pain sites, strength rows, range
    of motion rows and spasm patterns: pages that list rows are compared with few and many."""
    rows = {name: values[:count] for name, values in _ROWS.items()}
    subjective = replace(PLAN_RECORD.subjective, pain_sites=rows.pop("pain_sites"))
    return replace(PLAN_RECORD, subjective=subjective, **rows)


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
    author = overrides.pop("author", None) or patient.created_by
    values = {"kind": "diabetes", "recorded_on": date(2026, 1, 5)} | overrides
    flag = add_flag(patient, values, author=author)
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
    patient: Patient | None = None,
    goals: int = 1,
) -> TreatmentPlan:
    """A plan for Ivy Stone, or ``patient`` (``PLAN_RECORD`` unless ``record`` is given): the
    exercises on her left side, massage of the right thigh, ``goals`` pain goals (a week apart)
    and a six-week schedule; issued unless ``issue`` is false."""
    patient = patient or make_patient(author=author, given_names="Ivy", family_name="Stone")
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
    for number in range(goals):
        plan_services.add_goal(
            plan,
            measure_code="nprs_now",
            comparator="<=",
            target=Decimal(2),
            target_on=review - timedelta(weeks=number),
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


def make_plan_version(plan: TreatmentPlan, *, author: User, issue: bool = True) -> PlanVersion:
    """The next version of an issued plan, revised by ``author`` with nothing changed; issued
    (superseding the one before) unless ``issue`` is false."""
    version = plan_services.revise(plan, author=author, lock=plan.current.lock_version)
    if issue:
        plan_services.issue(plan, author=author, lock=version.lock_version)
    db.session.commit()
    return version


def make_handout(version: PlanVersion, *, author: User | None = None) -> HandoutRecord:
    """The home-exercise handout of ``version`` as given by ``author``, with a stand-in PDF:
    rendering one costs half a second, and what the tests that use this check is the record."""
    from practice.handouts import services as handout_services
    from practice.pdf import RenderedPdf

    content = handout_services.home_exercise_content(version, therapist=None)
    real_render = handout_services.render_pdf
    handout_services.render_pdf = lambda *_, **__: RenderedPdf(b"%PDF-1.7 stand-in", 1)
    try:
        handout = handout_services.issue_handout(
            content, patient=version.plan.patient, version=version, paper="a4", author=author
        )
    finally:
        handout_services.render_pdf = real_render
    db.session.commit()
    return handout


def make_consent(patient: Patient, *, author: User | None = None) -> Consent:
    """Verbal consent to the course of treatment, given by the patient on 2 March 2026."""
    values = {
        "subject": "treatment",
        "consent_type": "verbal",
        "scope": "course",
        "given_by": "patient",
        "capacity_confirmed": True,
        "risks_discussed": "",
        "given_on": date(2026, 3, 2),
    }
    consent = add_consent(patient, values, author=author or patient.created_by)
    db.session.commit()
    return consent


def make_records_of_every_kind(author: User) -> dict[str, object]:
    """A record of every kind a URL names, in ``author``'s clinic, keyed by the URL argument
    that names it: an issued plan of Ivy Stone with its assessment, item and goal, a handout
    (a stand-in PDF: rendering one costs half a second and these are about who may reach it),
    a flag, a consent and a colleague to manage. ``key``, ``action`` and ``filename`` complete
    the URL arguments that are not ids."""
    plan = make_plan(author)
    version = plan.current
    handout = make_handout(version)
    consent = make_consent(plan.patient, author=author)
    colleague = make_user(clinic=author.clinic)
    flag = make_flag(plan.patient)
    letter = make_letter(plan.patient, author=author)
    note = make_visit_note(version, author=author)
    db.session.commit()
    return {
        "patient_id": plan.patient_id,
        "assessment_id": plan.assessment_id,
        "plan_id": plan.id,
        "item_id": version.items[0].id,
        "goal_id": version.goals[0].id,
        "record_id": handout.id,
        "letter_id": letter.id,
        "note_id": note.id,
        "flag_id": flag.id,
        "consent_id": consent.id,
        "user_id": colleague.id,
        "catalogue_item_id": version.items[0].catalogue_item_id,
        "key": "subjective",
        "action": "remove",
        "filename": "css/app.css",
        "token": "no-such-link",
    }


def url_of(app, rule, records: dict[str, object]) -> str:
    """The URL of ``rule`` naming the records ``make_records_of_every_kind`` made."""
    values = {name: records[name] for name in rule.arguments}
    if rule.endpoint.startswith("catalogue.") and "item_id" in values:
        values["item_id"] = records["catalogue_item_id"]  # a catalogue item, not a plan item
    return app.url_map.bind("localhost").build(rule.endpoint, values)


def make_letter(patient: Patient, *, author: User, kind: str = "discharge", **typed: Any):
    """A letter to ``patient``'s referrer issued by ``author`` from the record as it stands,
    with a stand-in PDF (as ``make_handout``): what the tests that use this check is the record."""
    from practice.letters import services as letter_services
    from practice.models import LetterKind, Paper
    from practice.pdf import RenderedPdf

    sources = letter_services.sources_of(patient)
    letter = letter_services.TypedLetter(
        kind=LetterKind(kind),
        addressee=typed.pop("addressee", "Dr Rhea Patel\nRiverside Surgery"),
        reason=typed.pop("reason", "Goals met; discharged to self-management."),
        urgency=typed.pop("urgency", None),
        **typed,
    )
    content = letter_services.letter_content(patient, letter, sources, author=author)
    real_render = letter_services.render_pdf
    letter_services.render_pdf = lambda *_, **__: RenderedPdf(b"%PDF-1.7 stand-in", 1)
    try:
        record = letter_services.issue_letter(
            content, letter, sources, patient=patient, paper=Paper.A4, author=author
        )
    finally:
        letter_services.render_pdf = real_render
    db.session.commit()
    return record


def make_visit_note(
    version: PlanVersion, *, author: User, sign: bool = False, **overrides: Any
) -> Any:
    """A visit note (helper V) against ``version`` by ``author``, a day after the plan was
    issued (or now, if sooner): the massage on the plan delivered for 15 min, every home
    exercise done 5 days of one weekly log sheet, pain 5 before and 3 after; signed if
    ``sign``. ``overrides`` are fields of ``visits.services.NoteContent``."""
    from practice.db import utcnow
    from practice.visits import services as visit_services

    massage = next(entry for entry in version.items if entry.catalogue_item.kind == "massage")
    issued = version.issued_at or version.created_at
    values: dict[str, Any] = {
        "occurred_at": min(issued + timedelta(days=1), utcnow()),
        "subjective": "Hip pain easing.",
        "objective": "",
        "treatment": "Soft-tissue massage.",
        "plan": "Review in a week.",
        "pain_before": 5,
        "pain_after": 3,
        "log_weeks": 1,
        "deliveries": [
            visit_services.Delivery(
                entry=massage,
                site=TreatmentSite(BodyRegion(massage.site_region), Side(massage.site_side)),
                minutes=15,
            )
        ],
        "days_done": {entry.id: 5 for entry in visit_services.home_exercises(version)},
    } | overrides
    note = visit_services.start_note(version, visit_services.NoteContent(**values), author=author)
    if sign:
        visit_services.sign(note, author=author, expected_lock=note.lock_version)
    db.session.commit()
    return note


def make_outcome_response(
    patient: Patient,
    *,
    scores: tuple[int, ...] = (3, 4, 5),
    activities: tuple[str, ...] = ("Climbing stairs", "Kneeling", "Walking 30 minutes"),
    recorded_on: date = date(2026, 3, 2),
    author: User | None = None,
    visit: Any = None,
    instrument: str = "psfs",
) -> Any:
    """A response of ``patient`` (helper O): the PSFS with these activities and scores by
    default, recorded through the service as the form does."""
    from practice.clinical.outcomes import ItemAnswer
    from practice.clinical.outcomes import instrument as outcome_instrument
    from practice.outcomes import services as outcome_services

    response = outcome_services.record_response(
        patient,
        outcome_instrument(instrument),
        recorded_on=recorded_on,
        answers=[ItemAnswer(text, score) for text, score in zip(activities, scores, strict=True)],
        author=author or patient.created_by,
        visit=visit,
    )
    db.session.commit()
    return response
