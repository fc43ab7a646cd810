"""Handouts: build their content, render the page and the PDF, record and reprint them."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app, render_template

from practice.assessments.services import latest_finalised
from practice.clinic import services as clinic_services
from practice.clinical.advice import HandoutAdvice
from practice.clinical.handout_text import card_texts, goal_sentence
from practice.clinical.vocabulary import ExerciseSide
from practice.extensions import db
from practice.handouts.content import AdviceBlock, ClinicDetails, ExerciseCard, HandoutContent
from practice.handouts.illustrations import illustration_for_side
from practice.models import (
    Clinic,
    HandoutKind,
    HandoutRecord,
    Paper,
    Patient,
    PlanVersion,
    User,
)
from practice.models.plan import GIVEN
from practice.plans.services import handout_advice_of

if TYPE_CHECKING:
    from collections.abc import Mapping

    from practice.pdf import RenderedPdf

PLACEHOLDER_ILLUSTRATION = "img/exercises/placeholder.svg"
DEFAULT_ADHERENCE_WEEKS = 6
# The ids of the exercise log and "When to get help" in handouts/handout.html.
LOG_ANCHOR, HELP_ANCHOR = "exercise-log", "when-to-get-help"


class HandoutError(ValueError):
    """Why a handout cannot be made, in words for the clinician."""


def _static_folder() -> Path:
    return Path(current_app.static_folder)


def _illustration(path: str | None, side: ExerciseSide) -> str:
    """The exercise's drawing for the side the plan says, or a placeholder when it is missing."""

    def exists(candidate: str) -> bool:
        return (_static_folder() / candidate).is_file()

    if not path or not exists(path):
        return PLACEHOLDER_ILLUSTRATION
    return illustration_for_side(path, side, exists)


def clinic_details(clinic: Clinic) -> ClinicDetails:
    readiness = clinic_services.handout_readiness(clinic)
    return ClinicDetails(
        name=clinic.name,
        address=tuple(line for line in clinic.address.splitlines() if line.strip()),
        phone=clinic.phone,
        email=clinic.email,
        registration=clinic.registration_line,
        logo_url=clinic_services.logo_url(clinic),
        can_be_contacted=readiness.can_be_contacted,
        missing=readiness.missing,
    )


def check_contact_details(patient: Patient) -> None:
    """Refuse to give a handout that tells the patient no way to reach the clinic (8.3)."""
    if not clinic_services.handout_readiness(patient.clinic).can_be_contacted:
        raise HandoutError(
            "Add the clinic's phone number or e-mail in the clinic settings before giving a "
            "handout: the patient needs a way to contact you."
        )


def _signed_by(therapist: User) -> dict[str, str]:
    return {
        "therapist": therapist.display_name,
        "therapist_registration": therapist.registration_number or "",
    }


def plan_advice(version: PlanVersion) -> HandoutAdvice:
    return handout_advice_of(version.plan.assessment, version)


def _printed(chosen: HandoutAdvice) -> tuple[tuple[AdviceBlock, ...], tuple[str, ...]]:
    blocks = tuple(AdviceBlock(block.title, block.items) for block in chosen.advice)
    return blocks, tuple(item.text for item in chosen.seek_help)


def home_exercise_content(
    version: PlanVersion, *, therapist: User | None, large_print: bool = False
) -> HandoutContent:
    if version.status not in GIVEN:
        raise HandoutError("Issue the plan first: a handout gives the patient an issued plan.")
    exercises = [entry for entry in version.items if entry.catalogue_item.is_exercise]
    if not exercises:
        raise HandoutError("This plan has no home exercises, so there is no exercise handout.")
    plan = version.plan
    cards = tuple(
        ExerciseCard(
            name=entry.catalogue_item.name,
            illustration=_illustration(
                entry.catalogue_item.details.illustration, entry.dosage["side"]
            ),
            illustration_alt=f"Drawing of {entry.catalogue_item.name}",
            **card_texts(entry.catalogue_item.details, entry.dosage),
            note=entry.notes,
        )
        for entry in exercises
    )
    # The exercise sheet carries the 8.3 footer (when to get help, the log); the trigger advice
    # is the prevention handout's, so eight exercises fit on three pages.
    _, seek_help = _printed(plan_advice(version))
    return HandoutContent(
        title="Your home exercises",
        clinic=clinic_details(plan.patient.clinic),
        **_signed_by(therapist or version.issued_by or plan.created_by),
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
        advice=(),
        seek_help=seek_help,
        large_print=large_print,
        # Large print fills the log's page with the log alone.
        help_with_log=not large_print,
    )


def prevention_content(
    patient: Patient, *, therapist: User | None, large_print: bool = False
) -> HandoutContent:
    assessment = latest_finalised(patient)
    if assessment is None:
        raise HandoutError(
            "Prevention advice is chosen from a finalised assessment: finalise one first."
        )
    advice, seek_help = _printed(handout_advice_of(assessment))
    if not advice:
        raise HandoutError(
            "The assessment records no cramp triggers, posture, circulation or lifestyle "
            "findings to base prevention advice on."
        )
    return HandoutContent(
        title="Ways to help prevent cramps and spasms",
        clinic=clinic_details(patient.clinic),
        **_signed_by(therapist or assessment.clinician),
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


def render_pdf(
    content: HandoutContent,
    *,
    paper: Paper,
    resources: Mapping[str, tuple[bytes, str]] | None = None,
) -> RenderedPdf:
    """``resources``: what the PDF shows from memory by URL (the clinic's logo)."""
    # Imported here: WeasyPrint takes about half a second to import, which every command and
    # every worker start would otherwise pay whether or not it renders a handout.
    from practice import pdf

    def render(content: HandoutContent) -> RenderedPdf:
        return pdf.render_pdf(
            render_page(content, paper=paper, for_print_page=False),
            paper=pdf.Paper.A4 if paper is Paper.A4 else pdf.Paper.LETTER,
            static_folder=_static_folder(),
            static_url_path=current_app.static_url_path,
            resources=resources,
        )

    rendered = render(content)
    pages = rendered.anchor_pages
    if content.help_with_log and pages.get(HELP_ANCHOR) != pages.get(LOG_ANCHOR):
        # Long exercise names and many warning lines can fill the log's page: then "When to
        # get help" goes back after the cards rather than onto a page of its own.
        rendered = render(replace(content, help_with_log=False))
    return rendered


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
    rendered = render_pdf(
        content, paper=paper, resources=clinic_services.logo_resources(patient.clinic)
    )
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
