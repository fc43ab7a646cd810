"""Visit notes: drafted against the patient's issued plan, signed, amended by addenda.

Services flush; the view commits. Each delivered item is screened again against the patient's
flags as they stood on the day of the visit, exactly as the plan builder screens an item
(``plans.services.screen_item``); what the plan already decided (a contraindication overridden
with a reason, a precaution acknowledged) stands, and anything new since needs the same decision
again at the visit (0.1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from flask import current_app
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import joinedload, selectinload

from practice.assessments.services import findings_of, record_of
from practice.clinical.dosage import Dosage
from practice.clinical.findings import Finding
from practice.clinical.screening import PatientFlag as ScreenedFlag
from practice.clinical.screening import Reason, ScreeningResult, TreatmentSite, Verdict
from practice.clinical.stage import stage_flags
from practice.clinical.visit_rules import (
    Adherence,
    AdherenceRule,
    DeliveryKind,
    ExerciseAction,
    adherence,
    delivery_kind,
    load_visit_rules,
)
from practice.clinical.vocabulary import BodyRegion, Side
from practice.db import statement_built_once, utcnow
from practice.documents import DOSAGE, SCREENING, Screening
from practice.extensions import db
from practice.handouts.services import DEFAULT_ADHERENCE_WEEKS
from practice.models import Patient, PatientFlag, PlanItem, PlanStatus, PlanVersion, User
from practice.models.plan import TreatmentPlan
from practice.models.visit import (
    VisitAddendum,
    VisitItem,
    VisitLogEntry,
    VisitNote,
    VisitNoteStatus,
)
from practice.plans.services import screen_item, screened_flag


class NoteError(ValueError):
    """A change that cannot be made, with a message fit for the clinician."""


class NoteLocked(NoteError):
    def __init__(self, note: VisitNote) -> None:
        if note.is_discarded:
            super().__init__(
                f"This draft was discarded on {note.discarded_at:%d %b %Y at %H:%M} UTC and can "
                "no longer be changed. Write a new note instead."
            )
            return
        super().__init__(
            f"This note was signed on {note.signed_at:%d %b %Y at %H:%M} UTC and can no longer "
            "be changed. Add a dated addendum instead."
        )


class StaleNote(NoteError):
    def __init__(self) -> None:
        super().__init__(
            "Someone else saved this note after you opened it, so your changes were not saved. "
            "They are still in the form below: open the note in another tab to see the newer "
            "version, then save again."
        )


class NotAuthor(NoteError):
    def __init__(self, note: VisitNote) -> None:
        super().__init__(
            f"Only {note.clinician.display_name}, who wrote this draft, can change, sign or "
            "discard it."
        )


# Reading --------------------------------------------------------------------------------------


def current_plan_version(patient: Patient) -> PlanVersion | None:
    """The patient's current issued plan version: the latest issued, never a draft, a
    superseded or a discarded one. Its items load with it."""
    return db.session.scalar(
        select(PlanVersion)
        .join(TreatmentPlan)
        .where(TreatmentPlan.patient_id == patient.id, PlanVersion.status == PlanStatus.ISSUED)
        .order_by(PlanVersion.issued_at.desc(), PlanVersion.id.desc())
        .options(selectinload(PlanVersion.items))
        .limit(1)
    )


def latest_plan(patient: Patient) -> TreatmentPlan | None:
    """The patient's newest plan, to link to when none of its versions is issued yet."""
    return db.session.scalar(
        select(TreatmentPlan)
        .where(TreatmentPlan.patient_id == patient.id)
        .order_by(TreatmentPlan.id.desc())
        .limit(1)
    )


def patient_notes(patient: Patient) -> list[VisitNote]:
    """The patient's notes, newest visit first (the timeline and the export)."""
    return list(db.session.scalars(_notes_newest_first(), {"patient_id": patient.id}))


