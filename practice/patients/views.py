from datetime import date

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from practice import audit
from practice.assessments import services as services_assessments
from practice.assessments.services import latest_finalised
from practice.clinical.labels import is_code, label
from practice.extensions import db
from practice.forms import StartAssessmentForm
from practice.models import Consent, Patient, PatientFlag
from practice.patients import bp, services
from practice.patients.export import patient_record
from practice.patients.forms import (
    ConfirmActionForm,
    ConsentForm,
    FlagForm,
    PatientForm,
    PatientSearchForm,
    ResolveFlagForm,
    WithdrawConsentForm,
)
from practice.permissions import may
from practice.plans.services import prevention_advice
from practice.scoping import clinic_scoped, get_owned_or_404

PATIENTS_PER_PAGE = 25


def _owned_by_patient(model, object_id: int, patient: Patient):
    """A flag or consent of this patient; anything else, another clinic's included, is a 404."""
    found = get_owned_or_404(model, object_id)
    if found.patient_id != patient.id:
        abort(404)
    return found


@bp.get("/")
@login_required
def index():
    form = PatientSearchForm(request.args)
    statement = clinic_scoped(select(Patient), Patient)
    if may("patients.add_flag"):
        # The list shows each patient's current flags: load them in one query, not one per row.
        statement = statement.options(selectinload(Patient.flags))
    if form.validate():
        statement = services.patient_search(
            statement,
            name=form.q.data or "",
            born_on=form.dob.data,
            include_archived=form.archived.data,
        )
    else:
        statement = services.patient_search(statement)
    page = db.paginate(statement, per_page=PATIENTS_PER_PAGE, max_per_page=PATIENTS_PER_PAGE)
    status = 400 if form.errors else 200
    return render_template("patients/index.html", form=form, page=page), status


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    form = PatientForm()
    if form.validate_on_submit():
        patient = services.create_patient(form.data, author=current_user)
        db.session.commit()
        audit.note(record_type="patient", record_id=patient.id, patient_id=patient.id)
        flash(f"{patient.full_name} added.", "success")
        return redirect(url_for("patients.show", patient_id=patient.id))
    return render_template(
        "patients/form.html", form=form, patient=None
    ), 400 if form.errors else 200


@bp.get("/<int:patient_id>")
@login_required
def show(patient_id: int):
    patient = get_owned_or_404(Patient, patient_id)
    return _render_show(patient)


def _render_show(patient: Patient, *, flag_form=None, consent_form=None, status: int = 200):
    """The patient's page; without clinical access (admin, front desk) nothing clinical is
    worked out, let alone shown (``practice.permissions``)."""
    clinical = may("assessments.show")
    prevention = prevention_advice(patient) if clinical else None
    return render_template(
        "patients/show.html",
        patient=patient,
        start_form=StartAssessmentForm(),
        has_finalised=clinical and latest_finalised(patient) is not None,
        timeline=services.patient_timeline(patient, clinical=clinical),
        flag_form=flag_form or FlagForm(prefix="flag"),
        consent_form=consent_form or ConsentForm(prefix="consent"),
        withdraw_form=WithdrawConsentForm(prefix="withdraw"),
        confirm_form=ConfirmActionForm(prefix="confirm"),
        withheld=prevention.withheld if prevention else (),
    ), status


@bp.route("/<int:patient_id>/edit", methods=["GET", "POST"])
@login_required
def edit(patient_id: int):
    patient = get_owned_or_404(Patient, patient_id)
    form = PatientForm(obj=patient)
    if form.validate_on_submit():
        if form.version.data != str(patient.version):
            return _saved_meanwhile(patient, form)
        audit.note(detail=services.changed_details(patient, form.data))
        services.update_patient(patient, form.data)
        try:
            db.session.commit()
        except StaleDataError:  # saved by someone else between the check and this commit
            db.session.rollback()
            return _saved_meanwhile(db.session.get(Patient, patient_id), form)
        flash("Patient details saved.", "success")
        return redirect(url_for("patients.show", patient_id=patient.id))
    status = 400 if form.errors else 200
    return render_template("patients/form.html", form=form, patient=patient), status


def _shown(value) -> str:
    if isinstance(value, date):
        return f"{value:%d %b %Y}"
    return label(value) if value and is_code(str(value)) else (value or "—")


