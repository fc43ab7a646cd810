"""Handouts: build their content, render the page and the PDF, record and reprint them."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app, render_template

from practice.assessments.services import findings_of, latest_finalised
from practice.clinical.advice import advice_topics, seek_help_items
from practice.clinical.handout_text import dosage_sentences, goal_sentence
from practice.clinical.vocabulary import FlagKind
from practice.extensions import db
from practice.handouts.content import AdviceBlock, ExerciseCard, HandoutContent
from practice.models import (
    Assessment,
    HandoutKind,
    HandoutRecord,
    Paper,
    Patient,
    PlanStatus,
    PlanVersion,
    User,
)
from practice.seed import load_seed_catalogue

if TYPE_CHECKING:
    from practice.handouts.pdf import RenderedPdf

PLACEHOLDER_ILLUSTRATION = "img/exercises/placeholder.svg"
DEFAULT_ADHERENCE_WEEKS = 6


class HandoutError(ValueError):
    """Why a handout cannot be made, in words for the clinician."""


def _static_folder() -> Path:
    return Path(current_app.static_folder)


def _illustration(path: str | None) -> str:
    """The exercise's drawing, or a placeholder when the file is missing."""
    return path if path and (_static_folder() / path).is_file() else PLACEHOLDER_ILLUSTRATION


def _clinic_lines(patient: Patient) -> tuple[str, ...]:
    clinic = patient.clinic
    return tuple(line for line in (clinic.address, clinic.phone, clinic.email) if line)


def _advice(assessment: Assessment | None, patient: Patient) -> tuple[tuple, tuple]:
    findings = findings_of(assessment) if assessment else []
    flags = [FlagKind(flag.kind) for flag in patient.current_flags]
    seed = load_seed_catalogue()
    topics = advice_topics(findings, flags)
    blocks = tuple(
        AdviceBlock(item.title, item.items)
        for topic in topics
        for item in seed.advice
        if item.topic == topic
    )
    seek_help = tuple(item.text for item in seek_help_items(findings, flags, seed.red_flags))
    return blocks, seek_help


def home_exercise_content(
    version: PlanVersion, *, therapist: User | None, large_print: bool = False
) -> HandoutContent:
    if version.status == PlanStatus.DRAFT:
        raise HandoutError("Issue the plan first: a handout gives the patient an issued plan.")
    exercises = [entry for entry in version.items if entry.catalogue_item.is_exercise]
    if not exercises:
        raise HandoutError("This plan has no home exercises, so there is no exercise handout.")
    plan = version.plan
    cards = tuple(
        ExerciseCard(
            name=entry.catalogue_item.name,
            illustration=_illustration(entry.catalogue_item.details.illustration),
            illustration_alt=f"Drawing of {entry.catalogue_item.name}",
            steps=entry.catalogue_item.details.steps,
            dosage=tuple(dosage_sentences(entry.dosage)),
            feel=entry.catalogue_item.details.feel,
            cautions=entry.catalogue_item.details.cautions,
            easier=entry.catalogue_item.details.easier,
            harder=entry.catalogue_item.details.harder,
            note=entry.notes,
        )
        for entry in exercises
    )
    advice, seek_help = _advice(plan.assessment, plan.patient)
    return HandoutContent(
        title="Your home exercises",
        clinic_name=plan.patient.clinic.name,
        clinic_contact=_clinic_lines(plan.patient),
        therapist=(therapist or version.issued_by or plan.created_by).display_name,
        patient_name=plan.patient.full_name,
        issued_on=date.today(),
        review_on=version.review_on,
        goals=tuple(
            goal_sentence(
                goal.measure, goal.label, goal.comparator, goal.target, goal.target_on, goal.unit
            )
            for goal in version.goals
        ),
        exercises=cards,
        adherence_weeks=version.duration_weeks or DEFAULT_ADHERENCE_WEEKS,
        advice=advice,
        seek_help=seek_help,
        large_print=large_print,
    )


def prevention_content(
    patient: Patient, *, therapist: User | None, large_print: bool = False
) -> HandoutContent:
    assessment = latest_finalised(patient)
    if assessment is None:
        raise HandoutError(
            "Prevention advice is chosen from a finalised assessment: finalise one first."
        )
    advice, seek_help = _advice(assessment, patient)
    if not advice:
        raise HandoutError(
            "The assessment records no cramp triggers, posture, circulation or lifestyle "
            "findings to base prevention advice on."
        )
    return HandoutContent(
        title="Ways to help prevent cramps and spasms",
        clinic_name=patient.clinic.name,
        clinic_contact=_clinic_lines(patient),
        therapist=(therapist or assessment.clinician).display_name,
        patient_name=patient.full_name,
        issued_on=date.today(),
        review_on=None,
        goals=(),
        exercises=(),
        adherence_weeks=0,
        advice=advice,
        seek_help=seek_help,
        large_print=large_print,
    )


def render_page(
    content: HandoutContent,
    *,
    paper: Paper,
    for_print_page: bool,
    issue_url: str | None = None,
    back_url: str | None = None,
) -> str:
    """The handout as HTML: the print page (with a toolbar) or the PDF's source."""
    return render_template(
        "handouts/handout.html",
        content=content,
        paper=paper,
        for_print_page=for_print_page,
        issue_url=issue_url,
        back_url=back_url,
        static_url=current_app.static_url_path,
    )


def render_pdf(content: HandoutContent, *, paper: Paper) -> RenderedPdf:
    # Imported here: WeasyPrint takes about half a second to import, which every command and
    # every worker start would otherwise pay whether or not it renders a handout.
    from practice.handouts import pdf

    html = render_page(content, paper=paper, for_print_page=False)
    return pdf.render_pdf(
        html,
        paper=pdf.Paper.A4 if paper is Paper.A4 else pdf.Paper.LETTER,
        static_folder=_static_folder(),
        static_url_path=current_app.static_url_path,
    )


def issue_handout(
    content: HandoutContent,
    *,
    patient: Patient,
    version: PlanVersion | None,
    paper: Paper,
    author: User | None,
) -> HandoutRecord:
    """Render the PDF once and keep it with what was given, to whom and by whom."""
    paper = Paper(paper)
    rendered = render_pdf(content, paper=paper)
    record = HandoutRecord(
        clinic_id=patient.clinic_id,
        patient=patient,
        plan_version=version,
        kind=HandoutKind.HOME_EXERCISE if version else HandoutKind.PREVENTION,
        paper=paper.value,
        large_print=content.large_print,
        sha256=hashlib.sha256(rendered.data).hexdigest(),
        pdf=rendered.data,
        page_count=rendered.page_count,
        created_by=author,
    )
    db.session.add(record)
    db.session.flush()
    return record