@statement_built_once
def _notes_newest_first() -> Select:
    return (
        select(VisitNote)
        .where(VisitNote.patient_id == bindparam("patient_id"))
        .order_by(VisitNote.occurred_at.desc(), VisitNote.id.desc())
    )


def draft_notes(user: User, limit: int = 10) -> list[VisitNote]:
    """The user's draft notes, oldest visit first: one range of the dashboard's index."""
    return list(
        db.session.scalars(
            select(VisitNote)
            .where(VisitNote.clinician_id == user.id, VisitNote.status == VisitNoteStatus.DRAFT)
            .order_by(VisitNote.occurred_at, VisitNote.id)
            .options(joinedload(VisitNote.patient))
            .limit(limit)
        ).unique()
    )


def flags_on(patient: Patient, day: date) -> list[PatientFlag]:
    """The patient's flags as they stood on ``day``: recorded by then, not resolved by then."""
    return [
        flag
        for flag in patient.flags
        if flag.recorded_on <= day and (flag.resolved_on is None or flag.resolved_on > day)
    ]


@dataclass(frozen=True)
class ScreeningDay:
    """What screening reads at a visit on one day, worked out once for all its items: the
    recorded flags as they stood then, the acute stage the plan's assessment derives (as the
    plan builder reads them), and the assessment's findings."""

    flags: list[ScreenedFlag]
    findings: list[Finding]


def screening_day(version: PlanVersion, day: date) -> ScreeningDay:
    assessment = version.plan.assessment
    record = record_of(assessment)
    recorded = [screened_flag(flag) for flag in flags_on(version.plan.patient, day)]
    staged = stage_flags(record.subjective, assessment.seen_on, record.circulation)
    return ScreeningDay(recorded + list(staged), findings_of(assessment))


def has_consent_on(patient: Patient, subject: str, day: date) -> bool:
    """A consent to ``subject`` given by ``day`` and not withdrawn by then (10.3)."""
    return any(
        consent.subject == subject
        and consent.given_on <= day
        and (consent.withdrawn_on is None or consent.withdrawn_on > day)
        for consent in patient.consents
    )


def adherence_rule() -> AdherenceRule:
    """The reviewed threshold (8.5), or the clinic's own from its configuration."""
    rule = load_visit_rules().adherence
    configured = current_app.config.get("VISIT_ADHERENCE_THRESHOLD_PERCENT")
    if configured is None:
        return rule
    if (
        isinstance(configured, bool)
        or not isinstance(configured, int)
        or not 1 <= configured <= 100
    ):
        raise ValueError(
            f"VISIT_ADHERENCE_THRESHOLD_PERCENT must be a whole percentage, 1 to 100, "
            f"not {configured!r}"
        )
    return AdherenceRule(configured, rule.sections, "this clinic's configuration")


def log_weeks_of(version: PlanVersion) -> int:
    """How many weekly sheets the handout's log is printed for: the programme's weeks."""
    return version.duration_weeks or DEFAULT_ADHERENCE_WEEKS


def home_exercises(version: PlanVersion) -> list[PlanItem]:
    """The rows of the printed exercise log, in its order: the version's home exercises."""
    return [entry for entry in version.items if entry.catalogue_item.is_exercise]


@dataclass(frozen=True)
class LogRow:
    entry: VisitLogEntry
    adherence: Adherence


def log_rows(note: VisitNote) -> list[LogRow]:
    rule = adherence_rule()
    return [
        LogRow(
            entry,
            adherence(
                entry.days_done,
                entry.plan_item.dosage.get("days_per_week"),
                note.log_weeks or 1,
                rule,
            ),
        )
        for entry in note.log_entries
    ]


# Screening at the visit ------------------------------------------------------------------------


