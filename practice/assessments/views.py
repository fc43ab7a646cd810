from datetime import date
from itertools import groupby
from operator import attrgetter

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm.exc import StaleDataError

from practice.assessments import bp, presenting, services
from practice.assessments.forms import AddendumForm, DiscardForm, FinaliseForm
from practice.assessments.sections import SECTIONS, SectionInputError
from practice.clinical.body_chart import compare_charts
from practice.clinical.comparison import compare_records, goals_at
from practice.clinical.flag_suggestions import flag_suggestions, not_yet_recorded
from practice.clinical.record_rules import finalisation_problems, positive_red_flags
from practice.clinical.stage import recorded_stage
from practice.extensions import db
from practice.forms import StartAssessmentForm
from practice.models import Assessment, Patient
from practice.reference import clinical_reference
from practice.scoping import get_owned_or_404


@bp.post("/patients/<int:patient_id>/assessments")
@login_required
def start(patient_id: int):
    patient = get_owned_or_404(Patient, patient_id)
    form = StartAssessmentForm()
    if not form.validate_on_submit():
        flash("The assessment was not started: " + _first_error(form), "danger")
        return redirect(url_for("patients.show", patient_id=patient.id))
    assessment = services.start_assessment(patient, author=current_user, seen_on=form.seen_on.data)
    db.session.commit()
    if assessment.previous_assessment:
        flash("Re-assessment started, pre-filled from the last finalised assessment.", "info")
    first = next(iter(SECTIONS))
    return redirect(url_for("assessments.edit_section", assessment_id=assessment.id, key=first))


def _first_error(form) -> str:
    return next(iter(form.errors.values()))[0] if form.errors else "please try again."


@bp.get("/assessments/<int:assessment_id>")
@login_required
def show(assessment_id: int):
    assessment = get_owned_or_404(Assessment, assessment_id)
    return _render_show(assessment)


def _render_show(
    assessment: Assessment,
    *,
    addendum_form=None,
    discard_form=None,
    finalise_form=None,
    status: int = 200,
):
    record = services.record_of(assessment)
    active = {flag.kind for flag in assessment.patient.current_flags}
    return render_template(
        "assessments/show.html",
        assessment=assessment,
        patient=assessment.patient,
        sections=SECTIONS,
        views=presenting.present(record, clinical_reference()),
        findings=services.findings_of(assessment),
        red_flags=positive_red_flags(record),
        problems=finalisation_problems(record, clinical_reference()),
        suggestions=not_yet_recorded(flag_suggestions(record.subjective), active),
        stage=recorded_stage(record.subjective, assessment.seen_on, record.circulation),
        today=date.today(),
        finalise_form=finalise_form or FinaliseForm(),
        plans=services.plans_of(assessment),
        addendum_form=addendum_form or AddendumForm(),
        discard_form=discard_form or DiscardForm(prefix="discard"),
    ), status


@bp.route("/assessments/<int:assessment_id>/sections/<key>", methods=["GET", "POST"])
@login_required
def edit_section(assessment_id: int, key: str):
    assessment = get_owned_or_404(Assessment, assessment_id)
    section = SECTIONS.get(key) or abort(404)
    if not assessment.is_draft:
        flash(str(services.RecordLocked(assessment)), "warning")
        if request.method == "GET":
            return redirect(url_for("assessments.show", assessment_id=assessment.id))
        return _render_show(assessment, status=409)
    record = services.record_of(assessment)
    if request.method == "GET":
        form = section.form_class(
            data=section.load(record) | _impression(section, assessment),
            seen_on=assessment.seen_on,
            record=record,
        )
        return _render_section(assessment, section, form)
    form = section.form_class(seen_on=assessment.seen_on, record=record)
    if not form.validate_on_submit():
        return _render_section(assessment, section, form, status=400)
    try:
        services.save_section(
            assessment,
            section,
            section.apply(form, record),
            author=current_user,
            expected_version=request.form.get("version", type=int),
            impression=form.impression.data if section.has_impression else None,
        )
        db.session.commit()
    except (SectionInputError, services.StaleDraft) as error:
        db.session.rollback()
        return _render_section(assessment, section, form, problem=str(error), status=_status(error))
    except StaleDataError:
        db.session.rollback()
        problem = str(services.StaleDraft())
        return _render_section(assessment, section, form, problem=problem, status=409)
    flash(f"{section.title} saved as a draft.", "success")
    # The id of the URL: the commit expired the assessment, and reading it would reload it.
    following = _following(key) if request.form.get("then") == "next" else key
    if following is None:
        return redirect(url_for("assessments.show", assessment_id=assessment_id))
    return redirect(url_for("assessments.edit_section", assessment_id=assessment_id, key=following))


def _following(key: str) -> str | None:
    """The section after ``key`` in the record's order; None after the last one."""
    keys = list(SECTIONS)
    position = keys.index(key) + 1
    return keys[position] if position < len(keys) else None


