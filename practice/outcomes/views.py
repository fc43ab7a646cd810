from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from practice import audit
from practice.clinical.outcomes import form_instruments
from practice.extensions import db
from practice.models import Patient
from practice.models.visit import VisitNote
from practice.outcomes import bp, services
from practice.outcomes.forms import ResponseForm
from practice.scoping import get_owned_or_404


def _instrument():
    """The instrument named by ``?instrument=`` (the first the form records by default); one the
    form does not record (NPRS comes from the visits) is a 404."""
    recorded = {tool.code: tool for tool in form_instruments()}
    code = request.args.get("instrument", next(iter(recorded)))
    if code not in recorded:
        abort(404)
    return recorded[code]


def _visit(patient: Patient) -> VisitNote | None:
    """The visit note of ``?visit=``, which must be this patient's and not discarded."""
    visit_id = request.args.get("visit", type=int)
    if visit_id is None:
        return None
    visit = get_owned_or_404(VisitNote, visit_id)
    if visit.patient_id != patient.id or visit.is_discarded:
        abort(404)
    return visit


@bp.route("/patients/<int:patient_id>/outcomes/new", methods=["GET", "POST"])
@login_required
def record(patient_id: int):
    patient = get_owned_or_404(Patient, patient_id)
    tool = _instrument()
    visit = _visit(patient)
    form = ResponseForm()
    if request.method == "GET":
        if visit is not None:
            form.recorded_on.data = visit.occurred_on
        plan_id = services.episode_plan_id(patient, visit)
        for entry, activity in zip(
            form.items, services.previous_activities(patient, tool, plan_id), strict=False
        ):
            entry.form.activity.data = activity
    elif form.validate_on_submit():
        try:
            response = services.record_response(
                patient,
                tool,
                recorded_on=form.recorded_on.data,
                answers=form.answers(),
                author=current_user,
                visit=visit,
            )
        except services.OutcomeError as error:
            db.session.rollback()
            form.show_problems(error.problems)
        else:
            db.session.commit()
            audit.note(record_type="outcome_response", record_id=response.id, patient_id=patient.id)
            flash(f"{tool.short} recorded: {response.total.normalize():f}.", "success")
            return redirect(url_for("patients.show", patient_id=patient.id, _anchor="outcomes"))
    refused = request.method == "POST"  # a POST that is recorded redirects
    return render_template(
        "outcomes/record.html", patient=patient, tool=tool, visit=visit, form=form, refused=refused
    ), 400 if refused else 200