@dataclass(frozen=True)
class VisitScreening:
    """A delivered item's screening on the day, and the reasons the plan did not already decide."""

    result: ScreeningResult
    new: tuple[Reason, ...]  # contraindications and precautions not on the plan item

    @property
    def needs_reason(self) -> bool:
        return any(reason.verdict is Verdict.CONTRAINDICATED for reason in self.new)

    @property
    def needs_acknowledgement(self) -> bool:
        return any(reason.verdict is Verdict.PRECAUTION for reason in self.new)


def screen_delivery(entry: PlanItem, site: TreatmentSite, day: ScreeningDay) -> VisitScreening:
    assessment = entry.version.plan.assessment
    result = screen_item(entry.catalogue_item, site, assessment, day.findings, day.flags)
    decided = set(entry.screening.reasons)
    new = tuple(
        reason
        for reason in result.reasons
        if reason.verdict is not Verdict.ALLOWED and reason not in decided
    )
    return VisitScreening(result, new)


# Writing --------------------------------------------------------------------------------------


@dataclass
class Delivery:
    """What the form says was done with one plan item; only the fields of its kind are set."""

    entry: PlanItem
    site: TreatmentSite
    minutes: int | None = None
    muscles: str = ""
    needle_count: int | None = None
    response: str = ""
    mode: str = ""
    frequency_hz: Decimal | None = None
    pulse_width_us: int | None = None
    carrier_hz: int | None = None
    intensity: str = ""
    exercise_action: ExerciseAction | None = None
    new_dosage: Dosage | None = None
    override_reason: str = ""
    acknowledged: bool = False
    notes: str = ""


@dataclass
class NoteContent:
    occurred_at: datetime
    subjective: str
    objective: str
    treatment: str
    plan: str
    pain_before: int | None
    pain_after: int | None
    log_weeks: int | None
    deliveries: list[Delivery] = field(default_factory=list)
    days_done: dict[int, int] = field(default_factory=dict)  # plan item id: days


def content_problems(version: PlanVersion, content: NoteContent) -> dict[str, str]:
    """Why the note cannot be saved as it is, keyed by form field name (``item-<id>-<field>``
    for a delivered item): the visit's date, then each delivered item screened on that day, the
    dry-needling consent (10.3). Parameters were checked by the form."""
    problems: dict[str, str] = {}
    day = content.occurred_at.date()
    if version.issued_at is not None and day < version.issued_at.date():
        problems["occurred_on"] = (
            f"The visit cannot be before version {version.number} of the plan was issued "
            f"({version.issued_at:%d %b %Y})."
        )
        return problems
    screening_of_day = screening_day(version, day)
    patient = version.plan.patient
    for delivery in content.deliveries:
        entry = delivery.entry
        prefix = f"item-{entry.id}-"
        name = entry.catalogue_item.name
        screening = screen_delivery(entry, delivery.site, screening_of_day)
        reasons = "; ".join(f"{r.text} ({r.section})" for r in screening.new)
        if screening.needs_reason and not delivery.override_reason:
            problems[prefix + "override_reason"] = (
                f"{name} is contraindicated for this patient on {day:%d %b %Y}: {reasons}. "
                "It can be recorded as delivered only with a written clinical reason."
            )
        elif screening.needs_acknowledgement and not delivery.acknowledged:
            problems[prefix + "acknowledged"] = (
                f"{name} needs care for this patient on {day:%d %b %Y}: {reasons}. "
                "Acknowledge the precaution to record it."
            )
        if delivery_kind(
            entry.catalogue_item.technique_kind, is_exercise=entry.catalogue_item.is_exercise
        ) is DeliveryKind.NEEDLING and not has_consent_on(patient, "dry_needling", day):
            problems[prefix + "delivered"] = (
                f"Dry needling needs the patient's explicit consent, current on "
                f"{day:%d %b %Y} (10.3): record it on the patient page first."
            )
    return problems


def start_note(version: PlanVersion, content: NoteContent, *, author: User) -> VisitNote:
    problems = content_problems(version, content)
    if problems:
        raise NoteProblems(problems)
    note = VisitNote(
        clinic_id=version.clinic_id,
        patient_id=version.plan.patient_id,
        plan_version=version,
        clinician=author,
    )
    db.session.add(note)
    _store(note, version, content)
    db.session.flush()
    return note