def _saved_meanwhile(patient: Patient, form: PatientForm):
    """Refuse a save over details someone else changed since the form was opened: what was
    typed stays in the form, the details now saved are listed where they differ, and the form
    now carries the new version, so saving again (after a look) is a deliberate choice."""
    saved = services.patient_values(patient)
    typed = {field: form.data.get(field) for field in saved}
    changed = [
        (form[field].label.text, _shown(saved[field]))
        for field in saved
        if (saved[field] or "") != (typed[field] or "")
    ]
    form.version.data = str(patient.version)
    return render_template(
        "patients/form.html", form=form, patient=patient, saved_meanwhile=changed
    ), 409


@bp.post("/<int:patient_id>/flags")
@login_required
def add_flag(patient_id: int):
    patient = get_owned_or_404(Patient, patient_id)
    form = FlagForm(prefix="flag")
    if not form.validate_on_submit():
        flash("The flag was not added: see the messages by the fields.", "danger")
        return _render_show(patient, flag_form=form, status=400)
    services.add_flag(patient, form.data, author=current_user)
    db.session.commit()
    flash("Flag added.", "success")
    return redirect(url_for("patients.show", patient_id=patient.id, _anchor="flags"))


@bp.route("/<int:patient_id>/flags/<int:flag_id>/resolve", methods=["GET", "POST"])
@login_required
def resolve_flag(patient_id: int, flag_id: int):
    patient = get_owned_or_404(Patient, patient_id)
    flag = _owned_by_patient(PatientFlag, flag_id, patient)
    form = ResolveFlagForm()
    if form.validate_on_submit():
        try:
            services.resolve_flag(
                flag,
                resolved_on=form.resolved_on.data,
                note=form.resolution_note.data,
                author=current_user,
            )
        except ValueError as error:
            db.session.rollback()
            form.resolved_on.errors.append(str(error))
        else:
            db.session.commit()
            flash("Flag resolved; it stays on the record.", "success")
            return redirect(url_for("patients.show", patient_id=patient.id, _anchor="flags"))
    status = 400 if form.errors else 200
    return render_template(
        "patients/resolve_flag.html", patient=patient, flag=flag, form=form
    ), status


@bp.post("/<int:patient_id>/consents")
@login_required
def add_consent(patient_id: int):
    patient = get_owned_or_404(Patient, patient_id)
    form = ConsentForm(prefix="consent")
    if not form.validate_on_submit():
        flash("The consent was not recorded: see the messages by the fields.", "danger")
        return _render_show(patient, consent_form=form, status=400)
    services.add_consent(patient, form.data, author=current_user)
    db.session.commit()
    flash("Consent recorded.", "success")
    return redirect(url_for("patients.show", patient_id=patient.id, _anchor="consents"))


@bp.post("/<int:patient_id>/consents/<int:consent_id>/withdraw")
@login_required
def withdraw_consent(patient_id: int, consent_id: int):
    patient = get_owned_or_404(Patient, patient_id)
    consent = _owned_by_patient(Consent, consent_id, patient)
    form = WithdrawConsentForm(prefix="withdraw")
    if form.validate_on_submit():
        try:
            services.withdraw_consent(consent, withdrawn_on=form.withdrawn_on.data)
        except ValueError as error:
            db.session.rollback()
            flash(str(error), "danger")
            return _render_show(patient, status=400)
        db.session.commit()
        flash("Withdrawal of consent recorded.", "success")
        return redirect(url_for("patients.show", patient_id=patient.id, _anchor="consents"))
    flash("Enter a valid date for the withdrawal.", "danger")
    return _render_show(patient, status=400)


@bp.get("/<int:patient_id>/export.json")
@login_required
def export(patient_id: int):
    patient = get_owned_or_404(Patient, patient_id)
    record = patient_record(patient)
    for assessment in services_assessments.patient_assessments(patient):
        services_assessments.record_export(assessment, current_user)
    db.session.commit()
    response = jsonify(record)
    filename = f"patient-{patient.id}-{date.today():%Y%m%d}.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.post("/<int:patient_id>/archive")
@login_required
def archive(patient_id: int):
    patient = get_owned_or_404(Patient, patient_id)
    return _archiving(
        patient,
        lambda: services.archive_patient(patient, author=current_user),
        f"{patient.full_name} is archived: hidden from the lists, nothing deleted.",
    )


@bp.post("/<int:patient_id>/restore")
@login_required
def restore(patient_id: int):
    patient = get_owned_or_404(Patient, patient_id)
    return _archiving(
        patient,
        lambda: services.restore_patient(patient),
        f"{patient.full_name} is back in the lists.",
    )


def _archiving(patient: Patient, change, done: str):
    if not ConfirmActionForm(prefix="confirm").validate_on_submit():
        abort(400)
    try:
        change()
    except ValueError as error:
        flash(str(error), "warning")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(url_for("patients.show", patient_id=patient.id))
