"""Letters to the referring doctor: what they say, the preview page and the PDF, the record.

A referral (1.2: why and how urgently, with the red flags and the action recorded) or a discharge
(10.1: "discharge (conclusion of episode)"): the findings of the latest finalised assessment,
the items and goals of the current issued plan with the progress the plan page shows, and the
reason the clinician types. Rendered and recorded as handouts are: the same PDF wrapper, the
PDF kept with its SHA-256, so a reprint is the same letter whatever changed since.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app, render_template
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import joinedload

from practice.assessments.services import findings_of, latest_finalised, record_of
from practice.clinic import services as clinic_services
from practice.clinical.catalogues import Urgency
from practice.clinical.dosage import EXERCISE_DOSAGE_FIELDS
from practice.clinical.goals import format_value
from practice.clinical.labels import label, site_text
from practice.clinical.record_rules import positive_red_flags
from practice.clinical.vocabulary import ExerciseSide, FindingKind
from practice.db import statement_built_once
from practice.extensions import db
from practice.handouts.services import clinic_details
from practice.letters.content import GoalLine, LetterContent
from practice.models import (
    Assessment,
    LetterKind,
    LetterRecord,
    Paper,
    Patient,
    PlanItem,
    PlanStatus,
    PlanVersion,
    TreatmentPlan,
    User,
)
from practice.plans.services import GoalProgress, goal_progress

if TYPE_CHECKING:
    from practice.pdf import RenderedPdf

TITLES = {LetterKind.REFERRAL: "Referral letter", LetterKind.DISCHARGE: "Discharge letter"}
URGENCY_ORDER = (Urgency.EMERGENCY, Urgency.URGENT, Urgency.ROUTINE)  # the most urgent first


class LetterError(ValueError):
    """Why a letter cannot be made, in words for the clinician."""


@dataclass(frozen=True)
class TypedLetter:
    """What the clinician writes on the form."""

    kind: LetterKind
    addressee: str
    reason: str
    urgency: Urgency | None  # a referral's; None for a discharge
    extra: str = ""


@dataclass(frozen=True)
class LetterSources:
    """The records a letter is made from: the latest finalised assessment, the current issued
    plan version (either may be missing)."""

    assessment: Assessment | None
    version: PlanVersion | None


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def current_issued_version(patient: Patient) -> PlanVersion | None:
    """The patient's plan version in force: the most recently issued one not yet superseded."""
    return db.session.scalar(
        select(PlanVersion)
        .join(TreatmentPlan)
        .where(TreatmentPlan.patient_id == patient.id, PlanVersion.status == PlanStatus.ISSUED)
        .order_by(PlanVersion.issued_at.desc(), PlanVersion.id.desc())
        .limit(1)
    )


def sources_of(patient: Patient) -> LetterSources:
    return LetterSources(latest_finalised(patient), current_issued_version(patient))


def missing_for(kind: LetterKind, sources: LetterSources) -> str:
    """What a letter of ``kind`` needs and the record lacks ("" when nothing): a referral gives
    the findings it is made on, so it needs a finalised assessment."""
    if kind is LetterKind.REFERRAL and sources.assessment is None:
        return (
            "A referral letter gives the findings of a finalised assessment, and this patient "
            "has none yet: finalise the assessment first."
        )
    return ""


def suggested_urgency(assessment: Assessment | None) -> Urgency | None:
    """The most urgent urgency recorded with the assessment's positive red flags (1.2)."""
    if assessment is None:
        return None
    recorded = {screen.urgency for screen in positive_red_flags(record_of(assessment))}
    return next((urgency for urgency in URGENCY_ORDER if urgency in recorded), None)


def _plan_item(entry: PlanItem) -> str:
    """An item as the issued plan page lists it: name, site, electrodes and dosage."""
    parts = [f"{entry.catalogue_item.name}: {site_text(entry.site_region, entry.site_side)}"]
    if entry.electrode_placement:
        parts.append(f"electrodes: {entry.electrode_placement}")
    dosage, item = entry.dosage, entry.catalogue_item
    fields = EXERCISE_DOSAGE_FIELDS if item.is_exercise else tuple(item.dosage)
    parts += [
        f"{label(name).lower()} {dosage[name]}" for name in fields if dosage.get(name) is not None
    ]
    if dosage.get("side") and dosage["side"] != ExerciseSide.NOT_APPLICABLE:
        parts.append(f"side: {label(dosage['side']).lower()}")
    load = dosage.get("load")
    if load and load.is_set:
        parts.append(f"{label(load.kind).lower()}: {load.band or load.amount}")
    return "; ".join(parts)


def _schedule(version: PlanVersion) -> str:
    sessions = version.sessions_per_week
    parts = []
    if sessions:
        parts.append(f"{sessions} {'session' if sessions == 1 else 'sessions'} a week")
    if version.duration_weeks:
        parts.append(f"for {version.duration_weeks} weeks")
    text = " ".join(parts)
    if version.review_on:
        text += ("; " if text else "") + f"review on {_day(version.review_on)}"
    return text[:1].upper() + text[1:] + "." if text else ""