def save_draft(
    note: VisitNote, content: NoteContent, *, author: User, expected_lock: int | None
) -> None:
    ensure_editable(note, author)
    if expected_lock != note.lock_version:
        raise StaleNote
    problems = content_problems(note.plan_version, content)
    if problems:
        raise NoteProblems(problems)
    for row in [*note.items, *note.log_entries]:
        db.session.delete(row)
    note.items.clear()
    note.log_entries.clear()
    _store(note, note.plan_version, content)
    db.session.flush()


class NoteProblems(NoteError):
    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("Nothing was saved: see the messages next to the fields.")
        self.problems = problems


def _store(note: VisitNote, version: PlanVersion, content: NoteContent) -> None:
    note.occurred_at = content.occurred_at
    note.subjective = content.subjective
    note.objective = content.objective
    note.treatment = content.treatment
    note.plan = content.plan
    note.pain_before = content.pain_before
    note.pain_after = content.pain_after
    note.log_weeks = content.log_weeks
    day = screening_day(version, content.occurred_at.date())
    for position, delivery in enumerate(content.deliveries, start=1):
        screening = screen_delivery(delivery.entry, delivery.site, day)
        result = screening.result
        note.items.append(
            VisitItem(
                clinic_id=note.clinic_id,
                plan_item=delivery.entry,
                position=position,
                site_region=delivery.site.region.value,
                site_side=delivery.site.side.value,
                minutes=delivery.minutes,
                muscles=delivery.muscles,
                needle_count=delivery.needle_count,
                response=delivery.response,
                mode=delivery.mode,
                frequency_hz=delivery.frequency_hz,
                pulse_width_us=delivery.pulse_width_us,
                carrier_hz=delivery.carrier_hz,
                intensity=delivery.intensity,
                exercise_action=delivery.exercise_action.value
                if delivery.exercise_action
                else None,
                new_dosage=delivery.new_dosage,
                verdict=result.verdict.value,
                screening=Screening(result.reasons),
                override_reason=delivery.override_reason if screening.needs_reason else "",
                acknowledged=delivery.acknowledged and screening.needs_acknowledgement,
                notes=delivery.notes,
            )
        )
    exercises = {entry.id: entry for entry in home_exercises(version)}
    for position, (item_id, days) in enumerate(content.days_done.items(), start=1):
        note.log_entries.append(
            VisitLogEntry(
                clinic_id=note.clinic_id,
                plan_item=exercises[item_id],
                position=position,
                days_done=days,
            )
        )


def ensure_editable(note: VisitNote, author: User) -> None:
    if not note.is_draft:
        raise NoteLocked(note)
    if note.clinician_id != author.id:
        raise NotAuthor(note)


def sign(note: VisitNote, *, author: User, expected_lock: int | None) -> None:
    """Sign the draft: from now on it never changes. The delivered items are screened once more
    on the visit's day, so a flag recorded since the draft was saved is not signed past."""
    ensure_editable(note, author)
    if expected_lock != note.lock_version:
        raise StaleNote
    if not (note.items or note.treatment.strip() or note.subjective.strip()):
        raise NoteError(
            "Record what was done (a delivered technique or the treatment given) before signing."
        )
    day = screening_day(note.plan_version, note.occurred_on)
    for item in note.items:
        site = TreatmentSite(BodyRegion(item.site_region), Side(item.site_side))
        screening = screen_delivery(item.plan_item, site, day)
        unmet = (screening.needs_reason and not item.override_reason) or (
            screening.needs_acknowledgement and not item.acknowledged and not item.override_reason
        )
        if unmet or set(screening.result.reasons) != set(item.screening.reasons):
            raise NoteError(
                f"The patient's flags changed since this draft was saved: "
                f"{item.plan_item.catalogue_item.name} screens differently now. Open the draft, "
                "check it and save it again before signing."
            )
    note.status = VisitNoteStatus.SIGNED
    note.signed_at = utcnow()
    note.signed_by = author
    db.session.flush()


