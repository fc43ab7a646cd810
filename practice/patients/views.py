from datetime import date
from typing import NoReturn

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm.exc import StaleDataError

from practice import audit
from practice.assessments import services as services_assessments
from practice.clinical.labels import is_code, label
from practice.errors import render_error
from practice.extensions import db
from practice.forms import StartAssessmentForm
from practice.letters import services as letter_services
from practice.models import Consent, Patient, PatientFlag
from practice.outcomes import services as outcome_services
from practice.patients import bp, search, services
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
from practice.scoping import get_owned_or_404
from practice.visits.services import patient_notes

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
    """The clinic's patients in name order, or those a search finds, a page at a time."""
    form = PatientSearchForm(request.args)
    searched = form.validate()
    query = search.PatientQuery(
        clinic_id=current_user.clinic_id,
        words=form.words if searched else (),
        born_on=form.dob.data if searched else None,
        include_archived=bool(form.archived.data) if searched else False,
    )
    position = _page_position(request.args.get("page", ""), query)
    if searched or not (form.q.data or form.dob.raw_data):
        page = search.patient_page(query, position, PATIENTS_PER_PAGE)
    else:
        page = search.PatientPage([], None, None)  # a search that cannot be read finds nothing
    links = {
        "first": page.previous and _page_url(None),
        "previous": page.previous and _page_url(page.previous),
        "next": page.next and _page_url(page.next),
        "last": page.next and _page_url(search.LAST_PAGE),
    }
    # The list shows each patient's current flags to those who may see them: one query.
    flags = services.current_flag_kinds(page.patients) if may("patients.add_flag") else {}
    status = 400 if form.errors else 200
    return render_template(
        "patients/index.html", form=form, page=page, links=links, flags=flags
    ), status


PAGE_SALT = "patients.index.page"
LAST = "last"


def _page_position(value: str, query: search.PatientQuery) -> search.Position:
    """The page asked for: the first, the last, or one a signed link named; a link that was
    changed, or one of another search, is a 400."""
    if not value:
        return search.FIRST_PAGE
    if value == LAST:
        return search.LAST_PAGE
    try:
        direction, key = _page_links().loads(value)
        position = search.Position(search.Direction(direction), tuple(key))
    except (BadSignature, TypeError, ValueError):
        _bad_page_link("This page link is not valid")
    if len(position.key) != query.key_length:
        _bad_page_link("This page link belongs to another search")
    return position


def _page_links() -> URLSafeSerializer:
    """Signs a page's position into its link, so a changed link is told from a real one."""
    return URLSafeSerializer(current_app.secret_key, salt=PAGE_SALT)


def _bad_page_link(problem: str) -> NoReturn:
    explanation = f"{problem}. Start again from the first page of patients."
    abort(make_response(render_error(400, "Page link not valid", explanation)))


def _page_url(position: search.Position | None) -> str:
    args = request.args.to_dict()
    args.pop("page", None)
    if position is search.LAST_PAGE:
        args["page"] = LAST
    elif position is not None:
        args["page"] = _page_links().dumps([position.direction.value, list(position.key)])
    return url_for("patients.index", **args)


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
    adding = request.args.get("add")
    # The timeline's and the pain chart's, each read once.
    notes = patient_notes(patient) if clinical else []
    assessments = services_assessments.assessment_lines(patient) if clinical else []
    prevention = prevention_advice(patient) if clinical else None
    return render_template(
        "patients/show.html",
        patient=patient,
        start_form=StartAssessmentForm(),
        # Prevention advice comes from the latest finalised assessment: none without one.
        has_finalised=prevention is not None,
        timeline=services.patient_timeline(
            patient, clinical=clinical, notes=notes, assessments=assessments
        ),
        # The add forms (a flag's 68 regions, a consent's choices) are written only when asked
        # for (?add=, which forms.js fetches in place) or when a post of one needs its messages.
        flag_form=flag_form or (FlagForm(prefix="flag") if adding == "flag" else None),
        consent_form=consent_form
        or (ConsentForm(prefix="consent") if adding == "consent" else None),
        withdraw_form=WithdrawConsentForm(prefix="withdraw"),
        confirm_form=ConfirmActionForm(prefix="confirm"),
        withheld=prevention.withheld if prevention else (),
        # Pain, PSFS and their change since the baseline (section 9).
        outcomes=outcome_services.patient_outcomes(patient, notes, assessments) if clinical else (),
        letters=letter_services.patient_letters(patient) if may("letters.new") else (),
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
    services_assessments.record_export(
        services_assessments.patient_assessments(patient), current_user
    )
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