def _status(error: Exception) -> int:
    return 409 if isinstance(error, services.StaleDraft) else 400


def _impression(section, assessment: Assessment) -> dict:
    return {"impression": assessment.impression} if section.has_impression else {}


def _render_section(assessment, section, form, *, problem: str | None = None, status: int = 200):
    if status >= 400 and problem is None:
        problem = "Nothing was saved: see the messages next to the fields."
    return render_template(
        "assessments/section.html",
        assessment=assessment,
        patient=assessment.patient,
        sections=SECTIONS,
        section=section,
        following=SECTIONS.get(_following(section.key) or ""),
        form=form,
        problem=problem,
    ), status


@bp.post("/assessments/<int:assessment_id>/finalise")
@login_required
def finalise(assessment_id: int):
    assessment = get_owned_or_404(Assessment, assessment_id)
    form = FinaliseForm()
    if assessment.is_draft and not form.validate_on_submit():
        return _render_show(assessment, finalise_form=form, status=400)
    try:
        services.finalise(assessment, author=current_user)
        db.session.commit()
    except (services.RecordLocked, services.NotReadyToFinalise) as error:
        db.session.rollback()
        flash(str(error), "danger")
        status = 409 if isinstance(error, services.RecordLocked) else 400
        return _render_show(assessment, status=status)
    flash("Assessment finalised. From now on it is amended only by addenda.", "success")
    return redirect(url_for("assessments.show", assessment_id=assessment.id))


@bp.post("/assessments/<int:assessment_id>/discard")
@login_required
def discard(assessment_id: int):
    assessment = get_owned_or_404(Assessment, assessment_id)
    form = DiscardForm(prefix="discard")
    if not form.validate_on_submit():
        return _render_show(assessment, discard_form=form, status=400)
    try:
        services.discard(assessment, author=current_user, reason=form.reason.data)
        db.session.commit()
    except services.RecordLocked as error:
        db.session.rollback()
        flash(str(error), "danger")
        return _render_show(assessment, status=409)
    flash("Draft discarded. It stays on the record, read-only, with the reason.", "success")
    return redirect(url_for("patients.show", patient_id=assessment.patient_id))


@bp.post("/assessments/<int:assessment_id>/addenda")
@login_required
def add_addendum(assessment_id: int):
    assessment = get_owned_or_404(Assessment, assessment_id)
    form = AddendumForm()
    if not form.validate_on_submit():
        flash("The addendum was not added: see the messages by the fields.", "danger")
        return _render_show(assessment, addendum_form=form, status=400)
    try:
        services.add_addendum(
            assessment,
            author=current_user,
            reason=form.reason.data,
            text=form.text.data,
            refers_to_on=form.refers_to_on.data,
        )
    except ValueError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return _render_show(assessment, addendum_form=form, status=400)
    db.session.commit()
    flash("Addendum added.", "success")
    return redirect(url_for("assessments.show", assessment_id=assessment.id, _anchor="addenda"))


@bp.get("/assessments/<int:assessment_id>/compare")
@login_required
def compare(assessment_id: int):
    """This assessment against another, finalised one: the previous by default, or ?with=<id>.

    Only a finalised record is compared with: a draft may still change under the comparison.
    """
    assessment = get_owned_or_404(Assessment, assessment_id)
    if assessment.is_discarded:
        flash("This draft was discarded: there is nothing of it to compare.", "info")
        return redirect(url_for("assessments.show", assessment_id=assessment.id))
    other_id = request.args.get("with", type=int) or assessment.previous_assessment_id
    if other_id is None:
        flash("There is no earlier assessment to compare with.", "info")
        return redirect(url_for("assessments.show", assessment_id=assessment.id))
    other = get_owned_or_404(Assessment, other_id)
    if other.patient_id != assessment.patient_id:
        abort(404)
    if other.id == assessment.id or not other.is_finalised:
        what = "itself" if other.id == assessment.id else "a draft"
        flash(
            f"An assessment is compared only with another, finalised assessment, not with {what}.",
            "warning",
        )
        return redirect(url_for("assessments.show", assessment_id=assessment.id))
    earlier, later = sorted((other, assessment), key=lambda item: (item.seen_on, item.id))
    reference = clinical_reference()
    earlier_record, later_record = services.record_of(earlier), services.record_of(later)
    changes = compare_records(earlier_record, later_record, reference)
    return render_template(
        "assessments/compare.html",
        patient=assessment.patient,
        earlier=earlier,
        later=later,
        changes=changes,
        groups=[(group, list(items)) for group, items in groupby(changes, key=attrgetter("group"))],
        goals=goals_at(services.goals_set_after(earlier), later_record, reference),
        body_charts=compare_charts(earlier_record.subjective, later_record.subjective),
        choices=services.finalised_others(assessment),
        assessment=assessment,
    )
