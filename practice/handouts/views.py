from flask import abort, flash, redirect, request, url_for
from flask_login import current_user, login_required

from practice.extensions import db
from practice.handouts import bp, services
from practice.handouts.forms import HandoutOptionsForm, PrintPageOptionsForm
from practice.models import HandoutRecord, Paper, Patient, TreatmentPlan
from practice.plans.services import WITH_VERSIONS
from practice.scoping import get_owned_or_404
from practice.stored_pdfs import send_stored_pdf


def _handed_out_version(plan: TreatmentPlan):
    """The version the patient was given: the requested one, else the latest issued."""
    number = request.values.get("version", type=int)
    if number is not None:
        version = next((item for item in plan.versions if item.number == number), None)
        return version or abort(404)
    return plan.given[-1] if plan.given else plan.current


@bp.app_template_global()
def handout_options() -> PrintPageOptionsForm:
    """Paper and print size for the handout buttons and the print page's toolbar, as the query
    string sets them (by default the clinic's paper, normal print)."""
    return PrintPageOptionsForm(request.args, data={"paper": current_user.clinic.default_paper})


def _refused(message: str, back: str):
    flash(message, "danger")
    return redirect(back)


def _print_page(build, *, issue_url: str, back_url: str):
    """The print-ready page; ``build(large_print)`` gives the content or a HandoutError."""
    options = handout_options()
    if not options.validate():
        abort(400)
    try:
        content = build(options.large_print.data)
    except services.HandoutError as error:
        return _refused(str(error), back_url)
    return services.render_page(
        content,
        paper=Paper(options.paper.data),
        for_print_page=True,
        issue_url=issue_url,
        back_url=back_url,
    )


def _issue(build, *, patient: Patient, version, back_url: str):
    """Render, record and hand over the PDF; ``build`` as for ``_print_page``."""
    form = HandoutOptionsForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        services.check_contact_details(patient)
        content = build(form.large_print.data)
    except services.HandoutError as error:
        return _refused(str(error), back_url)
    record = services.issue_handout(
        content, patient=patient, version=version, paper=Paper(form.paper.data), author=current_user
    )
    db.session.commit()
    flash("Handout recorded. This is the PDF to print or send.", "success")
    return redirect(url_for("handouts.download", record_id=record.id))


@bp.get("/plans/<int:plan_id>/handout")
@login_required
def plan_print_page(plan_id: int):
    plan = get_owned_or_404(TreatmentPlan, plan_id, loading=WITH_VERSIONS)
    version = _handed_out_version(plan)
    return _print_page(
        lambda large: services.home_exercise_content(
            version, therapist=current_user, large_print=large
        ),
        issue_url=url_for("handouts.issue_plan_handout", plan_id=plan.id, version=version.number),
        back_url=url_for("plans.show", plan_id=plan.id, version=version.number),
    )


@bp.post("/plans/<int:plan_id>/handout")
@login_required
def issue_plan_handout(plan_id: int):
    plan = get_owned_or_404(TreatmentPlan, plan_id, loading=WITH_VERSIONS)
    version = _handed_out_version(plan)
    return _issue(
        lambda large: services.home_exercise_content(
            version, therapist=current_user, large_print=large
        ),
        patient=plan.patient,
        version=version,
        back_url=url_for("plans.show", plan_id=plan.id),
    )


@bp.get("/patients/<int:patient_id>/prevention-handout")
@login_required
def prevention_print_page(patient_id: int):
    patient = get_owned_or_404(Patient, patient_id)
    return _print_page(
        lambda large: services.prevention_content(
            patient, therapist=current_user, large_print=large
        ),
        issue_url=url_for("handouts.issue_prevention_handout", patient_id=patient.id),
        back_url=url_for("patients.show", patient_id=patient.id),
    )


@bp.post("/patients/<int:patient_id>/prevention-handout")
@login_required
def issue_prevention_handout(patient_id: int):
    patient = get_owned_or_404(Patient, patient_id)
    return _issue(
        lambda large: services.prevention_content(
            patient, therapist=current_user, large_print=large
        ),
        patient=patient,
        version=None,
        back_url=url_for("patients.show", patient_id=patient.id),
    )


@bp.get("/handouts/<int:record_id>.pdf")
@login_required
def download(record_id: int):
    """The PDF exactly as it was given: stored bytes, never rendered again, and only while
    they still have the SHA-256 recorded when the handout was given."""
    record = get_owned_or_404(HandoutRecord, record_id)
    return send_stored_pdf(record, kind="handout", given="given")