def discard(note: VisitNote, *, author: User, reason: str) -> None:
    """Set a draft aside with who, when and why: it stays on the record, read-only."""
    ensure_editable(note, author)
    note.status = VisitNoteStatus.DISCARDED
    note.discarded_at = utcnow()
    note.discarded_by = author
    note.discard_reason = reason
    db.session.flush()


def add_addendum(
    note: VisitNote, *, author: User, reason: str, text: str, refers_to_on: date | None
) -> VisitAddendum:
    if not note.is_signed:
        raise NoteError("A draft is edited directly; addenda amend signed notes.")
    addendum = VisitAddendum(
        clinic_id=note.clinic_id,
        note=note,
        author=author,
        reason=reason,
        text=text,
        refers_to_on=refers_to_on,
    )
    db.session.add(addendum)
    db.session.flush()
    return addendum


def not_in_future(moment: datetime) -> bool:
    """A visit is recorded after it happened; a minute's grace for clocks."""
    return moment <= utcnow() + timedelta(minutes=1)


def exported_notes(patient: Patient) -> list[dict[str, Any]]:
    """Every note of the patient for the export, with its items, log rows and addenda: one
    query for each kind of row, however many notes."""
    notes = db.session.scalars(
        select(VisitNote)
        .where(VisitNote.patient_id == patient.id)
        .order_by(VisitNote.occurred_at, VisitNote.id)
        .options(
            selectinload(VisitNote.items),
            selectinload(VisitNote.log_entries),
            selectinload(VisitNote.addenda),
        )
    )
    return [_exported(note) for note in notes]


def _exported(note: VisitNote) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        return value.isoformat() if isinstance(value, date | datetime) else value

    return {
        "id": note.id,
        "plan_version_id": note.plan_version_id,
        "status": note.status,
        "clinician": note.clinician.display_name,
        "occurred_at": note.occurred_at.isoformat(),
        "created_at": note.created_at.isoformat(),
        "signed_at": plain(note.signed_at),
        "signed_by": note.signed_by.display_name if note.signed_by else None,
        "discarded_at": plain(note.discarded_at),
        "discard_reason": note.discard_reason,
        **{name: getattr(note, name) for name in ("subjective", "objective", "treatment", "plan")},
        "pain_before": note.pain_before,
        "pain_after": note.pain_after,
        "log_weeks": note.log_weeks,
        "items": [
            {
                "plan_item_id": item.plan_item_id,
                "name": item.plan_item.catalogue_item.name,
                **{name: getattr(item, name) for name in _ITEM_FIELDS},
                "frequency_hz": None if item.frequency_hz is None else str(item.frequency_hz),
                "new_dosage": None if item.new_dosage is None else DOSAGE.encode(item.new_dosage),
                "screening": SCREENING.encode(item.screening),
            }
            for item in note.items
        ],
        "exercise_log": [
            {
                "plan_item_id": entry.plan_item_id,
                "name": entry.plan_item.catalogue_item.name,
                "days_done": entry.days_done,
            }
            for entry in note.log_entries
        ],
        "addenda": [
            {
                "written_at": addendum.written_at.isoformat(),
                "author": addendum.author.display_name,
                "refers_to_on": plain(addendum.refers_to_on),
                "reason": addendum.reason,
                "text": addendum.text,
            }
            for addendum in note.addenda
        ],
    }


_ITEM_FIELDS = (
    "site_region",
    "site_side",
    "minutes",
    "muscles",
    "needle_count",
    "response",
    "mode",
    "pulse_width_us",
    "carrier_hz",
    "intensity",
    "exercise_action",
    "verdict",
    "override_reason",
    "acknowledged",
    "notes",
)