def _goal_line(progress: GoalProgress) -> GoalLine:
    goal = progress.goal
    start = ""
    if goal.baseline is not None:
        start = f"at the start {format_value(goal.baseline, goal.unit)}"
    if progress.measured_on is None:
        shown = "Not measured again since the plan was made."
    elif progress.met is None:
        shown = f"Not measured at the assessment of {_day(progress.measured_on)}."
    else:
        verdict = "Met" if progress.met else "Not yet met"
        value = format_value(progress.latest, goal.unit)
        shown = f"{verdict}: {value} at the assessment of {_day(progress.measured_on)}."
    return GoalLine(goal.text, start, shown)


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _opening(kind: LetterKind, patient: Patient, sources: LetterSources, today: date) -> str:
    if kind is LetterKind.REFERRAL:
        seen = sources.assessment.seen_on if sources.assessment else today
        return f"I am writing to refer {patient.full_name}, whom we assessed on {_day(seen)}."
    return (
        f"{patient.full_name} was discharged from our care on {_day(today)}, which concludes "
        "this episode of care."
    )


def letter_content(
    patient: Patient, typed: TypedLetter, sources: LetterSources, *, author: User
) -> LetterContent:
    """The letter as plain values; ``LetterError`` when the record lacks what it needs."""
    problem = missing_for(typed.kind, sources)
    if problem:
        raise LetterError(problem)
    today = date.today()
    assessment, version = sources.assessment, sources.version
    findings = findings_of(assessment) if assessment else []
    record = record_of(assessment) if assessment else None
    return LetterContent(
        kind=typed.kind,
        title=TITLES[typed.kind],
        clinic=clinic_details(patient.clinic),
        addressee=_lines(typed.addressee),
        issued_on=today,
        patient_name=patient.full_name,
        patient_born_on=patient.date_of_birth,
        patient_address=_lines(patient.address),
        patient_reference=patient.reference,
        urgency=label(typed.urgency) if typed.kind is LetterKind.REFERRAL else "",
        opening=_opening(typed.kind, patient, sources, today),
        reason_heading=f"Reason for {typed.kind.value}",
        reason=typed.reason,
        assessed_on=assessment.seen_on if assessment else None,
        assessed_by=assessment.clinician.display_name if assessment else "",
        presenting_complaint=record.subjective.presenting_complaint if record else "",
        red_flags=tuple(f.summary for f in findings if f.kind is FindingKind.RED_FLAG),
        findings=tuple(f.summary for f in findings if f.kind is not FindingKind.RED_FLAG),
        impression=assessment.impression if assessment else "",
        plan_heading=(
            f"Treatment plan, version {version.number}, issued {_day(version.issued_at.date())}"
            if version
            else ""
        ),
        plan_items=tuple(_plan_item(entry) for entry in version.items) if version else (),
        schedule=_schedule(version) if version else "",
        goals=(
            tuple(_goal_line(item) for item in goal_progress(version.plan, version, assessment))
            if version
            else ()
        ),
        extra=typed.extra,
        clinician=author.display_name,
        clinician_role=label(author.role),
        clinician_registration=author.registration_number or "",
    )


def check_contact_details(patient: Patient) -> None:
    """Refuse a letter that gives the doctor no way to reply to the clinic."""
    if not clinic_services.handout_readiness(patient.clinic).can_be_contacted:
        raise LetterError(
            "Add the clinic's phone number or e-mail in the clinic settings before sending a "
            "letter: the doctor needs a way to reply."
        )


def render_page(
    content: LetterContent, *, paper: Paper, for_print_page: bool, hidden: dict | None = None
) -> str:
    """The letter as HTML: the preview page (with a toolbar) or the PDF's source. ``hidden``:
    the typed values the preview page's buttons post on, to issue the letter or change it."""
    return render_template(
        "letters/letter.html",
        content=content,
        paper=paper,
        for_print_page=for_print_page,
        hidden=hidden or {},
        static_url=current_app.static_url_path,
    )


def render_pdf(content: LetterContent, *, paper: Paper, patient: Patient) -> RenderedPdf:
    # Imported here, as the handouts do: WeasyPrint takes about half a second to import.
    from practice import pdf

    return pdf.render_pdf(
        render_page(content, paper=paper, for_print_page=False),
        paper=pdf.Paper.A4 if paper is Paper.A4 else pdf.Paper.LETTER,
        static_folder=Path(current_app.static_folder),
        static_url_path=current_app.static_url_path,
        resources=clinic_services.logo_resources(patient.clinic),
    )


def issue_letter(
    content: LetterContent,
    typed: TypedLetter,
    sources: LetterSources,
    *,
    patient: Patient,
    paper: Paper,
    author: User,
) -> LetterRecord:
    """Render the PDF once and keep it with what was typed, what it was made from and by whom."""
    check_contact_details(patient)
    paper = Paper(paper)
    rendered = render_pdf(content, paper=paper, patient=patient)
    record = LetterRecord(
        clinic_id=patient.clinic_id,
        patient=patient,
        assessment=sources.assessment,
        plan_version=sources.version,
        kind=typed.kind.value,
        urgency=typed.urgency.value if typed.urgency else None,
        addressee=typed.addressee,
        reason=typed.reason,
        extra=typed.extra,
        paper=paper.value,
        sha256=hashlib.sha256(rendered.data).hexdigest(),
        pdf=rendered.data,
        page_count=rendered.page_count,
        created_by=author,
    )
    db.session.add(record)
    db.session.flush()
    return record


def patient_letters(patient: Patient) -> list[LetterRecord]:
    """The letters issued for the patient, newest first, in one statement."""
    return list(db.session.scalars(_letters_newest_first(), {"patient_id": patient.id}))


@statement_built_once
def _letters_newest_first() -> Select:
    return (
        select(LetterRecord)
        .where(LetterRecord.patient_id == bindparam("patient_id"))
        .options(joinedload(LetterRecord.created_by))
        .order_by(LetterRecord.created_at.desc(), LetterRecord.id.desc())
    )
